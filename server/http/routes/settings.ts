import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { InvalidSettingsError } from '../../facts/settings-store';
import type { AppContext } from '../context';
import { access } from '../route-access';

/** One problem per bad field, with its path (`rfm.ranges.monetary`) and the reason. */
export function settingsProblems(issues: z.core.$ZodIssue[]) {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.') || '(settings)';
    return { path, code: 'invalid' as const, message: `${path}: ${issue.message}` };
  });
}

/** The shop's CRM settings: anyone may read them; changing them needs the admin role (auth hook). */
export function settingsRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/settings', access('analyst'), async () => ({ settings: await ctx.settings.shop(), population: await ctx.settings.population() }));

  app.put('/api/settings', access('admin'), async (request, reply) => {
    try {
      const settings = await ctx.settings.putShop(request.body ?? {});
      ctx.log.info({ timezone: settings.timezone, scoring: settings.rfm.scoring, lifecycle: settings.lifecycle.mode }, 'shop settings changed');
      return { settings };
    } catch (e) {
      if (!(e instanceof InvalidSettingsError)) throw e;
      const problems = settingsProblems(e.issues);
      return reply.code(400).send({ error: 'invalid_settings', message: problems.map((p) => p.message).join('; '), problems });
    }
  });
}
