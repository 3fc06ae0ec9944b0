import type { BodyIn, Endpoint, ParamsIn, QueryIn, ResponseOf } from '../../../contract/endpoint';
import { request } from './http';

/** What a call of `E` sends: its path parameters, query and body, as its contract entry types them. */
export type CallInput<E extends Endpoint> = (ParamsIn<E> extends undefined ? unknown : { params: ParamsIn<E> }) &
  (QueryIn<E> extends undefined ? unknown : { query?: QueryIn<E> }) &
  (BodyIn<E> extends undefined ? unknown : { body: BodyIn<E> });

type Sent = { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };

/** The entry's path with its parameters filled in, each encoded as one segment. */
export function pathOf(entry: Endpoint, params: Record<string, unknown> = {}): string {
  return entry.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(String(params[name])));
}

/** The query string of the given values (undefined ones left out), with its `?`; empty when none. */
export function queryOf(query: Record<string, unknown> = {}): string {
  const given = Object.entries(query).filter(([, value]) => value !== undefined);
  return given.length === 0 ? '' : `?${new URLSearchParams(given.map(([name, value]) => [name, String(value)])).toString()}`;
}

/**
 * Calls one endpoint of the API (contract/): what is sent and what comes back are typed by its
 * contract entry, so the designer and the server cannot disagree on a shape unnoticed.
 */
export function call<E extends Endpoint>(entry: E, ...input: unknown extends CallInput<E> ? [CallInput<E>?] : [CallInput<E>]): Promise<ResponseOf<E>> {
  const sent = (input[0] ?? {}) as Sent;
  return request<ResponseOf<E>>(entry.method, `${pathOf(entry, sent.params)}${queryOf(sent.query)}`, sent.body);
}
