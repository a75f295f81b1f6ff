import type pg from 'pg';
import { ALERT_KIND_DEFAULTS, WEA_LONG_MAX, WEA_SHORT_MAX, type Alert, type AlertCreateBody, type AlertPatchBody, type AlertUpdateBody } from '@openpsap/contract';
import { AppError, conflict, forbidden, invalid, notFound } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import type { AuditDraft, EventDraft } from '../../events/ledger';
import { runCommand } from '../../events/run-command';
import { cancelBoloIn, insertBolo } from '../bolos/bolos.commands';
import { capAlertFor, capReference, capSender, type CapCentre } from './alerts.cap';
import { criteriaSetFor, judgeCriteria } from './alerts.criteria';
import type { AlertPublisher } from './alerts.publisher';
import { alertMessages, getAlert } from './alerts.queries';
import { capXmlFor } from './alerts.xml';

/** Column values for the editable fields present in a body (undefined fields are left alone). */
function fieldColumns(b: AlertPatchBody | AlertUpdateBody): Record<string, unknown> {
  const c: Record<string, unknown> = {};
  const p = b as AlertPatchBody;
  if (p.event !== undefined) c.event = p.event;
  if (p.sameCode !== undefined) c.same_code = p.sameCode;
  if (b.headline !== undefined) c.headline = b.headline;
  if (b.description !== undefined) c.description = b.description;
  if (b.instruction !== undefined) c.instruction = b.instruction;
  if (b.weaShort !== undefined) c.wea_short = b.weaShort;
  if (b.weaLong !== undefined) c.wea_long = b.weaLong;
  if (p.lastSeen !== undefined) c.last_seen = p.lastSeen;
  if (p.vehicle !== undefined) c.vehicle = p.vehicle;
  if (b.expiresAt !== undefined) c.expires_at = b.expiresAt;
  if (p.incidentId !== undefined) c.incident_id = p.incidentId;
  if (p.criteria !== undefined) c.criteria = JSON.stringify(p.criteria);
  if (b.area !== undefined) {
    c.area_desc = b.area.areaDesc;
    c.polygon = b.area.polygon ? JSON.stringify(b.area.polygon) : null;
    c.circle_lat = b.area.circle?.lat ?? null;
    c.circle_lon = b.area.circle?.lon ?? null;
    c.circle_km = b.area.circle?.radiusKm ?? null;
    c.same_geocodes = b.area.sameGeocodes;
  }
  return c;
}

async function updateColumns(tx: pg.PoolClient, id: number, cols: Record<string, unknown>, now: Date): Promise<void> {
  const entries = Object.entries({ ...cols, updated_at: now });
  await tx.query(`UPDATE alerts SET ${entries.map(([k], i) => `${k} = $${i + 2}`).join(', ')} WHERE id = $1`, [id, ...entries.map(([, v]) => v)]);
}

async function incidentExists(tx: pg.PoolClient, id: number | null | undefined): Promise<void> {
  if (id == null) return;
  const { rowCount } = await tx.query('SELECT 1 FROM incidents WHERE id = $1', [id]);
  if (!rowCount) throw invalid('incidentId', `incident ${id} does not exist`);
}

async function mustGet(tx: pg.PoolClient, id: number): Promise<Alert> {
  const a = await getAlert(tx, id, true);
  if (!a) throw notFound(`alert ${id}`);
  return a;
}

