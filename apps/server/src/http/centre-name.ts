import type { AppContext } from './app-context';

/** How documents for the public name the centre: after the jurisdiction whose map is loaded. */
export function centreName(ctx: AppContext): string {
  const name = ctx.geo?.ready ? ctx.geo.current.name : null;
  return name ? `${name} 9-1-1 Communications Center` : '9-1-1 Communications Center';
}
