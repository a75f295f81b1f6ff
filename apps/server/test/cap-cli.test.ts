import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './helpers/test-server';
import { runPsap } from './helpers/psap-process';
import { sampleCapAlert } from '../src/cap/cap-samples';
import { writeCap } from '../src/cap/cap-writer';
import type { CapAlert } from '../src/cap/cap-model';

const CAP_DIR = fileURLToPath(new URL('../../../../shared/standards/cap/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cap-cli-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

let env: Record<string, string>;
let pool: pg.Pool;
let http: Server;
let base: string;
const served = new Map<string, { type: string | null; body: string; hang?: boolean }>();

const count = async (sql: string, params: unknown[] = []) => Number((await pool.query<{ n: string }>(sql, params)).rows[0]!.n);
const rows = () => count('SELECT count(*) AS n FROM external_alerts');
const audits = () => count(`SELECT count(*) AS n FROM audit_log WHERE action = 'cap.import'`);

beforeAll(async () => {
  const db = await createTestDatabase();
  env = { DATABASE_URL: db.url };
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
  http = createServer((req, res) => {
    const page = served.get(req.url ?? '');
    if (!page) return res.writeHead(404).end('not here');
    if (page.hang) return; // never answers: the importer's time limit must end it
    res.writeHead(200, page.type ? { 'content-type': page.type } : {}).end(page.body);
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  http.closeAllConnections();
  http.close();
  await pool.end();
});

describe('psap cap validate', () => {
  it('passes the centre’s own alerts and explains what is wrong with broken ones', async () => {
    const good = file('amber.xml', writeCap(sampleCapAlert('amber')));
    const ok = await runPsap(['cap', 'validate', good]);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toContain('valid CAP 1.2 and IPAWS profile');

    const broken = file('broken.xml', writeCap(sampleCapAlert('silver')).replace(/\s*<identifier>.*<\/identifier>/, '').replace(/<sent>([^<]*)-05:00</, '<sent>$1Z<'));
    const bad = await runPsap(['cap', 'validate', broken]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('not valid, 2 problems');
    expect(bad.out).toMatch(/identifier: the message identifier \(<identifier>\) is missing \(CAP 1\.2 schema\)/);
    expect(bad.out).toMatch(/sent: the time sent: ".*Z" ends in Z; CAP 1\.2 wants the offset written out, e\.g\. \+00:00/);

    const official = `${CAP_DIR}cap_amber_alert_example.xml`;
    const profile = await runPsap(['cap', 'validate', official]);
    expect(profile.code).toBe(1);
    expect(profile.out).toContain('IPAWS needs <code>IPAWSv1.0</code>');
    expect((await runPsap(['cap', 'validate', official, '--profile', 'none'])).code).toBe(0);
    const json = await runPsap(['cap', 'validate', broken, '--json']);
    expect(JSON.parse(json.out.trim()).problems).toHaveLength(2);

    const xxe = await runPsap(['cap', 'validate', file('xxe.xml', '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&x;</identifier></alert>')]);
    expect(xxe.code).toBe(1);
    expect(xxe.out).toContain('declares a DOCTYPE');
    expect(xxe.out).not.toContain('root:');
  });

  it('answers usage mistakes with exit 2', async () => {
    expect((await runPsap(['cap', 'validate'])).code).toBe(2);
    expect((await runPsap(['cap', 'validate', join(dir, 'nothing.xml')])).out).toContain('no such file');
    expect((await runPsap(['cap', 'validate', join(dir, 'nothing.xml')])).code).toBe(2);
    expect((await runPsap(['cap', 'validate', 'a.xml', '--profile', 'fema'])).code).toBe(2);
    expect((await runPsap(['cap', 'import'])).code).toBe(2);
    const help = await runPsap(['--help']);
    expect(help.out).toContain('psap cap validate');
    expect(help.out).toContain('psap cap import');
  });
});

describe('psap cap import', () => {
  it('reports what a message holds and, dry, stores nothing', async () => {
    const r = await runPsap(['cap', 'import', `${CAP_DIR}cap_amber_alert_example.xml`, '--dry-run'], env);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('CAP 1.2 Alert (Actual) KAR0-0306112239-SW from KARO@CLETS.DOJ.CA.GOV');
    expect(r.out).toContain('info 1: Child Abduction [SAME CAE], expires not given');
    expect(r.out).toContain('info 2: Abducción de Niño');
    expect(r.out).toContain('1 area: Los Angeles County');
    expect(r.out).toContain('dry run: nothing stored');
    expect(await rows()).toBe(0);
    // Stored for real, an area given only by a SAME code has no shape: SQL NULL, so the map can skip it.
    expect((await runPsap(['cap', 'import', `${CAP_DIR}cap_amber_alert_example.xml`], env)).code).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM external_alerts WHERE identifier = 'KAR0-0306112239-SW' AND area_geojson IS NULL AND expires_at IS NULL`)).toBe(1);
  });

  it('stores a message once, with an audit row; importing it again changes nothing', async () => {
    const src = `${CAP_DIR}oasis-cap-1.2-appendix-a/v1dot2_appendix_adot2.xml`;
    const first = await runPsap(['cap', 'import', src], env);
    expect(first.code, first.out).toBe(0);
    expect(first.out).toMatch(/stored as external alert \d+/);
    const row = (await pool.query('SELECT * FROM external_alerts WHERE identifier = $1', ['KSTO1055887203'])).rows[0];
    expect(row).toMatchObject({ sender: 'KSTO@NWS.NOAA.GOV', sent: '2003-06-17T14:57:00-07:00', msg_type: 'Alert', status: 'Actual', cap_version: '1.2', refs: [] });
    expect(row.raw_xml).toBe(readFileSync(src, 'utf8'));
    expect(row.parsed.info[0].event).toBe('SEVERE THUNDERSTORM');
    expect(row.area_geojson.type).toBe('Polygon');
    expect(row.area_geojson.coordinates[0][0]).toEqual([-120.14, 38.47]);
    expect(row.expires_at.toISOString()).toBe('2003-06-17T23:00:00.000Z');
    const [n, a] = [await rows(), await audits()];
    const again = await runPsap(['cap', 'import', src], env);
    expect(again.code).toBe(0);
    expect(again.out).toContain('nothing changed');
    expect([await rows(), await audits()]).toEqual([n, a]);
  });

  it('an Update and a Cancel mark the message they reference, even when they arrive first', async () => {
    const original = sampleCapAlert('silver', new Date(Date.UTC(2026, 10, 21, 16, 0, 0)));
    const key = `${original.sender},${original.identifier},${original.sent}`;
    const follow = (msgType: 'Update' | 'Cancel', minutes: number): CapAlert => ({
      ...structuredClone(original),
      identifier: `${original.identifier}-${msgType}`,
      sent: original.sent.replace('T11:00', `T11:${String(minutes).padStart(2, '0')}`),
      msgType,
      references: [key],
    });
    const update = file('update.xml', writeCap(follow('Update', 20)));
    const cancel = file('cancel.xml', writeCap(follow('Cancel', 40)));
    const orig = file('original.xml', writeCap(original));
    // The Update comes before the message it updates (feeds are not always in order).
    const u = await runPsap(['cap', 'import', update, '--json'], env);
    expect(JSON.parse(u.out.trim().split('\n').at(-1)!)).toMatchObject({ ok: true, msgType: 'Update', references: [key], stored: { inserted: true, marked: [] } });
    const o = await runPsap(['cap', 'import', orig], env);
    expect(o.out).toMatch(/already superseded by stored message \d+/);
    const c = await runPsap(['cap', 'import', cancel], env);
    expect(c.code, c.out).toBe(0);
    expect(c.out).toMatch(/marked as cancelled: \d+/);
    const { rows: r } = await pool.query('SELECT superseded_how FROM external_alerts WHERE identifier = $1', [original.identifier]);
    expect(r).toEqual([{ superseded_how: 'Cancel' }]);
  });

  it('reads CAP 1.1 and signed multi-info messages; refuses what is not CAP with the reason', async () => {
    const v11 = writeCap({ ...sampleCapAlert('local'), identifier: 'V11-1', code: [] }).replace('emergency:cap:1.2', 'emergency:cap:1.1');
    const r11 = await runPsap(['cap', 'import', file('v11.xml', v11)], env);
    expect(r11.code, r11.out).toBe(0);
    expect(r11.out).toContain('CAP 1.1 Alert');
    expect(r11.out).toContain('[SAME EVI]');

    const multi = sampleCapAlert('amber');
    multi.identifier = 'SIGNED-1';
    multi.info.push({ ...structuredClone(multi.info[0]!), language: 'es-US', event: 'Alerta AMBER' });
    const signed = writeCap(multi).replace('</alert>', '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignatureValue>aGVsbG8=</ds:SignatureValue></ds:Signature></alert>');
    const rs = await runPsap(['cap', 'import', file('signed.xml', signed)], env);
    expect(rs.code, rs.out).toBe(0);
    expect(rs.out).toContain('signed (signature not verified)');
    expect(rs.out).toContain('info 2: Alerta AMBER');

    const before = await rows();
    for (const [name, text, says] of [
      ['text.xml', 'Dear all, the alert is attached.', 'not XML'],
      ['html.xml', '<html><body>Not found</body></html>', 'root element is <html>'],
      ['xxe.xml', '<!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&x;</identifier></alert>', 'DOCTYPE'],
      ['cut.xml', writeCap(sampleCapAlert('blue')).slice(0, 300), 'not well-formed XML'],
      ['noid.xml', writeCap({ ...sampleCapAlert('blue'), identifier: '' }), 'no identifier'],
    ] as const) {
      const r = await runPsap(['cap', 'import', file(name, text)], env);
      expect(r.code, `${name}: ${r.out}`).toBe(1);
      expect(r.out).toContain('refused');
      expect(r.out).toContain(says);
    }
    expect(await rows()).toBe(before);
  });

  it('fetches from http(s) with a time limit, a size cap and a content-type check; an Atom index imports each entry', async () => {
    const a = writeCap({ ...sampleCapAlert('blue'), identifier: 'WEB-1' });
    const b = writeCap({ ...sampleCapAlert('local'), identifier: 'WEB-2' });
    served.set('/a.xml', { type: 'application/cap+xml', body: a });
    served.set('/alerts/b.xml', { type: 'application/xml; charset=utf-8', body: b });
    served.set('/page', { type: 'text/html', body: '<html></html>' });
    served.set('/slow', { type: null, body: '', hang: true });
    served.set('/big', { type: 'application/xml', body: `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><note>${'x'.repeat(6 * 1024 * 1024)}</note></alert>` });
    served.set('/index.atom', {
      type: 'application/atom+xml',
      body: `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2"><id>idx</id><title>Active alerts</title><updated>2026-11-21T10:00:00-05:00</updated>
        <entry><id>a</id><title>Blue Alert</title><updated>2026-11-21T10:00:00-05:00</updated><link href="${base}/a.xml"/><cap:event>Blue Alert</cap:event></entry>
        <entry><id>b</id><title>Evacuation</title><updated>2026-11-21T10:00:00-05:00</updated><link rel="alternate" href="alerts/b.xml"/></entry>
        <entry><id>c</id><title>Gone</title><updated>2026-11-21T10:00:00-05:00</updated><link href="/missing.xml"/></entry></feed>`,
    });

    const dry = await runPsap(['cap', 'import', `${base}/a.xml`, '--dry-run'], env);
    expect(dry.code, dry.out).toBe(0);
    expect(dry.out).toContain('WEB-1');
    expect(await count(`SELECT count(*) AS n FROM external_alerts WHERE identifier LIKE 'WEB-%'`)).toBe(0);

    const html = await runPsap(['cap', 'import', `${base}/page`, '--dry-run'], env);
    expect(html.code).toBe(1);
    expect(html.out).toContain('sent text/html, not XML');
    const slow = await runPsap(['cap', 'import', `${base}/slow`, '--dry-run', '--timeout', '1'], env);
    expect(slow.code).toBe(1);
    expect(slow.out).toContain('did not answer within 1 s');
    const big = await runPsap(['cap', 'import', `${base}/big`, '--dry-run'], env);
    expect(big.code).toBe(1);
    expect(big.out).toMatch(/more than the \d+ a CAP message may be|sent more than/);
    expect((await runPsap(['cap', 'import', 'file:///etc/passwd', '--dry-run'], env)).out).toContain('only http and https');

    const idx = await runPsap(['cap', 'import', `${base}/index.atom`], env);
    expect(idx.out).toContain('Atom index with 3 entries');
    expect(idx.out).toContain(`${base}/missing.xml: refused: ${base}/missing.xml answered 404`);
    expect(idx.out).toContain('2 imported, 1 refused');
    expect(idx.code).toBe(1);
    const stored = await pool.query(`SELECT identifier, source_url FROM external_alerts WHERE identifier LIKE 'WEB-%' ORDER BY identifier`);
    expect(stored.rows).toEqual([
      { identifier: 'WEB-1', source_url: `${base}/a.xml` },
      { identifier: 'WEB-2', source_url: `${base}/alerts/b.xml` },
    ]);
  });

  it('imports each alert of a wrapper, and files in UTF-16 or a declared Latin-1', async () => {
    const strip = (x: string) => x.replace(/^<\?xml[^>]*>\n/, '');
    const one = strip(writeCap({ ...sampleCapAlert('amber'), identifier: 'LIST-1' }));
    const two = strip(writeCap({ ...sampleCapAlert('silver'), identifier: 'LIST-2' }));
    const list = file('list.xml', `<ns1:alerts xmlns:ns1="http://gov.fema.ipaws.services/feed">${one}${two}</ns1:alerts>`);
    const r = await runPsap(['cap', 'import', list], env);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('2 CAP alerts inside');
    expect(await count(`SELECT count(*) AS n FROM external_alerts WHERE identifier LIKE 'LIST-%'`)).toBe(2);

    const text = writeCap({ ...sampleCapAlert('local'), identifier: 'ENC-1' }).replace('Evacuation Immediate', 'Évacuation immédiate');
    const utf16 = join(dir, 'utf16.xml');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace('encoding="UTF-8"', 'encoding="UTF-16"'), 'utf16le')]));
    const latin1 = join(dir, 'latin1.xml');
    writeFileSync(latin1, Buffer.from(text.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), 'latin1'));
    for (const f of [utf16, latin1]) {
      const e = await runPsap(['cap', 'import', f, '--dry-run'], env);
      expect(e.code, e.out).toBe(0);
      expect(e.out).toContain('info 1: Évacuation immédiate [SAME EVI]');
    }
  });

  it('lists a saved Atom index without fetching anything', async () => {
    const r = await runPsap(['cap', 'import', `${CAP_DIR}nws_atom_feed_example.xml`, '--dry-run'], env);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Atom index with 163 entries');
    expect(r.out).toContain('High Wind Warning, expires 2018-08-16T07:00:00-08:00: Eastern Beaufort Sea Coast');
  });
});
