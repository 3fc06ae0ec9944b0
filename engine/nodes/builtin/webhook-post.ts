import { z } from 'zod';
import { templateView } from '../../facts/decision-facts';
import { renderTemplate, templateProblem } from '../../templates/render';
import { defineNode } from '../define';
import { field } from '../field';

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Header names a journey may not set: they describe the connection, which is ours. */
const reservedHeaders = new Set(['host', 'content-length', 'content-type', 'transfer-encoding', 'connection', 'idempotency-key']);

const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export const webhookPost = defineNode({
  type: 'webhook.post',
  version: 1,
  category: 'action',
  labels: {
    'zh-CN': {
      title: '调用 Webhook',
      description: '向一个地址 POST JSON（如企业微信、钉钉、飞书机器人或店铺自己的系统）；内部网络地址需运营方放行。',
      ports: { next: '之后' },
    },
    en: {
      title: 'Call webhook',
      description: 'POSTs JSON to a URL (a WeCom, DingTalk or Feishu robot, or the shop’s own system); private addresses need the operator’s allow-list.',
      ports: { next: 'then' },
    },
  },
  config: z.object({
    url: z
      .string()
      .max(2000, 'must be at most 2000 characters')
      .refine((u) => /^https?:\/\//i.test(u) && parses(u), 'must be an http or https URL')
      // A placeholder on a reserved domain, so a step drawn and never filled in reaches no one.
      .default('https://example.com/webhook')
      .meta(
        field({
          en: { title: 'URL', description: 'http(s)://… (the robot or system to call)' },
          'zh-CN': { title: '地址', description: 'http(s)://…（要调用的机器人或系统）' },
        }),
      ),
    headers: z
      .record(
        z.string(),
        z
          .string()
          .max(2000)
          .refine((v) => !/[\r\n]/.test(v), 'must be on one line'),
      )
      // Checked here rather than on the key schema, so the message names the header and the reason.
      .superRefine((headers, ctx) => {
        for (const name of Object.keys(headers)) {
          if (!headerName.test(name)) ctx.addIssue({ code: 'custom', path: [name], message: 'is not a valid header name' });
          else if (reservedHeaders.has(name.toLowerCase())) ctx.addIssue({ code: 'custom', path: [name], message: 'is set by Huitou' });
        }
      })
      .optional()
      .meta(field({ en: { title: 'Headers', description: 'e.g. Authorization' }, 'zh-CN': { title: '请求头', description: '如 Authorization' } })),
    body: z
      .json()
      .default({ msgtype: 'text', text: { content: '客户 {{customer.id}} 的订单 {{order.id}} 需要跟进' } })
      .superRefine((body, ctx) => {
        for (const { path, problem } of templateProblems(body as JsonValue, []))
          ctx.addIssue({ code: 'custom', path, message: `the template does not parse: ${problem}` });
      })
      .meta(
        field({
          en: { title: 'Body (JSON)', description: 'Strings may use {{customer.name}}, {{order.id}}, {{event.data.…}}' },
          'zh-CN': { title: '内容（JSON）', description: '字符串里可用 {{customer.name}}、{{order.id}}、{{event.data.…}}' },
        }),
      ),
  }),
  ports: () => ['next'],
  sends: () => 'webhook',
  templates: (c) => templateStrings(c.body as JsonValue, ['body']),
  outboundUrls: (c) => [{ path: ['url'], url: c.url }],
  // A refused address (private, not allow-listed) stays refused: the step fails at once, with the
  // reason in the history, instead of retrying for an hour. Other failures retry as usual.
  activity: { retry: { nonRetryableErrorTypes: ['OutboundRefused'] } },
  run: async (c, ctx) => {
    const view = templateView({ event: ctx.event, customer: ctx.customer });
    const body = renderStrings(c.body as JsonValue, view);
    // The receiver can drop a repeat: a retried activity sends the same key.
    const answer = await ctx.services.http.postJson(c.url, body, { ...c.headers, 'Idempotency-Key': ctx.idempotencyKey });
    return { summary: `webhook answered ${answer.status}` };
  },
});

function parses(url: string): boolean {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}

/** Every string in the JSON is a template; keys and other values are kept as they are. */
function renderStrings(value: JsonValue, view: Record<string, unknown>): JsonValue {
  if (typeof value === 'string') return renderTemplate(value, view, { html: false });
  if (Array.isArray(value)) return value.map((v) => renderStrings(v, view));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderStrings(v, view)]));
  return value;
}

/** Every string of the body, with its path: each is rendered as a template. */
function templateStrings(value: JsonValue, path: (string | number)[]): { path: (string | number)[]; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => templateStrings(v, [...path, i]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => templateStrings(v, [...path, k]));
  return [];
}

function templateProblems(value: JsonValue, path: (string | number)[]): { path: (string | number)[]; problem: string }[] {
  if (typeof value === 'string') {
    const problem = templateProblem(value);
    return problem ? [{ path, problem }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => templateProblems(v, [...path, i]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => templateProblems(v, [...path, k]));
  return [];
}
