import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { DEFAULT_PRIORITY_LABELS, type Role } from '@openpsap/contract';
import { withTransaction } from '../db/transaction';
import { appendLedger } from '../events/ledger';
import { systemActor } from '../events/actor';
import { generatePassword, hashPassword } from '../auth/passwords';
import { seedDemoCameras } from '../modules/cameras/demo-cameras';
import { seedDemoCitOfficers } from '../modules/certifications/demo-cit-officers';
import { seedDemoRoster } from '../modules/rosters/demo-roster';

const JURISDICTION_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../../data/jurisdictions/baltimore');
const SEED_LOCK = 7_411_912;

interface StationSeed { agency: string; code: string; name: string; address: string | null; lat: number | null; lon: number | null }
interface UnitSeed { callSign: string; agency: string; type: string; capabilities: string[]; station: string }

/** One demo account per role; the responder is signed on to a downtown engine. */
const DEMO_USERS: { username: string; role: Role; displayName: string; agency: string | null; unit: string | null }[] = [
  { username: 'calltaker', role: 'call-taker', displayName: 'Demo Call-taker', agency: null, unit: null },
  { username: 'dispatcher', role: 'dispatcher', displayName: 'Demo Dispatcher', agency: null, unit: null },
  { username: 'supervisor', role: 'supervisor', displayName: 'Demo Supervisor', agency: null, unit: null },
  { username: 'responder', role: 'responder', displayName: 'Demo Responder (E-23)', agency: 'BCFD', unit: 'E-23' },
  { username: 'analyst', role: 'rtcc-analyst', displayName: 'Demo RTCC Analyst', agency: 'BPD', unit: null },
  { username: 'outreach', role: 'community-officer', displayName: 'Demo Community Officer', agency: null, unit: null },
  { username: 'admin', role: 'admin', displayName: 'Demo Administrator', agency: null, unit: null },
];

export interface SeedResult {
  seeded: boolean;
  credentials: { role: Role; username: string; password: string }[];
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(JURISDICTION_DIR, file), 'utf8')) as T;
}

/**
 * On an empty database, loads the demo jurisdiction (Baltimore City: police and fire/EMS, their
 * stations and roster) and one user per role with fresh random passwords. Does nothing when
 * any agency exists, so it runs safely on every start and on several servers at once.
 */
export async function seedDemoIfEmpty(pool: pg.Pool): Promise<SeedResult> {
  const { stations } = readJson<{ stations: StationSeed[] }>('stations.json');
  const { units } = readJson<{ units: UnitSeed[] }>('roster.json');
  const credentials = DEMO_USERS.map((u) => ({ role: u.role, username: u.username, password: generatePassword() }));
  const hashes = await Promise.all(credentials.map((c) => hashPassword(c.password)));

  return withTransaction(pool, async (tx, now) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const { rowCount } = await tx.query('SELECT 1 FROM agencies LIMIT 1');
    if (rowCount) return { seeded: false, credentials: [] };

    const agencyIds = new Map<string, number>();
    for (const a of [
      { code: 'BPD', name: 'Baltimore Police Department', disciplines: ['police'], labels: { 1: 'Emergency', 2: 'Urgent', 3: 'Prompt', 4: 'Routine', 5: 'Report only' } },
      { code: 'BCFD', name: 'Baltimore City Fire Department', disciplines: ['fire', 'ems'], labels: DEFAULT_PRIORITY_LABELS },
    ]) {
      const { rows } = await tx.query<{ id: number }>(
        'INSERT INTO agencies (code, name, disciplines, time_zone, priority_labels) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [a.code, a.name, a.disciplines, 'America/New_York', JSON.stringify(a.labels)],
      );
      agencyIds.set(a.code, rows[0]!.id);
    }
    const stationIds = new Map<string, number>();
    for (const s of stations) {
      const { rows } = await tx.query<{ id: number }>(
        'INSERT INTO stations (agency_id, code, name, address, lat, lon) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
        [agencyIds.get(s.agency), s.code, s.name, s.address, s.lat, s.lon],
      );
      stationIds.set(`${s.agency}:${s.code}`, rows[0]!.id);
    }
    const unitIds = new Map<string, number>();
    for (const u of units) {
      const { rows } = await tx.query<{ id: number }>(
        `INSERT INTO units (agency_id, call_sign, unit_type, capabilities, home_station_id, status, primary_status, status_changed_at)
         VALUES ($1, $2, $3, $4, $5, 'InService', 'Available', $6) RETURNING id`,
        [agencyIds.get(u.agency), u.callSign, u.type, u.capabilities, stationIds.get(`${u.agency}:${u.station}`) ?? null, now],
      );
      unitIds.set(u.callSign, rows[0]!.id);
      await tx.query("INSERT INTO unit_status_history (unit_id, status, primary_status, at, note) VALUES ($1, 'InService', 'Available', $2, 'demo roster')", [rows[0]!.id, now]);
    }
    const audits = [];
    for (const [i, u] of DEMO_USERS.entries()) {
      const { rows } = await tx.query<{ id: number }>(
        'INSERT INTO users (username, display_name, role, agency_id, unit_id, password_hash) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
        [u.username, u.displayName, u.role, u.agency ? agencyIds.get(u.agency) : null, u.unit ? unitIds.get(u.unit) ?? null : null, hashes[i]],
      );
      audits.push({ action: 'user.create', entity: 'user', entityId: rows[0]!.id, after: { username: u.username, role: u.role, demo: true } });
    }
    const cameras = await seedDemoCameras(tx, JURISDICTION_DIR);
    await seedDemoCitOfficers(tx, now);
    await seedDemoRoster(tx, now);
    audits.unshift({ action: 'seed.demo-jurisdiction', entity: 'jurisdiction', entityId: 'baltimore', after: { agencies: agencyIds.size, stations: stations.length, units: units.length, cameras } });
    await appendLedger(tx, systemActor('seed'), now, audits);
    return { seeded: true, credentials };
  });
}

/** Writes `role username password` lines, readable only by the operator who started the server. */
export function writeCredentialsFile(dataDir: string, creds: SeedResult['credentials']): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'demo-credentials.txt');
  writeFileSync(file, creds.map((c) => `${c.role} ${c.username} ${c.password}`).join('\n') + '\n', { mode: 0o600 });
  return file;
}
