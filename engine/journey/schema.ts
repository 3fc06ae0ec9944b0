import { z } from 'zod';
import { topLevelConditionSchema } from '../rules/conditions';
import { isValidTimeZone } from '../facts/dates';
import { durationSchema } from './duration';

/** The current journey document format. Each bump comes with a migration and its test. */
export const JOURNEY_SCHEMA_VERSION = 1;

const idSchema = z
  .string()
  .min(1, 'is required')
  .max(100, 'must be at most 100 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'may use only letters, digits, "-" and "_"');

export const journeyStatusSchema = z.enum(['draft', 'live', 'paused', 'stopped']);

export const journeyNodeSchema = z.object({
  id: idSchema,
  /** Names a node definition in the registry, e.g. `wait` or `message.send`. */
  type: z.string().min(1, 'is required'),
  /** Validated against the node definition's own config schema. */
  config: z.record(z.string(), z.unknown()).default({}),
  /**
   * The node type's version, stamped at publish: a published journey keeps running the version it
   * was published with. Drafts leave it out (they use the latest); a published document without
   * it predates versions and means version 1.
   */
  typeVersion: z.number().int().min(1).optional(),
  /** The action's activity options, stamped at publish from its definition (plugins declare them). */
  activity: z
    .object({
      startToCloseTimeoutMs: z.number().positive(),
      retry: z.object({
        maximumAttempts: z.number().int().min(1),
        initialIntervalMs: z.number().positive(),
        backoffCoefficient: z.number().min(1),
        maximumIntervalMs: z.number().positive(),
        nonRetryableErrorTypes: z.array(z.string()).optional(),
      }),
    })
    .optional(),
});

export const journeyEdgeSchema = z.object({
  from: idSchema,
  /** The output port of `from`, e.g. `next`, `yes`, `no`, `event`, `timeout`. */
  port: z.string().min(1, 'is required'),
  to: idSchema,
});

export const journeySettingsSchema = z
  .object({
    /** The shop's time zone; times in the journey are read in it unless the customer has one. */
    // Every wall-clock wait reads it; a zone Intl does not know would fail each one at run time.
    timezone: z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Shanghai').meta({ format: 'time-zone' }).default('Asia/Shanghai'),
    /**
     * Whether a customer may enter again after finishing: `never` (one enrolment per entry key, the
     * default) or `after-exit` (a new enrolment once the previous one has ended).
     */
    reEntry: z.enum(['never', 'after-exit', 'cooldown']).default('never'),
    /** With `cooldown`: how long after the previous enrolment ended a customer may enter again. */
    reEntryCooldown: durationSchema.optional(),
    /**
     * At most `max` marketing messages from this journey per `per`, across its customers (a
     * broadcast to 100 000 customers goes out at the pace the shop's gateway and staff can take);
     * messages beyond go out in the next window.
     */
    sendRate: z.object({ max: z.number().int().min(1, 'must be at least 1'), per: durationSchema.default('PT1M') }).optional(),
    /** When a frequency cap bites, the message of the journey with the higher priority goes (1–10). */
    priority: z.number().int().min(1).max(10).default(5),
    /**
     * Time-critical: the journey's customers run in the urgent lane (its own task queue and worker),
     * never behind a broadcast's. Journeys started by a customer's own event are urgent already
     * (engine/journey/lane.ts); this marks any other one so.
     */
    urgent: z.boolean().optional(),
    /**
     * Events that take a customer out of the journey at once, wherever they are (checked on every
     * event, not only at the end of a wait): e.g. `order.paid` for a payment reminder.
     */
    exitWhen: z
      .array(
        z.object({
          eventType: z.string().min(1, 'choose an event'),
          /** Only an event about the order that enrolled the customer counts. */
          sameOrder: z.boolean().default(false),
          condition: topLevelConditionSchema.optional(),
        }),
      )
      .default([]),
    /**
     * The journey's conversion goal: the event counts as a conversion when it happens within
     * `within` of a message the journey sent, and is attributed to the last such message.
     */
    goal: z
      .object({
        eventType: z.string().min(1, 'choose an event'),
        within: durationSchema.default('P7D'),
        condition: topLevelConditionSchema.optional(),
      })
      .optional(),
  })
  .refine((s) => s.reEntry !== 'cooldown' || s.reEntryCooldown !== undefined, {
    message: 'give the cool-down (reEntryCooldown) when re-entry is "cooldown"',
    path: ['reEntryCooldown'],
  });

export const journeyLayoutSchema = z.object({
  positions: z.record(z.string(), z.object({ x: z.number(), y: z.number() })).default({}),
});

export const journeySchema = z.object({
  schemaVersion: z.literal(JOURNEY_SCHEMA_VERSION).default(JOURNEY_SCHEMA_VERSION),
  id: idSchema,
  name: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  description: z.string().max(2000).optional(),
  status: journeyStatusSchema.default('draft'),
  /** The published version this document was taken from; 0 while never published. */
  version: z.number().int().min(0).default(0),
  nodes: z.array(journeyNodeSchema),
  edges: z.array(journeyEdgeSchema).default([]),
  settings: journeySettingsSchema.prefault({}),
  /** The designer's business; ignored by execution. */
  layout: journeyLayoutSchema.default({ positions: {} }),
});

export type Journey = z.infer<typeof journeySchema>;
export type JourneyInput = z.input<typeof journeySchema>;
export type JourneyNode = z.infer<typeof journeyNodeSchema>;
export type JourneyEdge = z.infer<typeof journeyEdgeSchema>;
export type JourneyStatus = z.infer<typeof journeyStatusSchema>;

/** A published, immutable version of a journey: what a running customer executes. */
export interface PublishedJourney {
  journey: Journey;
  version: number;
  publishedAt: string;
}
