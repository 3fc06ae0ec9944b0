import type { ErrorBody } from './types';

/** A non-2xx answer, with the body the API sent (problems for `invalid_journey`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message ?? body.error ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

export interface ApiSession {
  token(): string | null;
  locale(): string;
  /** Called on 401: the token is wrong or revoked, so the designer goes back to sign-in. */
  unauthorized(): void;
}

let session: ApiSession = { token: () => null, locale: () => 'en', unauthorized: () => {} };

/** Wired once at start-up; keeps this module free of React and of the store. */
export function configureApi(s: ApiSession): void {
  session = s;
}

/** The headers every API call carries: JSON answers, the designer's language, the bearer token. */
export function sessionHeaders(): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    // Problem messages from the server follow the designer's language.
    'Accept-Language': session.locale(),
  };
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  return headers;
}

/** For calls made without `request` (uploads with progress): a 401 signs out the same way. */
export function reportUnauthorized(): void {
  session.unauthorized();
}

export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers = sessionHeaders();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  const data: unknown = text === '' ? {} : parseJson(text);
  if (res.status === 401) session.unauthorized();
  if (!res.ok) throw new ApiError(res.status, typeof data === 'object' && data !== null ? (data as ErrorBody) : {});
  return data as T;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // A proxy's HTML error page, say: keep the start of it as the message.
    return { message: text.slice(0, 200) };
  }
}
