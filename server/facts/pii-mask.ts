import type { Role } from '../http/api-tokens';
import { seesPii } from './pii';
import { PiiText, type KnownContacts } from './pii-text';

export interface PiiMaskOptions {
  /** The customers the value concerns: their own name, phone and email are masked wherever they occur. */
  customers?: readonly KnownContacts[];
  /** Who will see the value; admin sees it whole. */
  role: Role | undefined;
  /**
   * Keep identifiers (`id`, `customerId`, `idempotencyKey`, …) as they are, so a masked answer still
   * links to the records it shows. Logs mask them too.
   */
  keepIdentifiers?: boolean;
}

/** `id`, `customerId`, `workflowIds`, `idempotencyKey`: names of fields that hold identifiers, not contacts. */
const identifierKey = /^id$|Ids?$|Key$/;

/**
 * The one masking function: walks any JSON value (strings inside objects and arrays, at any depth)
 * and masks personal data in every string for a role that may not see contacts — the given
 * customers' names, phones and emails wherever they occur (a rendered SMS, a subject, a task
 * note, an attribute copied from `{{customer.phone}}`), and any phone- or email-shaped text.
 * Returns a new value; the input is never changed (it may be a shared constant).
 */
export function maskPii<T>(value: T, options: PiiMaskOptions): T {
  if (seesPii(options.role)) return value;
  return maskWith(value, new PiiText(options.customers), options.keepIdentifiers ?? true);
}

/** The walk itself, for callers that keep one PiiText (the logger). */
export function maskWith<T>(value: T, text: PiiText, keepIdentifiers: boolean): T {
  const walk = (v: unknown, key: string | undefined): unknown => {
    if (typeof v === 'string') return keepIdentifiers && key !== undefined && identifierKey.test(key) ? v : text.mask(v);
    if (Array.isArray(v)) return v.map((item) => walk(item, key));
    if (v instanceof Error) return walk({ type: v.name, message: v.message, ...(v.stack ? { stack: v.stack } : {}) }, key);
    if (!isPlainObject(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(v)) out[k] = walk(item, k);
    return out;
  };
  return walk(value, undefined) as T;
}

/** Objects built as data ({} or JSON); a Date or a class instance serializes itself and is left alone. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}
