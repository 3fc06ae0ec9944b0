import { escapeHtml } from '../../engine/templates/render';
import { maskEmail, maskName, maskPhone } from './pii';

/** What the shop knows of one customer's contacts: these values are masked wherever they occur. */
export interface KnownContacts {
  name?: string | null | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
}

/** A Chinese mobile number, bare or with +86/0086/86, possibly grouped 3-4-4 by spaces or dashes. */
const phoneShape = String.raw`(?<!\d)(?:(?:\+|00)?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?!\d)`;
/** An address with an ASCII local part and domain, so the Chinese words around it stay. */
const emailShape = String.raw`(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+`;

const wordChar = /[A-Za-z0-9]/;
const shapes = new RegExp(`(?<phone>${phoneShape})|(?<email>${emailShape})`, 'gu');
const wholly = (shape: string) => new RegExp(`^(?:${shape})$`, 'u');
/** Known values the shapes find anyway need no lookup of their own. */
const shaped = { phone: wholly(phoneShape), email: wholly(emailShape) };

/** The UTF-16 units at i and i+1 as one number: a lookup key without a string per position. */
const startKey = (s: string, i: number) => s.charCodeAt(i) * 0x10000 + s.charCodeAt(i + 1);

interface Known {
  value: string;
  masked: string;
  /** Latin names and numbers match whole words only ("Li" not inside "Lisa"); Chinese has no spaces between words. */
  wordStart: boolean;
  wordEnd: boolean;
}

/**
 * Finds personal data in free text — a rendered SMS, a subject, a task note, an attribute, a log
 * line — and masks it: the known contact values of the customers concerned (their name, phone and
 * email, also HTML-escaped as an email body carries them), and any phone- or email-shaped text,
 * whoever it belongs to. Built once per answer; `mask` is then cheap per string: known values are
 * looked up by their first two characters at each position (an answer may concern 1000
 * customers, too many for one regular expression), then one expression finds the shapes.
 */
export class PiiText {
  /** Whole values (a `name` field), masked even when too short to look for inside text. */
  readonly #exact = new Map<string, string>();
  /** Values looked for inside text, by their first two UTF-16 units, longest first. */
  readonly #byStart = new Map<number, Known[]>();
  readonly #inText = new Set<string>();

  constructor(customers: readonly KnownContacts[] = []) {
    const know = (value: string | null | undefined, mask: (v: string) => string, minInText: number, shape?: RegExp) => {
      const v = value?.trim();
      if (!v) return;
      for (const form of new Set([v, escapeHtml(v)])) {
        const masked = mask(form);
        this.#exact.set(form, masked);
        // A one-character name would mask that character everywhere; it is masked only as a whole value.
        if ([...form].length < minInText || this.#inText.has(form) || shape?.test(form)) continue;
        this.#inText.add(form);
        const key = startKey(form, 0);
        const list = this.#byStart.get(key) ?? [];
        list.push({ value: form, masked, wordStart: wordChar.test(form[0]!), wordEnd: wordChar.test(form.at(-1)!) });
        this.#byStart.set(key, list);
      }
    };
    for (const c of customers) {
      know(c.name, maskName, 2);
      know(c.phone, maskPhone, 5, shaped.phone);
      know(c.email, maskEmail, 3, shaped.email);
    }
    for (const list of this.#byStart.values()) list.sort((a, b) => b.value.length - a.value.length);
  }

  mask(text: string): string {
    const whole = this.#exact.get(text.trim());
    if (whole !== undefined) return whole;
    return this.#maskKnown(text).replace(shapes, (match, ...rest: unknown[]) => {
      const groups = rest.at(-1) as { phone?: string };
      return groups.phone !== undefined ? maskPhone(groups.phone) : maskEmail(match);
    });
  }

  #maskKnown(text: string): string {
    if (this.#byStart.size === 0) return text;
    let out = '';
    let copied = 0;
    for (let i = 0; i < text.length - 1; ) {
      const hit = this.#byStart
        .get(startKey(text, i))
        ?.find(
          (k) =>
            text.startsWith(k.value, i) && !(k.wordStart && wordChar.test(text[i - 1] ?? '')) && !(k.wordEnd && wordChar.test(text[i + k.value.length] ?? '')),
        );
      if (!hit) {
        i++;
        continue;
      }
      out += text.slice(copied, i) + hit.masked;
      i += hit.value.length;
      copied = i;
    }
    return copied === 0 ? text : out + text.slice(copied);
  }
}
