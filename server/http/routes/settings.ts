import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { InvalidSettingsError } from '../../facts/settings-store';
import { getSettings, putSettings } from '../../../contract/index';
import type { AppContext } from '../context';
import { route } from '../endpoint';

/** One problem per bad field, with its path (`rfm.ranges.monetary`) and the reason. */
export function settingsProblems(issues: z.core.$ZodIssue[]) {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.') || '(settings)';
    return { path, code: 'invalid' as const, message: `${path}: ${issue.message}` };
  });
}

/** The shop's CRM settings: anyone may read them; changing them needs the admin role (auth hook). */
export function settingsRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, getSettings, async () => ({ settings: await ctx.settings.shop(), population: await ctx.settings.population() }));

  route(app, putSettings, async ({ body, reply }) => {
    try {
      const settings = await ctx.settings.putShop(body ?? {});
      ctx.log.info({ timezone: settings.timezone, scoring: settings.rfm.scoring, lifecycle: settings.lifecycle.mode }, 'shop settings changed');
      return { settings };
    } catch (e) {
      if (!(e instanceof InvalidSettingsError)) throw e;
      const problems = settingsProblems(e.issues);
      return reply.code(400).send({ error: 'invalid_settings', message: problems.map((p) => p.message).join('; '), problems });
    }
  });
}
