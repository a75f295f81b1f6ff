// Test support for the tours tests only (no product code imports it).
import { request } from 'node:http';
import type pg from 'pg';

let nextAddress = 0;

/**
 * A loopback address no other test request has used. The public form is rate limited per client
 * address; tests that send many requests send each from its own address (all of 127/8 is local).
 */
export function freshAddress(): string {
  nextAddress++;
  return `127.1.${(nextAddress >> 8) & 255}.${nextAddress & 255}`;
}

/** A JSON request from a chosen local address, as a member of the public (no cookie). */
export function publicRequest(baseUrl: string, method: string, path: string, body?: unknown, from = '127.0.0.1'): Promise<{ status: number; body: any; headers: Record<string, string | string[] | undefined> }> {
  const u = new URL(path, baseUrl);
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        hostname: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method,
        localAddress: from,
        headers: data === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // not JSON (a calendar file): keep the text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, headers: res.headers });
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** A request body that passes every rule for a server whose local "today" is 2031-03-03 (a Monday). */
export function tourRequestBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    organisation: 'Hampden Elementary, Grade 4',
    contactName: 'Ana Teacher',
    email: 'ana.teacher@example.org',
    groupSize: 20,
    ages: '9-10',
    accessibility: 'one pupil uses a wheelchair',
    preferences: [
      { date: '2031-03-18', period: 'morning' },
      { date: '2031-03-19', period: 'afternoon' },
    ],
    message: 'We are studying community helpers.',
    ...over,
  };
}

/** The private token in the last message sent about a request (the link the requester received). */
export async function tokenFromMessages(pool: pg.Pool, requestId: number): Promise<string> {
  const { rows } = await pool.query<{ body: string }>('SELECT body FROM outbound_messages WHERE related = $1 ORDER BY id DESC', [`tour:${requestId}`]);
  for (const r of rows) {
    const m = /\/public\/tours\/T-[A-Z2-9]{6}\/([A-Za-z0-9_-]{32})\?lang=/.exec(r.body);
    if (m) return m[1]!;
  }
  throw new Error(`no link sent for tour ${requestId}`);
}

/** Every message sent about a request, oldest first. */
export async function messagesAbout(pool: pg.Pool, requestId: number): Promise<{ channel: string; recipient: string; subject: string | null; body: string; purpose: string }[]> {
  const { rows } = await pool.query('SELECT channel, recipient, subject, body, purpose FROM outbound_messages WHERE related = $1 ORDER BY id', [`tour:${requestId}`]);
  return rows;
}

/** Reads an iCalendar file back: unfolds lines, splits properties, unescapes TEXT values. */
export function parseIcs(text: string): { lines: string[]; events: Record<string, string>[] } {
  const lines = text.split('\r\n');
  const unfolded = text.replace(/\r\n[ \t]/g, '').split('\r\n').filter((l) => l !== '');
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of unfolded) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).split(';')[0]!;
    const raw = line.slice(colon + 1);
    if (name === 'BEGIN' && raw === 'VEVENT') current = {};
    else if (name === 'END' && raw === 'VEVENT') {
      events.push(current!);
      current = null;
    } else if (current) current[name] = raw.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
  }
  return { lines, events };
}
