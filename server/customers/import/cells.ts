import { isTooFarAhead, MAX_AMOUNT, parseDateTimeWithOffset } from '../../../engine/index';

/**
 * Reading one row's cells: each check either gives the value or records a problem naming the
 * column and the reason, so a row reports every bad cell at once.
 */
export interface CellProblem {
  column?: string;
  reason: string;
}

export class RowReader {
  readonly problems: CellProblem[] = [];

  /** `startedAt`: when the import began; date-times are checked against it, and a row without its own time counts as of it. */
  constructor(
    private readonly cells: (column: string) => string | undefined,
    readonly startedAt: Date = new Date(),
  ) {}

  private fail(column: string, reason: string): null {
    this.problems.push({ column, reason });
    return null;
  }

  /** The trimmed cell; '' when empty or when the file has no such column. */
  raw(column: string): string {
    return this.cells(column) ?? '';
  }

  required(column: string, max = 200): string | null {
    const v = this.raw(column);
    if (v === '') return this.fail(column, `${column} is required`);
    return v.length > max ? this.fail(column, `${column} must be at most ${max} characters`) : v;
  }

  optional(column: string, max = 200): string | null {
    const v = this.raw(column);
    if (v === '') return null;
    return v.length > max ? this.fail(column, `${column} must be at most ${max} characters`) : v;
  }

  /** An ISO 8601 date-time with an offset, returned in UTC ISO form. */
  dateTime(column: string, required: boolean): string | null {
    const v = this.raw(column);
    if (v === '') return required ? this.fail(column, `${column} is required`) : null;
    const at = parseDateTimeWithOffset(v);
    if (!at) return this.fail(column, `${column} "${v.slice(0, 40)}" is not an ISO 8601 date-time with an offset, e.g. 2026-11-11T20:00:00+08:00`);
    // A date far ahead is a mistake (2099, a wrong offset): stored, it would never be counted.
    if (isTooFarAhead(at, this.startedAt)) {
      return this.fail(
        column,
        `${column} ${v.slice(0, 40)} is more than a day after the import began (${this.startedAt.toISOString()}); dates must have happened`,
      );
    }
    return at.toISOString();
  }

  /** An amount in yuan, kept as decimal text so no cent is lost to floating point. */
  money(column: string, required: boolean): string | null {
    const v = this.raw(column);
    if (v === '') return required ? this.fail(column, `${column} is required`) : null;
    if (/^-\s*\d/.test(v)) return this.fail(column, `${column} must not be negative (got ${v.slice(0, 20)})`);
    if (!/^\+?(\d+(\.\d*)?|\.\d+)$/.test(v)) return this.fail(column, `${column} "${v.slice(0, 20)}" is not a number such as 128.50`);
    if (Number(v) > MAX_AMOUNT) return this.fail(column, `${column} must be at most ${MAX_AMOUNT}`);
    return v.replace(/^\+/, '');
  }

  /** A `;`-separated list of ids or tags; empty items are dropped, duplicates kept once. */
  list(column: string, maxItem = 200): string[] {
    const v = this.raw(column);
    if (v === '') return [];
    const items = [
      ...new Set(
        v
          .split(';')
          .map((s) => s.trim())
          .filter((s) => s !== ''),
      ),
    ];
    const long = items.find((s) => s.length > maxItem);
    if (long !== undefined) this.fail(column, `${column}: each item must be at most ${maxItem} characters`);
    return items;
  }

  /** A value from a fixed set (compared case-insensitively). */
  oneOf<T extends string>(column: string, allowed: readonly T[]): T | null {
    const v = this.raw(column);
    if (v === '') return this.fail(column, `${column} is required`);
    const found = allowed.find((a) => a === v.toLowerCase());
    return found ?? this.fail(column, `${column} "${v.slice(0, 40)}" is not one of ${allowed.join(', ')}`);
  }

  /** A value a predicate accepts. */
  check(column: string, ok: (v: string) => boolean, reason: string): string | null {
    const v = this.raw(column);
    if (v === '') return null;
    return ok(v) ? v : this.fail(column, `${column} "${v.slice(0, 60)}" ${reason}`);
  }
}
