import { createHash, createHmac } from 'node:crypto';

/**
 * Alibaba Cloud's V3 request signature (ACS3-HMAC-SHA256), as its "V3版本请求体&签名机制" page
 * documents it:
 *
 *   CanonicalRequest = Method \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n HashedRequestPayload
 *   StringToSign     = "ACS3-HMAC-SHA256" \n hex(sha256(CanonicalRequest))
 *   Signature        = hex(hmac-sha256(AccessKeySecret, StringToSign))
 *   Authorization: ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<names>,Signature=<hex>
 *
 * The query string is sorted by name, names and values percent-encoded per RFC 3986; every
 * `x-acs-*` header, `host` and `content-type` (when sent) are signed, lower-cased and sorted.
 */
export interface Acs3Request {
  method: string;
  /** The endpoint, e.g. https://dysmsapi.aliyuncs.com (its host is signed as sent). */
  url: URL;
  action: string;
  version: string;
  query: Record<string, string>;
  body: string;
  contentType?: string | undefined;
  /** `x-acs-date`: UTC, yyyy-MM-ddTHH:mm:ssZ. */
  date: Date;
  /** `x-acs-signature-nonce`: new for every request, so a replay is refused. */
  nonce: string;
}

export interface Acs3Credentials {
  accessKeyId: string;
  accessKeySecret: string;
}

export const acs3Algorithm = 'ACS3-HMAC-SHA256';

/** The headers to send (Authorization included) and the query string the signature covers. */
export function signAcs3(credentials: Acs3Credentials, request: Acs3Request): { headers: Record<string, string>; queryString: string } {
  const headers: Record<string, string> = {
    host: request.url.host,
    'x-acs-action': request.action,
    'x-acs-version': request.version,
    'x-acs-date': request.date.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'x-acs-signature-nonce': request.nonce,
    'x-acs-content-sha256': sha256Hex(request.body),
    ...(request.contentType ? { 'content-type': request.contentType } : {}),
  };
  const signedNames = Object.keys(headers).sort();
  const queryString = canonicalQuery(request.query);
  const canonicalRequest = [
    request.method.toUpperCase(),
    request.url.pathname || '/',
    queryString,
    signedNames.map((name) => `${name}:${headers[name]!.trim()}\n`).join(''),
    signedNames.join(';'),
    headers['x-acs-content-sha256'],
  ].join('\n');
  const stringToSign = `${acs3Algorithm}\n${sha256Hex(canonicalRequest)}`;
  const signature = createHmac('sha256', credentials.accessKeySecret).update(stringToSign, 'utf8').digest('hex');
  const { host: _host, ...sent } = headers; // the HTTP client sets Host itself, to the same value
  return {
    headers: { ...sent, authorization: `${acs3Algorithm} Credential=${credentials.accessKeyId},SignedHeaders=${signedNames.join(';')},Signature=${signature}` },
    queryString,
  };
}

/** RFC 3986: everything but A–Z a–z 0–9 - _ . ~ is %XX-encoded (a space as %20, never +). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalQuery(query: Record<string, string>): string {
  return Object.keys(query)
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(query[name]!)}`)
    .join('&');
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
