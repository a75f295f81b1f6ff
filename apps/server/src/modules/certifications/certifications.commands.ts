import type pg from 'pg';
import type { z } from 'zod';
import { conflict, invalid, notFound } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import type { AuditDraft } from '../../events/ledger';
import { runCommand } from '../../events/run-command';
import type { AppContext } from '../../http/app-context';
import { centreToday } from '../training/training.commands';
import type { CertificationBodySchema, CrewBodySchema, KindBodySchema, KindUpdateBodySchema } from './certifications.schemas';
import { defaultExpiry } from './certification-status';
import { getKind } from './certifications.queries';
import { recomputeUnitCapabilities, type CapabilityChange } from './unit-capabilities';

async function unitOf(tx: pg.PoolClient, staffId: number): Promise<number | null> {
  return (await tx.query<{ unit_id: number }>('SELECT unit_id FROM unit_crew WHERE staff_member_id = $1', [staffId])).rows[0]?.unit_id ?? null;
}

/** Audits and the (single) event a command writes for the capability changes it caused. */
function withChanges(audits: AuditDraft[], changes: CapabilityChange[]) {
  return { audits: [...audits, ...changes.map((c) => c.audit)], event: changes[0]?.event };
}


/**
 * Records a certification (expiry from the kind's default validity unless given) and brings the
 * holder's unit's capabilities in line with it at once.
 */
export async function recordCertification(ctx: AppContext, actor: Actor, body: z.infer<typeof CertificationBodySchema>) {
  const today = centreToday(ctx);
  return (await runCommand(ctx.db.pool, actor, async (tx) => {
    const kind = await getKind(tx, body.kind);
    if (!kind || !kind.active) throw invalid('kind', `no active certification kind ${body.kind}`);
    const staff = (await tx.query<{ id: number }>('SELECT id FROM staff_members WHERE id = $1', [body.staffMemberId])).rows[0];
    if (!staff) throw invalid('staffMemberId', `no staff member ${body.staffMemberId} in the staff register`);
    if (body.issuedOn > today) throw invalid('issuedOn', `must not be after today (${today})`);
    const expiresOn = body.expiresOn === undefined ? defaultExpiry(body.issuedOn, kind.validityMonths) : body.expiresOn;
    if (expiresOn && expiresOn < body.issuedOn) throw invalid('expiresOn', 'must not be before the issue date');
    const { rows } = await tx.query<{ id: number }>(
      'INSERT INTO certifications (staff_member_id, kind_code, issued_on, expires_on, certificate_no, issuer, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
      [body.staffMemberId, kind.code, body.issuedOn, expiresOn, body.certificateNo ?? null, body.issuer ?? null, actor.userId],
    );
    const id = rows[0]!.id;
    const unitId = kind.unitCapability ? await unitOf(tx, body.staffMemberId) : null;
    const changes = unitId ? await recomputeUnitCapabilities(tx, [unitId], today, `certification ${id} recorded`) : [];
    return {
      result: { id, expiresOn, unitChanges: changes.map((c) => ({ callSign: c.callSign, capability: c.capability, held: c.held })) },
      ...withChanges([{ action: 'certification.record', entity: 'certification', entityId: id, after: { staffMemberId: body.staffMemberId, kind: kind.code, issuedOn: body.issuedOn, expiresOn } }], changes),
    };
  })).result;
}

export async function revokeCertification(ctx: AppContext, actor: Actor, id: number, reason: string) {
  const today = centreToday(ctx);
  return (await runCommand(ctx.db.pool, actor, async (tx) => {
    const { rows } = await tx.query<{ staff_member_id: number; revoked_at: Date | null }>('SELECT staff_member_id, revoked_at FROM certifications WHERE id = $1 FOR UPDATE', [id]);
    const c = rows[0];
    if (!c) throw notFound(`certification ${id}`);
    if (c.revoked_at) throw conflict('already revoked');
    await tx.query('UPDATE certifications SET revoked_at = now(), revoked_reason = $2 WHERE id = $1', [id, reason]);
    const unitId = await unitOf(tx, c.staff_member_id);
    const changes = unitId ? await recomputeUnitCapabilities(tx, [unitId], today, `certification ${id} revoked`) : [];
    return { result: { id, unitChanges: changes.map((x) => ({ callSign: x.callSign, capability: x.capability, held: x.held })) }, ...withChanges([{ action: 'certification.revoke', entity: 'certification', entityId: id, after: { reason } }], changes) };
  })).result;
}

