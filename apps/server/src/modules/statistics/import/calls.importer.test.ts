import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../../../test/helpers/test-server';
import { runPsap } from '../../../../test/helpers/psap-process';
import { systemActor } from '../../../events/actor';
import { importCalls, type CallsImportOptions } from './calls.importer';
import type { CallsImportReport } from './import-summary';

const CFS = resolve(import.meta.dirname, '../../../../../../../shared/data/cfs');
const FILES = {
  montco: join(CFS, 'montco_pa_911_2015-12_2016-08.csv'),
  sf: join(CFS, 'sf_fire_calls_sample_nikitaAD.csv'),
  smfrSpring: join(CFS, 'smfr_co_2019-04_06.csv'),
  smfrWinter: join(CFS, 'smfr_co_2019-11_12.csv'),
  lancaster: join(CFS, 'lancaster_county_ne_fire_rvfd_2010-2020.csv'),
};

let t: TestServer;
const reports: Record<string, CallsImportReport> = {};
const run = (file: string, opts: CallsImportOptions) => importCalls({ pool: t.pool, actor: systemActor('test') }, file, opts);
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const tmp = mkdtempSync(join(tmpdir(), 'psap-calls-'));

beforeAll(async () => {
  t = await createTestServer();
  reports.montco = await run(FILES.montco, { profile: 'montgomery-county' });
  reports.sf = await run(FILES.sf, { profile: 'sf-fire' });
  reports.smfrSpring = await run(FILES.smfrSpring, { profile: 'south-metro-fire' });
  reports.smfrWinter = await run(FILES.smfrWinter, { profile: 'south-metro-fire' });
  reports.lancaster = await run(FILES.lancaster, { profile: 'lancaster-county' });
}, 300_000);
afterAll(() => t?.close());

const count = async (sql: string, params: unknown[] = []) => (await t.pool.query(sql, params)).rows[0].n as number;

