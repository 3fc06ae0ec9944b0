import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../../designer/src/i18n/en';
import { zhCN } from '../../designer/src/i18n/zh-CN';
import { reasonText } from '../../designer/src/messages/reason';
import { messageReasonCodes } from '../../engine/index';

const translator = async (lng: 'en' | 'zh-CN') => {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } }, lng, fallbackLng: false, interpolation: { escapeValue: false } });
  return i18n.t;
};
const at = (iso: string) => `[${iso.slice(11, 16)}]`;

/** The messages page words each reason the API gives (a code and parameters) in both languages. */
describe('message reasons on the messages page', () => {
  it('words every reason code in English and Chinese', async () => {
    for (const lng of ['en', 'zh-CN'] as const) {
      const t = await translator(lng);
      for (const code of messageReasonCodes) {
        const text = reasonText({ status: code === 'no_recipient' ? 'skipped_no_recipient' : 'queued', reason: { code, params: {} } }, t, at);
        expect(text, `${lng} ${code}`).not.toBe(code);
        expect(text, `${lng} ${code}`).not.toContain('messages.reason');
      }
    }
  });

  it('says until when a message is held, what capped it, why it was cancelled, and why it was skipped', async () => {
    const t = await translator('en');
    const until = '2026-12-08T01:00:00.000Z';
    expect(reasonText({ status: 'queued', reason: { code: 'quiet_hours', params: { from: '21:00', to: '09:00', until } } }, t, at)).toBe(
      'Held until [01:00]: quiet hours 21:00–09:00',
    );
    expect(reasonText({ status: 'skipped_quiet_hours', reason: { code: 'quiet_hours', params: { from: '21:00', to: '09:00' } } }, t, at)).toBe(
      'Skipped: quiet hours 21:00–09:00',
    );
    expect(reasonText({ status: 'capped', reason: { code: 'gave_way', params: { journeyId: 'payment-reminder', priority: 8 } } }, t, at)).toBe(
      'Capped by a message of higher priority (journey payment-reminder, priority 8)',
    );
    expect(reasonText({ status: 'capped', reason: { code: 'frequency_cap', params: { max: 1, channel: 'sms', within: 'P1D' } } }, t, at)).toBe(
      'Capped by the frequency cap: at most 1 sms per P1D',
    );
    expect(reasonText({ status: 'cancelled', reason: { code: 'customer_exited', params: { eventType: 'order.paid' } } }, t, at)).toBe(
      'Cancelled because the customer left the journey (order.paid)',
    );
    expect(reasonText({ status: 'skipped_no_recipient', reason: { code: 'no_recipient', params: {} } }, t, at)).toBe('Skipped: no recipient');
    const zh = await translator('zh-CN');
    expect(reasonText({ status: 'queued', reason: { code: 'quiet_hours', params: { from: '21:00', to: '09:00', until } } }, zh, at)).toBe(
      '免打扰时段 21:00–09:00，暂缓至 [01:00]',
    );
    expect(reasonText({ status: 'cancelled', reason: { code: 'journey_stopped', params: {} } }, zh, at)).toBe('已取消：旅程已停止');
  });

  it('says nothing for a delivered message or one without a reason', async () => {
    const t = await translator('en');
    expect(reasonText({ status: 'sent', reason: { code: 'arbitration', params: { seconds: 60 } } }, t, at)).toBeNull();
    expect(reasonText({ status: 'queued', reason: null }, t, at)).toBeNull();
  });
});
