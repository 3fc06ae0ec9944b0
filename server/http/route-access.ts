import type { FastifyInstance } from 'fastify';
import type { Role } from './api-tokens';

/**
 * Who may call a route: anyone (`public`), or a token whose role is the named one or above —
 * analyst < marketer < admin. Every route declares it where it is registered — an API route from
 * its contract entry (contract/, registered by endpoint.ts); the auth hook (auth.ts) reads it from
 * the route Fastify matched.
 */
export type Access = 'public' | Role;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route (route-access.ts); required on every route, checked at start-up. */
    access?: Access;
  }
}

/** Route options declaring who may call a route registered by hand (API routes take theirs from the contract). */
export const access = (level: Access) => ({ config: { access: level } });

const rank: Record<Role, number> = { analyst: 1, marketer: 2, admin: 3 };

/** Whether a token of `role` may call a route that needs `needed`. */
export const roleReaches = (role: Role, needed: Role): boolean => rank[role] >= rank[needed];

/**
 * Whether a path is the API's (an unknown one still needs a token: see auth.ts). Case is ignored,
 * as by the router, and `%2F` counts as a slash, so `/api%2Fx` is the API's too.
 */
export function isApiPath(url: string): boolean {
  const path = url.split('?', 1)[0]!.toLowerCase().replaceAll('%2f', '/');
  return path === '/api' || path.startsWith('/api/');
}

export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

/** The app's routes with who may call each, filled as routes are registered. */
export class RouteTable {
  private readonly routes: (RouteAccess & { segments: string[] })[] = [];

  add(method: string, url: string, level: Access): void {
    this.routes.push({ method, url, access: level, segments: url.toLowerCase().split('/') });
  }

  list(): RouteAccess[] {
    return this.routes.map(({ method, url, access: level }) => ({ method, url, access: level }));
  }

  /** Whether `method path` names a route (`:param` takes one non-empty segment; case ignored, as by the router). */
  names(method: string, path: string): boolean {
    const given = path.toLowerCase().split('/');
    return this.routes.some(
      (route) =>
        route.method === method &&
        route.segments.length === given.length &&
        route.segments.every((segment, i) => (segment.startsWith(':') ? given[i] !== '' : segment === given[i])),
    );
  }
}

/** Scopes whose routes are all public: the designer's static files, registered by a plugin we do not write. */
const publicScopes = new WeakSet<FastifyInstance>();

/** Declares every route registered in `scope` public (they hold no data). */
export function allPublic(scope: FastifyInstance): void {
  publicScopes.add(scope);
}

/**
 * Makes a route without a declared access fail at start-up, naming it, and records each route's
 * access in `table`.
 */
export function requireDeclaredAccess(app: FastifyInstance, table: RouteTable): void {
  app.addHook('onRoute', function (route) {
    const level = route.config?.access ?? (publicScopes.has(this) ? 'public' : undefined);
    const methods = [route.method].flat();
    if (!level) {
      throw new Error(
        `${methods.join(',')} ${route.url}: the route does not say who may call it; register it with access('public' | 'analyst' | 'marketer' | 'admin')`,
      );
    }
    route.config = { ...route.config, access: level };
    for (const method of methods) table.add(method, route.url, level);
  });
}
