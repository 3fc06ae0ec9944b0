import { join } from 'node:path';
import { startServerProcess } from '../support/server-process';

export interface ProviderProcess {
  url: string;
  /** Queues the provider's answer codes for the next sends to this number (as the provider writes it). */
  queue(phone: string, codes: string[]): Promise<void>;
  /** The requests the server verified and accepted. */
  received(): Promise<{ action: string; params: Record<string, unknown> }[]>;
  stop(): Promise<void>;
}

/** Starts a local provider server (tests/channels/<name>.ts) as its own Node process and waits for its port. */
export async function startProviderProcess(script: string, env: Record<string, string>): Promise<ProviderProcess> {
  const server = await startServerProcess(join('channels', script), env);
  const url = server.url;
  return {
    url,
    async queue(phone, codes) {
      const res = await fetch(`${url}/__control`, { method: 'POST', body: JSON.stringify({ phone, codes }) });
      if (!res.ok) throw new Error(`control: ${res.status}`);
    },
    async received() {
      return (await (await fetch(`${url}/__received`)).json()) as { action: string; params: Record<string, unknown> }[];
    },
    stop: () => server.stop(),
  };
}
