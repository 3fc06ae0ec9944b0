import { z } from 'zod';
import { cappableBuiltinChannels } from '../channels/builtin';
import { durationSchema } from '../journey/duration';
import { quietDaysChoices } from './quiet-hours';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day HH:mm, e.g. 21:00');

/** The channels a frequency cap may count: the built-in ones the channel registry marks cappable. */
export const messageChannels = cappableBuiltinChannels;

export const frequencyCapSchema = z.object({
  channel: z.enum(messageChannels).meta({ title: 'Channel' }),
  /** At most this many marketing messages … */
  max: z.number().int().min(1, 'must be at least 1').meta({ title: 'At most' }),
  /** … to one customer within this period, across all journeys. */
  within: durationSchema.meta({ title: 'Within (ISO 8601)', examples: ['P1D', 'P7D'] }),
});
export type FrequencyCap = z.infer<typeof frequencyCapSchema>;

/**
 * How a shop protects its customers from too many or badly timed marketing messages. Both are
 * off until the shop sets them; transactional messages (payment reminders the customer expects,
 * shipping notices) are never held or capped.
 */
export const messagingSettingsSchema = z.object({
  /** No marketing message between `from` and `to` in the customer's time zone (the shop's if unknown). */
  quietHours: z
    .object({
      from: clock.default('21:00'),
      to: clock.default('09:00'),
      /** `hold`: send when the quiet hours end; `skip`: do not send. */
      mode: z.enum(['hold', 'skip']).default('hold'),
      /**
       * Whole days without marketing, by the official calendar (调休 included): `none`, official
       * `holidays` (春节, 国庆 …), or every day `off` (weekends and holidays). Default `none`: a shop
       * usually sells hardest on holidays, and quiet hours alone keep the nights quiet. Absent
       * (settings saved before it) is `none`.
       */
      days: z.enum(quietDaysChoices).optional(),
    })
    .nullable()
    .default(null),
  frequencyCaps: z.array(frequencyCapSchema).default([]),
  /**
   * Seconds a marketing message waits before delivery on a channel with a frequency cap, so that a
   * message of a higher-priority journey that fires within them still takes the one place,
   * whichever fired first. 0 turns the wait off (the first to be delivered then keeps its place).
   */
  arbitrationSeconds: z
    .number()
    .int()
    .min(0, 'must be 0 (off) or more')
    .max(3600, 'must be at most 3600 (an hour)')
    .default(60)
    .meta({ title: 'Priority arbitration (seconds)' }),
});
export type MessagingSettings = z.infer<typeof messagingSettingsSchema>;
