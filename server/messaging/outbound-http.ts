import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { HttpService } from '../../engine/index';
import { createAddressGuard, stripBrackets, type AddressGuard } from './address-guard';

export interface OutboundHttpOptions {
  /** The operator's allow-list (`HUITOU_HTTP_ALLOW`): CIDRs, addresses or host names. */
  allow: string[];
  /** The whole exchange, connect to last byte. */
  timeoutMs?: number;
  /** Answers longer than this are cut off and count as a failure. */
  maxResponseBytes?: number;
}

/** A refused destination; the message names the host and the reason, never the URL's path or query. */
export class OutboundRefused extends Error {
  override name = 'OutboundRefused';
}

/**
 * Outbound HTTP as providers use it: webhooks' JSON POST, a raw body for providers that sign the
 * exact bytes and content type they send (Aliyun, Tencent), and a GET for APIs that hand out
 * tokens that way (WeCom's gettoken).
 */
export interface OutboundHttp extends HttpService {
  /** POSTs `body` as is with `contentType` (signed by the caller); the same guard, limits and failures as `postJson`. */
  post(url: string, body: string, contentType: string, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
  get(url: string, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
}

/** What a POST sends: the bytes and their content type. */
interface Payload {
  bytes: Buffer;
  contentType: string;
}

/**
 * Outbound HTTP for webhooks and providers, with a guard against server-side request forgery: the
 * address is checked where the socket is about to connect (a DNS `lookup` of our own on the
 * request), so a name that resolves to a public address when checked and to 127.0.0.1 when
 * connecting (DNS rebinding) is still refused. Address literals skip DNS and are checked up front.
 * Redirects are not followed: a 3xx is a failure like any non-2xx, which throws so the activity
 * retries.
 */
export function createOutboundHttp(options: OutboundHttpOptions): OutboundHttp {
  const guard = createAddressGuard(options.allow);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBytes = options.maxResponseBytes ?? 1024 * 1024;
  const request = async (url: string, payload: Payload | undefined, headers: Record<string, string>) => {
    const target = parseTarget(url);
    const host = stripBrackets(target.hostname);
    const hostAllowed = guard.hostAllowed(host);
    if (!hostAllowed && isAddressLiteral(host)) {
      const why = guard.refusal(host);
      if (why) throw refused(host, host, why);
    }
    return await send(target, payload, headers, { lookup: guardedLookup(guard, host, hostAllowed), timeoutMs, maxBytes });
  };
  return {
    postJson: (url, body, headers = {}) => request(url, { bytes: Buffer.from(JSON.stringify(body ?? null)), contentType: 'application/json' }, headers),
    post: (url, body, contentType, headers = {}) => request(url, { bytes: Buffer.from(body, 'utf8'), contentType }, headers),
    get: (url, headers = {}) => request(url, undefined, headers),
  };
}

/** The name the WeCom providers use for it. */
export type ProviderHttp = OutboundHttp;

function parseTarget(url: string): URL {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new OutboundRefused('outbound HTTP: the url is not a valid URL');
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    throw new OutboundRefused(`outbound HTTP: only http and https URLs are allowed, not ${target.protocol}`);
  if (target.username || target.password) throw new OutboundRefused('outbound HTTP: credentials in the URL are not allowed; send them as a header');
  return target;
}

const isAddressLiteral = (host: string) => /^[0-9.]+$/.test(host) || host.includes(':');

function refused(host: string, address: string, why: string): OutboundRefused {
  const at = host === address ? host : `${host} (${address})`;
  return new OutboundRefused(`outbound HTTP to ${at} refused: ${why}; the operator may allow it with HUITOU_HTTP_ALLOW`);
}

/** Resolves as usual, then refuses any answer the guard refuses — at connect time, per connection. */
function guardedLookup(guard: AddressGuard, host: string, hostAllowed: boolean): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      if (!hostAllowed) {
        for (const a of addresses) {
          const why = guard.refusal(a.address);
          if (why) return callback(refused(host, a.address, why), '', 0);
        }
      }
      if (lookupOptions.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new Error(`outbound HTTP: ${host} has no address`), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

interface SendOptions {
  lookup: LookupFunction;
  timeoutMs: number;
  maxBytes: number;
}

/** A POST of `payload`, or a GET when there is none. */
function send(target: URL, payload: Payload | undefined, headers: Record<string, string>, o: SendOptions): Promise<{ status: number; body: string }> {
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    // The deadline covers the whole exchange, the answer's body included.
    const done =
      <T>(settle: (v: T) => void) =>
      (v: T) => {
        clearTimeout(timer);
        settle(v);
      };
    const request = client.request(
      target,
      {
        method: payload ? 'POST' : 'GET',
        // A fresh connection each time: a pooled socket would skip the lookup and its check.
        agent: false,
        lookup: o.lookup,
        headers: payload
          ? { 'user-agent': 'Huitou', ...headers, 'content-type': payload.contentType, 'content-length': String(payload.bytes.length) }
          : { 'user-agent': 'Huitou', ...headers },
      },
      (response) => {
        // A deadline that passes mid-body ends the answer too.
        request.once('close', () => response.destroy(new Error(`outbound HTTP to ${target.host} was cut off`)));
        collect(response, o.maxBytes, target.host).then(done(resolve), done(reject));
      },
    );
    const timer = setTimeout(() => request.destroy(new Error(`outbound HTTP to ${target.host} timed out after ${o.timeoutMs} ms`)), o.timeoutMs);
    request.on('error', done(reject));
    request.end(payload?.bytes);
  });
}

function collect(response: IncomingMessage, maxBytes: number, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        response.destroy(new Error(`outbound HTTP: the answer from ${host} is larger than ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    response.on('error', reject);
    response.on('end', () => {
      const status = response.statusCode ?? 0;
      const body = Buffer.concat(chunks).toString('utf8');
      if (status >= 200 && status < 300) return resolve({ status, body });
      const what = status >= 300 && status < 400 ? 'a redirect, which is not followed' : 'a failure';
      reject(new OutboundHttpStatus(status, `outbound HTTP: ${host} answered ${status} (${what})`, body.slice(0, 4096)));
    });
  });
}

/** A non-2xx answer; the status is kept for callers that tell 4xx from 5xx, the body (cut) for providers that explain there. */
export class OutboundHttpStatus extends Error {
  override name = 'OutboundHttpStatus';
  constructor(
    readonly status: number,
    message: string,
    readonly body = '',
  ) {
    super(message);
  }
}
