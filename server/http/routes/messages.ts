import type { FastifyInstance } from 'fastify';
import { listMessages } from '../../../contract/index';
import type { AppContext } from '../context';
import { route } from '../endpoint';

export function messageRoutes(app: FastifyInstance, ctx: AppContext): void {
  // Addresses, texts and subjects carry PII: the app's masking hook (http/pii-masking.ts) masks them by role.
  route(app, listMessages, async ({ query }) => ({ messages: await ctx.outbox.list(query) }));
}
