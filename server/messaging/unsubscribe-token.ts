import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isConsentChannel, type ConsentChannel } from '../../engine/index';
import type { Db } from '../db/database';

/**
 * The token of an unsubscribe link: it names a customer and a channel and is signed with the
 * installation's secret (HMAC-SHA256), so the public unsubscribe route needs no login yet cannot
 * be pointed at anyone else — changing one character of it makes it refused.
 *
 * Shape: `v1.<channel>.<customer id, base64url>.<signature, base64url>`.
 */
export interface UnsubscribeTarget {
  customerId: string;
  channel: ConsentChannel;
}

const version = 'v1';

export function signUnsubscribe(secret: Buffer, target: UnsubscribeTarget): string {
  const id = Buffer.from(target.customerId, 'utf8').toString('base64url');
  return `${version}.${target.channel}.${id}.${mac(secret, target).toString('base64url')}`;
}

/** The target of a token this installation signed; null for anything else (malformed, altered, another secret). */
export function verifyUnsubscribe(secret: Buffer, token: string): UnsubscribeTarget | null {
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== version) return null;
  const [, channel, id, signature] = parts as [string, string, string, string];
  if (!isConsentChannel(channel) || !/^[A-Za-z0-9_-]+$/.test(id) || !/^[A-Za-z0-9_-]{43}$/.test(signature)) return null;
  const customerId = Buffer.from(id, 'base64url').toString('utf8');
  // A canonical encoding only: another spelling of the same bytes is not a second valid token.
  if (Buffer.from(customerId, 'utf8').toString('base64url') !== id) return null;
  // Compared as text: the last character of a 32-byte signature carries two unused bits, so four
  // spellings decode to the same bytes, and a changed character must not still pass.
  const given = Buffer.from(signature, 'utf8');
  const expected = Buffer.from(mac(secret, { customerId, channel }).toString('base64url'), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected) ? { customerId, channel } : null;
}

function mac(secret: Buffer, target: UnsubscribeTarget): Buffer {
  return createHmac('sha256', secret).update(`huitou-unsubscribe\u0000${version}\u0000${target.channel}\u0000${target.customerId}`).digest();
}

const secretName = 'unsubscribe-links';

/**
 * The secret unsubscribe links are signed with: `HUITOU_UNSUBSCRIBE_SECRET` when set, else one
 * generated on first use and kept in the database (`server_secrets`), so the server that checks a
 * link and the worker that wrote it share it without any set-up. Read once per process.
 */
export function unsubscribeSecret(db: Db, configured: string | undefined): () => Promise<Buffer> {
  let secret: Promise<Buffer> | undefined;
  return () => {
    if (configured) return Promise.resolve(Buffer.from(configured, 'utf8'));
    secret ??= storedSecret(db).catch((e: unknown) => {
      secret = undefined;
      throw e;
    });
    return secret;
  };
}

async function storedSecret(db: Db): Promise<Buffer> {
  await db
    .insertInto('server_secrets')
    .values({ name: secretName, value: randomBytes(32).toString('base64') })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('server_secrets').select('value').where('name', '=', secretName).executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'base64');
}

/** Where an email's unsubscribe link and header point, from the public base URL (`HUITOU_PUBLIC_URL`). */
export interface UnsubscribeLinks {
  /** The https URL of the link and of `List-Unsubscribe` (one-click POST and confirmation page). */
  url: string;
  /** `mailto:` for `List-Unsubscribe`, when an address is configured (`HUITOU_UNSUBSCRIBE_MAILTO`). */
  mailto?: string | undefined;
}

export type UnsubscribeLinker = (target: UnsubscribeTarget) => Promise<UnsubscribeLinks>;

export function unsubscribeLinker(options: { publicUrl: string; mailto?: string | undefined; secret: () => Promise<Buffer> }): UnsubscribeLinker {
  const base = options.publicUrl.replace(/\/+$/, '');
  return async (target) => {
    const token = signUnsubscribe(await options.secret(), target);
    return {
      url: `${base}/api/unsubscribe/${token}`,
      ...(options.mailto ? { mailto: `mailto:${options.mailto}?subject=${encodeURIComponent(`unsubscribe ${token}`)}` } : {}),
    };
  };
}
