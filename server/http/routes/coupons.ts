import type { FastifyInstance, FastifyReply } from 'fastify';
import { addPoolCodes, createCampaign, getCampaign, listCampaigns, poolCodeSchema } from '../../../contract/index';
import { plainMessages } from '../../../engine/index';
import { Campaigns, DuplicateCampaignError } from '../../coupons/campaigns';
import type { AppContext } from '../context';
import { route } from '../endpoint';

const invalid = (reply: FastifyReply, error: string, problems: { path: string; code: string; message: string }[]) =>
  reply.code(400).send({ error, message: problems.map((p) => p.message).join('; '), problems });

/** Pool codes from a text/plain body (one a line) or JSON (a list, or { codes: [...] }). */
function codesOf(body: unknown): string[] | undefined {
  if (typeof body === 'string')
    return body
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l.length > 0);
  if (Array.isArray(body)) return body as string[];
  if (body && typeof body === 'object' && Array.isArray((body as { codes?: unknown }).codes)) return (body as { codes: string[] }).codes;
  return undefined;
}

/** Coupon campaigns: marketers and admins make them and fill their pools; analysts read (each route declares its role). */
export function couponRoutes(app: FastifyInstance, ctx: AppContext): void {
  const campaigns = new Campaigns(ctx.db);
  const notFound = (reply: FastifyReply, id: string) => reply.code(404).send({ error: 'not_found', message: `no coupon campaign with id "${id}"` });

  route(app, createCampaign, async ({ body, reply }) => {
    try {
      const campaign = await campaigns.create(body);
      ctx.log.info({ campaignId: campaign.id, kind: campaign.kind, codeSource: campaign.codeSource }, 'coupon campaign created');
      return { campaign };
    } catch (e) {
      if (!(e instanceof DuplicateCampaignError)) throw e;
      return reply.code(409).send({ error: 'conflict', message: `id: ${e.message}` });
    }
  });

  route(app, listCampaigns, async () => ({ campaigns: await campaigns.list() }));

  route(app, getCampaign, async ({ params, reply }) => {
    const found = await campaigns.get(params.id);
    return found ?? notFound(reply, params.id);
  });

  route(app, addPoolCodes, async ({ params, body, reply }) => {
    const found = await campaigns.get(params.id);
    if (!found) return notFound(reply, params.id);
    if (found.campaign.codeSource !== 'pool') {
      return invalid(reply, 'invalid_codes', [
        { path: 'codes', code: 'invalid', message: 'codes: this campaign generates its codes; only a pool campaign takes uploaded codes' },
      ]);
    }
    const codes = codesOf(body);
    if (!codes || codes.length === 0) {
      return invalid(reply, 'invalid_codes', [{ path: 'codes', code: 'invalid', message: 'codes: send one code a line (text/plain) or a JSON list of codes' }]);
    }
    if (codes.length > 100_000) return invalid(reply, 'invalid_codes', [{ path: 'codes', code: 'invalid', message: 'codes: at most 100000 codes an upload' }]);
    const problems = codes.flatMap((code, i) => {
      const checked = poolCodeSchema.safeParse(code, plainMessages);
      return checked.success
        ? []
        : [{ path: `codes[${i}]`, code: 'invalid', message: `codes[${i}] "${code.slice(0, 64)}": ${checked.error.issues[0]!.message}` }];
    });
    if (problems.length > 0) return invalid(reply, 'invalid_codes', problems.slice(0, 100));
    const result = await campaigns.addPoolCodes(params.id, codes);
    ctx.log.info({ campaignId: params.id, added: result.added, duplicates: result.duplicates.length }, 'coupon pool codes added');
    return { ...result, stats: (await campaigns.get(params.id))!.stats };
  });
}
