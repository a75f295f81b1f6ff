import type pg from 'pg';
import { ALARM_TYPE_CODES, incidentType, type AlarmCallbackPayload, type AlarmEventBody, type AlarmEvent } from '@openpsap/contract';
import { AppError, conflict, invalid, notFound } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import type { GeoEngine } from '../../geo/geo-engine';
import { getCallRow, insertCall, toCall } from '../calls/calls.queries';
import { addNarrative } from '../incidents/incidents.commands';
import { locate } from '../incidents/locate';
import { newAlarmKey } from './alarm-keys';
import { deliveredStages, getAlarmEvent, toAlarmEvent, type AlarmCompanyRow } from './alarm.queries';

/** Who an alarm company's actions are recorded as. */
export const companyActor = (c: { id: number; name: string }, ip: string | null): Actor => ({ userId: null, label: `alarm-company:${c.id}`, role: 'system', ip });

/** Registers a company and returns its key, which is stored only as a hash. */
export async function registerAlarmCompany(pool: pg.Pool, actor: Actor, name: string, callbackUrl: string) {
  let url: URL;
  try {
    url = new URL(callbackUrl);
  } catch {
    throw invalid('callback', 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid('callback', 'must be an http(s) URL');
  const k = newAlarmKey();
  return runCommand(pool, actor, async (tx) => {
    const dup = await tx.query('SELECT 1 FROM alarm_companies WHERE lower(name) = lower($1)', [name]);
    if (dup.rowCount) throw conflict(`an alarm company named ${name} is already registered`);
    const { rows } = await tx.query<{ id: number }>('INSERT INTO alarm_companies (name, key_hash, key_prefix, callback_url) VALUES ($1, $2, $3, $4) RETURNING id', [name, k.hash, k.prefix, url.toString()]);
    const id = rows[0]!.id;
    return { result: { id, name, key: k.key, callbackUrl: url.toString() }, audits: [{ action: 'alarm-company.register', entity: 'alarm-company', entityId: id, after: { name, keyPrefix: k.prefix, callbackUrl: url.toString() } }] };
  });
}

const GEOCODE_OK = 0.85;

function alarmNotes(company: string, b: AlarmEventBody, typeCode: string): string {
  const t = incidentType(typeCode);
  const lines = [
    `ALARM ${b.eventType} from ${company}, account ${b.account}, alarm ${b.alarmId}${t ? ` (suggested type ${t.code} ${t.name})` : ''}`,
    b.zone ? `Zone: ${b.zone}` : null,
    `Site: ${[b.site.name, b.site.address, b.site.city, b.site.phone].filter(Boolean).join(', ')}`,
    b.permitNumber ? `Permit: ${b.permitNumber}` : 'Permit: none given',
    b.contacts.length ? `Contacts: ${b.contacts.map((c) => [c.name, c.role ? `(${c.role})` : null, c.phone].filter(Boolean).join(' ')).join('; ')}` : 'Contacts: none given',
    b.comments ? `Comments: ${b.comments}` : null,
  ];
  return lines.filter(Boolean).join('\n').slice(0, 4000);
}

/**
 * An alarm company's alarm becomes a call in the queue (source "alarm") with every detail the
 * call-taker needs, once its site address is found on the jurisdiction's map; an address we
 * cannot place is refused with the reason, so the company phones it in instead. The same alarm
 * sent twice is one call.
 */
export async function receiveAlarm(pool: pg.Pool, engine: GeoEngine | null, company: AlarmCompanyRow, body: AlarmEventBody, ip: string | null): Promise<{ alarm: AlarmEvent; created: boolean }> {
  const existing = await getAlarmEvent(pool, { companyId: company.id, externalId: body.alarmId });
  if (existing) return { alarm: toAlarmEvent(existing, await deliveredStages(pool, existing.id)), created: false };
  if (!engine) throw new AppError(503, 'unavailable', 'the jurisdiction map is still loading, so the address cannot be checked; send the alarm again in a minute or phone it in');
  const text = [body.site.address, body.site.city].filter(Boolean).join(', ');
  const located = locate(engine, { text });
  const { lat, lon } = located.location;
  if (lat === undefined || lon === undefined) {
    const best = engine.geocoder.geocode(text, { limit: 1 })[0];
    const why = best ? `the closest address we know is "${best.label}", which is not a sure match (score ${best.score.toFixed(2)} of at least ${GEOCODE_OK})` : 'no street of that name is known here';
    throw invalid('site.address', `"${text}" is not an address we can place in ${engine.name}: ${why}; correct the address or phone the alarm in`);
  }
  const typeCode = ALARM_TYPE_CODES[body.eventType];
  const actor = companyActor(company, ip);
  const { result } = await runCommand(pool, actor, async (tx, now) => {
    const callbackNumber = body.site.phone ?? body.contacts.find((c) => c.phone)?.phone ?? null;
    const row = await insertCall(tx, {
      source: 'alarm', presentedAt: now, answeredAt: null, callbackNumber, callerName: `${company.name} (alarm company)`.slice(0, 200),
      locationText: (located.geocoded?.label ?? text).slice(0, 500), lat, lon, verified: false, notes: alarmNotes(company.name, body, typeCode), createdBy: null, now,
    });
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO alarm_events (company_id, external_id, account, event_type, type_code, zone, address, lat, lon, contacts, permit_number, comments, call_id, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (company_id, external_id) DO NOTHING RETURNING id`,
      [company.id, body.alarmId, body.account, body.eventType, typeCode, body.zone ?? null, text, lat, lon, JSON.stringify(body.contacts), body.permitNumber ?? null, body.comments ?? null, row.id, now],
    );
    // Two copies of the same alarm at once: the other one won; roll this one back.
    if (!rows[0]) throw conflict(`alarm ${body.alarmId} is being received already; send it again to see its call`);
    const id = rows[0].id;
    const payload: AlarmCallbackPayload = { alarmId: body.alarmId, account: body.account, stage: 'accepted', at: now.toISOString(), callId: row.id, incidentNumber: null, units: [], disposition: null, comments: null };
    await tx.query('INSERT INTO alarm_deliveries (alarm_event_id, stage, payload, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $4)', [id, 'accepted', JSON.stringify(payload), now]);
    const call = toCall(row);
    return {
      result: { id, callId: row.id, receivedAt: now },
      audits: [{ action: 'alarm.receive', entity: 'alarm-event', entityId: id, after: { company: company.name, alarmId: body.alarmId, account: body.account, eventType: body.eventType, callId: row.id } }],
      event: { type: 'call.created', agencyId: null, callId: row.id, rooms: ['centre'], data: { call } },
    };
  });
  const fresh = (await getAlarmEvent(pool, { id: result.id }))!;
  return { alarm: toAlarmEvent(fresh, new Set()), created: true };
}

async function ownAlarm(pool: pg.Pool, company: AlarmCompanyRow, id: number) {
  const row = await getAlarmEvent(pool, { id });
  // Another company's alarm is as good as absent: its existence is not theirs to learn.
  if (!row || row.company_id !== company.id) throw notFound(`alarm event ${id}`);
  return row;
}

/** The company's own view of its alarm: where it stands. */
export async function alarmStatus(pool: pg.Pool, company: AlarmCompanyRow, id: number): Promise<AlarmEvent> {
  const row = await ownAlarm(pool, company, id);
  return toAlarmEvent(row, await deliveredStages(pool, id));
}

/** More from the company (a second zone, keyholder on the way): onto the incident, or the call while it waits. */
export async function alarmUpdate(pool: pg.Pool, company: AlarmCompanyRow, id: number, text: string, ip: string | null, what: 'update' | 'cancel'): Promise<AlarmEvent> {
  const row = await ownAlarm(pool, company, id);
  if (row.cancelled_at) throw conflict(`alarm ${row.external_id} was cancelled at ${row.cancelled_at.toISOString()}`);
  const actor = companyActor(company, ip);
  const line = what === 'cancel' ? `ALARM CANCELLED by ${company.name}: ${text}` : `Alarm company ${company.name}: ${text}`;
  if (row.incident_id !== null && row.incident_status !== 'Closed') {
    await addNarrative(pool, actor, row.incident_id, line.slice(0, 8000));
  } else {
    await runCommand(pool, actor, async (tx) => {
      const call = await getCallRow(tx, row.call_id, true);
      if (!call) throw notFound(`call ${row.call_id}`);
      const notes = `${call.notes ?? ''}\n${line}`.trim().slice(-4000);
      const { rows } = await tx.query('UPDATE calls SET notes = $1 WHERE id = $2 RETURNING id', [notes, row.call_id]);
      const updated = toCall({ ...call, notes, id: rows[0].id });
      return { result: null, audits: [{ action: `alarm.${what}`, entity: 'alarm-event', entityId: id, after: { callId: row.call_id } }], event: { type: 'call.updated', agencyId: null, callId: row.call_id, rooms: ['centre'], data: { call: updated, changes: ['notes'] } } };
    });
  }
  if (what === 'cancel') {
    await runCommand(pool, actor, async (tx, now) => {
      const { rowCount } = await tx.query('UPDATE alarm_events SET cancelled_at = $2, cancel_reason = $3 WHERE id = $1 AND cancelled_at IS NULL', [id, now, text]);
      if (!rowCount) throw conflict(`alarm ${row.external_id} was cancelled already`);
      const payload: AlarmCallbackPayload = { alarmId: row.external_id, account: row.account, stage: 'cancelled', at: now.toISOString(), callId: row.call_id, incidentNumber: null, units: [], disposition: null, comments: text };
      await tx.query('INSERT INTO alarm_deliveries (alarm_event_id, stage, payload, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $4) ON CONFLICT DO NOTHING', [id, 'cancelled', JSON.stringify(payload), now]);
      return { result: null, audits: [{ action: 'alarm.cancel', entity: 'alarm-event', entityId: id, after: { reason: text } }] };
    });
  }
  return alarmStatus(pool, company, id);
}
