import { describe, expect, it } from 'vitest';
import { maskEmail, maskName, maskPhone } from '../../server/facts/pii';
import { maskPii } from '../../server/facts/pii-mask';

const wang = { name: '王芳芳', phone: '13812341234', email: 'fang@shop.cn' };

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
    const customers = [c];
    expect(maskPii(c, { customers, role: 'admin' })).toBe(c);
    for (const role of ['marketer', 'analyst'] as const) {
      expect(maskPii(c, { customers, role })).toEqual({ id: 'c1', name: '王*', phone: '138****1234', email: 'a***@x.com', region: '浙江' });
    }
    expect(maskPii({ name: null, phone: null, email: null }, { role: 'analyst' })).toEqual({ name: null, phone: null, email: null });
  });

  it("finds the customer's own name, phone and email inside free text, at any depth", () => {
    const answer = {
      messages: [
        {
          id: 'm1',
          customerId: 'c1',
          recipient: '13812341234',
          subject: '王芳芳，您的订单',
          text: '亲爱的王芳芳：您的手机 13812341234、邮箱 fang@shop.cn 已登记。',
        },
        { id: 'm2', customerId: 'c1', recipient: 'fang@shop.cn', subject: null, text: '<p>Hi 王芳芳</p>' },
      ],
      customer: { attributes: { contact: '王芳芳 / 13812341234', vip: 'gold' } },
    };
    expect(maskPii(answer, { customers: [wang], role: 'analyst' })).toEqual({
      messages: [
        {
          id: 'm1',
          customerId: 'c1',
          recipient: '138****1234',
          subject: '王**，您的订单',
          text: '亲爱的王**：您的手机 138****1234、邮箱 f***@shop.cn 已登记。',
        },
        { id: 'm2', customerId: 'c1', recipient: 'f***@shop.cn', subject: null, text: '<p>Hi 王**</p>' },
      ],
      customer: { attributes: { contact: '王** / 138****1234', vip: 'gold' } },
    });
  });

  it('masks phone- and email-shaped text of anyone, with +86 and grouped forms', () => {
    const masked = maskPii(
      ['致电 13900001111', '+86 139-0000-1111 或 0086 13900001111', '8613900001111', '邮件bob.li@mail.example.com谢谢', '订单 202611111234567 金额 128'],
      { role: 'marketer' },
    );
    expect(masked).toEqual(['致电 139****1111', '+86****1111 或 008****1111', '861****1111', '邮件b***@mail.example.com谢谢', '订单 202611111234567 金额 128']);
  });

  it('keeps identifiers, so a masked answer still links to its records', () => {
    const answer = { id: '13812341234', customerId: '13812341234', idempotencyKey: 'j:13812341234:n', customerIds: ['13812341234'], text: '13812341234' };
    expect(maskPii(answer, { role: 'analyst' })).toEqual({ ...answer, text: '138****1234' });
    expect(maskPii(answer, { role: 'analyst', keepIdentifiers: false })).toEqual({
      id: '138****1234',
      customerId: '138****1234',
      idempotencyKey: 'j:138****1234:n',
      customerIds: ['138****1234'],
      text: '138****1234',
    });
  });

  it('masks a one-character name only as a whole value, a Latin name only as a whole word, and HTML-escaped names', () => {
    const customers = [{ name: '王' }, { name: 'Li' }, { name: "O'Neil" }];
    expect(maskPii({ name: '王', note: '王府井 Lisa Li', html: 'Dear O&#39;Neil' }, { customers, role: 'analyst' })).toEqual({
      name: '*',
      note: '王府井 Lisa L*',
      html: 'Dear O*********',
    });
  });

  it('masks known phones that are not mobile-shaped, and the longest of names that share a start', () => {
    const customers = [
      { name: '欧阳娜', phone: '0571-88886666' },
      { name: '欧阳娜娜', phone: '+1 415 555 0100' },
    ];
    expect(maskPii('欧阳娜娜来电 0571-88886666，欧阳娜回拨 +1 415 555 0100', { customers, role: 'analyst' })).toBe(
      '欧***来电 057****6666，欧**回拨 +1 ****0100',
    );
  });

  it('never changes its input (answers may be shared constants) and leaves dates alone', () => {
    const at = new Date('2026-11-11T00:00:00Z');
    const input = { text: '13812341234', at };
    const out = maskPii(input, { role: 'analyst' });
    expect(input.text).toBe('13812341234');
    expect(out.at).toBe(at);
  });
});
