import { randomUUID } from 'node:crypto';
import { tagRuleSchema, withRuleIds, type TagRule } from '../../engine/index';
import type { SettingsActor } from './settings-changes';
import { InvalidSettingsError, type SettingsStore } from './settings-store';

/** A rule's problems, with their path inside the rule (['minSpend']) rather than inside the settings. */
export class InvalidTagRuleError extends Error {
  constructor(readonly issues: { issue: InvalidSettingsError['issues'][number]; path: (string | number)[] }[]) {
    super('invalid tag rule');
  }
}
export class TagRuleNotFoundError extends Error {}
export class DuplicateTagRuleIdError extends Error {}

/**
 * The tag rules of the shop settings, by id. Every write goes through SettingsStore.putShop — the
 * one path settings are written and validated by (PUT /api/settings) — with the whole rule list:
 * rules stored before ids existed get theirs (withRuleIds) on the first write, so the ids the
 * list showed stay theirs.
 */
export class TagRuleStore {
  constructor(private readonly settings: SettingsStore) {}

  /** Every rule with its id (derived from its content for rules stored without one). */
  async list(): Promise<TagRule[]> {
    return withRuleIds((await this.settings.shop()).tagRules);
  }

  /** Checks a rule as the settings would, without storing it (the preview's). */
  check(input: unknown): TagRule {
    const parsed = tagRuleSchema.safeParse(input);
    if (!parsed.success) throw new InvalidTagRuleError(parsed.error.issues.map((issue) => ({ issue, path: issue.path as (string | number)[] })));
    return parsed.data;
  }

  async create(input: unknown, actor: SettingsActor): Promise<TagRule> {
    const given = isObject(input) ? input : {};
    return this.write((rules) => {
      if (typeof given.id === 'string' && rules.some((r) => r.id === given.id)) throw new DuplicateTagRuleIdError(given.id);
      const id = typeof given.id === 'string' && given.id ? given.id : `tr-${randomUUID().slice(0, 8)}`;
      return { rules: [...rules, { ...given, id }], at: rules.length };
    }, actor);
  }

  async update(id: string, input: unknown, actor: SettingsActor): Promise<TagRule> {
    return this.write((rules) => {
      const at = rules.findIndex((r) => r.id === id);
      if (at < 0) throw new TagRuleNotFoundError(id);
      // The id is the address's; a body's own id is ignored.
      const next: unknown[] = [...rules];
      next[at] = { ...(isObject(input) ? input : {}), id };
      return { rules: next, at };
    }, actor);
  }

  async remove(id: string, actor: SettingsActor): Promise<void> {
    await this.write((rules) => {
      if (!rules.some((r) => r.id === id)) throw new TagRuleNotFoundError(id);
      return { rules: rules.filter((r) => r.id !== id), at: -1 };
    }, actor);
  }

  /**
   * Edits the stored rule list through the settings (SettingsStore.updateShop): `edit` gets the
   * rules as stored at the moment of the write, under the settings' write lock, so rules saved at
   * the same moment by two marketers are both kept. Recorded in the settings' change log as
   * `actor`'s; problems of the rule at `at` come back by its own fields. Returns the rule at `at`.
   */
  private async write(edit: (rules: TagRule[]) => { rules: unknown[]; at: number }, actor: SettingsActor): Promise<TagRule> {
    let at = -1;
    try {
      const { settings } = await this.settings.updateShop((current) => {
        const edited = edit(withRuleIds(current.tagRules));
        at = edited.at;
        return { ...current, tagRules: edited.rules };
      }, actor);
      return settings.tagRules[at]!;
    } catch (e) {
      if (!(e instanceof InvalidSettingsError)) throw e;
      throw new InvalidTagRuleError(
        e.issues.map((issue) => {
          const [head, index, ...rest] = issue.path as (string | number)[];
          return { issue, path: head === 'tagRules' && index === at ? rest : (issue.path as (string | number)[]) };
        }),
      );
    }
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
