import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { tagRuleProblem } from '../../../engine/index';
import { createTagRule, deleteTagRule, listProductCategories, listProducts, listTagRules, previewTagRule, updateTagRule } from '../../../contract/index';
import { countRules, manualTagCounts, previewRule } from '../../facts/tag-rule-match';
import { DuplicateTagRuleIdError, InvalidTagRuleError, TagRuleNotFoundError, TagRuleStore } from '../../facts/tag-rule-store';
import type { AppContext } from '../context';
import { route } from '../endpoint';
import { requestLocale } from '../locale';

/**
 * Tag rules by id (stored in the shop settings, written through the settings store), their live
 * counts and previews, and the products and categories the rule form picks from. Reading needs any
 * role; writing a rule needs the marketer's (contract/tag-rules.ts).
 */
export function tagRuleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const store = new TagRuleStore(ctx.settings);
  // A changed rule tags its customers now rather than at the 03:00 refresh: segments and journeys read those tags.
  const applyNow = async () => {
    try {
      if (!(await ctx.triggers?.refreshFactsNow())) ctx.log.warn('no facts refresh schedule: the changed tag rule applies at the next refresh');
    } catch (e) {
      ctx.log.warn({ err: (e as Error).message }, 'could not start the facts refresh: the changed tag rule applies at the next refresh');
    }
  };

  route(app, listTagRules, async () => {
    const rules = await store.list();
    const counts = await countRules(ctx.db, rules, new Date());
    return { rules: rules.map((rule, i) => ({ rule, customers: counts[i]! })), manualTags: await manualTagCounts(ctx.db) };
  });

  route(app, createTagRule, async ({ body, request, reply }) =>
    answer(request, reply, async () => {
      const rule = await store.create(body, request.actor);
      ctx.log.info({ id: rule.id, kind: rule.kind, tag: rule.tag }, 'tag rule added');
      await applyNow();
      return { rule };
    }),
  );

  route(app, updateTagRule, async ({ params, body, request, reply }) =>
    answer(request, reply, async () => {
      const rule = await store.update(params.id, body, request.actor);
      ctx.log.info({ id: rule.id, kind: rule.kind, tag: rule.tag }, 'tag rule changed');
      await applyNow();
      return { rule };
    }),
  );

  route(app, deleteTagRule, async ({ params, request, reply }) =>
    answer(request, reply, async () => {
      await store.remove(params.id, request.actor);
      ctx.log.info({ id: params.id }, 'tag rule deleted');
      await applyNow();
      return { deleted: params.id };
    }),
  );

  route(app, previewTagRule, async ({ body, request, reply }) => answer(request, reply, async () => previewRule(ctx.db, store.check(body), new Date())));

  route(app, listProductCategories, async () => {
    const { rows } = await sql<{ category: string; n: number }>`select category, count(*)::int as n from products
      where category is not null and category <> '' group by category order by category collate "C"`.execute(ctx.db);
    return { categories: rows.map((r) => ({ category: r.category, products: r.n })) };
  });

  route(app, listProducts, async ({ query }) => {
    const like = query.search ? `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const { rows } = await sql<{ id: string; name: string | null; category: string | null }>`select id, name, category from products
      ${like ? sql`where id ilike ${like} or name ilike ${like}` : sql``} order by id collate "C" limit ${query.limit}`.execute(ctx.db);
    return { products: rows };
  });
}

/** Runs a write or a preview, answering a bad rule with 400 naming each field in the request's locale, an unknown id with 404. */
async function answer<T>(request: FastifyRequest, reply: FastifyReply, run: () => Promise<T>): Promise<T | FastifyReply> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof InvalidTagRuleError) {
      const locale = requestLocale(request);
      const problems = e.issues.map(({ issue, path }) => tagRuleProblem(issue, path, locale));
      return reply.code(400).send({ error: 'invalid_tag_rule', message: problems.map((p) => p.message).join('; '), problems });
    }
    if (e instanceof TagRuleNotFoundError) return reply.code(404).send({ error: 'not_found', message: `no tag rule has the id "${e.message}"` });
    if (e instanceof DuplicateTagRuleIdError) return reply.code(409).send({ error: 'duplicate_id', message: `another rule has the id "${e.message}"` });
    throw e;
  }
}
