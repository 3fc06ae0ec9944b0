import { type Agent, request } from 'node:http';

/**
 * One HTTP request with the path sent exactly as written — `fetch` and `URL` would normalise
 * `/%61pi/../x` before it left — for tests of how the server reads unusual spellings.
 */
export function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  init: { token?: string | null; body?: unknown; agent?: Agent } = {},
): Promise<{ status: number; body: any }> {
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent: init.agent,
        host: hostname,
        port: Number(port),
        method,
        path,
        headers: {
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON (the designer's page): kept as text
          }
          resolve({ status: res.statusCode!, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
