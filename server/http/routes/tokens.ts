import type { FastifyInstance } from 'fastify';
import { createToken, getSession, listTokens, revokeToken } from '../../../contract/index';
import type { Logger } from '../../logger';
import type { ApiTokens } from '../api-tokens';
import { route } from '../endpoint';

/** API tokens with roles (admin only, declared on each route). A token's secret is shown once, at creation. */
export function tokenRoutes(app: FastifyInstance, tokens: ApiTokens, log: Logger): void {
  route(app, createToken, async ({ body }) => {
    const created = await tokens.create(body.name, body.role);
    log.info({ tokenId: created.id, role: created.role }, 'API token created');
    return created;
  });

  route(app, getSession, async ({ request }) => ({ role: request.actor.role, name: request.actor.name, tokenId: request.actor.tokenId }));

  route(app, listTokens, async () => ({ tokens: await tokens.list() }));

  route(app, revokeToken, async ({ params, reply }) => {
    const revoked = await tokens.revoke(params.id);
    if (!revoked) return reply.code(404).send({ error: 'not_found', message: `no API token with id "${params.id}"` });
    log.info({ tokenId: revoked.id }, 'API token revoked');
    return { token: revoked };
  });
}
