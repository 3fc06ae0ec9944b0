import { describe, expect, it } from 'vitest';
import { aliyunNumber } from '../../server/messaging/channels/aliyun-sms';
import { e164, orderedParams } from '../../server/messaging/channels/sms-template-message';

describe('phone numbers and values as the SMS providers take them', () => {
  it('Tencent: E.164, a mainland number given +86', () => {
    expect(e164('13800001234')).toBe('+8613800001234');
    expect(e164('138-0000 1234')).toBe('+8613800001234');
    expect(e164('008613800001234')).toBe('+8613800001234');
    expect(e164('+85291234567')).toBe('+85291234567');
  });

  it('Aliyun: 11 digits for the mainland, the country code without + otherwise', () => {
    expect(aliyunNumber('+8613800001234')).toBe('13800001234');
    expect(aliyunNumber('13800001234')).toBe('13800001234');
    expect(aliyunNumber('+85291234567')).toBe('85291234567');
  });

  it('Tencent: the values in the order of {1}, {2} … {10}, whatever the order given', () => {
    expect(orderedParams({ '10': 'j', '2': 'b', '1': 'a' })).toEqual(['a', 'b', 'j']);
  });
});
