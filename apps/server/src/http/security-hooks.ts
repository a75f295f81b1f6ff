import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error';
import type { AppContext } from './app-context';
import { rateLimit } from './rate-limit';

// What the browser may load and run on our pages. The app is one bundle from our origin: no inline
// script. MapLibre starts its workers from our files (blob: kept for its fallback), hls.js feeds
// video through MediaSource blob: URLs, photos are previewed from blob: and data: URLs, and the
// stream is a same-origin WebSocket.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "worker-src 'self' blob:",
  "child-src 'self' blob:",
  "connect-src 'self' ws: wss:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  // Public links carry their secret in the path (/w/<token>): never send it anywhere as a referrer.
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // Caller video needs the camera and microphone, the field view the position; nothing else.
  'Permissions-Policy': 'camera=(self), microphone=(self), geolocation=(self), payment=(), usb=(), interest-cohort=()',
};

// The API documentation page is a third-party bundle with inline script; it holds no data.
const DOCS_PREFIX = '/api/v1/docs';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Refuses a write (or a stream) that rides on the session cookie but was started by another site.
 * SameSite=Strict already keeps the cookie off cross-site requests in current browsers; this is
 * the second lock for older ones and for sibling subdomains (SameSite treats them as the same
 * site): the browser's own Sec-Fetch-Site and Origin headers must say this origin. API clients
 * with a bearer token carry no ambient credential and are not checked.
 */
export function crossSiteRefusal(req: FastifyRequest, publicUrl: string | null): string | null {
  const websocket = req.headers.upgrade?.toLowerCase() === 'websocket';
  if (!UNSAFE_METHODS.has(req.method) && !websocket) return null;
  if (!/(^|;\s*)psap_session=/.test(req.headers.cookie ?? '')) return null;
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return `the request came from another site (Sec-Fetch-Site: ${site})`;
  const origin = req.headers.origin;
  if (origin === undefined) return null; // not a browser, or a browser that sends no Origin on same-origin GET upgrades
  const from = hostOf(origin);
  const allowed = [req.headers.host?.toLowerCase(), publicUrl ? hostOf(publicUrl) : null].filter(Boolean);
  if (!from || !allowed.includes(from)) return `the request came from ${origin}, not from this site`;
  return null;
}

/** A caller's request id when it is a plain token (it goes into logs), else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  if (typeof header === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(header)) return header;
  return Math.random().toString(36).slice(2, 10);
}

/** Security headers on every answer, the cross-site check, and a per-address limit on sign-in. */
export function registerSecurityHooks(app: FastifyInstance, ctx: AppContext): void {
  // Per account, repeated failures lock the account (PSAP_LOCKOUT_ATTEMPTS); per address, this
  // stops one machine from trying a password against many accounts.
  const signInLimit = rateLimit('sign-in', 60, 60_000);
  app.addHook('onRequest', async (req) => {
    if (req.method === 'POST' && req.url.split('?')[0] === '/api/v1/auth/login') await signInLimit(req);
    const refusal = crossSiteRefusal(req, ctx.config.publicUrl);
    if (refusal) throw new AppError(403, 'forbidden', `refused: ${refusal}; open the console from its own address and try again`);
  });
  app.addHook('onSend', async (req, reply, payload) => {
    for (const [k, v] of Object.entries(HEADERS)) reply.header(k, v);
    reply.header('X-Request-Id', req.id);
    if (!req.url.startsWith(DOCS_PREFIX)) reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    return payload;
  });
}
