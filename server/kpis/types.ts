import { z } from 'zod';
import { lifecycleStages, tierIds } from '../../engine/index';

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** `GET /api/kpis` query: asOf is a date (end of that day in the shop's time zone) or an instant with an offset. */
export const kpiQuerySchema = z.object({
  asOf: z
    .string()
    .refine(
      (v) => (datePattern.test(v) ? !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v) : z.iso.datetime({ offset: true }).safeParse(v).success),
      'must be a date (YYYY-MM-DD) or an ISO 8601 date-time with an offset',
    )
    .optional(),
  periodDays: z.coerce.number().int('must be a whole number of days').min(1).max(365).default(30),
});
export type KpiQuery = z.infer<typeof kpiQuerySchema>;

export const repurchaseWindows = ['within45', 'd45to90', 'd90to140', 'over140'] as const;
export type RepurchaseWindow = (typeof repurchaseWindows)[number];

export interface TrendPointResult {
  /** Local calendar month, `YYYY-MM`. */
  month: string;
  /** The moment measured: the month's end, or asOf in asOf's own month. */
  asOf: string;
  rollingCustomers: number;
  returningRatio: number | null;
  aov: number | null;
  /** Customers with a counted order in the month (up to the point's moment). */
  buyers: number;
}

export interface Kpis {
  asOf: string;
  /** asOf's calendar date in the shop's time zone. */
  asOfDate: string;
  timezone: string;
  rollingCustomers: number;
  returningRatio: number | null;
  /** Per lifecycle window at the start of the period: the share who bought in the period (null: nobody in the window). */
  repurchaseRate: Record<RepurchaseWindow, number | null>;
  /** The counts behind each rate. */
  repurchaseCounts: Record<RepurchaseWindow, { customers: number; repurchased: number }>;
  period: { days: number; start: string };
  /** The shop's lifecycle windows in days, the boundaries of the repurchase windows and stages. */
  windows: { activeDays: number; silentDays: number; sleepingDays: number };
  aov: number | null;
  distributions: {
    stage: Record<(typeof lifecycleStages)[number], number>;
    tier: Record<(typeof tierIds)[number], number> & Record<string, number>;
    rfm: Record<string, number>;
    /** When the customer_facts snapshot the RFM segments come from was computed; null when there is none. */
    snapshotAsOf: string | null;
  };
  trend: TrendPointResult[];
}

const ratio = z.number().min(0).max(1).nullable();
const windowsRecord = <T extends z.ZodType>(v: T) => z.object({ within45: v, d45to90: v, d90to140: v, over140: v });

/** The answer's shape, for the OpenAPI document (docs/kpis.md defines each figure). */
export const kpisResponseSchema = z
  .object({
    asOf: z.string(),
    asOfDate: z.string(),
    timezone: z.string(),
    rollingCustomers: z.number().int(),
    returningRatio: ratio,
    repurchaseRate: windowsRecord(ratio),
    repurchaseCounts: windowsRecord(z.object({ customers: z.number().int(), repurchased: z.number().int() })),
    period: z.object({ days: z.number().int(), start: z.string() }),
    windows: z.object({ activeDays: z.number().int(), silentDays: z.number().int(), sleepingDays: z.number().int() }),
    aov: z.number().nullable(),
    distributions: z.object({
      stage: z.record(z.string(), z.number().int()),
      tier: z.record(z.string(), z.number().int()),
      rfm: z.record(z.string(), z.number().int()),
      snapshotAsOf: z.string().nullable(),
    }),
    trend: z.array(z.object({ month: z.string(), asOf: z.string(), rollingCustomers: z.number().int(), returningRatio: ratio, aov: z.number().nullable(), buyers: z.number().int() })),
  })
  .meta({ id: 'Kpis' });
