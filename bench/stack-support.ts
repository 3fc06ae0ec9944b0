import { createServer } from 'node:net';
import type { Huitou } from '../server/runtime';

/** A free loopback port (the dev server and its UI need fixed ones; a second instance must not clash with `npm start`). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export type BenchApi = <T = any>(path: string, body?: unknown) => Promise<{ status: number; body: T }>;

/** Calls a running Huitou's API with its admin token: GET without a body, POST with one; parses JSON. */
export function benchApi(huitou: Huitou): BenchApi {
  return async (path, body) => {
    const res = await fetch(huitou.url! + path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${huitou.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
}
