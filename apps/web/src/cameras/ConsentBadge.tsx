import type { RegistryCamera } from '@openpsap/contract';

const LEVEL = { registry: 'registry only', footage: 'footage on request', live: 'live view' } as const;

/** What a camera allows now, at a glance: the city's own, an owner's current level, or why none. */
export function ConsentBadge({ c }: { c: Pick<RegistryCamera, 'consentState' | 'consent' | 'consentExpiresAt'> }) {
  if (c.consentState === 'city') return <span className="badge">city</span>;
  if (c.consentState === 'active' && c.consent) {
    return (
      <span className={`badge ${c.consent === 'registry' ? 'warn' : 'ok'}`}>
        {LEVEL[c.consent]}
        {c.consentExpiresAt ? ` · until ${new Date(new Date(c.consentExpiresAt).getTime() - 1).toLocaleDateString()}` : ''}
      </span>
    );
  }
  return <span className="badge danger">{c.consentState === 'none' ? 'no consent' : `consent ${c.consentState}`}</span>;
}
