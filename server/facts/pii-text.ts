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

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const wordChar = /[A-Za-z0-9]/;

/**
 * Finds personal data in free text — a rendered SMS, a subject, a task note, an attribute, a log
 * line — and masks it: the known contact values of the customers concerned (their name, phone and
 * email, also HTML-escaped as an email body carries them), and any phone- or email-shaped text,
 * whoever it belongs to. Built once per response; `mask` is then cheap per string.
 */
export class PiiText {
  /** Whole values (a `name` field), masked even when too short to look for inside text. */
  readonly #exact = new Map<string, string>();
  /** Values looked for inside text, with their masked forms. */
  readonly #inText = new Map<string, string>();
  readonly #pattern: RegExp;

  constructor(customers: readonly KnownContacts[] = []) {
    const know = (value: string | null | undefined, mask: (v: string) => string, minInText: number) => {
      const v = value?.trim();
      if (!v) return;
      for (const form of new Set([v, escapeHtml(v)])) {
        this.#exact.set(form, mask(form));
        // A one-character name would mask that character everywhere; it is masked only as a whole value.
        if ([...form].length >= minInText) this.#inText.set(form, mask(form));
      }
    };
    for (const c of customers) {
      know(c.name, maskName, 2);
      know(c.phone, maskPhone, 5);
      know(c.email, maskEmail, 3);
    }
    const known = [...this.#inText.keys()]
      .sort((a, b) => b.length - a.length)
      .map((v) => {
        // Latin names and numbers match whole words only ("Li" not inside "Lisa"); Chinese has no spaces between words.
        const before = wordChar.test(v[0]!) ? '(?<![A-Za-z0-9])' : '';
        const after = wordChar.test(v.at(-1)!) ? '(?![A-Za-z0-9])' : '';
        return `${before}${escapeRegExp(v)}${after}`;
      });
    const alternatives = [...(known.length > 0 ? [`(?<known>${known.join('|')})`] : []), `(?<phone>${phoneShape})`, `(?<email>${emailShape})`];
    this.#pattern = new RegExp(alternatives.join('|'), 'gu');
  }

  mask(text: string): string {
    const whole = this.#exact.get(text.trim());
    if (whole !== undefined) return whole;
    return text.replace(this.#pattern, (...args: unknown[]) => {
      const match = args[0] as string;
      const groups = args.at(-1) as { known?: string; phone?: string; email?: string };
      if (groups.known !== undefined) return this.#inText.get(groups.known) ?? maskName(groups.known);
      if (groups.phone !== undefined) return maskPhone(groups.phone);
      return maskEmail(match);
    });
  }
}
