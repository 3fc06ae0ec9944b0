import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { zodProblems } from '../../../engine/index';
import type { AppContext } from '../context';
import { access } from '../route-access';

export const messageQuerySchema = z.object({
  customerId: z.string().min(1).optional(),
  journeyId: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export function messageRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/messages', access('analyst'), async (request, reply) => {
    const query = messageQuerySchema.safeParse(request.query);
    if (!query.success) return reply.code(400).send({ error: 'invalid_query', problems: zodProblems(query.error, []) });
    // Addresses, texts and subjects carry PII: the app's masking hook (http/pii-masking.ts) masks them by role.
    return { messages: await ctx.outbox.list(query.data) };
  });
}
