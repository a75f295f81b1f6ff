import type { ShiftKind, TeamCode } from '@openpsap/contract';
import { invalid } from '../../errors/app-error';
import { dayNumber } from './roster-dates';

// Pitman 2-2-3: work 2, off 2, work 3, off 2, work 2, off 3 (14 days, 7 worked). Two teams work
// days and two nights; each pair is a week apart, so every day and night has exactly one team.
const PITMAN_WORK = 'WWOOWWWOOWWOOO';
// DuPont: 4 nights, 3 off, 3 days, 1 off, 3 nights, 3 off, 4 days, 7 off (28 days, 14 worked);
// the four teams start a week apart.
export const DUPONT = 'NNNNOOODDDONNNOOODDDDOOOOOOO';

/** The sequence and the offset into it for each team on a standard rotation. */
export function standardRotation(pattern: 'pitman' | 'dupont'): Record<TeamCode, { sequence: string; offset: number }> {
  if (pattern === 'pitman') {
    const days = PITMAN_WORK.replace(/W/g, 'D');
    const nights = PITMAN_WORK.replace(/W/g, 'N');
    return { A: { sequence: days, offset: 0 }, B: { sequence: days, offset: 7 }, C: { sequence: nights, offset: 0 }, D: { sequence: nights, offset: 7 } };
  }
  return { A: { sequence: DUPONT, offset: 0 }, B: { sequence: DUPONT, offset: 21 }, C: { sequence: DUPONT, offset: 14 }, D: { sequence: DUPONT, offset: 7 } };
}

/** The shift (or null for off) a team with this sequence works on a date. */
export function shiftOn(sequence: string, cycleStart: string, date: string): ShiftKind | null {
  const n = sequence.length;
  const i = (((dayNumber(date) - dayNumber(cycleStart)) % n) + n) % n;
  const c = sequence[i];
  return c === 'D' || c === 'N' ? c : null;
}

/**
 * Reads a custom sequence written as letters (DDNNOO), with "-" or "X" also meaning off and
 * spaces or commas ignored, and checks it can be worked: a night followed by a day (or a day
 * followed by that day's night) would be 24 hours in a row, over the 16-hour limit, also across
 * the cycle's end. Errors name the field `sequence` and the day.
 */
export function parseCustomSequence(raw: string): string {
  const cleaned = raw.toUpperCase().replace(/[\s,]+/g, '').replace(/OFF/g, 'O').replace(/[-X]/g, 'O');
  if (!cleaned) throw invalid('sequence', 'give the days of the cycle, e.g. DDNNOOOO (D day, N night, O off)');
  const bad = /[^DNO]/.exec(cleaned);
  if (bad) throw invalid('sequence', `day ${bad.index + 1}: "${bad[0]}" is not D (day), N (night) or O (off)`);
  if (cleaned.length < 2) throw invalid('sequence', 'a cycle has at least 2 days');
  if (cleaned.length > 84) throw invalid('sequence', 'a cycle has at most 84 days');
  if (!/[DN]/.test(cleaned)) throw invalid('sequence', 'the cycle has no working day');
  if (!cleaned.includes('O')) throw invalid('sequence', 'the cycle has no day off');
  for (let i = 0; i < cleaned.length; i++) {
    const next = cleaned[(i + 1) % cleaned.length];
    if (cleaned[i] === 'N' && next === 'D') {
      throw invalid('sequence', `day ${i + 1} is a night and day ${((i + 1) % cleaned.length) + 1} a day shift: 24 hours in a row, over the 16-hour limit`);
    }
  }
  return cleaned;
}

/** The cycle start that puts `startDate` at position `offset` of the sequence. */
export function cycleStartFor(startDate: string, offset: number): string {
  const d = dayNumber(startDate) - offset;
  return new Date(d * 86_400_000).toISOString().slice(0, 10);
}
