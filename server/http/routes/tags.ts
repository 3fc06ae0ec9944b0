import type { FastifyInstance } from 'fastify';
import { listTags as listTagsEndpoint } from '../../../contract/index';
import { listTags } from '../../facts/tag-list';
import type { AppContext } from '../context';
import { route } from '../endpoint';

/** The shop's tags, for pickers (the condition builder): any role may read them. */
export function tagRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, listTagsEndpoint, async () => {
    const settings = await ctx.settings.shop();
    return { tags: await listTags(ctx.db, settings.tagRules) };
  });
}
