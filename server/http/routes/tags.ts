import type { FastifyInstance } from 'fastify';
import { listTags } from '../../facts/tag-list';
import type { AppContext } from '../context';
import { access } from '../route-access';

/** The shop's tags, for pickers (the condition builder): any role may read them. */
export function tagRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/tags', access('analyst'), async () => {
    const settings = await ctx.settings.shop();
    return { tags: await listTags(ctx.db, settings.tagRules) };
  });
}
