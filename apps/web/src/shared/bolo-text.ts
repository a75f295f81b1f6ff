import type { Bolo } from '@openpsap/contract';

/** "3 h 20 min left": how long units keep looking; a BOLO without an expiry stays until cancelled. */
export function timeLeft(b: Pick<Bolo, 'expiresAt'>, now: number): string {
  if (!b.expiresAt) return 'until cancelled';
  const ms = Date.parse(b.expiresAt) - now;
  if (ms <= 0) return 'expiring';
  // Rounded down: a unit is never told it has longer than it has.
  const min = Math.floor(ms / 60_000);
  if (min < 1) return 'under a minute left';
  if (min < 60) return `${min} min left`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ${String(min % 60).padStart(2, '0')} min left`;
  return `${Math.floor(h / 24)} d ${h % 24} h left`;
}

/** Silver 2014 Honda Civic: the words a unit would say over the radio. */
export function vehicleLine(v: NonNullable<Bolo['vehicle']>): string {
  return [v.colour, v.year, v.make, v.model].filter((x) => x !== null && x !== '').join(' ');
}

export function personLine(p: NonNullable<Bolo['person']>): string {
  return [p.age && `age ${p.age}`, p.sex, p.height, p.build && `${p.build} build`].filter(Boolean).join(', ');
}

/** The photo's address with the purpose the server audits (the address may already carry a version). */
export function boloPhotoSrc(b: Pick<Bolo, 'id' | 'photoUrl'>, purpose = `BOLO ${b.id}`): string | null {
  if (!b.photoUrl) return null;
  return `${b.photoUrl}${b.photoUrl.includes('?') ? '&' : '?'}purpose=${encodeURIComponent(purpose)}`;
}