async function insertAlert(tx: pg.PoolClient, actor: Actor, now: Date, b: AlertCreateBody, silverSet: string | null, extra: { hmhPersonId?: number | null; sourceDraftId?: number | null; photo?: Buffer | null } = {}): Promise<number> {
  const d = ALERT_KIND_DEFAULTS[b.kind];
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO alerts (kind, event, same_code, headline, description, criteria_set, drafted_by, drafted_by_label, drafted_at, updated_at, hmh_person_id, source_draft_id, photo)
     VALUES ($1, $2, $3, '', '', $4, $5, $6, $7, $7, $8, $9, $10) RETURNING id`,
    [b.kind, d.event, d.sameCode, criteriaSetFor(b.kind, silverSet).id, actor.userId, actor.label, now, extra.hmhPersonId ?? null, extra.sourceDraftId ?? null, extra.photo ?? null],
  );
  const id = rows[0]!.id;
  const cols = fieldColumns(b);
  if (Object.keys(cols).length) await updateColumns(tx, id, cols, now);
  return id;
}

export async function createAlert(pool: pg.Pool, actor: Actor, b: AlertCreateBody, silverSet: string | null = null): Promise<Alert> {
  const { result } = await runCommand(pool, actor, async (tx, now) => {
    await incidentExists(tx, b.incidentId);
    const id = await insertAlert(tx, actor, now, b, silverSet);
    const alert = (await getAlert(tx, id))!;
    return { result: alert, audits: [{ action: 'alert.draft', entity: 'alert', entityId: id, after: { kind: b.kind, incidentId: alert.incidentId } }] };
  });
  return result;
}

/**
 * Opens a draft made elsewhere (Help Me Home's report-missing) in the composer: the person's photo,
 * description, last-seen place and time and the incident come along; a 2 km circle around the
 * last-seen point starts the area. Each draft is opened once; asking again returns the same alert.
 */
export async function importAlertDraft(pool: pg.Pool, actor: Actor, draftId: number, timeZone: string, silverSet: string | null = null): Promise<Alert> {
  const { result } = await runCommand(pool, actor, async (tx, now) => {
    const { rows } = await tx.query('SELECT * FROM alert_drafts WHERE id = $1 FOR UPDATE', [draftId]);
    const d = rows[0];
    if (!d) throw notFound(`alert draft ${draftId}`);
    const existing = await tx.query<{ id: number }>('SELECT id FROM alerts WHERE source_draft_id = $1', [draftId]);
    if (existing.rows[0]) return { result: (await getAlert(tx, existing.rows[0].id))!, audits: [] };
    if (d.state !== 'draft') throw conflict(`alert draft ${draftId} is ${d.state}`);
    if (d.kind === 'other') throw conflict('this draft has no alert kind; start a new alert instead');
    let person: { id: number; photo: Buffer | null } | null = null;
    let lastSeen = d.area_desc ?? '';
    if (d.source === 'hmh') {
      const r = await tx.query(
        `SELECT m.person_id, m.last_seen_text, m.last_seen_at, p.photo FROM hmh_missing_reports m JOIN hmh_people p ON p.id = m.person_id WHERE m.id = $1`,
        [Number(d.source_id)],
      );
      const m = r.rows[0];
      if (m) {
        person = { id: m.person_id, photo: m.photo };
        const at = m.last_seen_at ? new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(m.last_seen_at) : null;
        lastSeen = `${m.last_seen_text ?? d.area_desc ?? ''}${at ? ` at ${at}` : ''}`;
      }
    }
    const weaShort = `${d.kind === 'amber' ? 'AMBER Alert' : 'Missing person'}: call 911 if seen. Near ${d.area_desc ?? 'the area'}`.slice(0, WEA_SHORT_MAX);
    const id = await insertAlert(
      tx,
      actor,
      now,
      {
        kind: d.kind === 'severe-weather' ? 'severe-weather' : d.kind,
        headline: String(d.headline).slice(0, 160),
        description: `${d.description}${lastSeen ? `. Last seen: ${lastSeen}` : ''}`.slice(0, 4000),
        instruction: d.instruction ?? '',
        weaShort,
        weaLong: `${d.headline}. ${d.description}. ${d.instruction ?? ''}`.slice(0, WEA_LONG_MAX).trim(),
        lastSeen,
        incidentId: d.incident_id,
        area: { areaDesc: d.area_desc ?? '', polygon: null, circle: d.lat !== null && d.lon !== null ? { lat: d.lat, lon: d.lon, radiusKm: 2 } : null, sameGeocodes: [] },
      },
      silverSet,
      { hmhPersonId: person?.id ?? null, sourceDraftId: draftId, photo: person?.photo ?? null },
    );
    return { result: (await getAlert(tx, id))!, audits: [{ action: 'alert.import-draft', entity: 'alert', entityId: id, after: { draftId, source: d.source, hmhPersonId: person?.id ?? null } }] };
  });
  return result;
}

function onlyDrafter(a: Alert, actor: Actor): void {
  if (a.draftedById !== actor.userId) throw forbidden(`this draft is ${a.draftedBy}'s; they edit and send it, or start a new draft`);
}

