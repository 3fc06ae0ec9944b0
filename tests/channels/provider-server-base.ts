import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the local provider servers share: a loopback HTTP server, answers queued per phone number
 * by the test (`POST /__control {"phone","codes":[…]}`), the requests they accepted
 * (`GET /__received`), and the port announced on stdout for the test that started the process.
 * Each server verifies its provider's signature itself, written from the provider's documentation,
 * not from Huitou's code.
 */
export interface VerifiedRequest {
  action: string;
  params: Record<string, unknown>;
}

export interface ProviderRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export function serveProvider(
  handle: (request: ProviderRequest, queued: (phone: string) => string | undefined, accept: (r: VerifiedRequest) => void) => { status: number; body: unknown },
): void {
  const queues = new Map<string, string[]>();
  const received: VerifiedRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://local');
      const body = Buffer.concat(chunks).toString('utf8');
      const reply = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
        res.end(JSON.stringify(value));
      };
      if (url.pathname === '/__control') {
        const { phone, codes } = JSON.parse(body) as { phone: string; codes: string[] };
        queues.set(phone, [...(queues.get(phone) ?? []), ...codes]);
        return reply(200, { ok: true });
      }
      if (url.pathname === '/__received') return reply(200, received);
      const answer = handle(
        { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body },
        (phone) => queues.get(phone)?.shift(),
        (r) => received.push(r),
      );
      reply(answer.status, answer.body);
    });
  });
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

export const requestId = () => randomUUID().toUpperCase();
