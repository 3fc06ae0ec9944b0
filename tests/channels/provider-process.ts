import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../server/config';

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
  const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'tests', 'channels', script)], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start in 30 s:\n${out}`)), 30_000);
    const read = (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}:\n${out}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    async queue(phone, codes) {
      const res = await fetch(`${url}/__control`, { method: 'POST', body: JSON.stringify({ phone, codes }) });
      if (!res.ok) throw new Error(`control: ${res.status}`);
    },
    async received() {
      return (await (await fetch(`${url}/__received`)).json()) as { action: string; params: Record<string, unknown> }[];
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
