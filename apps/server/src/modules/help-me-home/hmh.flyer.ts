import type { HmhPerson } from '@openpsap/contract';
import { PdfDocument, PAGE } from '../../pdf/pdf-writer';
import { describe } from './hmh-describe';

/**
 * A printable flyer for the public and for canvassing officers: photo, description, clothing,
 * where last seen and who to call. Medical notes and caregivers' numbers stay off it: a flyer is
 * posted on walls.
 */
export function flyerPdf(p: HmhPerson, photo: Buffer | null, centreName: string, lastSeen: { place: string | null; clothing: string | null }): Buffer {
  const d = new PdfDocument();
  const missing = p.state === 'missing';
  d.line(missing ? 'MISSING' : 'HELP ME HOME', { size: 40, bold: true });
  d.line(missing ? 'Please help us find this person' : 'If you find this person, please call 9-1-1', { size: 14, gap: 10 });
  if (photo) d.jpeg(photo, { maxWidth: 260, maxHeight: 320 });
  d.line(`${p.firstName} ${p.lastName}${p.preferredName ? ` ("${p.preferredName}")` : ''}`, { size: 24, bold: true, gap: 4 });
  d.paragraph(describe({ age: p.age, sex: p.sex, heightCm: p.heightCm, weightKg: p.weightKg, hair: p.hair, eyes: p.eyes, build: p.build, features: p.features }), { size: 14 });
  d.y -= 6;
  const clothing = lastSeen.clothing ?? p.usualClothing;
  d.field('Wearing', clothing, 13);
  d.field('Last seen', lastSeen.place, 13);
  d.field('How to help', p.communication ? `${p.communication}` : 'May be confused or frightened. Speak calmly and stay with them.', 13);
  d.y -= 14;
  d.line('If you see this person, call 9-1-1.', { size: 22, bold: true });
  d.line('Do not chase them. Stay nearby and keep them in sight if it is safe.', { size: 12 });
  d.y = Math.min(d.y, PAGE.margin + 30);
  return d.toBuffer({ title: `Missing: ${p.firstName} ${p.lastName}`, footer: centreName });
}
