import type pg from 'pg';
import type { AuditDraft, EventDraft } from '../../events/ledger';
import { getUnit, toUnit } from '../units/units.queries';

export interface CapabilityChange { unitId: number; callSign: string; capability: string; held: boolean; audit: AuditDraft; event: EventDraft<'unit.updated'> }

/**
 * Makes the certification-backed capabilities (CIT) of these units follow their crews: a unit has
 * CIT while someone crewed on it holds a valid CIT certification on `today`. Units are locked by id
 * (the house order) and only changed when the answer differs; each change comes back with its
 * audit row and unit.updated event for the caller's command.
 */
export async function recomputeUnitCapabilities(tx: pg.PoolClient, unitIds: number[], today: string, reason: string): Promise<CapabilityChange[]> {
  const ids = [...new Set(unitIds)].sort((a, b) => a - b);
  if (!ids.length) return [];
  const { rows: caps } = await tx.query<{ cap: string }>('SELECT DISTINCT unit_capability AS cap FROM certification_kinds WHERE unit_capability IS NOT NULL ORDER BY 1');
  if (!caps.length) return [];
  const { rows: units } = await tx.query<{ id: number; call_sign: string; capabilities: string[] }>('SELECT id, call_sign, capabilities FROM units WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE', [ids]);
  const changes: CapabilityChange[] = [];
  for (const u of units) {
    let capabilities = [...u.capabilities];
    const changed: { capability: string; held: boolean }[] = [];
    for (const { cap } of caps) {
      const { rows } = await tx.query<{ held: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM unit_crew uc JOIN certifications c ON c.staff_member_id = uc.staff_member_id JOIN certification_kinds k ON k.code = c.kind_code
                        JOIN staff_members s ON s.id = uc.staff_member_id
                         WHERE uc.unit_id = $1 AND k.unit_capability = $2 AND c.revoked_at IS NULL AND c.issued_on <= $3::date
                           AND (c.expires_on IS NULL OR c.expires_on >= $3::date) AND (s.left_on IS NULL OR s.left_on > $3::date)) AS held`,
        [u.id, cap, today],
      );
      const held = rows[0]!.held;
      if (held === capabilities.includes(cap)) continue;
      capabilities = held ? [...capabilities, cap] : capabilities.filter((c) => c !== cap);
      changed.push({ capability: cap, held });
    }
    if (!changed.length) continue;
    await tx.query('UPDATE units SET capabilities = $2 WHERE id = $1', [u.id, capabilities]);
    const unit = toUnit((await getUnit(tx, u.id))!);
    for (const c of changed) {
      changes.push({
        unitId: u.id,
        callSign: u.call_sign,
        capability: c.capability,
        held: c.held,
        audit: { action: c.held ? 'unit.capability-add' : 'unit.capability-remove', entity: 'unit', entityId: u.id, before: { capabilities: u.capabilities }, after: { capabilities, capability: c.capability, reason } },
        event: { type: 'unit.updated', agencyId: unit.agencyId, unitId: u.id, rooms: [`agency:${unit.agencyId}`, `unit:${u.id}`], data: { unit } },
      });
    }
  }
  return changes;
}
