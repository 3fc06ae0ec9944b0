import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../server/config';

const app = {
  HUITOU_WECOM_CORP_ID: 'ww0123456789abcdef',
  HUITOU_WECOM_APP_SECRET: 'secret',
  HUITOU_WECOM_AGENT_ID: '1000002',
  HUITOU_WECOM_FALLBACK_USER: 'zhangsan|lisi',
};

describe('WeCom configuration from the environment', () => {
  it('is off by default: staff tasks stay in Huitou', () => {
    expect(configFromEnv({})).toMatchObject({ wecom: undefined, publicUrl: undefined });
  });

  it("reads an app, on WeCom's own address unless another is named, and the public URL without its trailing slash", () => {
    expect(configFromEnv({ ...app, HUITOU_PUBLIC_URL: 'https://huitou.shop.example/' })).toMatchObject({
      wecom: {
        kind: 'app',
        apiUrl: 'https://qyapi.weixin.qq.com',
        corpId: 'ww0123456789abcdef',
        secret: 'secret',
        agentId: 1000002,
        fallbackUser: 'zhangsan|lisi',
      },
      publicUrl: 'https://huitou.shop.example',
    });
    expect(configFromEnv({ HUITOU_WECOM_ROBOT_KEY: '693a91f6-7aoc', HUITOU_WECOM_API_URL: 'http://10.0.0.5:8080/' }).wecom).toEqual({
      kind: 'robot',
      apiUrl: 'http://10.0.0.5:8080',
      key: '693a91f6-7aoc',
    });
  });

  it('refuses half an app, both an app and a robot, and malformed values, naming the variable', () => {
    expect(() => configFromEnv({ ...app, HUITOU_WECOM_AGENT_ID: '' })).toThrow('the WeCom app needs HUITOU_WECOM_AGENT_ID as well');
    expect(() => configFromEnv({ HUITOU_WECOM_CORP_ID: 'ww1' })).toThrow(
      'the WeCom app needs HUITOU_WECOM_APP_SECRET, HUITOU_WECOM_AGENT_ID, HUITOU_WECOM_FALLBACK_USER as well',
    );
    expect(() => configFromEnv({ ...app, HUITOU_WECOM_ROBOT_KEY: 'k' })).toThrow(/both set/);
    expect(() => configFromEnv({ ...app, HUITOU_WECOM_AGENT_ID: 'abc' })).toThrow(/HUITOU_WECOM_AGENT_ID must be the app's agentid/);
    expect(() => configFromEnv({ ...app, HUITOU_WECOM_FALLBACK_USER: '值班 经理' })).toThrow(/HUITOU_WECOM_FALLBACK_USER must be a WeCom userid/);
    expect(() => configFromEnv({ HUITOU_WECOM_ROBOT_KEY: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x' })).toThrow(
      /HUITOU_WECOM_ROBOT_KEY must be the key/,
    );
    expect(() => configFromEnv({ HUITOU_WECOM_ROBOT_KEY: 'k', HUITOU_WECOM_API_URL: 'qyapi.weixin.qq.com' })).toThrow(/HUITOU_WECOM_API_URL must be an http/);
    expect(() => configFromEnv({ HUITOU_PUBLIC_URL: 'huitou.shop' })).toThrow(/HUITOU_PUBLIC_URL must be an http or https URL/);
  });
});
