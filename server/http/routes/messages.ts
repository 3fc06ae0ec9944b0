import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { zodProblems } from '../../../engine/index';
import { maskEmail, maskPhone, seesPii } from '../../facts/pii';
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
    const messages = await ctx.outbox.list(query.data);
    if (seesPii(request.role)) return { messages };
    // Addresses are PII: roles that may not see customers' contacts get them masked here too.
    return { messages: messages.map((m) => ({ ...m, recipient: maskedRecipient(m.channel, m.recipient) })) };
  });
}

/** A customer's phone or email address, masked the way customer lists mask them; a staff queue stays. */
function maskedRecipient(channel: string, recipient: string | null): string | null {
  if (recipient === null) return null;
  if (channel === 'sms') return maskPhone(recipient);
  if (channel === 'email') return maskEmail(recipient);
  return recipient;
}