export async function patchAlert(pool: pg.Pool, actor: Actor, id: number, b: AlertPatchBody, silverSet: string | null = null): Promise<Alert> {
  const { result } = await runCommand(pool, actor, async (tx, now) => {
    const a = await mustGet(tx, id);
    if (a.state !== 'draft') throw conflict(`alert ${id} is ${a.state}; only a draft can be edited`);
    onlyDrafter(a, actor);
    await incidentExists(tx, b.incidentId);
    if (b.kind && b.kind !== a.kind) {
      // Another kind is judged by other criteria: earlier answers do not carry over.
      const d = ALERT_KIND_DEFAULTS[b.kind];
      const set = criteriaSetFor(b.kind, silverSet);
      await updateColumns(tx, id, { kind: b.kind, criteria_set: set.id, criteria: '{}', event: b.event ?? d.event, same_code: b.sameCode ?? d.sameCode }, now);
      const { kind: _k, criteria: _c, event: _e, sameCode: _s, ...rest } = b;
      await updateColumns(tx, id, fieldColumns(rest), now);
      return { result: (await getAlert(tx, id))!, audits: [{ action: 'alert.edit', entity: 'alert', entityId: id, after: { kind: { from: a.kind, to: b.kind }, fields: Object.keys(rest) } }] };
    }
    if (b.criteria) {
      const known = new Set(a.criteriaSet.criteria.map((c) => c.key));
      const stray = Object.keys(b.criteria).find((k) => !known.has(k));
      if (stray) throw invalid(`criteria.${stray}`, `is not one of the ${a.criteriaSet.title}`);
    }
    await updateColumns(tx, id, fieldColumns(b), now);
    return { result: (await getAlert(tx, id))!, audits: [{ action: 'alert.edit', entity: 'alert', entityId: id, after: { fields: Object.keys(b) } }] };
  });
  return result;
}

/** A person Help Me Home has since marked found must not be alerted on. */
async function stillMissing(tx: pg.PoolClient, a: Alert): Promise<void> {
  if (!a.sourceDraftId) return;
  const { rows } = await tx.query<{ state: string }>('SELECT state FROM alert_drafts WHERE id = $1', [a.sourceDraftId]);
  if (rows[0]?.state === 'cancelled') throw conflict('Help Me Home has marked this person found since the draft was made; withdraw this alert');
}

/** Sets or removes the picture a draft will publish; only JPEG files are taken, checked by their first bytes. */
export async function setAlertPhoto(pool: pg.Pool, actor: Actor, id: number, photo: Buffer | null): Promise<Alert> {
  if (photo && !(photo[0] === 0xff && photo[1] === 0xd8 && photo[2] === 0xff)) throw invalid('photo', 'must be a JPEG picture');
  const { result } = await runCommand(pool, actor, async (tx, now) => {
    const a = await mustGet(tx, id);
    if (a.state !== 'draft') throw conflict(`alert ${id} is ${a.state}; only a draft's photo can change`);
    onlyDrafter(a, actor);
    await updateColumns(tx, id, { photo }, now);
    return { result: (await getAlert(tx, id))!, audits: [{ action: 'alert.photo', entity: 'alert', entityId: id, after: { photo: photo ? photo.length : null } }] };
  });
  return result;
}

/** Everything a message must carry before anyone is asked to approve it, each problem named by its field. */
function checkIssuable(a: Alert, now: Date): void {
  const need = (ok: unknown, field: string, msg: string) => {
    if (!ok) throw invalid(field, msg);
  };
  need(a.headline, 'headline', 'write a headline');
  need(a.description, 'description', 'write a description');
  need(a.weaShort, 'weaShort', `write the WEA short text (at most ${WEA_SHORT_MAX} characters)`);
  need(a.weaShort.length <= WEA_SHORT_MAX, 'weaShort', `WEA short text is ${a.weaShort.length} characters; at most ${WEA_SHORT_MAX}`);
  need(a.weaLong.length <= WEA_LONG_MAX, 'weaLong', `WEA long text is ${a.weaLong.length} characters; at most ${WEA_LONG_MAX}`);
  need(a.area.areaDesc, 'area.areaDesc', 'describe the area in words');
  need(a.area.polygon || a.area.circle || a.area.sameGeocodes.length, 'area', 'give the area as a polygon, a circle around a point, or SAME county codes');
  need(a.expiresAt, 'expiresAt', 'say when the alert expires');
  need(a.expiresAt && new Date(a.expiresAt) > now, 'expiresAt', 'the expiry is already past');
}

