import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../server/config';

describe('channel configuration from the environment', () => {
  it('defaults to local sinks and no allow-list', () => {
    const c = configFromEnv({});
    expect(c).toMatchObject({ httpAllow: [], sms: undefined, mail: undefined, deliveryAttempts: 5 });
  });

  it('reads the SMS gateway, SMTP server, allow-list and attempts', () => {
    const c = configFromEnv({
      HUITOU_SMS_URL: 'https://sms.internal.example/send',
      HUITOU_SMS_SECRET: 's3cret',
      HUITOU_SMTP_URL: 'smtps://u:p@smtp.example.com:465',
      HUITOU_MAIL_FROM: 'Shop <shop@example.com>',
      HUITOU_HTTP_ALLOW: ' 10.20.0.0/16, robot.lan ,fd00::/8',
      HUITOU_DELIVERY_ATTEMPTS: '3',
    });
    expect(c).toMatchObject({
      sms: { url: 'https://sms.internal.example/send', secret: 's3cret' },
      mail: { smtpUrl: 'smtps://u:p@smtp.example.com:465', from: 'Shop <shop@example.com>' },
      httpAllow: ['10.20.0.0/16', 'robot.lan', 'fd00::/8'],
      deliveryAttempts: 3,
    });
  });

  it('refuses incomplete or malformed settings, naming the variable', () => {
    expect(() => configFromEnv({ HUITOU_SMS_URL: 'https://sms.example/send' })).toThrow(/HUITOU_SMS_SECRET must be set/);
    expect(() => configFromEnv({ HUITOU_SMS_URL: 'sms.example', HUITOU_SMS_SECRET: 'x' })).toThrow(/HUITOU_SMS_URL must be an http or https URL/);
    expect(() => configFromEnv({ HUITOU_SMTP_URL: 'smtp://h:25' })).toThrow(/HUITOU_MAIL_FROM must be set/);
    expect(() => configFromEnv({ HUITOU_SMTP_URL: 'http://h', HUITOU_MAIL_FROM: 'a@b.c' })).toThrow(/HUITOU_SMTP_URL must be an smtp/);
    expect(() => configFromEnv({ HUITOU_HTTP_ALLOW: '10.0.0.0/40' })).toThrow(/HUITOU_HTTP_ALLOW: "10.0.0.0\/40"/);
    expect(() => configFromEnv({ HUITOU_DELIVERY_ATTEMPTS: '0' })).toThrow(/HUITOU_DELIVERY_ATTEMPTS must be a whole number/);
    expect(() => configFromEnv({ HUITOU_DELIVERY_CLAIM_TIMEOUT_S: '1' })).toThrow(
      /HUITOU_DELIVERY_CLAIM_TIMEOUT_S must be a whole number of seconds, at least 5/,
    );
    expect(configFromEnv({}).deliveryClaimTimeoutMs).toBe(300_000);
    expect(configFromEnv({ HUITOU_DELIVERY_CLAIM_TIMEOUT_S: '30' }).deliveryClaimTimeoutMs).toBe(30_000);
  });
});
