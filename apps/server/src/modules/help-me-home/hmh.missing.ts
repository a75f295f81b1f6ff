import type { Bolo, CameraSighting, HmhPerson, IncidentSummary, ReportMissingBody } from '@openpsap/contract';
import { conflict, notFound } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import type { AppContext } from '../../http/app-context';
import { createIncident } from '../incidents/incidents.commands';
import { insertNarrative } from '../incidents/incidents.queries';
import { locate } from '../incidents/locate';
import { cancelBoloIn, insertBolo } from '../bolos/bolos.commands';
import { describe } from './hmh-describe';
import { getPerson } from './hmh.queries';
import { camerasSeeing } from '../video/camera-positions';

export interface MissingReport {
  reportId: number;
  incident: IncidentSummary;
  bolo: Bolo;
  alertDraft: { id: number; kind: 'amber' | 'silver'; headline: string; criteriaNote: string };
  /** Cameras that see the last-seen place, then others within CAMERAS_NEAR_M: where the RTCC looks first. */
  camerasNear: CameraSighting[];
}

// A person on foot covers a few hundred metres in minutes; the RTCC starts with cameras this close.
const CAMERAS_NEAR_M = 400;

const name = (p: HmhPerson) => `${p.firstName} ${p.lastName}${p.preferredName ? ` ("${p.preferredName}")` : ''}`;
const descriptionOf = (p: HmhPerson) => describe({ age: p.age, sex: p.sex, heightCm: p.heightCm, weightKg: p.weightKg, hair: p.hair, eyes: p.eyes, build: p.build, features: p.features });

/** Everything a unit needs, in the order a dispatcher would read it out. */
function narrativeFor(p: HmhPerson, place: string, seenAt: string | null, clothing: string | null, extra: string | undefined): string {
  const lines = [
    `HELP ME HOME registered person reported missing: ${name(p)}, ${descriptionOf(p)}.`,
    clothing && `Clothing: ${clothing}.`,
    `Last seen: ${place}${seenAt ? ` at ${seenAt}` : ''}.`,
    p.behaviours && `Behaviour: ${p.behaviours}`,
    p.calming && `Calming: ${p.calming}`,
    p.communication && `Communication: ${p.communication}`,
    p.medicalNotes && `Medical: ${p.medicalNotes}`,
    p.destinations.length > 0 && `Likely destinations: ${p.destinations.map((d) => `${d.label} (${d.address})`).join('; ')}`,
    p.trackingDevice && `Tracking device: ${p.trackingDevice}`,
    `Caregivers: ${p.caregivers.map((c) => `${c.name}${c.relationship ? ` (${c.relationship})` : ''} ${c.phone}`).join('; ')}`,
    extra,
  ];
  return lines.filter(Boolean).join('\n');
}

/**
 * The alert a supervisor may issue to the public. A child is drafted as AMBER, an adult as
 * Silver; either way it stays a draft until someone checks the criteria and issues it.
 */
function alertDraftFor(p: HmhPerson, place: string, clothing: string | null) {
  const child = p.age !== null && p.age < 18;
  const kind = child ? ('amber' as const) : ('silver' as const);
  const who = `${p.age !== null ? `${p.age}-year-old ` : ''}${p.sex && p.sex !== 'unknown' ? p.sex : 'person'}`;
  return {
    kind,
    headline: `${child ? 'AMBER' : 'SILVER'} ALERT: missing ${who}, ${p.firstName} ${p.lastName}, last seen near ${place}`,
    description: [descriptionOf(p), clothing && `Wearing: ${clothing}`].filter(Boolean).join('. '),
    instruction: `If you see ${p.preferredName || p.firstName}, call 9-1-1 and stay nearby if it is safe. ${p.calming ? `${p.calming}` : ''}`.trim(),
    criteriaNote: child
      ? 'AMBER criteria: a child believed abducted and in danger, with enough description to help. A child who wandered off without abduction needs a different public alert.'
      : 'Silver Alert criteria: a missing person with a cognitive impairment (such as dementia) whose disappearance poses a credible threat to their safety. Confirm with the caregivers before issuing.',
  };
}

/**
 * "Report missing": a missing-person incident at the last-seen place carrying the profile, a BOLO
 * to every unit and a draft public alert. The incident is created first (it takes a number in its
 * own transaction); the report, BOLO and draft follow in one more.
 */
