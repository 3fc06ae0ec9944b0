import type { z } from 'zod';
import type { simulateBodySchema } from '../../../contract/simulate';
import { isValidTimeZone, ownZoneOr } from '../../../engine/facts/dates';
import type { Journey } from '../../../engine/journey/schema';
import { fromLocal, parseLocalDateTime } from '../../../engine/time/zoned';

/**
 * The simulate panel's form, turned into the body of `POST /api/simulate` (docs/api.md). Pure, so
 * what the marketer typed is checked here with errors naming the field, before the server is asked.
 */

/** A made-up customer as the panel edits it: strings, as the inputs hold them. */
export interface CustomerDraft {
  id: string;
  name: string;
  phone: string;
  email: string;
  timezone: string;
  /** `YYYY-MM-DD` or empty. */
  birthday: string;
  orderCount: string;
  totalSpend: string;
  /** Comma-separated. */
  tags: string;
  stage: string;
  tier: string;
}

/** One event on the timeline: its type, when after the start (`+2h`), and its data as JSON text. */
export interface EventDraft {
  key: number;
  type: string;
  offset: string;
  data: string;
}

export type CustomerChoice = { kind: 'made-up'; draft: CustomerDraft } | { kind: 'real'; id: string; timezone: string | null };

/** The body of `POST /api/simulate` as the contract takes it (contract/simulate.ts); the panel always gives the start. */
export type SimulationRequest = z.input<typeof simulateBodySchema> & { from: string };

/** A mistake in the form: the field it is in (as the API names fields) and why. */
export interface FieldError {
  path: string;
  message: string;
}

const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };

/**
 * `+2h`, `+1d 2h`, `+25m`, `90s`, `+0`: a time after the start, in ms; null when it is not one.
 * Days, hours, minutes and seconds, each at most once and in that order, as people write them.
 */
export function parseOffset(text: string): number | null {
  const s = text.trim().replace(/^\+/, '').replace(/\s+/g, '').toLowerCase();
  if (s === '0') return 0;
  const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(s);
  if (!m || s === '') return null;
  return (['d', 'h', 'm', 's'] as const).reduce((sum, unit, i) => sum + Number(m[i + 1] ?? 0) * UNIT_MS[unit]!, 0);
}

/** The zone the simulation's times are shown in: the customer's own, else the journey's (as the engine runs it). */
export function displayZone(choice: CustomerChoice, journey: Pick<Journey, 'settings'>): string {
  const own = choice.kind === 'real' ? choice.timezone : choice.draft.timezone.trim();
  return ownZoneOr(own, journey.settings.timezone);
}

/** Builds the request body, or the list of what is wrong, each naming its field. */
export function buildRequest(
  journey: Journey,
  choice: CustomerChoice,
  events: readonly EventDraft[],
  start: string,
): { request: SimulationRequest } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const zone = displayZone(choice, journey);
  const local = parseLocalDateTime(start);
  if (!local) errors.push({ path: 'from', message: 'give the start as a date and time' });

  let customer: SimulationRequest['customer'] = '';
  if (choice.kind === 'real') {
    if (!choice.id.trim()) errors.push({ path: 'customer', message: 'choose a customer' });
    customer = choice.id.trim();
  } else {
    customer = madeUpCustomer(choice.draft, errors);
  }

  if (events.length === 0) errors.push({ path: 'events', message: 'add at least the event that enrols the customer' });
  const from = local ? fromLocal(local, zone) : 0;
  const out: SimulationRequest['events'] = [];
  events.forEach((e, i) => {
    const type = e.type.trim();
    if (!type) errors.push({ path: `events[${i}].type`, message: 'is required' });
    const offset = parseOffset(e.offset);
    if (offset === null) errors.push({ path: `events[${i}].offset`, message: `"${e.offset}" is not a time after the start such as +0, +30m, +2h or +1d 2h` });
    let data: Record<string, unknown> = {};
    if (e.data.trim() !== '') {
      try {
        const parsed: unknown = JSON.parse(e.data);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
        data = parsed as Record<string, unknown>;
      } catch {
        errors.push({ path: `events[${i}].data`, message: 'must be a JSON object such as {"orderId": "A1001", "amount": 199}' });
      }
    }
    out.push({ at: new Date(from + (offset ?? 0)).toISOString(), type, data });
  });

  if (errors.length > 0) return { errors };
  return { request: { journey, customer, events: out, from: new Date(from).toISOString() } };
}

function madeUpCustomer(d: CustomerDraft, errors: FieldError[]): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  const number = (field: 'orderCount' | 'totalSpend') => {
    const text = d[field].trim();
    if (text === '') return;
    const n = Number(text);
    if (!Number.isFinite(n) || n < 0) errors.push({ path: `customer.facts.${field}`, message: 'must be a number, 0 or more' });
    else facts[field] = n;
  };
  number('orderCount');
  number('totalSpend');
  const tags = d.tags
    .split(/[,，]/)
    .map((t) => t.trim())
    .filter(Boolean);
  if (tags.length > 0) facts.tags = tags;
  if (d.stage) facts.lifecycleStage = d.stage;
  if (d.tier) facts.tier = d.tier;

  const customer: Record<string, unknown> = { id: d.id.trim() || 'simulated-customer', facts };
  if (d.name.trim()) customer.name = d.name.trim();
  if (d.phone.trim()) customer.phone = d.phone.trim();
  if (d.email.trim()) customer.email = d.email.trim();
  const zone = d.timezone.trim();
  if (zone && !isValidTimeZone(zone)) errors.push({ path: 'customer.timezone', message: `"${zone}" is not an IANA time zone such as Asia/Shanghai` });
  else if (zone) customer.timezone = zone;
  if (d.birthday.trim()) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d.birthday.trim())) errors.push({ path: 'customer.birthday', message: 'must be a date YYYY-MM-DD' });
    else customer.birthday = d.birthday.trim();
  }
  return customer;
}

/** `YYYY-MM-DDTHH:mm` of the wall clock in `zone` at `ms`: the start input's default. */
export function localInputValue(ms: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}
