import { describe, expect, it } from 'vitest';
import { signUnsubscribe, verifyUnsubscribe } from '../../server/messaging/unsubscribe-token';

// The token of an unsubscribe link: only the exact text this installation signed is accepted.

const secret = Buffer.from('a-secret-of-the-installation', 'utf8');
const base64url = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('unsubscribe tokens', () => {
  it('names the customer and channel it was signed for', () => {
    const token = signUnsubscribe(secret, { customerId: '王芳-1001', channel: 'email' });
    expect(verifyUnsubscribe(secret, token)).toEqual({ customerId: '王芳-1001', channel: 'email' });
    expect(verifyUnsubscribe(Buffer.from('another-secret-entirely', 'utf8'), token)).toBeNull();
  });

  it('refuses every other last character of the signature, including those that decode to the same bytes', () => {
    const token = signUnsubscribe(secret, { customerId: 'c-42', channel: 'sms' });
    const last = token.at(-1)!;
    const others = [...base64url].filter((c) => c !== last);
    // A 43-character signature's last character carries 4 bits: 3 other characters decode to the same 32 bytes.
    const sameBytes = others.filter((c) =>
      Buffer.from(token.split('.')[3]!.slice(0, -1) + c, 'base64url').equals(Buffer.from(token.split('.')[3]!, 'base64url')),
    );
    expect(sameBytes).toHaveLength(3);
    for (const c of others) expect(verifyUnsubscribe(secret, token.slice(0, -1) + c), c).toBeNull();
  });

  it('refuses a token moved to another customer or channel, or malformed', () => {
    const token = signUnsubscribe(secret, { customerId: 'c-42', channel: 'email' });
    const [v, , , signature] = token.split('.');
    expect(verifyUnsubscribe(secret, `${v}.email.${Buffer.from('c-43').toString('base64url')}.${signature}`)).toBeNull();
    expect(verifyUnsubscribe(secret, token.replace('.email.', '.sms.'))).toBeNull();
    for (const bad of ['', 'v1', 'v2.email.YWJj.' + signature, `${token}.x`]) expect(verifyUnsubscribe(secret, bad), bad).toBeNull();
  });
});
