import type { CapAlert, CapInfo } from '../../cap/cap-model';

// Interim: the centre's shared CAP writer (src/cap) replaces this once it is in; until then the
// composer writes its own messages, in the element order CAP 1.2 requires.
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const el = (name: string, v: string | number | undefined, pad: string) => (v === undefined || v === '' ? '' : `${pad}<${name}>${esc(String(v))}</${name}>\n`);
const pair = (name: string, v: { valueName: string; value: string }, pad: string) => `${pad}<${name}>\n${el('valueName', v.valueName, `${pad}  `)}${el('value', v.value, `${pad}  `)}${pad}</${name}>\n`;

function infoXml(i: CapInfo): string {
  const p = '    ';
  let x = '  <info>\n';
  x += el('language', i.language, p);
  for (const c of i.category) x += el('category', c, p);
  x += el('event', i.event, p);
  for (const r of i.responseType) x += el('responseType', r, p);
  x += el('urgency', i.urgency, p) + el('severity', i.severity, p) + el('certainty', i.certainty, p) + el('audience', i.audience, p);
  for (const e of i.eventCode) x += pair('eventCode', e, p);
  x += el('effective', i.effective, p) + el('onset', i.onset, p) + el('expires', i.expires, p) + el('senderName', i.senderName, p);
  x += el('headline', i.headline, p) + el('description', i.description, p) + el('instruction', i.instruction, p) + el('web', i.web, p) + el('contact', i.contact, p);
  for (const v of i.parameter) x += pair('parameter', v, p);
  for (const r of i.resource) x += `${p}<resource>\n${el('resourceDesc', r.resourceDesc, `${p}  `)}${el('mimeType', r.mimeType, `${p}  `)}${el('size', r.size, `${p}  `)}${el('uri', r.uri, `${p}  `)}${el('derefUri', r.derefUri, `${p}  `)}${el('digest', r.digest, `${p}  `)}${p}</resource>\n`;
  for (const a of i.area) {
    x += `${p}<area>\n${el('areaDesc', a.areaDesc, `${p}  `)}`;
    for (const poly of a.polygon) x += el('polygon', poly, `${p}  `);
    for (const c of a.circle) x += el('circle', c, `${p}  `);
    for (const g of a.geocode) x += pair('geocode', g, `${p}  `);
    x += `${el('altitude', a.altitude, `${p}  `)}${el('ceiling', a.ceiling, `${p}  `)}${p}</area>\n`;
  }
  return `${x}  </info>\n`;
}

/** CAP 1.2 XML for a message built by capAlertFor. */
export function capXmlFor(cap: CapAlert): string {
  const p = '  ';
  let x = '<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">\n';
  x += el('identifier', cap.identifier, p) + el('sender', cap.sender, p) + el('sent', cap.sent, p) + el('status', cap.status, p) + el('msgType', cap.msgType, p);
  x += el('source', cap.source, p) + el('scope', cap.scope, p) + el('restriction', cap.restriction, p) + el('addresses', cap.addresses, p);
  for (const c of cap.code) x += el('code', c, p);
  x += el('note', cap.note, p);
  if (cap.references.length) x += el('references', cap.references.join(' '), p);
  x += el('incidents', cap.incidents, p);
  for (const i of cap.info) x += infoXml(i);
  return `${x}</alert>\n`;
}
