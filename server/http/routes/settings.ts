import type { FastifyInstance, FastifyReply } from 'fastify';
import { changedPaths, settingsProblems, type Locale } from '../../../engine/index';
import { InvalidSettingsError } from '../../facts/settings-store';
import { listSettingsChanges } from '../../facts/settings-changes';
import { previewFacts } from '../../facts/settings-preview';
import { entriesOnChanges } from '../../journeys/entries-on-changes';
import { getSettings, getSettingsChanges, previewSettings, putSettings } from '../../../contract/index';
import type { AppContext } from '../context';
import { route } from '../endpoint';
import { requestLocale } from '../locale';

/** The 400 answer of bad settings (PUT and preview alike). */
function invalidSettings(reply: FastifyReply, e: InvalidSettingsError, locale: Locale) {
  const problems = settingsProblems(e.issues, locale);
  return reply.code(400).send({ error: 'invalid_settings', message: problems.map((p) => p.message).join('; '), problems });
}

/** The shop's CRM settings: anyone may read them and their change log; changing or previewing them needs the admin role (auth hook). */
export function settingsRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, getSettings, async () => {
    const live = (await ctx.journeys.published()).filter((p) => p.status === 'live');
    const journeys = live
      .map(({ journey }) => ({ id: journey.id, name: journey.name, priority: journey.settings.priority }))
      .sort((a, b) => b.priority - a.priority || a.name.localeCompare(b.name));
    return { settings: await ctx.settings.shop(), population: await ctx.settings.population(), journeys };
  });

  route(app, putSettings, async ({ body, request, reply }) => {
    try {
      const { settings, paths } = await ctx.settings.putShop(body ?? {}, request.actor);
      if (paths.length > 0) ctx.log.info({ changed: paths, timezone: settings.timezone, lifecycle: settings.lifecycle.mode }, 'shop settings changed');
      return { settings, changed: paths };
    } catch (e) {
      if (!(e instanceof InvalidSettingsError)) throw e;
      return invalidSettings(reply, e, requestLocale(request));
    }
  });

  route(app, getSettingsChanges, async ({ query }) => listSettingsChanges(ctx.db, query.limit, query.cursor));

  route(app, previewSettings, async ({ body, request, reply }) => {
    let proposed;
    try {
      proposed = ctx.settings.parseShop(body ?? {});
    } catch (e) {
      if (!(e instanceof InvalidSettingsError)) throw e;
      return invalidSettings(reply, e, requestLocale(request));
    }
    const asOf = new Date();
    const snapshot = await ctx.settings.population();
    const preview = await previewFacts(ctx.facts, proposed, asOf, snapshot?.asOf ?? null);
    const journeys = await entriesOnChanges(await ctx.journeys.published(), ctx.registry, preview.changes, asOf);
    const { changes: _changes, ...moves } = preview;
    return { ...moves, changed: changedPaths(await ctx.settings.shop(), proposed), journeys };
  });
}
