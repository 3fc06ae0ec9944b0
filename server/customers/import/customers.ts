import { birthdayCalendars, consentChannels, isBirthday, isLunarBirthday, isTimeZone, type ConsentChannel } from '../../../engine/index';
import type { ConsentChange } from '../consent';
import { profileFields, type Customers, type ImportedCustomer, type ProfileField } from '../customers';
import type { RowReader } from './cells';
import type { ImportKind } from './csv-import';

/** The consent columns: `sms_subscribed`, `email_subscribed`. */
const consentColumn = (channel: ConsentChannel) => `${channel}_subscribed`;
const yes = new Set(['true', '1', 'yes', 'y', '是']);
const no = new Set(['false', '0', 'no', 'n', '否']);

/**
 * `customer_id,name,phone,email,birthday,birthday_calendar,timezone,region,updated_at,sms_subscribed,email_subscribed`
 * (docs/import.md); `birthday_calendar` is `solar` (公历) or `lunar` (农历) and goes to the attribute
 * `birthdayCalendar`. A row counts as of its `updated_at` (when the shop's system last changed it),
 * else as of the import: a field an event set later keeps the event's value. A consent column
 * changes a customer's subscription only where its cell says true or false: a file without it, or
 * an empty cell, never resubscribes someone who unsubscribed (by a 退订 reply or otherwise), and a
 * change made after the row's time is kept.
 */
export function customersImport(customers: Customers): ImportKind<ImportedCustomer> {
  return {
    kind: 'customers',
    idColumn: 'customer_id',
    required: ['customer_id'],
    known: ['customer_id', ...profileFields, 'birthday_calendar', 'updated_at', ...consentChannels.map(consentColumn)],
    read(r, attributes) {
      const id = r.required('customer_id');
      const name = r.optional('name');
      const phone =
        r.optional('phone', 50) === null
          ? null
          : r.check(
              'phone',
              (v) => /^\+?[0-9 ()-]{3,50}$/.test(v) && /\d{3}/.test(v.replace(/\D/g, '')),
              'is not a phone number (digits, spaces, +, - and parentheses)',
            );
      const email =
        r.optional('email', 320) === null ? null : r.check('email', (v) => /^[^\s@]+@[^\s@]+$/.test(v), 'is not an email address such as name@example.com');
      const calendar = r.check('birthday_calendar', (v) => (birthdayCalendars as readonly string[]).includes(v), 'is not solar or lunar');
      // A 农历 birthday may be a day no Gregorian month has (二月三十).
      const birthday = r.check('birthday', calendar === 'lunar' ? isLunarBirthday : isBirthday, 'is not a date as YYYY-MM-DD (or MM-DD)');
      const timezone = r.check('timezone', isTimeZone, 'is not an IANA time zone such as Asia/Shanghai');
      const region = r.optional('region');
      const updatedAt = r.dateTime('updated_at', false);
      const subscribed = Object.fromEntries(consentChannels.flatMap((c) => subscribedCell(r, c)));
      if (r.problems.length > 0) return undefined;
      const withCalendar = calendar === null ? attributes : { ...attributes, birthdayCalendar: calendar };
      return { id: id!, name, phone, email, birthday, timezone, region, attributes: withCalendar, setAt: updatedAt ?? r.startedAt.toISOString(), subscribed };
    },
    id: (c) => c.id,
    async store(rows, present) {
      const stored = await customers.upsertImported(
        rows,
        new Set([...present].filter((c): c is ProfileField => (profileFields as readonly string[]).includes(c))),
      );
      const consent = consentChanges(rows);
      if (consent.length > 0) await customers.changeSubscriptions(consent);
      return stored;
    },
  };
}

function subscribedCell(r: RowReader, channel: ConsentChannel): [ConsentChannel, boolean][] {
  const column = consentColumn(channel);
  const v = r.check(column, (cell) => yes.has(cell.toLowerCase()) || no.has(cell.toLowerCase()), 'must be true or false (or empty to leave it as it is)');
  return v === null ? [] : [[channel, yes.has(v.toLowerCase())]];
}

/** The batch's consent cells as changes, one per channel, state and time (usually a handful). */
function consentChanges(rows: readonly ImportedCustomer[]): ConsentChange[] {
  const changes = new Map<string, ConsentChange & { customerIds: string[] }>();
  for (const row of rows) {
    for (const channel of consentChannels) {
      const value = row.subscribed?.[channel];
      if (value === undefined) continue;
      const state = value ? 'subscribed' : 'unsubscribed';
      const key = `${channel}\u0000${state}\u0000${row.setAt}`;
      const change = changes.get(key) ?? changes.set(key, { customerIds: [], channel, state, via: 'import', at: new Date(row.setAt) }).get(key)!;
      change.customerIds.push(row.id);
    }
  }
  return [...changes.values()];
}
