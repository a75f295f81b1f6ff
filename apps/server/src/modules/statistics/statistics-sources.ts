import { INCIDENT_TYPES } from '@openpsap/contract';
import type { ResolvedFilter } from './statistics-filter';
import { SqlParams } from './statistics-sql';

/*
 * One shape over two sources. Live records (calls, incidents, assignments) are read as they are;
 * imported history (stat_*) carries its first_* times fixed at import. Every statistic is computed
 * over these unions, so live and imported numbers mean the same thing.
 *
 * Incident rows: dataset, incident_key, live_id, agency, discipline, type_code, type_text, priority,
 * zone, lat, lon, received_at, answered_at, created_at, first_dispatch_at, first_enroute_at,
 * first_onscene_at, closed_at, creator (live: who created it), inc_dispatcher (imported: the export's
 * dispatcher of the incident).
 */

const FIRE_CODES = INCIDENT_TYPES.filter((t) => t.discipline === 'fire').map((t) => t.code);
const EMS_CODES = INCIDENT_TYPES.filter((t) => t.discipline === 'ems').map((t) => t.code);

/** The discipline of a live incident follows its type, as the floor assigns agencies. */
function liveDiscipline(q: SqlParams): string {
  return `CASE WHEN i.type_code = ANY(${q.p(FIRE_CODES)}::text[]) THEN 'fire' WHEN i.type_code = ANY(${q.p(EMS_CODES)}::text[]) THEN 'ems' ELSE 'police' END`;
}

/** The zone a live incident is counted in: that of its own discipline. */
const LIVE_ZONE = "CASE d.discipline WHEN 'fire' THEN i.fire_zone WHEN 'ems' THEN i.ems_zone ELSE i.police_zone END";

function datasetCondition(rf: ResolvedFilter, q: SqlParams, column: string): string {
  return rf.datasets === null ? '' : ` AND ${column} = ANY(${q.p(rf.datasets)}::text[])`;
}

export interface SourceOptions {
  /** Widen the period's start (unit utilisation reads the day before, for commitments running into it). */
  lo?: Date;
}

function liveIncidents(rf: ResolvedFilter, q: SqlParams, o: SourceOptions): string {
  const f = rf.filter;
  const where = [`i.received_at >= ${q.p(o.lo ?? rf.lo)}`, `i.received_at < ${q.p(rf.hi)}`];
  if (f.agency) where.push(`upper(ag.code) = upper(${q.p(f.agency)})`);
  if (f.priority) where.push(`i.priority::text = ${q.p(f.priority)}`);
  if (f.zone) where.push(`${LIVE_ZONE} = ${q.p(f.zone)}`);
  if (f.discipline) where.push(`d.discipline = ${q.p(f.discipline)}`);
  return `SELECT 'live'::text AS dataset, i.id::text AS incident_key, i.id AS live_id, ag.code AS agency, d.discipline, i.type_code, NULL::text AS type_text,
      i.priority::text AS priority, ${LIVE_ZONE} AS zone, i.lat, i.lon, i.received_at, fc.answered_at, i.created_at,
      asg.first_dispatch_at, asg.first_enroute_at, asg.first_onscene_at, i.closed_at, cu.username AS creator, NULL::text AS inc_dispatcher
    FROM incidents i
    JOIN agencies ag ON ag.id = i.agency_id
    LEFT JOIN users cu ON cu.id = i.created_by
    CROSS JOIN LATERAL (SELECT ${liveDiscipline(q)} AS discipline) d
    LEFT JOIN LATERAL (SELECT c.answered_at FROM calls c WHERE c.incident_id = i.id ORDER BY c.presented_at, c.id LIMIT 1) fc ON true
    LEFT JOIN LATERAL (SELECT min(a.dispatched_at) AS first_dispatch_at, min(a.enroute_at) AS first_enroute_at, min(a.onscene_at) AS first_onscene_at
                       FROM assignments a WHERE a.incident_id = i.id) asg ON true
    WHERE ${where.join(' AND ')}`;
}

function importedIncidents(rf: ResolvedFilter, q: SqlParams, o: SourceOptions): string {
  const f = rf.filter;
  const where = [`s.received_at >= ${q.p(o.lo ?? rf.lo)}`, `s.received_at < ${q.p(rf.hi)}`];
  let w = where.join(' AND ') + datasetCondition(rf, q, 's.dataset');
  if (f.agency) w += ` AND upper(s.agency) = upper(${q.p(f.agency)})`;
  if (f.priority) w += ` AND s.priority = ${q.p(f.priority)}`;
  if (f.zone) w += ` AND s.zone = ${q.p(f.zone)}`;
  if (f.discipline) w += ` AND COALESCE(s.discipline, 'other') = ${q.p(f.discipline)}`;
  return `SELECT s.dataset, s.source_id AS incident_key, NULL::bigint AS live_id, s.agency, COALESCE(s.discipline, 'other') AS discipline, s.type_code, s.type_text,
      s.priority, s.zone, s.lat, s.lon, s.received_at, s.answered_at, s.created_at,
      s.first_dispatch_at, s.first_enroute_at, s.first_onscene_at, s.closed_at, NULL::text AS creator, s.dispatcher AS inc_dispatcher
    FROM stat_incidents s
    WHERE ${w}`;
}

