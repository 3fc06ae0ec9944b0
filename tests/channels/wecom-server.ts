/**
 * A local WeCom (企业微信) server, run as its own process (`node --import tsx wecom-server.ts`),
 * speaking the parts of WeCom's server API Huitou uses, as developer.work.weixin.qq.com documents
 * them: every answer HTTP 200 with `{ errcode, errmsg, … }`.
 *
 *   GET  /cgi-bin/gettoken?corpid=&corpsecret=      → { access_token, expires_in: 7200 }; 40013 wrong corpid, 40001 wrong secret
 *   POST /cgi-bin/message/send?access_token=        → { msgid }; 41001 no token, 40014 unknown, 42001 expired,
 *                                                    40056 wrong agentid, 81013 no recipient exists, invaliduser for some
 *   POST /cgi-bin/webhook/send?key=                  → ok; 93000 wrong key
 *
 * The members and credentials come from the environment (WECOM_CORP_ID, WECOM_SECRET,
 * WECOM_AGENT_ID, WECOM_USERS comma-separated, WECOM_ROBOT_KEY). Control endpoints under /_control
 * let a test expire every token, queue answers to give next (45009, or 0 naming an `invaliduser`),
 * and read what arrived.
 * The port is printed as `listening <port>` once it serves.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const corpId = need('WECOM_CORP_ID');
const secret = need('WECOM_SECRET');
const agentId = Number(need('WECOM_AGENT_ID'));
const users = new Set(need('WECOM_USERS').split(','));
const robotKey = need('WECOM_ROBOT_KEY');

const tokens = new Map<string, { expired: boolean }>();
/** errcodes to answer next, per API, before the request is looked at. */
const queued: Record<string, { errcode: number; errmsg: string; extra: Record<string, unknown> }[]> = { 'message/send': [], 'webhook/send': [], gettoken: [] };
const received: { api: string; token?: string; body: unknown; answered: number }[] = [];
let tokensIssued = 0;

const documented: Record<number, string> = {
  40001: 'invalid credential',
  40013: 'invalid corpid',
  40014: 'invalid access_token',
  41001: 'access_token missing',
  42001: 'access_token expired',
  40056: 'invalid agentid',
  44004: 'empty content',
  45009: 'api freq out of limit',
  81013: 'user & party & tag all invalid',
  93000: 'invalid webhook url',
  40008: 'invalid message type',
};

function answer(res: ServerResponse, errcode: number, extra: Record<string, unknown> = {}, errmsg = documented[errcode] ?? 'ok'): number {
  // WeCom adds a hint and the caller's address to errmsg; Huitou keeps what comes before.
  const msg =
    errcode === 0
      ? 'ok'
      : `${errmsg}, hint: [${Date.now()}_${randomBytes(4).toString('hex')}], from ip: 127.0.0.1, more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}`;
  res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify({ errcode, errmsg: msg, ...extra }));
  return errcode;
}

function gettoken(url: URL, res: ServerResponse): void {
  const forced = queued.gettoken!.shift();
  if (forced) return void answer(res, forced.errcode, forced.extra, forced.errmsg);
  if (url.searchParams.get('corpid') !== corpId) return void answer(res, 40013);
  if (url.searchParams.get('corpsecret') !== secret) return void answer(res, 40001);
  const token = randomBytes(24).toString('hex');
  tokens.set(token, { expired: false });
  tokensIssued += 1;
  answer(res, 0, { access_token: token, expires_in: 7200 });
}

function tokenProblem(url: URL): number {
  const token = url.searchParams.get('access_token');
  if (!token) return 41001;
  const known = tokens.get(token);
  if (!known) return 40014;
  return known.expired ? 42001 : 0;
}

function messageSend(url: URL, body: Record<string, unknown>, res: ServerResponse): number {
  const problem = tokenProblem(url);
  if (problem) return answer(res, problem);
  const forced = queued['message/send']!.shift();
  if (forced) return answer(res, forced.errcode, forced.extra, forced.errmsg);
  if (body.agentid !== agentId) return answer(res, 40056);
  if (body.msgtype !== 'text') return answer(res, 40008);
  const text = body.text as { content?: unknown } | undefined;
  if (typeof text?.content !== 'string' || text.content === '') return answer(res, 44004);
  const wanted = typeof body.touser === 'string' ? body.touser.split('|') : [];
  const invalid = wanted.filter((u) => !users.has(u));
  if (invalid.length === wanted.length) return answer(res, 81013);
  return answer(res, 0, { invaliduser: invalid.join('|'), msgid: `msg-${randomBytes(6).toString('hex')}` });
}

function webhookSend(url: URL, body: Record<string, unknown>, res: ServerResponse): number {
  if (url.searchParams.get('key') !== robotKey) return answer(res, 93000);
  const forced = queued['webhook/send']!.shift();
  if (forced) return answer(res, forced.errcode, forced.extra, forced.errmsg);
  if (body.msgtype !== 'text') return answer(res, 40008);
  const text = body.text as { content?: unknown; mentioned_list?: unknown } | undefined;
  if (typeof text?.content !== 'string' || text.content === '') return answer(res, 44004);
  if (text.mentioned_list !== undefined && !(Array.isArray(text.mentioned_list) && text.mentioned_list.every((u) => typeof u === 'string')))
    return answer(res, 40035, {}, 'invalid parameter');
  return answer(res, 0);
}

function control(path: string, body: Record<string, unknown>, res: ServerResponse): void {
  if (path === '/_control/expire-tokens') for (const t of tokens.values()) t.expired = true;
  if (path === '/_control/queue')
    queued[String(body.api)]!.push({
      errcode: Number(body.errcode),
      errmsg: String(body.errmsg ?? documented[Number(body.errcode)] ?? ''),
      extra: (body.extra ?? {}) as Record<string, unknown>,
    });
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ received, tokensIssued }));
}

const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'http://wecom.local');
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: Record<string, unknown> = {};
    if (raw) {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return void answer(res, 40035, {}, 'invalid json request');
      }
    }
    if (url.pathname.startsWith('/_control/')) return control(url.pathname, body, res);
    if (req.method === 'GET' && url.pathname === '/cgi-bin/gettoken') return gettoken(url, res);
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/send') {
      const answered = messageSend(url, body, res);
      received.push({ api: 'message/send', token: url.searchParams.get('access_token') ?? undefined, body, answered });
      return;
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/webhook/send') {
      const answered = webhookSend(url, body, res);
      received.push({ api: 'webhook/send', body, answered });
      return;
    }
    res.writeHead(404);
    res.end();
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));

function need(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`wecom-server: ${name} must be set`);
  return value;
}