/** Puts a field officer on a unit (or takes them off): the old and new units' capabilities follow. */
export async function setCrew(ctx: AppContext, actor: Actor, body: z.infer<typeof CrewBodySchema>) {
  const today = centreToday(ctx);
  return (await runCommand(ctx.db.pool, actor, async (tx) => {
    if (!(await tx.query('SELECT 1 FROM staff_members WHERE id = $1', [body.staffMemberId])).rowCount) throw invalid('staffMemberId', `no staff member ${body.staffMemberId} in the staff register`);
    if (body.unitId !== null && !(await tx.query('SELECT 1 FROM units WHERE id = $1 AND active', [body.unitId])).rowCount) throw invalid('unitId', `no active unit ${body.unitId}`);
    const before = await unitOf(tx, body.staffMemberId);
    if (before === body.unitId) return { result: { staffMemberId: body.staffMemberId, unitId: body.unitId, unitChanges: [] }, audits: [] };
    if (body.unitId === null) await tx.query('DELETE FROM unit_crew WHERE staff_member_id = $1', [body.staffMemberId]);
    else await tx.query('INSERT INTO unit_crew (staff_member_id, unit_id) VALUES ($1, $2) ON CONFLICT (staff_member_id) DO UPDATE SET unit_id = $2, assigned_at = now()', [body.staffMemberId, body.unitId]);
    const changes = await recomputeUnitCapabilities(tx, [before, body.unitId].filter((x): x is number => x !== null), today, `crew of staff member ${body.staffMemberId} changed`);
    return {
      result: { staffMemberId: body.staffMemberId, unitId: body.unitId, unitChanges: changes.map((x) => ({ callSign: x.callSign, capability: x.capability, held: x.held })) },
      ...withChanges([{ action: 'unit.crew', entity: 'staff_member', entityId: body.staffMemberId, before: { unitId: before }, after: { unitId: body.unitId } }], changes),
    };
  })).result;
}

export async function createKind(ctx: AppContext, actor: Actor, body: z.infer<typeof KindBodySchema>) {
  return (await runCommand(ctx.db.pool, actor, async (tx) => {
    if (await getKind(tx, body.code)) throw conflict(`certification kind ${body.code} exists; change it instead`);
    await tx.query('INSERT INTO certification_kinds (code, name, validity_months, reminder_days, unit_capability, note) VALUES ($1, $2, $3, $4, $5, $6)', [body.code, body.name, body.validityMonths, body.reminderDays ?? [60, 30, 7], body.unitCapability ?? null, body.note ?? null]);
    return { result: await getKind(tx, body.code), audits: [{ action: 'certification-kind.create', entity: 'certification_kind', entityId: body.code, after: body }] };
  })).result;
}

export async function updateKind(ctx: AppContext, actor: Actor, code: string, body: z.infer<typeof KindUpdateBodySchema>) {
  return (await runCommand(ctx.db.pool, actor, async (tx) => {
    const before = await getKind(tx, code);
    if (!before) throw notFound(`certification kind ${code}`);
    await tx.query(
      `UPDATE certification_kinds SET name = COALESCE($2, name), validity_months = CASE WHEN $3 THEN $4 ELSE validity_months END, reminder_days = COALESCE($5, reminder_days),
              unit_capability = CASE WHEN $6 THEN $7 ELSE unit_capability END, active = COALESCE($8, active), note = COALESCE($9, note) WHERE code = $1`,
      [code, body.name ?? null, body.validityMonths !== undefined, body.validityMonths ?? null, body.reminderDays ?? null, body.unitCapability !== undefined, body.unitCapability ?? null, body.active ?? null, body.note ?? null],
    );
    const after = await getKind(tx, code);
    return { result: after, audits: [{ action: 'certification-kind.update', entity: 'certification_kind', entityId: code, before, after }] };
  })).result;
}
