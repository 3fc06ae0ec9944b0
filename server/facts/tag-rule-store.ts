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
    const rules = await this.list();
    const given = isObject(input) ? input : {};
    if (typeof given.id === 'string' && rules.some((r) => r.id === given.id)) throw new DuplicateTagRuleIdError(given.id);
    const id = typeof given.id === 'string' && given.id ? given.id : `tr-${randomUUID().slice(0, 8)}`;
    const stored = await this.write([...rules, { ...given, id }], rules.length, actor);
    return stored[rules.length]!;
  }

  async update(id: string, input: unknown, actor: SettingsActor): Promise<TagRule> {
    const rules = await this.list();
    const at = rules.findIndex((r) => r.id === id);
    if (at < 0) throw new TagRuleNotFoundError(id);
    // The id is the address's; a body's own id is ignored.
    const next: unknown[] = [...rules];
    next[at] = { ...(isObject(input) ? input : {}), id };
    return (await this.write(next, at, actor))[at]!;
  }

  async remove(id: string, actor: SettingsActor): Promise<void> {
    const rules = await this.list();
    if (!rules.some((r) => r.id === id)) throw new TagRuleNotFoundError(id);
    await this.write(
      rules.filter((r) => r.id !== id),
      -1,
      actor,
    );
  }

  /**
   * Stores the rule list through the settings, recorded in the settings' change log as `actor`'s;
   * problems of the rule at `at` come back by its own fields.
   */
  private async write(rules: unknown[], at: number, actor: SettingsActor): Promise<TagRule[]> {
    const current = await this.settings.shop();
    try {
      return (await this.settings.putShop({ ...current, tagRules: rules }, actor)).settings.tagRules;
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