/** Sends a draft for approval, refused until every criterion is answered and met. */
export async function submitAlert(pool: pg.Pool, actor: Actor, id: number): Promise<Alert> {
  const { result } = await runCommand(pool, actor, async (tx, now) => {
    const a = await mustGet(tx, id);
    if (a.state !== 'draft') throw conflict(`alert ${id} is ${a.state}`);
    onlyDrafter(a, actor);
    const { unanswered, unmet } = judgeCriteria(a.criteriaSet, a.criteria);
    if (unanswered.length) throw invalid('criteria', `answer every criterion first; open: ${unanswered.join('; ')}`);
    if (unmet.length) {
      const suggestion = a.kind === 'amber' ? ' An AMBER Alert cannot be issued. If the child is missing and at risk, issue a Missing/Endangered Person (MEP) alert instead: change the kind to Silver / missing and endangered.' : '';
      throw invalid('criteria', `not met: ${unmet.join('; ')}.${suggestion}`);
    }
    checkIssuable(a, now);
    await stillMissing(tx, a);
    await updateColumns(tx, id, { state: 'awaiting-approval', submitted_at: now, returned_note: null }, now);
    const after = (await getAlert(tx, id))!;
    return { result: after, audits: [{ action: 'alert.submit', entity: 'alert', entityId: id, after: { criteria: a.criteria } }], event: alertChanged(after) };
  });
  return result;
}

/** The floor learns at once that an alert waits for a second supervisor, went back, or changed. */
function alertChanged(a: Alert): EventDraft {
  return { type: 'alert.updated', agencyId: null, incidentId: a.incidentId ?? null, rooms: ['centre'], data: { alertId: a.id, state: a.state, kind: a.kind, headline: a.headline } };
}

function secondPerson(a: Alert, actor: Actor): void {
  if (a.draftedById === actor.userId) throw new AppError(403, 'forbidden', 'two-person rule: you drafted this alert, so another supervisor must approve it');
}

/** The approver sends a draft back with what to fix. */
export async function returnAlert(pool: pg.Pool, actor: Actor, id: number, note: string): Promise<Alert> {
  const { result } = await runCommand(pool, actor, async (tx, now) => {
    const a = await mustGet(tx, id);
    if (a.state !== 'awaiting-approval') throw conflict(`alert ${id} is ${a.state}, not awaiting approval`);
    await updateColumns(tx, id, { state: 'draft', returned_note: note }, now);
    const after = (await getAlert(tx, id))!;
    return { result: after, audits: [{ action: 'alert.return', entity: 'alert', entityId: id, after: { note } }], event: alertChanged(after) };
  });
  return result;
}

/** Writes, stores and publishes one CAP message for an alert; Update and Cancel reference every earlier message. */
async function sendCap(tx: pg.PoolClient, a: Alert, msgType: 'Alert' | 'Update' | 'Cancel', actor: Actor, now: Date, centre: CapCentre, publisher: AlertPublisher): Promise<{ xml: string; identifier: string; references: string[] }> {
  const earlier = await alertMessages(tx, a.id);
  const references = msgType === 'Alert' ? [] : earlier.map((m) => capReference(m.sender, m.identifier, m.sent));
  const identifier = `${centre.host}-alert-${a.id}-${earlier.length + 1}-${Math.floor(now.getTime() / 1000)}`;
  const cap = capAlertFor(a, { identifier, sent: now, msgType, references }, centre);
  const xml = capXmlFor(cap);
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO alert_messages (alert_id, identifier, sender, sent, msg_type, "references", xml, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [a.id, identifier, capSender(centre), cap.sent, msgType, references, xml, now, actor.label],
  );
  await publisher.publish(tx, { messageId: rows[0]!.id, identifier, msgType, xml }, now);
  return { xml, identifier, references };
}

