import { createHash, createHmac } from 'node:crypto';

/**
 * Tencent Cloud API 3.0's request signature (TC3-HMAC-SHA256), as its "签名方法 v3" page documents it:
 *
 *   CanonicalRequest = Method \n "/" \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n hex(sha256(payload))
 *   StringToSign     = "TC3-HMAC-SHA256" \n Timestamp \n <date>/<service>/tc3_request \n hex(sha256(CanonicalRequest))
 *   SecretSigning    = hmac(hmac(hmac("TC3" + SecretKey, date), service), "tc3_request")
 *   Signature        = hex(hmac(SecretSigning, StringToSign))
 *   Authorization: TC3-HMAC-SHA256 Credential=<SecretId>/<date>/<service>/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=<hex>
 *
 * `date` is the UTC day of the timestamp; a POST has an empty query string; the action is signed
 * lower-cased, as the documentation's example does.
 */
export interface Tc3Request {
  /** The endpoint, e.g. https://sms.tencentcloudapi.com (its host is signed as sent). */
  url: URL;
  service: string;
  action: string;
  version: string;
  region: string;
  /** The JSON body, exactly as sent. */
  body: string;
  /** Unix seconds. */
  timestamp: number;
}

export interface Tc3Credentials {
  secretId: string;
  secretKey: string;
}

export const tc3Algorithm = 'TC3-HMAC-SHA256';
export const tc3ContentType = 'application/json; charset=utf-8';

/** The headers to send, Authorization included (the HTTP client sets Host, to the signed value). */
export function signTc3(credentials: Tc3Credentials, request: Tc3Request): Record<string, string> {
  const date = new Date(request.timestamp * 1000).toISOString().slice(0, 10);
  const signed: Record<string, string> = { 'content-type': tc3ContentType, host: request.url.host, 'x-tc-action': request.action.toLowerCase() };
  const names = Object.keys(signed).sort();
  const canonicalRequest = ['POST', '/', '', names.map((n) => `${n}:${signed[n]}\n`).join(''), names.join(';'), sha256Hex(request.body)].join('\n');
  const scope = `${date}/${request.service}/tc3_request`;
  const stringToSign = `${tc3Algorithm}\n${request.timestamp}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  const secretDate = hmac(`TC3${credentials.secretKey}`, date);
  const secretSigning = hmac(hmac(secretDate, request.service), 'tc3_request');
  const signature = createHmac('sha256', secretSigning).update(stringToSign, 'utf8').digest('hex');
  return {
    authorization: `${tc3Algorithm} Credential=${credentials.secretId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
    'x-tc-action': request.action,
    'x-tc-version': request.version,
    'x-tc-timestamp': String(request.timestamp),
    'x-tc-region': request.region,
  };
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();