const wantsImported = (rf: ResolvedFilter) => rf.datasets === null || rf.datasets.length > 0;

/** Incidents received in the period (local days) that pass the filter, from the chosen sources. */
export function incidentRows(rf: ResolvedFilter, q: SqlParams, o: SourceOptions = {}): string {
  const parts: string[] = [];
  if (rf.live) parts.push(liveIncidents(rf, q, o));
  if (wantsImported(rf)) parts.push(importedIncidents(rf, q, o));
  return parts.map((p) => `(${p})`).join('\nUNION ALL\n');
}

/**
 * One row per unit sent to an incident of the period, with the incident's columns (prefixed by
 * nothing) and the unit's times as u_dispatched_at, u_enroute_at, u_onscene_at, u_cleared_at; unit,
 * unit_type, and dispatcher (live: who pressed dispatch).
 */
export function unitRows(rf: ResolvedFilter, q: SqlParams, o: SourceOptions = {}): string {
  const parts: string[] = [];
  if (rf.live) {
    parts.push(`SELECT inc.*, un.call_sign AS unit, un.unit_type, a.dispatched_at AS u_dispatched_at, a.enroute_at AS u_enroute_at,
        a.onscene_at AS u_onscene_at, a.cleared_at AS u_cleared_at, du.username AS dispatcher
      FROM (${liveIncidents(rf, q, o)}) inc
      JOIN assignments a ON a.incident_id = inc.live_id
      JOIN units un ON un.id = a.unit_id
      LEFT JOIN users du ON du.id = a.dispatched_by`);
  }
  if (wantsImported(rf)) {
    parts.push(`SELECT inc.*, u.unit, u.unit_type, u.dispatched_at AS u_dispatched_at, u.enroute_at AS u_enroute_at,
        u.onscene_at AS u_onscene_at, u.cleared_at AS u_cleared_at, NULL::text AS dispatcher
      FROM (${importedIncidents(rf, q, o)}) inc
      JOIN stat_unit_responses u ON u.dataset = inc.dataset AND u.incident_source_id = inc.incident_key`);
  }
  return parts.map((p) => `(${p})`).join('\nUNION ALL\n');
}

/**
 * Calls presented in the period: dataset, call_key, source, agency, presented_at, answered_at,
 * released_at, taker. The incident filters (agency, priority, zone, discipline) reach a call
 * through its incident; a call never attached to one passes only when none of them is set.
 */
export function callRows(rf: ResolvedFilter, q: SqlParams): string {
  const f = rf.filter;
  const needsIncident = Boolean(f.agency || f.priority || f.zone || f.discipline);
  const parts: string[] = [];
  if (rf.live) {
    const where = [`c.presented_at >= ${q.p(rf.lo)}`, `c.presented_at < ${q.p(rf.hi)}`];
    if (f.agency) where.push(`upper(ag.code) = upper(${q.p(f.agency)})`);
    if (f.priority) where.push(`i.priority::text = ${q.p(f.priority)}`);
    if (f.zone) where.push(`${LIVE_ZONE} = ${q.p(f.zone)}`);
    if (f.discipline) where.push(`d.discipline = ${q.p(f.discipline)}`);
    parts.push(`SELECT 'live'::text AS dataset, c.id::text AS call_key, c.source, ag.code AS agency, c.presented_at, c.answered_at, c.released_at, tu.username AS taker
      FROM calls c
      LEFT JOIN incidents i ON i.id = c.incident_id
      LEFT JOIN agencies ag ON ag.id = i.agency_id
      ${needsIncident ? `LEFT JOIN LATERAL (SELECT ${liveDiscipline(q)} AS discipline) d ON true` : ''}
      LEFT JOIN users tu ON tu.id = c.created_by
      WHERE ${where.join(' AND ')}`);
  }
  if (wantsImported(rf)) {
    let w = `c.presented_at >= ${q.p(rf.lo)} AND c.presented_at < ${q.p(rf.hi)}` + datasetCondition(rf, q, 'c.dataset');
    if (f.agency) w += ` AND upper(COALESCE(c.agency, si.agency)) = upper(${q.p(f.agency)})`;
    if (f.priority) w += ` AND si.priority = ${q.p(f.priority)}`;
    if (f.zone) w += ` AND si.zone = ${q.p(f.zone)}`;
    if (f.discipline) w += ` AND COALESCE(si.discipline, 'other') = ${q.p(f.discipline)}`;
    parts.push(`SELECT c.dataset, c.source_id AS call_key, c.source, ${needsIncident ? 'COALESCE(c.agency, si.agency)' : 'c.agency'} AS agency,
        c.presented_at, c.answered_at, c.released_at, c.taker
      FROM stat_calls c
      ${needsIncident ? 'LEFT JOIN stat_incidents si ON si.dataset = c.dataset AND si.source_id = c.incident_source_id' : ''}
      WHERE ${w}`);
  }
  return parts.map((p) => `(${p})`).join('\nUNION ALL\n');
}