/** A second supervisor approves: the CAP Alert is written and published and a BOLO goes to every unit. */
export async function approveAlert(pool: pg.Pool, actor: Actor, id: number, centre: CapCentre, publisher: AlertPublisher): Promise<Alert> {
  const { result } = await runCommand(pool, actor, async (tx, now) => {
    const a = await mustGet(tx, id);
    secondPerson(a, actor);
    if (a.state !== 'awaiting-approval') throw conflict(`alert ${id} is ${a.state}, not awaiting approval`);
    checkIssuable(a, now);
    await stillMissing(tx, a);
    const issued: Alert = { ...a, state: 'issued', issuedAt: now.toISOString(), approvedBy: actor.label };
    const cap = await sendCap(tx, issued, 'Alert', actor, now, centre, publisher);
    const { bolo, event } = await insertBolo(tx, actor, now, {
      kind: a.kind === 'blue' ? 'suspect' : a.kind === 'amber' || a.kind === 'silver' ? 'missing-person' : 'alert',
      title: a.headline,
      body: [a.description, a.vehicle && `Vehicle: ${a.vehicle}.`, `Public alert issued (${a.event}).`].filter(Boolean).join(' '),
      incidentId: a.incidentId,
      source: 'alert',
      sourceId: String(id),
      photoUrl: a.hasPhoto ? `/api/v1/public/alerts/${id}/photo` : null,
    });
    await updateColumns(tx, id, { state: 'issued', approved_by: actor.userId, approved_by_label: actor.label, issued_at: now, cap_xml: cap.xml, bolo_id: bolo.id }, now);
    if (a.sourceDraftId) await tx.query(`UPDATE alert_drafts SET state = 'issued', updated_at = $2 WHERE id = $1`, [a.sourceDraftId, now]);
    const audits: AuditDraft[] = [
      { action: 'alert.approve', entity: 'alert', entityId: id, after: { identifier: cap.identifier, channel: publisher.channel, draftedBy: a.draftedBy } },
      { action: 'bolo.issue', entity: 'bolo', entityId: bolo.id, after: { kind: 'alert', alertId: id } },
    ];
    return { result: (await getAlert(tx, id))!, audits, event };
  });
  return result;
}

/** New texts, area or expiry for an issued alert, sent as a CAP Update. */
export async function updateIssuedAlert(pool: pg.Pool, actor: Actor, id: number, b: AlertUpdateBody, centre: CapCentre, publisher: AlertPublisher): Promise<Alert> {
  const { result } = await runCommand(pool, actor, async (tx, now) => {
    const a = await mustGet(tx, id);
    if (a.state !== 'issued' && a.state !== 'updated') throw conflict(`alert ${id} is ${a.state}; only an issued alert can be updated`);
    await updateColumns(tx, id, { ...fieldColumns(b), state: 'updated' }, now);
    const next = (await getAlert(tx, id))!;
    checkIssuable(next, now);
    const cap = await sendCap(tx, next, 'Update', actor, now, centre, publisher);
    const after = (await getAlert(tx, id))!;
    return { result: after, audits: [{ action: 'alert.update', entity: 'alert', entityId: id, after: { identifier: cap.identifier, references: cap.references, fields: Object.keys(b) } }], event: alertChanged(after) };
  });
  return result;
}

/**
 * Cancels an alert. A draft is simply withdrawn; an issued alert gets a CAP Cancel referencing
 * every earlier message and its BOLO comes off the units' screens.
 */
export async function cancelAlert(pool: pg.Pool, actor: Actor, id: number, reason: string, centre: CapCentre, publisher: AlertPublisher): Promise<Alert> {
  const { result } = await runCommand(pool, actor, async (tx, now) => {
    const a = await mustGet(tx, id);
    if (a.state === 'cancelled' || a.state === 'expired') throw conflict(`alert ${id} is already ${a.state}`);
    let event: EventDraft | undefined;
    let identifier: string | null = null;
    if (a.state === 'issued' || a.state === 'updated') {
      if (actor.role !== 'supervisor') throw forbidden('only a supervisor cancels an issued alert');
      const cap = await sendCap(tx, { ...a, state: 'cancelled', cancelReason: reason }, 'Cancel', actor, now, centre, publisher);
      identifier = cap.identifier;
      if (a.boloId) {
        const open = await tx.query('SELECT 1 FROM bolos WHERE id = $1 AND cancelled_at IS NULL', [a.boloId]);
        if (open.rowCount) event = (await cancelBoloIn(tx, now, a.boloId, `alert cancelled: ${reason}`)).event;
      }
    } else if (a.draftedById !== actor.userId && actor.role !== 'supervisor') {
      throw forbidden(`this draft is ${a.draftedBy}'s; they or a supervisor may withdraw it`);
    }
    await updateColumns(tx, id, { state: 'cancelled', cancelled_at: now, cancel_reason: reason }, now);
    return { result: (await getAlert(tx, id))!, audits: [{ action: 'alert.cancel', entity: 'alert', entityId: id, after: { reason, identifier } }], ...(event ? { event } : {}) };
  });
  return result;
}