export async function reportMissing(ctx: AppContext, actor: Actor, personId: number, b: ReportMissingBody): Promise<MissingReport> {
  const p = await getPerson(ctx.db.pool, personId);
  if (!p) throw notFound(`person ${personId}`);
  if (p.missing) throw conflict(`${p.firstName} ${p.lastName} is already reported missing on incident ${p.missing.incidentNumber}`);
  const engine = ctx.geo?.ready ? ctx.geo.current : null;
  const seen = b.lastSeen ?? { text: `home, ${p.homeAddress}`, ...(p.homeLat !== null && p.homeLon !== null ? { lat: p.homeLat, lon: p.homeLon } : {}) };
  const located = locate(engine, seen.text === undefined ? { lat: seen.lat!, lon: seen.lon! } : { text: seen.text, ...(seen.lat !== undefined ? { lat: seen.lat, lon: seen.lon! } : {}) });
  const place = seen.text ?? `${seen.lat!.toFixed(5)}, ${seen.lon!.toFixed(5)}`;
  const seenAt = b.lastSeenAt ? new Intl.DateTimeFormat('en-US', { timeZone: ctx.config.timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(b.lastSeenAt)) : null;
  const clothing = b.clothing ?? p.usualClothing;
  const { result: incident } = await createIncident(
    ctx.db.pool,
    actor,
    { type: 'PERMISS', location: located.location, narrative: narrativeFor(p, place, seenAt, clothing, b.narrative), ...(b.callId ? { callId: b.callId } : {}) },
    located,
  );
  const draft = alertDraftFor(p, place, clothing);
  const photoUrl = p.hasPhoto ? `/api/v1/hmh/people/${p.id}/photo` : null;
  const { result } = await runCommand<Omit<MissingReport, 'camerasNear'>>(ctx.db.pool, actor, async (tx, now) => {
    const { rows: locked } = await tx.query<{ state: string }>('SELECT state FROM hmh_people WHERE id = $1 FOR UPDATE', [p.id]);
    if (locked[0]?.state === 'missing') throw conflict(`${p.firstName} ${p.lastName} was reported missing by someone else a moment ago; see incident ${incident.agencyCode} ${incident.number}`);
    const loc = located.location;
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO hmh_missing_reports (person_id, incident_id, reported_at, reported_by, last_seen_text, last_seen_lat, last_seen_lon, last_seen_at, clothing)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [p.id, incident.id, now, actor.userId, place, loc.lat ?? null, loc.lon ?? null, b.lastSeenAt ?? null, clothing],
    );
    const reportId = rows[0]!.id;
    await tx.query(`UPDATE hmh_people SET state = 'missing', updated_at = $2 WHERE id = $1`, [p.id, now]);
    const { rows: d } = await tx.query<{ id: number }>(
      `INSERT INTO alert_drafts (kind, headline, description, instruction, area_desc, lat, lon, incident_id, source, source_id, criteria_note, created_at, created_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'hmh', $9, $10, $11, $12, $11) RETURNING id`,
      [draft.kind, draft.headline, draft.description, draft.instruction, place, loc.lat ?? null, loc.lon ?? null, incident.id, String(reportId), draft.criteriaNote, now, actor.label],
    );
    const { bolo, event } = await insertBolo(tx, actor, now, {
      kind: 'missing-person',
      title: `Missing: ${name(p)}, ${descriptionOf(p)}`,
      body: [clothing && `Wearing ${clothing}.`, `Last seen ${place}${seenAt ? ` at ${seenAt}` : ''}.`, p.behaviours, p.calming && `Calming: ${p.calming}`, `Incident ${incident.agencyCode} ${incident.number}.`].filter(Boolean).join(' '),
      incidentId: incident.id,
      source: 'hmh',
      sourceId: String(reportId),
      photoUrl,
    });
    return {
      result: { reportId, incident, bolo, alertDraft: { id: d[0]!.id, kind: draft.kind, headline: draft.headline, criteriaNote: draft.criteriaNote } },
      audits: [
        { action: 'hmh.report-missing', entity: 'hmh-person', entityId: p.id, after: { reportId, incidentId: incident.id, boloId: bolo.id, alertDraftId: d[0]!.id } },
        { action: 'bolo.issue', entity: 'bolo', entityId: bolo.id, after: { kind: 'missing-person', incidentId: incident.id } },
      ],
      event,
    };
  });
  const at = located.location;
  const camerasNear = at.lat !== undefined && at.lon !== undefined ? await camerasSeeing(ctx, at.lat, at.lon, CAMERAS_NEAR_M) : [];
  return { ...result, camerasNear };
}

/** Found: the BOLO comes off every screen, the draft alert is withdrawn, the incident says so. */
export async function markFound(ctx: AppContext, actor: Actor, reportId: number, note: string): Promise<void> {
  await runCommand(ctx.db.pool, actor, async (tx, now) => {
    const { rows } = await tx.query<{ person_id: number; incident_id: number; found_at: Date | null }>('SELECT person_id, incident_id, found_at FROM hmh_missing_reports WHERE id = $1 FOR UPDATE', [reportId]);
    const r = rows[0];
    if (!r) throw notFound(`missing report ${reportId}`);
    if (r.found_at) throw conflict('this person was already marked found');
    await tx.query('UPDATE hmh_missing_reports SET found_at = $2, found_note = $3 WHERE id = $1', [reportId, now, note]);
    await tx.query(`UPDATE hmh_people SET state = 'active', updated_at = $2 WHERE id = $1`, [r.person_id, now]);
    await tx.query(`UPDATE alert_drafts SET state = 'cancelled', updated_at = $2 WHERE source = 'hmh' AND source_id = $1 AND state = 'draft'`, [String(reportId), now]);
    await insertNarrative(tx, { incidentId: r.incident_id, at: now, authorUserId: actor.userId, authorLabel: actor.label, kind: 'system', text: `Help Me Home: person found. ${note}` });
    const { rows: b } = await tx.query<{ id: number }>(`SELECT id FROM bolos WHERE source = 'hmh' AND source_id = $1 AND cancelled_at IS NULL ORDER BY id DESC LIMIT 1`, [String(reportId)]);
    const cancelled = b[0] ? await cancelBoloIn(tx, now, b[0].id, 'found') : null;
    return {
      result: null,
      audits: [{ action: 'hmh.found', entity: 'hmh-person', entityId: r.person_id, after: { reportId, boloCancelled: cancelled?.bolo.id ?? null } }],
      ...(cancelled ? { event: cancelled.event } : {}),
    };
  });
}
