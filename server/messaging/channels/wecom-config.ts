import { WECOM_USERID } from '../../../engine/index';

/** WeCom's API (`qyapi.weixin.qq.com`); `HUITOU_WECOM_API_URL` replaces it (a proxy, or a local server in tests). */
export const WECOM_API_URL = 'https://qyapi.weixin.qq.com';

/** How staff tasks reach WeCom (企业微信): through a self-built app, or a group robot. */
export type WecomConfig =
  | {
      kind: 'app';
      apiUrl: string;
      /** `HUITOU_WECOM_CORP_ID`: the company's corpid. */
      corpId: string;
      /** `HUITOU_WECOM_APP_SECRET`: the app's secret (corpsecret). */
      secret: string;
      /** `HUITOU_WECOM_AGENT_ID`: the app's agentid. */
      agentId: number;
      /** `HUITOU_WECOM_FALLBACK_USER`: who gets a task no step assigned (a userid, or several joined by "|"). */
      fallbackUser: string;
    }
  | {
      kind: 'robot';
      apiUrl: string;
      /** `HUITOU_WECOM_ROBOT_KEY`: the key of the group robot's webhook address. */
      key: string;
    };

/**
 * WeCom from the environment: an app (corp id, secret, agent id and a fallback user) or a group
 * robot (its webhook key), never both; nothing set: tasks stay in Huitou's own list. A half-set
 * configuration is refused at start, naming what is missing.
 */
export function wecomConfigFromEnv(env: NodeJS.ProcessEnv): WecomConfig | undefined {
  const app = ['HUITOU_WECOM_CORP_ID', 'HUITOU_WECOM_APP_SECRET', 'HUITOU_WECOM_AGENT_ID', 'HUITOU_WECOM_FALLBACK_USER'] as const;
  const given = app.filter((name) => env[name]);
  const robotKey = env.HUITOU_WECOM_ROBOT_KEY;
  if (given.length === 0 && !robotKey) return undefined;
  if (given.length > 0 && robotKey)
    throw new Error('HUITOU_WECOM_ROBOT_KEY and the WeCom app settings (HUITOU_WECOM_CORP_ID …) are both set: staff tasks go to one of them, choose one');
  const apiUrl = (env.HUITOU_WECOM_API_URL || WECOM_API_URL).replace(/\/+$/, '');
  if (!/^https?:\/\//.test(apiUrl) || !URL.canParse(apiUrl)) throw new Error('HUITOU_WECOM_API_URL must be an http or https URL');
  if (robotKey) {
    if (!/^[A-Za-z0-9-]{1,100}$/.test(robotKey))
      throw new Error('HUITOU_WECOM_ROBOT_KEY must be the key of the robot\'s webhook address (the part after "key="), letters, digits and "-"');
    return { kind: 'robot', apiUrl, key: robotKey };
  }
  const missing = app.filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`the WeCom app needs ${missing.join(', ')} as well (docs/channels.md, "WeCom (企业微信)")`);
  const agentId = Number(env.HUITOU_WECOM_AGENT_ID);
  if (!Number.isInteger(agentId) || agentId <= 0)
    throw new Error(`HUITOU_WECOM_AGENT_ID must be the app's agentid, a whole number, not "${env.HUITOU_WECOM_AGENT_ID}"`);
  const fallbackUser = env.HUITOU_WECOM_FALLBACK_USER!;
  if (!fallbackUser.split('|').every((u) => WECOM_USERID.test(u)))
    throw new Error('HUITOU_WECOM_FALLBACK_USER must be a WeCom userid, or several joined by "|"');
  return { kind: 'app', apiUrl, corpId: env.HUITOU_WECOM_CORP_ID!, secret: env.HUITOU_WECOM_APP_SECRET!, agentId, fallbackUser };
}

/**
 * `HUITOU_PUBLIC_URL`: where staff open the designer (`https://huitou.shop.cn`), for the link to
 * the customer's page a task carries; absent, tasks carry the customer's id only.
 */
export function publicUrlFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const url = env.HUITOU_PUBLIC_URL;
  if (!url) return undefined;
  if (!/^https?:\/\//.test(url) || !URL.canParse(url)) throw new Error('HUITOU_PUBLIC_URL must be an http or https URL, e.g. https://huitou.example.cn');
  return url.replace(/\/+$/, '');
}
