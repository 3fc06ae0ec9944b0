import type { z } from 'zod';

/**
 * One HTTP endpoint, described once: the server registers its route from this (method, path, who
 * may call it, what it validates — server/http/endpoint.ts), the OpenAPI document is generated
 * from it (server/http/openapi.ts), and the designer's client is typed by it (designer/src/api/call.ts).
 */

/** Who may call an endpoint: anyone, or a token whose role is this one or above (analyst < marketer < admin). */
export type Access = 'public' | 'analyst' | 'marketer' | 'admin';
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** An answer other than the success one: what it means and, when not the shared error body, its shape. */
export interface OtherAnswer {
  description: string;
  schema?: z.ZodType;
}

export interface Endpoint {
  method: Method;
  /** Fastify's spelling: `/api/journeys/:id`. */
  path: string;
  access: Access;
  /** One line for OpenAPI and docs/api.md. */
  summary: string;
  description?: string;
  /** Path parameters, by name. */
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /**
   * Who checks the body: the route (the default), or the handler — for a body whose check needs
   * what only the server has (a journey's nodes against the installed node types) or that is
   * not JSON (a CSV stream). The schema then only documents the body and types the client.
   */
  bodyCheckedBy?: 'route' | 'handler';
  /** The body's media types, when not only JSON. */
  bodyMediaTypes?: readonly string[];
  /** The `error` of a 400 when params, query or body fail their schema. */
  invalid?: string;
  /** The success status (200 unless said). */
  status?: 200 | 201 | 202;
  /** The success body. */
  response: z.ZodType;
  /** The success body's media type, when not JSON (a CSV export). */
  responseMediaType?: string;
  /** Other answers by status; their body is the shared error body unless a schema is given. */
  answers?: Record<number, string | OtherAnswer>;
  /** Bytes of body the route reads whole, when not the default. */
  bodyLimit?: number;
}

/** Declares an endpoint, keeping its literal types (path, method, schemas) for the typed client and handler. */
export const endpoint = <const E extends Endpoint>(definition: E): E => definition;

type Input<S> = S extends z.ZodType ? z.input<S> : undefined;
type Output<S> = S extends z.ZodType ? z.output<S> : undefined;
type Field<E, K extends string> = E extends { [key in K]: infer S } ? S : undefined;

/** What a caller sends: path parameters, query and body, as the schemas take them. */
export type ParamsIn<E extends Endpoint> = Input<Field<E, 'params'>>;
export type QueryIn<E extends Endpoint> = Input<Field<E, 'query'>>;
export type BodyIn<E extends Endpoint> = Input<Field<E, 'body'>>;
/** What a handler gets: path parameters, query and body as the schemas give them (defaults filled). */
export type ParamsOut<E extends Endpoint> = Output<Field<E, 'params'>>;
export type QueryOut<E extends Endpoint> = Output<Field<E, 'query'>>;
export type BodyOut<E extends Endpoint> = Output<Field<E, 'body'>>;
/** The success body on the wire. */
export type ResponseOf<E extends Endpoint> = z.output<E['response']>;