describe('psap import calls: the built-in profiles on the exports in ../shared/data/cfs', () => {
  it('Montgomery County: every one of the 99,492 calls, one call and one incident each, disciplines from the title prefix', async () => {
    const r = reports.montco!;
    expect([r.read, r.imported, r.rejected.length, r.incidents, r.calls, r.unitResponses]).toEqual([99_492, 99_492, 0, 99_492, 99_492, 0]);
    expect(await count(`SELECT count(*)::int AS n FROM stat_incidents WHERE dataset = 'montgomery-county'`)).toBe(99_492);
    expect(await count(`SELECT count(*)::int AS n FROM stat_calls WHERE dataset = 'montgomery-county'`)).toBe(99_492);
    // Counted independently from the file's titles: EMS 48,877, Traffic 35,695, Fire 14,920.
    const { rows } = await t.pool.query(`SELECT discipline, count(*)::int AS n FROM stat_incidents WHERE dataset = 'montgomery-county' GROUP BY 1 ORDER BY 1`);
    expect(rows).toEqual([
      { discipline: 'ems', n: 48_877 },
      { discipline: 'fire', n: 14_920 },
      { discipline: 'police', n: 35_695 },
    ]);
    // Line 2: 40.2978759,-75.5812935,"REINDEER CT & DEAD END;  NEW HANOVER; Station 332; 2015-12-10 @ 17:10:52;",
    // ...,EMS: BACK PAINS/INJURY,2015-12-10 17:40:00,NEW HANOVER: the call's time is the one in desc
    // (timeStamp is when the feed published it), in EST = UTC-5.
    const { rows: one } = await t.pool.query(`SELECT * FROM stat_incidents WHERE dataset = 'montgomery-county' AND source_id = '2'`);
    expect(one[0]).toMatchObject({ agency: 'MONTCO', discipline: 'ems', type_text: 'EMS: BACK PAINS/INJURY', zone: 'NEW HANOVER', lat: 40.2978759, lon: -75.5812935, first_dispatch_at: null });
    expect(iso(one[0].received_at)).toBe('2015-12-10T22:10:52.000Z');
    const { rows: call } = await t.pool.query(`SELECT * FROM stat_calls WHERE dataset = 'montgomery-county' AND source_id = '2'`);
    expect(call[0]).toMatchObject({ incident_source_id: '2', source: '911', agency: 'MONTCO', answered_at: null });
    expect(iso(call[0].presented_at)).toBe('2015-12-10T22:10:52.000Z');
    // Line 18432's desc has "-- @ ::" instead of a time: the feed's timeStamp, 2016-01-25 12:26:00, is used.
    const { rows: fallback } = await t.pool.query(`SELECT received_at FROM stat_incidents WHERE dataset = 'montgomery-county' AND source_id = '18432'`);
    expect(iso(fallback[0].received_at)).toBe('2016-01-25T17:26:00.000Z');
    // Summer rows are read in daylight time (EDT = UTC-4): the last call, 2016-08-24 11:15:50.
    const { rows: last } = await t.pool.query(`SELECT max(received_at) AS m FROM stat_incidents WHERE dataset = 'montgomery-county'`);
    expect(iso(last[0].m)).toBe('2016-08-24T15:15:50.000Z');
  });

  it('SF Fire: 7,704 unit rows grouped into 3,560 incidents, every unit time in UTC', async () => {
    const r = reports.sf!;
    expect([r.read, r.imported, r.rejected.length, r.incidents, r.unitResponses, r.calls]).toEqual([7_704, 7_704, 0, 3_560, 7_704, 3_560]);
    // Incident 16146989 (call 163664036), Medical Incident at 0 Block of MARINA BLVD, received
    // 12/31/2016 11:52:01 PM Pacific: engine E38 and private ambulance AM30, which transported.
    const { rows: inc } = await t.pool.query(`SELECT * FROM stat_incidents WHERE dataset = 'sf-fire' AND source_id = '16146989'`);
    const i = inc[0];
    expect(i).toMatchObject({ agency: 'SFFD', discipline: 'ems', type_text: 'Medical Incident', priority: '1', zone: 'B04', lat: 37.8051625655624, lon: -122.432957440518 });
    expect([i.received_at, i.created_at, i.first_dispatch_at, i.first_enroute_at, i.first_onscene_at, i.closed_at].map(iso)).toEqual([
      '2017-01-01T07:52:01.000Z',
      '2017-01-01T07:55:04.000Z',
      '2017-01-01T07:55:20.000Z',
      '2017-01-01T07:55:34.000Z',
      '2017-01-01T08:00:32.000Z',
      '2017-01-01T09:12:11.000Z',
    ]);
    const { rows: units } = await t.pool.query(`SELECT * FROM stat_unit_responses WHERE dataset = 'sf-fire' AND incident_source_id = '16146989' ORDER BY unit`);
    expect(units.map((u) => [u.unit, u.seq, u.unit_type, ...[u.dispatched_at, u.enroute_at, u.onscene_at, u.transporting_at, u.hospital_at, u.cleared_at].map(iso)])).toEqual([
      ['AM30', 1, 'PRIVATE', '2017-01-01T07:55:20.000Z', '2017-01-01T07:56:13.000Z', '2017-01-01T08:00:47.000Z', '2017-01-01T08:25:07.000Z', '2017-01-01T08:41:13.000Z', '2017-01-01T09:12:11.000Z'],
      ['E38', 1, 'ENGINE', '2017-01-01T07:55:20.000Z', '2017-01-01T07:55:34.000Z', '2017-01-01T08:00:32.000Z', null, null, '2017-01-01T08:06:02.000Z'],
    ]);
    const { rows: call } = await t.pool.query(`SELECT incident_source_id, presented_at FROM stat_calls WHERE dataset = 'sf-fire' AND source_id = '163664036'`);
    expect(call[0].incident_source_id).toBe('16146989');
    expect(iso(call[0].presented_at)).toBe('2017-01-01T07:52:01.000Z');
    // Out-of-order unit times are left out and counted, never silently kept.
    expect(r.excludedByReason.map((g) => [g.reason, g.count])).toEqual([
      ['unit at hospital before transport', 24],
      ['unit at hospital before its dispatch', 2],
      ['unit en route after on scene', 1],
      ['unit transport before its dispatch', 1],
    ]);
  });

  it('Lancaster County: unit-time lists expand into unit responses, times past midnight roll to the next day', async () => {
    const r = reports.lancaster!;
    // Counted independently: 1,185 rows have no unit times at all (no time of day to place the
    // incident at); 7 incident numbers appear twice (fdid 0 and 15555), 2 of those among the 1,185.
    expect([r.read, r.imported, r.rejected.length, r.incidents, r.unitResponses]).toEqual([19_520, 18_330, 1_190, 18_330, 47_887]);
    expect(r.rejectedByReason.map((g) => [g.reason, g.count])).toEqual([
      ['no received time: the row has no unit dispatch times to take it from', 1_185],
      ['the same incident id as an earlier line', 5],
    ]);
    // Line 170, incident 10002241 on 2/10/10 (CST = UTC-6): BENN1 and M6 dispatched 23:27:13; M6
    // reaches the hospital at 00:05:09 and clears at 00:21:34, both on 2/11.
    const { rows: inc } = await t.pool.query(`SELECT * FROM stat_incidents WHERE dataset = 'lancaster-county' AND source_id = '10002241'`);
    const i = inc[0];
    expect(i).toMatchObject({ agency: 'RVFD', type_code: '1C6', discipline: 'ems' });
    expect([i.received_at, i.first_dispatch_at, i.first_enroute_at, i.first_onscene_at, i.closed_at].map(iso)).toEqual([
      '2010-02-11T05:27:13.000Z',
      '2010-02-11T05:27:13.000Z',
      '2010-02-11T05:28:58.000Z',
      '2010-02-11T05:38:43.000Z',
      '2010-02-11T06:21:34.000Z',
    ]);
    const { rows: units } = await t.pool.query(`SELECT * FROM stat_unit_responses WHERE dataset = 'lancaster-county' AND incident_source_id = '10002241' ORDER BY unit`);
    expect(units.map((u) => [u.unit, u.seq, ...[u.dispatched_at, u.enroute_at, u.onscene_at, u.transporting_at, u.hospital_at, u.cleared_at].map(iso)])).toEqual([
      ['BENN1', 1, '2010-02-11T05:27:13.000Z', '2010-02-11T05:30:55.000Z', '2010-02-11T05:39:25.000Z', null, null, '2010-02-11T05:46:59.000Z'],
      ['M6', 1, '2010-02-11T05:27:13.000Z', '2010-02-11T05:28:58.000Z', '2010-02-11T05:38:43.000Z', '2010-02-11T05:47:22.000Z', '2010-02-11T06:05:09.000Z', '2010-02-11T06:21:34.000Z'],
    ]);
    // Line 282, 3/14/10, the first day of daylight time (CDT = UTC-5): WAVE12 is listed on scene
    // twice (23:51:17 and 23:51:18): its second entry is a second assignment. Clears at 00:01 roll over.
    const { rows: twice } = await t.pool.query(`SELECT unit, seq, onscene_at, cleared_at FROM stat_unit_responses WHERE dataset = 'lancaster-county' AND incident_source_id = '10003907' ORDER BY unit, seq`);
    expect(twice.map((u) => [u.unit, u.seq, iso(u.onscene_at), iso(u.cleared_at)])).toEqual([
      ['WAVE1', 1, '2010-03-15T04:51:24.000Z', '2010-03-15T05:01:39.000Z'],
      ['WAVE12', 1, '2010-03-15T04:51:17.000Z', '2010-03-15T05:01:37.000Z'],
      ['WAVE12', 2, '2010-03-15T04:51:18.000Z', null],
    ]);
  });
});

