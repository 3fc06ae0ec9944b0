import { describe, expect, it } from 'vitest';
import { maskEmail, maskName, maskPhone, maskedContact } from '../../server/facts/pii';

describe('PII masking', () => {
  it('masks phones, emails and names as Chinese shops show them', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('+8613812341234')).toBe('+86****1234');
    expect(maskPhone('1234567')).toBe('****67');
    expect(maskPhone('12')).toBe('****');
    expect(maskEmail('alice@x.com')).toBe('a***@x.com');
    expect(maskEmail('王@例子.cn')).toBe('王***@例子.cn');
    expect(maskEmail('not-an-email')).toBe('***');
    expect(maskName('王芳')).toBe('王*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('Li')).toBe('L*');
    expect(maskName('王')).toBe('*');
  });

  it('shows everything to admin only', () => {
    const c = { id: 'c1', name: '王芳', phone: '13812341234', email: 'alice@x.com', region: '浙江' };
    expect(maskedContact(c, 'admin')).toEqual(c);
    for (const role of ['marketer', 'analyst'] as const) {
      expect(maskedContact(c, role)).toEqual({ id: 'c1', name: '王*', phone: '138****1234', email: 'a***@x.com', region: '浙江' });
    }
    expect(maskedContact({ name: null, phone: null, email: null }, 'analyst')).toEqual({ name: null, phone: null, email: null });
  });
});
