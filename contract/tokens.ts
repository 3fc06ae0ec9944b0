import { z } from 'zod';
import { idParams } from './common';
import { endpoint } from './endpoint';

/** The roles a token may have, highest first (analyst < marketer < admin). */
export const roles = ['admin', 'marketer', 'analyst'] as const;

export const tokenBodySchema = z.object({
  name: z.string().trim().min(1).max(100),
  role: z.enum(roles),
});

export const tokenSchema = z
  .object({ id: z.string(), name: z.string(), role: z.enum(roles), createdAt: z.string(), revokedAt: z.string().nullable() })
  .meta({ id: 'ApiToken' });

export const createToken = endpoint({
  method: 'POST',
  path: '/api/tokens',
  access: 'admin',
  summary: 'The new token; its secret shown this once',
  body: tokenBodySchema,
  invalid: 'invalid_token',
  status: 201,
  response: tokenSchema.extend({ token: z.string() }),
});

export const listTokens = endpoint({
  method: 'GET',
  path: '/api/tokens',
  access: 'admin',
  summary: 'Tokens, without secrets',
  response: z.object({ tokens: z.array(tokenSchema) }),
});

export const revokeToken = endpoint({
  method: 'DELETE',
  path: '/api/tokens/:id',
  access: 'admin',
  summary: 'Revoked',
  params: idParams,
  response: z.object({ token: tokenSchema }),
  answers: { 404: 'Unknown id' },
});

export const getSession = endpoint({
  method: 'GET',
  path: '/api/session',
  access: 'analyst',
  summary: 'Who the token belongs to',
  description:
    "The signed-in token's role and name (tokenId null for the installation's own token), so a screen can offer only what the role may do; the server checks every route's role anyway.",
  response: z.object({ role: z.enum(roles), name: z.string(), tokenId: z.string().nullable() }),
});

export const tokenEndpoints = [createToken, listTokens, revokeToken, getSession] as const;