/** Exact percentile (nearest rank) over sorted seconds. */
const pct = (xs: number[], p: number) => xs[Math.max(0, Math.ceil(p * xs.length) - 1)]!;

describe('South Metro Fire: their own computed intervals reproduced from the raw times', () => {
  it('imports both files into one dataset (one duplicated incident number rejected)', async () => {
    expect([reports.smfrSpring!.read, reports.smfrSpring!.imported, reports.smfrSpring!.rejected.length]).toEqual([8_509, 8_509, 0]);
    expect([reports.smfrWinter!.read, reports.smfrWinter!.imported, reports.smfrWinter!.rejected.length]).toEqual([4_460, 4_459, 1]);
    expect(reports.smfrWinter!.rejected[0]).toEqual({ row: 'line 4403', reason: 'the same incident id as line 4145' });
    expect(await count(`SELECT count(*)::int AS n FROM stat_incidents WHERE dataset = 'south-metro-fire'`)).toBe(12_968);
    const { rows } = await t.pool.query(`SELECT rows_read, rows_imported, rows_rejected, source_file, time_zone FROM stat_datasets WHERE code = 'south-metro-fire'`);
    expect(rows[0]).toEqual({ rows_read: 4_460, rows_imported: 4_459, rows_rejected: 1, source_file: 'smfr_co_2019-11_12.csv', time_zone: 'America/Denver' });
  });

  it('Process (911 -> Notify), Unit Response (Notify -> Arrival) and Total Response (911 -> Arrival) agree within the minute resolution for every row', async () => {
    const { rows } = await t.pool.query(
      `SELECT source_intervals AS si,
              extract(epoch FROM first_dispatch_at - received_at)::int AS process,
              extract(epoch FROM first_onscene_at - first_dispatch_at)::int AS unit_response,
              extract(epoch FROM first_onscene_at - received_at)::int AS total_response
         FROM stat_incidents WHERE dataset = 'south-metro-fire'`,
    );
    const out: Record<string, unknown> = {};
    for (const [name, ours] of [['process', 'process'], ['unit-response', 'unit_response'], ['total-response', 'total_response']] as const) {
      const pairs = rows.filter((r) => r[ours] !== null && r.si?.[name] !== undefined).map((r) => [r[ours] as number, r.si[name] as number] as const);
      // The export's times are to the minute (seconds cut off), theirs to the second: two times
      // each cut by less than 60 s differ from the true interval by less than 60 s either way.
      const off = pairs.filter(([a, b]) => Math.abs(a - b) >= 60);
      expect(off).toEqual([]);
      const ourSorted = pairs.map((p) => p[0]).sort((a, b) => a - b);
      const theirSorted = pairs.map((p) => p[1]).sort((a, b) => a - b);
      const summary = {
        rows: pairs.length,
        exactlyEqual: pairs.filter(([a, b]) => a === b).length,
        ours: { p50: pct(ourSorted, 0.5), p90: pct(ourSorted, 0.9) },
        theirs: { p50: pct(theirSorted, 0.5), p90: pct(theirSorted, 0.9) },
      };
      // Percentiles of cut-off minutes sit below theirs by less than a minute.
      for (const p of ['p50', 'p90'] as const) expect(Math.abs(summary.ours[p] - summary.theirs[p])).toBeLessThan(60);
      out[name] = summary;
    }
    // Every interval whose raw times we kept is compared: 12,968 incidents, less the 4 whose Notify
    // is before the 911 time (left out; their export says 0:00) and, for arrivals, the 577 without
    // one and the 4 arriving before notify or 911 (left out likewise).
    expect(Object.values(out).map((s) => (s as { rows: number }).rows)).toEqual([12_964, 12_386, 12_387]);
    console.log('south-metro-fire reproduction', JSON.stringify(out));
  });
});

