import type { RosterPosition, TeamCode } from '@openpsap/contract';
import type { TestClient } from '../../../test/helpers/test-client';

export const PURPOSE = '?purpose=staff+scheduling';

/** Adds a register entry on a team at a position, through the API as a supervisor would. */
export async function addMember(sup: TestClient, m: { name: string; team: TeamCode | null; position: RosterPosition; hiredOn?: string; userId?: number }): Promise<number> {
  const res = await sup.post('/api/v1/staff', { displayName: m.name, team: m.team, position: m.position, hiredOn: m.hiredOn ?? '2015-01-01', ...(m.userId ? { userId: m.userId } : {}) });
  if (res.status !== 201) throw new Error(`staff create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** Only call-takers have a minimum (one, every hour), so gaps in these tests have one cause. */
export async function oneCallTakerMinimum(sup: TestClient): Promise<void> {
  const rows = ['call-taker', 'police-dispatch', 'fire-ems-dispatch', 'supervisor'].flatMap((position) => Array.from({ length: 24 }, (_, hour) => ({ position, hour, minimum: position === 'call-taker' ? 1 : 0 })));
  for (let i = 0; i < rows.length; i += 96) {
    const res = await sup.request('PUT', '/api/v1/rosters/minimums', { rows: rows.slice(i, i + 96) });
    if (res.status !== 200) throw new Error(`minimums failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** Unfolds and reads an iCalendar file into its events' properties (name without parameters -> value). */
export function parseIcs(text: string): { lines: string[]; events: Record<string, string>[] } {
  if (!text.endsWith('\r\n')) throw new Error('iCalendar must end with CRLF');
  const physical = text.slice(0, -2).split('\r\n');
  for (const l of physical) if (Buffer.byteLength(l, 'utf8') > 75) throw new Error(`line longer than 75 octets: ${l}`);
  const lines: string[] = [];
  for (const l of physical) {
    if (l.startsWith(' ')) lines[lines.length - 1] += l.slice(1);
    else lines.push(l);
  }
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  const stack: string[] = [];
  for (const l of lines) {
    const i = l.indexOf(':');
    if (i < 1) throw new Error(`not a content line: ${l}`);
    const name = l.slice(0, i).split(';')[0]!;
    const value = l.slice(i + 1);
    if (name === 'BEGIN') {
      stack.push(value);
      if (value === 'VEVENT') current = {};
    } else if (name === 'END') {
      if (stack.pop() !== value) throw new Error(`END:${value} does not close its BEGIN`);
      if (value === 'VEVENT' && current) events.push(current), (current = null);
    } else if (current) current[name] = value;
  }
  if (stack.length) throw new Error('unclosed component');
  return { lines, events };
}

/** The value of an escaped TEXT property, unescaped (RFC 5545 3.3.11). */
export function icsText(v: string): string {
  return v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Test databases are cloned from the seeded demo: take its teams off the roster so each test knows exactly who is on it. */
export async function clearDemoRoster(pool: { query: (sql: string) => Promise<unknown> }): Promise<void> {
  await pool.query('DELETE FROM roster_members');
  await pool.query('UPDATE roster_teams SET pattern = NULL, sequence = NULL, cycle_start = NULL');
}
