import type { ComponentType } from 'react';

/** A page anyone can open without signing in (forms for the public, check-in links). */
export interface PublicRoute {
  /** Path pattern with :params, e.g. /public/special-needs/manage/:token */
  pattern: string;
  component: ComponentType<{ params: Record<string, string> }>;
}

const routes: PublicRoute[] = [];

/** Public pages register themselves here (see public/index.ts). */
export function registerPublicRoute(r: PublicRoute): void {
  routes.push(r);
}

/** The public page for a path, with its parameters, or null for the signed-in app. */
export function matchPublicRoute(path: string): { route: PublicRoute; params: Record<string, string> } | null {
  for (const route of routes) {
    const names: string[] = [];
    const re = new RegExp(`^${route.pattern.replace(/:([a-zA-Z]+)/g, (_m, n: string) => (names.push(n), '([^/]+)'))}/?$`);
    const m = re.exec(path);
    if (m) return { route, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)])) };
  }
  return null;
}
