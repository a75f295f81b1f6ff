import type { PublicAlert } from '@openpsap/contract';
import type { CapCentre } from './alerts.cap';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An Atom index of active alerts, in the shape NWS readers know: one entry per alert, linking its CAP message. */
export function atomFeed(alerts: PublicAlert[], centre: CapCentre, now: Date): string {
  const updated = alerts.reduce((m, a) => (a.updatedAt > m ? a.updatedAt : m), alerts.length ? alerts[0]!.updatedAt : now.toISOString());
  const entries = alerts.map(
    (a) => `  <entry>
    <id>${esc(`${centre.publicBase}/alerts#alert-${a.id}`)}</id>
    <title>${esc(a.headline)}</title>
    <updated>${a.updatedAt}</updated>
    <published>${a.issuedAt}</published>
    <author><name>${esc(centre.senderName)}</name></author>
    <summary>${esc(a.description.slice(0, 500))}</summary>
    <link rel="alternate" type="application/cap+xml" href="${esc(a.capUrl)}"/>
    <link rel="related" type="text/html" href="${esc(`${centre.publicBase}/alerts#alert-${a.id}`)}"/>
    <category term="${esc(a.event)}"/>
  </entry>
`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${esc(`${centre.publicBase}/api/v1/public/alerts.atom`)}</id>
  <title>${esc(`Active alerts from ${centre.senderName}`)}</title>
  <updated>${updated}</updated>
  <link rel="self" type="application/atom+xml" href="${esc(`${centre.publicBase}/api/v1/public/alerts.atom`)}"/>
  <link rel="alternate" type="text/html" href="${esc(`${centre.publicBase}/alerts`)}"/>
  <author><name>${esc(centre.senderName)}</name></author>
${entries.join('')}</feed>
`;
}