describe('re-runs, dry runs and profiles', () => {
  const snapshot = async (dataset: string) =>
    (
      await t.pool.query(
        `SELECT (SELECT md5(string_agg(i::text, '|' ORDER BY source_id)) FROM stat_incidents i WHERE dataset = $1) AS i,
                (SELECT md5(string_agg(u::text, '|' ORDER BY incident_source_id, unit, seq)) FROM stat_unit_responses u WHERE dataset = $1) AS u,
                (SELECT md5(string_agg(c::text, '|' ORDER BY source_id)) FROM stat_calls c WHERE dataset = $1) AS c`,
        [dataset],
      )
    ).rows[0];

  it('re-importing a file updates in place: the same rows, one more audit row', async () => {
    const before = await snapshot('sf-fire');
    const again = await run(FILES.sf, { profile: 'sf-fire' });
    expect([again.imported, again.incidents, again.unitResponses]).toEqual([7_704, 3_560, 7_704]);
    expect(await snapshot('sf-fire')).toEqual(before);
    const { rows } = await t.pool.query(`SELECT after FROM audit_log WHERE action = 'import.calls' AND entity_id = 'sf-fire' ORDER BY seq`);
    expect(rows).toHaveLength(2);
    expect(rows[1].after).toMatchObject({ file: 'sf_fire_calls_sample_nikitaAD.csv', profile: 'sf-fire', read: 7_704, imported: 7_704, rejected: 0, incidents: 3_560 });
  });

  it('--dry-run writes nothing and lists rejected rows by reason with their lines', async () => {
    const header = 'Call Number,Unit ID,Incident Number,Call Type,Received DtTm,Entry DtTm,Dispatch DtTm,Response DtTm,On Scene DtTm,Transport DtTm,Hospital DtTm,Available DtTm,Unit Type,Call Type Group,Priority,Battalion,Location';
    const file = join(tmp, 'sf-bad.csv');
    writeFileSync(
      file,
      [
        header,
        '1,E1,901,Medical Incident,01/02/2017 10:00:00 AM,01/02/2017 10:01:00 AM,01/02/2017 10:02:00 AM,01/02/2017 10:03:00 AM,01/02/2017 10:09:00 AM,,,01/02/2017 10:30:00 AM,ENGINE,Potentially Life-Threatening,3,B01,"(37.77, -122.42)"',
        '1,M1,901,Medical Incident,01/02/2017 10:00:00 AM,01/02/2017 10:01:00 AM,13/45/2016 10:02:00 AM,,,,,,MEDIC,Potentially Life-Threatening,3,B01,"(37.77, -122.42)"',
        '2,E2,902,Structure Fire,01/02/2017 11:00:00 AM,01/02/2017 11:01:00 AM,01/02/2017 11:05:00 AM,,01/02/2017 11:04:00 AM,,,01/02/2017 11:40:00 AM,ENGINE,Fire,E,B02,',
        '3,E3,,Alarms,01/02/2017 12:00:00 PM,,,,,,,,ENGINE,Alarm,2,B03,',
        '4,T4,904,Alarms,01/02/2017 12:00:00 PM,,01/02/2017 12:01:00 PM,,,,,,TRUCK,Alarm,2,B03,',
        '4,T4,904,Alarms,01/02/2017 12:00:00 PM,,01/02/2017 12:20:00 PM,,,,,,TRUCK,Alarm,2,B03,',
      ].join('\r\n'),
    );
    const before = await count(`SELECT count(*)::int AS n FROM stat_datasets`);
    const auditsBefore = await count(`SELECT count(*)::int AS n FROM audit_log`);
    const r = await run(file, { profile: 'sf-fire', dataset: 'sf-dry', dryRun: true });
    expect([r.read, r.imported, r.rejected.length, r.incidents, r.unitResponses]).toEqual([6, 4, 2, 3, 4]);
    expect(r.rejectedByReason).toEqual([
      { reason: "Dispatch DtTm: '…' is not a date (MM/DD/YYYY hh:mm:ss A)", count: 1, examples: ["line 3: Dispatch DtTm: '13/45/2016 10:02:00 AM' is not a date (MM/DD/YYYY hh:mm:ss A)"] },
      { reason: 'Incident Number: no incident id', count: 1, examples: ['line 5: Incident Number: no incident id'] },
    ]);
    expect(r.excludedByReason.map((g) => [g.reason, g.count, g.examples])).toEqual([['unit on scene before its dispatch', 1, ['line 4: unit on scene before its dispatch']]]);
    expect(await count(`SELECT count(*)::int AS n FROM stat_datasets`)).toBe(before);
    expect(await count(`SELECT count(*)::int AS n FROM stat_incidents WHERE dataset = 'sf-dry'`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log`)).toBe(auditsBefore);
    // The same file for real: the truck sent twice to 904 is two assignments (seq 1 and 2).
    await run(file, { profile: 'sf-fire', dataset: 'sf-dry' });
    const { rows } = await t.pool.query(`SELECT unit, seq FROM stat_unit_responses WHERE dataset = 'sf-dry' AND incident_source_id = '904' ORDER BY seq`);
    expect(rows).toEqual([
      { unit: 'T4', seq: 1 },
      { unit: 'T4', seq: 2 },
    ]);
  });

  it('a profile with bad fields is refused with every field named', async () => {
    const file = join(tmp, 'bad-profile.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'springfield',
        datasetName: 'Springfield',
        timeZone: 'Mars/Olympus',
        shape: 'rows',
        agency: { fixed: 'SFD' },
        incident: { received: { column: 'Call Time', formats: ['HH:mm:ss'] } },
        sourceIntervals: { process: { column: 'Proc', format: 'mm-ss' } },
      }),
    );
    const err = await run(FILES.sf, { profile: file }).then(
      () => null,
      (e: Error) => e.message,
    );
    expect(err).toContain('timeZone: is not an IANA time zone name');
    expect(err).toMatch(/shape: .*"unit"/);
    expect(err).toMatch(/sourceIntervals\.process\.format: /);
    // A format with no date and no date column, once the shape is right.
    writeFileSync(file, JSON.stringify({ name: 'springfield', datasetName: 'Springfield', timeZone: 'America/Chicago', shape: 'incident', agency: { fixed: 'SFD' }, incident: { received: { column: 'Call Time', formats: ['HH:mm:ss'] } } }));
    await expect(run(FILES.sf, { profile: file })).rejects.toThrow(/incident\.received: format HH:mm:ss has no date: add "date"/);
    // A column the file does not have names the profile field.
    writeFileSync(file, JSON.stringify({ name: 'springfield', datasetName: 'Springfield', timeZone: 'America/Chicago', shape: 'incident', agency: { fixed: 'SFD' }, incident: { received: 'Call Time' } }));
    await expect(run(FILES.sf, { profile: file, dryRun: true })).rejects.toThrow(/profile field incident\.received: no column "Call Time"/);
    await expect(run(FILES.sf, { profile: 'springfield' })).rejects.toThrow(/not built in; use one of lancaster-county, montgomery-county, sf-fire, south-metro-fire/);
  });

  it('psap import calls --dry-run --json on the command line', async () => {
    const { code, out } = await runPsap(['import', 'calls', FILES.smfrWinter, '--profile', 'south-metro-fire', '--dataset', 'smfr-cli', '--dry-run', '--json'], { DATABASE_URL: t.databaseUrl });
    expect(code, out).toBe(0);
    const json = JSON.parse(out.trim().split('\n').at(-1)!);
    expect(json).toMatchObject({ dryRun: true, read: 4_460, imported: 4_459, dataset: 'smfr-cli' });
    expect(await count(`SELECT count(*)::int AS n FROM stat_datasets WHERE code = 'smfr-cli'`)).toBe(0);
  }, 60_000);
});
