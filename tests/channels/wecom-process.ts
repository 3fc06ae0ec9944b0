import { join } from 'node:path';
import { startServerProcess } from '../support/server-process';

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
  const server = await startServerProcess(join('channels', 'wecom-server.ts'), {
    WECOM_CORP_ID: creds.corpId,
    WECOM_SECRET: creds.secret,
    WECOM_AGENT_ID: String(creds.agentId),
    WECOM_USERS: users.join(','),
    WECOM_ROBOT_KEY: creds.robotKey,
  });
  const url = server.url;
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
    stop: () => server.stop(),
  };
}
