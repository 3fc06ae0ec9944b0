import type { Locale } from './define';

/** What a marketer reads about one config field, in one language. */
export interface FieldText {
  title: string;
  description?: string;
  /** Names of an enum's values, e.g. { sms: '短信' }; a value without one is shown as written. */
  enum?: Record<string, string>;
}

/** The texts of a config field in every language, and its role where the designer needs one. */
export type FieldSpec = Record<Locale, FieldText> & {
  /**
   * A condition field that sees these facts only, in this order (the first is the one a new rule
   * starts with). A trigger's or a wait's filter is checked against the event alone, so customer
   * data would never match there. Absent: every fact of the catalog.
   */
  facts?: readonly string[];
};

/** The JSON Schema keyword holding a field's texts per language (the designer and problem words read it). */
export const fieldTextsKey = 'x-i18n';
/** The JSON Schema keyword holding the facts a condition field may read. */
export const fieldFactsKey = 'x-facts';

/**
 * A config field's texts in both languages, written where the field is defined:
 * `z.string().meta(field({ en: { title: 'Queue' }, 'zh-CN': { title: '任务队列' } }))`. The zod
 * schema stays the single source: the texts travel in its meta and so in the JSON Schema the API
 * serves. The English title and description are also JSON Schema's own `title` / `description`,
 * which document the API.
 */
export function field(spec: FieldSpec): Record<string, unknown> {
  const { en, 'zh-CN': zh, facts } = spec;
  return {
    title: en.title,
    ...(en.description !== undefined ? { description: en.description } : {}),
    [fieldTextsKey]: { 'zh-CN': zh, en },
    ...(facts ? { [fieldFactsKey]: [...facts] } : {}),
  };
}

/** The texts of a JSON Schema property in `locale`, when it declares them. */
export function fieldTextOf(property: unknown, locale: Locale): FieldText | undefined {
  if (typeof property !== 'object' || property === null) return undefined;
  const texts = (property as Record<string, unknown>)[fieldTextsKey];
  if (typeof texts !== 'object' || texts === null) return undefined;
  const text = (texts as Partial<Record<Locale, FieldText>>)[locale];
  return text && typeof text.title === 'string' ? text : undefined;
}
