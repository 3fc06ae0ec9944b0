import { birthdayCalendars, isBirthday, isLunarBirthday, isTimeZone } from '../../../engine/index';
import { profileFields, type Customers, type ImportedCustomer, type ProfileField } from '../customers';
import type { ImportKind } from './csv-import';

/**
 * `customer_id,name,phone,email,birthday,birthday_calendar,timezone,region,updated_at` (docs/import.md);
 * `birthday_calendar` is `solar` (公历) or `lunar` (农历) and goes to the attribute `birthdayCalendar`. A row counts
 * as of its `updated_at` (when the shop's system last changed it), else as of the import: a field
 * an event set later keeps the event's value.
 */
export function customersImport(customers: Customers): ImportKind<ImportedCustomer> {
  return {
    kind: 'customers',
    idColumn: 'customer_id',
    required: ['customer_id'],
    known: ['customer_id', ...profileFields, 'birthday_calendar', 'updated_at'],
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
      if (r.problems.length > 0) return undefined;
      const withCalendar = calendar === null ? attributes : { ...attributes, birthdayCalendar: calendar };
      return { id: id!, name, phone, email, birthday, timezone, region, attributes: withCalendar, setAt: updatedAt ?? r.startedAt.toISOString() };
    },
    id: (c) => c.id,
    store: (rows, present) =>
      customers.upsertImported(rows, new Set([...present].filter((c): c is ProfileField => (profileFields as readonly string[]).includes(c)))),
  };
}
