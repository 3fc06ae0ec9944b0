import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { plainMessages, zodProblems } from '../../../engine/index';
import type { Logger } from '../../logger';
import { roles, type ApiTokens } from '../../store/api-tokens';
import { access } from '../route-access';

export const tokenBodySchema = z.object({
  name: z.string().trim().min(1).max(100),
  role: z.enum(roles),
});

/** API tokens with roles (admin only, declared on each route). A token's secret is shown once, at creation. */
export function tokenRoutes(app: FastifyInstance, tokens: ApiTokens, log: Logger): void {
  app.post('/api/tokens', access('admin'), async (request, reply) => {
    const body = tokenBodySchema.safeParse(request.body ?? {}, plainMessages);
    if (!body.success) {
      const problems = zodProblems(body.error, []);
      return reply.code(400).send({ error: 'invalid_token', message: problems.map((p) => p.message).join('; '), problems });
    }
    const created = await tokens.create(body.data.name, body.data.role);
    log.info({ tokenId: created.id, role: created.role }, 'API token created');
    return reply.code(201).send(created);
  });

  app.get('/api/tokens', access('admin'), async () => ({ tokens: await tokens.list() }));

  app.delete<{ Params: { id: string } }>('/api/tokens/:id', access('admin'), async (request, reply) => {
    const revoked = await tokens.revoke(request.params.id);
    if (!revoked) return reply.code(404).send({ error: 'not_found', message: `no API token with id "${request.params.id}"` });
    log.info({ tokenId: revoked.id }, 'API token revoked');
    return { token: revoked };
  });
}
