import { z } from 'zod';
import { endpoint } from './endpoint';

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** asOf as the KPI board takes it: a date (end of that day in the shop's time zone) or an instant with an offset. */
export const asOfSchema = z
  .string()
  .refine(
    (v) =>
      datePattern.test(v)
        ? !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)
        : z.iso.datetime({ offset: true }).safeParse(v).success,
    'must be a date (YYYY-MM-DD) or an ISO 8601 date-time with an offset',
  )
  .optional();

/** `GET /api/kpis` query. */
export const kpiQuerySchema = z.object({
  asOf: asOfSchema,
  periodDays: z.coerce.number().int('must be a whole number of days').min(1).max(365).default(30),
});

export const repurchaseWindows = ['within45', 'd45to90', 'd90to140', 'over140'] as const;

const ratio = z.number().min(0).max(1).nullable();
const windowsRecord = <T extends z.ZodType>(v: T) => z.object({ within45: v, d45to90: v, d90to140: v, over140: v });

export const kpiTrendPointSchema = z.object({
  month: z.string(),
  asOf: z.string(),
  rollingCustomers: z.number().int(),
  returningRatio: ratio,
  aov: z.number().nullable(),
  buyers: z.number().int(),
});

/** The KPI board (docs/kpis.md defines each figure). */
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
    trend: z.array(kpiTrendPointSchema),
  })
  .meta({ id: 'Kpis' });

export const getKpis = endpoint({
  method: 'GET',
  path: '/api/kpis',
  access: 'analyst',
  summary: 'The KPI board',
  description: 'The KPI board as of asOf (a date: the end of that day in the shop time zone; or an instant; default now). docs/kpis.md defines each figure.',
  query: kpiQuerySchema,
  invalid: 'invalid_query',
  response: kpisResponseSchema,
});

export const kpiEndpoints = [getKpis] as const;
