import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../server/config';

/** What the local WeCom server received, as its control endpoint reports it. */
export interface WecomReceived {
  api: 'message/send' | 'webhook/send';
  token?: string;
  body: { touser?: string; agentid?: number; msgtype: string; text: { content: string; mentioned_list?: string[] } };
  answered: number;
}

export interface WecomServer {
  url: string;
  corpId: string;
  secret: string;
  agentId: number;
  robotKey: string;
  received(): Promise<WecomReceived[]>;
  tokensIssued(): Promise<number>;
  expireTokens(): Promise<void>;
  /** The next call to `api` is answered with `errcode` (45009: the frequency limit…) and `extra` fields. */
  queue(api: 'message/send' | 'webhook/send' | 'gettoken', errcode: number, extra?: Record<string, unknown>): Promise<void>;
  stop(): Promise<void>;
}

/** Starts tests/channels/wecom-server.ts as its own process, with these members. */
export async function startWecomServer(users: string[]): Promise<WecomServer> {
  const creds = { corpId: 'ww0123456789abcdef', secret: 'app-secret-不外传', agentId: 1000002, robotKey: '693a91f6-7aoc-4bc4-97a0-0ec2sifa5aaa' };
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'tests', 'channels', 'wecom-server.ts')], {
    cwd: projectRoot,
    env: {
      ...process.env,
      WECOM_CORP_ID: creds.corpId,
      WECOM_SECRET: creds.secret,
      WECOM_AGENT_ID: String(creds.agentId),
      WECOM_USERS: users.join(','),
      WECOM_ROBOT_KEY: creds.robotKey,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the WeCom server did not start in 30 s:\n${out}`)), 30_000);
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
      reject(new Error(`the WeCom server exited with ${code}:\n${out}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const control = async (path: string, body: unknown = {}) => {
    const res = await fetch(`${url}/_control/${path}`, { method: 'POST', body: JSON.stringify(body) });
    return (await res.json()) as { received: WecomReceived[]; tokensIssued: number };
  };
  return {
    url,
    ...creds,
    received: async () => (await control('state')).received,
    tokensIssued: async () => (await control('state')).tokensIssued,
    expireTokens: async () => void (await control('expire-tokens')),
    queue: async (api, errcode, extra = {}) => void (await control('queue', { api, errcode, extra })),
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
