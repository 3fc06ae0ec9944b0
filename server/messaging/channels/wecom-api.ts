import { OutboundHttpStatus, OutboundRefused, type ProviderHttp } from '../outbound-http';
import { PermanentDeliveryError } from './provider';

/**
 * WeCom's server API as its documentation describes it (developer.work.weixin.qq.com): every
 * answer is HTTP 200 with a JSON body whose `errcode` says how it went (0: ok) and `errmsg` why.
 */
export interface WecomAnswer {
  errcode: number;
  errmsg: string;
  [field: string]: unknown;
}

/** errcodes with a meaning of their own here (WeCom's global error code list). */
export const WECOM_ERRCODES = {
  /** access_token invalid / expired: fetch a new one and try once more. */
  tokenInvalid: [40014, 42001],
  /** Over the API's frequency limit (45009), or too many calls at once (45033): try again later. */
  rateLimited: [45009, 45033],
  /** The recipient does not exist or the app may not reach them: trying again will not help. */
  recipientUnknown: [60111, 81013, 82001, 40003],
} as const;

/** Whether a call's token was refused as invalid or expired (fetch another and try once more). */
export const tokenRefused = (errcode: number): boolean => (WECOM_ERRCODES.tokenInvalid as readonly number[]).includes(errcode);

/** A WeCom answer whose errcode is not 0; the code and message are kept for the message row. */
export class WecomError extends Error {
  override name = 'WecomError';
  constructor(
    readonly errcode: number,
    errmsg: string,
    what: string,
  ) {
    super(`WeCom ${what}: errcode ${errcode} ${shortErrmsg(errmsg)}`);
  }
}

/** WeCom appends ", hint: [...], from ip: …, more info at …" to errmsg; the reason is before it. */
function shortErrmsg(errmsg: string): string {
  return errmsg.split(/,\s*hint:/)[0]!.slice(0, 200);
}

/** Reads a WeCom answer; a body that is not one counts as a passing fault of the service. */
export function wecomAnswer(body: string, what: string): WecomAnswer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new Error(`WeCom ${what}: the answer is not JSON`);
  }
  const answer = parsed as Partial<WecomAnswer> | null;
  if (typeof answer !== 'object' || answer === null || typeof answer.errcode !== 'number') throw new Error(`WeCom ${what}: the answer has no errcode`);
  return { ...answer, errcode: answer.errcode, errmsg: typeof answer.errmsg === 'string' ? answer.errmsg : '' };
}

/** Throws a WecomError for a non-zero errcode: permanent when the recipient is unknown, else one the dispatcher retries. */
export function checkWecomAnswer(answer: WecomAnswer, what: string): void {
  if (answer.errcode === 0) return;
  const error = new WecomError(answer.errcode, answer.errmsg, what);
  if ((WECOM_ERRCODES.recipientUnknown as readonly number[]).includes(answer.errcode)) throw new PermanentDeliveryError(error.message);
  throw error;
}

/** HTTP failures as delivery outcomes: a refused address stays refused; anything else may pass later. */
export async function wecomHttp<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof OutboundRefused) throw new PermanentDeliveryError(e.message);
    if (e instanceof OutboundHttpStatus) throw new Error(`WeCom: ${e.message}`);
    throw e;
  }
}

export interface WecomTokenOptions {
  http: ProviderHttp;
  apiUrl: string;
  corpId: string;
  secret: string;
  /** Milliseconds since the epoch; replaced in tests. */
  now?: () => number;
}

/**
 * The app's access_token: fetched with `GET /cgi-bin/gettoken?corpid=…&corpsecret=…`, kept until
 * shortly before its `expires_in` ends (WeCom asks callers to cache it rather than fetch it per
 * call; gettoken has its own frequency limit), shared by concurrent sends, and dropped when a call
 * answers 40014/42001 so the next one fetches a fresh token.
 */
export class WecomToken {
  private current: { token: string; until: number } | undefined;
  private pending: Promise<string> | undefined;
  private readonly now: () => number;

  constructor(private readonly o: WecomTokenOptions) {
    this.now = o.now ?? Date.now;
  }

  async get(): Promise<string> {
    if (this.current && this.now() < this.current.until) return this.current.token;
    this.pending ??= this.fetch().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** Forgets `token` (a call said it is invalid or expired) unless a newer one already replaced it. */
  drop(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  private async fetch(): Promise<string> {
    const url = `${this.o.apiUrl}/cgi-bin/gettoken?corpid=${encodeURIComponent(this.o.corpId)}&corpsecret=${encodeURIComponent(this.o.secret)}`;
    const { body } = await wecomHttp(() => this.o.http.get(url));
    const answer = wecomAnswer(body, 'gettoken');
    // A wrong corpid or secret is the operator's to fix; the dispatcher's tries give them time.
    if (answer.errcode !== 0) throw new WecomError(answer.errcode, answer.errmsg, 'gettoken');
    const token = answer.access_token;
    const expiresIn = Number(answer.expires_in);
    if (typeof token !== 'string' || token === '') throw new Error('WeCom gettoken: the answer has no access_token');
    // Renewed a little early (a tenth of its life, at most five minutes) so no call carries a token that runs out on the way.
    const life = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : 0;
    this.current = { token, until: this.now() + life - Math.min(life / 10, 300_000) };
    return token;
  }
}
