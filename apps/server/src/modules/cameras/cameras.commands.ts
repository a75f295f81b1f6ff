import { streamKindOf, type CameraUpdateBody, type CityCameraBody } from '@openpsap/contract';
import { conflict, notFound } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import type { AppContext } from '../../http/app-context';

/** Adds one of the city's own cameras from the registry screen. */
export async function createCityCamera(ctx: AppContext, actor: Actor, b: CityCameraBody): Promise<number> {
  const { result } = await runCommand(ctx.db.pool, actor, async (tx) => {
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO cameras (name, owner_kind, lat, lon, address, direction_deg, fov_deg, range_m, kind, stream_url, stream_kind, installed_on, tags, source)
       VALUES ($1, 'city', $2, $3, $4, $5, $6, COALESCE($7, 60), COALESCE($8, 'fixed'), $9, $10, $11, $12, 'manual') RETURNING id`,
      [b.name, b.lat, b.lon, b.address ?? null, b.directionDeg ?? null, b.fovDeg ?? null, b.rangeM ?? null, b.kind ?? null, b.streamUrl ?? null, b.streamUrl ? streamKindOf(b.streamUrl) : null, b.installedOn ?? null, b.tags ?? []],
    );
    return { result: rows[0]!.id, audits: [{ action: 'camera.create', entity: 'camera', entityId: rows[0]!.id, after: { ownerKind: 'city', fields: Object.keys(b).filter((k) => k !== 'streamUrl'), hasStream: Boolean(b.streamUrl) } }] };
  });
  return result;
}

/**
 * Edits a city camera. A business's or resident's camera is theirs to describe: the centre only
 * reads it, and changes it through the owner's portal.
 */
export async function updateCityCamera(ctx: AppContext, actor: Actor, id: number, b: CameraUpdateBody): Promise<void> {
  await runCommand(ctx.db.pool, actor, async (tx) => {
    const { rows } = await tx.query<{ owner_kind: string; name: string; status: string; health: string; tags: string[] }>('SELECT owner_kind, name, status, health, tags FROM cameras WHERE id = $1 FOR UPDATE', [id]);
    const before = rows[0];
    if (!before) throw notFound(`camera ${id}`);
    if (before.owner_kind !== 'city') throw conflict(`camera ${id} belongs to a ${before.owner_kind}; its owner keeps its details in the camera owners' portal`);
    const sets: string[] = [];
    const values: unknown[] = [id];
    const set = (column: string, v: unknown) => {
      values.push(v);
      sets.push(`${column} = $${values.length}`);
    };
    if (b.name !== undefined) set('name', b.name);
    if (b.lat !== undefined && b.lon !== undefined) {
      set('lat', b.lat);
      set('lon', b.lon);
    }
    if (b.address !== undefined) set('address', b.address || null);
    if (b.directionDeg !== undefined) set('direction_deg', b.directionDeg);
    if (b.fovDeg !== undefined) set('fov_deg', b.fovDeg);
    if (b.rangeM !== undefined) set('range_m', b.rangeM);
    if (b.kind !== undefined) set('kind', b.kind);
    if (b.streamUrl !== undefined) {
      set('stream_url', b.streamUrl);
      set('stream_kind', b.streamUrl ? streamKindOf(b.streamUrl) : null);
    }
    if (b.installedOn !== undefined) set('installed_on', b.installedOn);
    if (b.tags !== undefined) set('tags', [...new Set(b.tags)]);
    if (b.status !== undefined) set('status', b.status);
    if (b.health !== undefined) {
      set('health', b.health);
      sets.push('health_checked_at = now()');
    }
    if (sets.length) await tx.query(`UPDATE cameras SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, values);
    // The stream address is a secret of the camera's; the audit says it changed, not what it is.
    return {
      result: null,
      audits: [{ action: 'camera.update', entity: 'camera', entityId: id, before: { status: before.status, health: before.health }, after: { fields: Object.keys(b), status: b.status ?? before.status, health: b.health ?? before.health } }],
    };
  });
}
