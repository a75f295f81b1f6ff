import type { ServerConfig } from '../../config/config';

/**
 * The domain that makes this centre's identifiers globally unique in NG9-1-1 (incident and call
 * URNs, agency ids): the host of the public URL when one is set, else a local name.
 */
export function centreDomain(config: Pick<ServerConfig, 'publicUrl'>): string {
  if (config.publicUrl) {
    try {
      return new URL(config.publicUrl).hostname.toLowerCase();
    } catch {
      // a malformed URL is refused at start; fall through for safety
    }
  }
  return 'openpsap.local';
}

/** urn:emergency:uid:incidentid:<string>:<domain>, as NENA STA-010 and STA-021 spell it. */
export const incidentUrn = (id: number, domain: string) => `urn:emergency:uid:incidentid:${id}:${domain}`;
export const callUrn = (id: number, domain: string) => `urn:emergency:uid:callid:${id}:${domain}`;
export const agencyUri = (code: string, domain: string) => `${code.toLowerCase()}.${domain}`;
export const elementId = (domain: string) => `cad.${domain}`;

/** Our own numeric id back from one of our URNs (null when it is someone else's). */
export function ownIdFromUrn(urn: string, kind: 'incidentid' | 'callid', domain: string): number | null {
  const m = new RegExp(`^urn:emergency:uid:${kind}:(\\d{1,15}):(.+)$`).exec(urn);
  return m && m[2] === domain ? Number(m[1]) : null;
}
