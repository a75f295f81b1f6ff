import { z } from 'zod';
import { StaffMemberBodySchema, StaffMemberPatchSchema, StaffMemberSchema } from '@openpsap/contract';
import { notFound } from '../../errors/app-error';
import type { AppContext } from '../../http/app-context';
import { actorFor, IdParams, type Api } from '../../http/route-types';
import { auditView, statedPurpose } from '../../privacy/purpose';
import { createStaff, updateStaff } from './staff.commands';
import { getStaff, listStaff } from './staff.queries';

const tags = ['staff'];
const ListQuery = z.object({ organisation: z.string().max(20).optional(), includeLeft: z.enum(['true', 'false']).optional(), purpose: z.string().optional() }).strict();
const ReadQuery = z.object({ purpose: z.string().optional() }).strict();

/** The staff register: the centre's people (and agencies' officers) whose shifts and training are kept. */
export function registerStaffRoutes(api: Api, ctx: AppContext): void {
  const pool = ctx.db.pool;

  api.get('/api/v1/staff', {
    schema: { tags, summary: 'The staff register with team and position (purpose required: x-psap-purpose or ?purpose=; the listing is audited)', querystring: ListQuery, response: { 200: z.array(StaffMemberSchema) } },
    config: { access: { permission: 'staff.read' } },
  }, async (req) => {
    const purpose = statedPurpose(req);
    const rows = await listStaff(pool, { organisation: req.query.organisation, includeLeft: req.query.includeLeft === 'true' });
    await auditView(ctx, req, 'staff-member', rows.map((r) => r.id), purpose);
    return rows;
  });

  api.get('/api/v1/staff/:id', {
    schema: { tags, summary: 'One staff member (purpose required)', params: IdParams, querystring: ReadQuery, response: { 200: StaffMemberSchema } },
    config: { access: { permission: 'staff.read' } },
  }, async (req) => {
    const purpose = statedPurpose(req);
    const staff = await getStaff(pool, req.params.id);
    if (!staff) throw notFound(`staff member ${req.params.id}`);
    await auditView(ctx, req, 'staff-member', [staff.id], purpose);
    return staff;
  });

  api.post('/api/v1/staff', {
    schema: { tags, summary: 'Add a person to the register, optionally on a team (A-D) at a position', body: StaffMemberBodySchema, response: { 201: StaffMemberSchema } },
    config: { access: { permission: 'staff.manage' } },
  }, async (req, reply) => {
    const staff = await createStaff(pool, actorFor(req), req.body);
    reply.code(201);
    return staff;
  });

  api.patch('/api/v1/staff/:id', {
    schema: { tags, summary: 'Change register fields, team or position (null takes a member off the roster)', params: IdParams, body: StaffMemberPatchSchema, response: { 200: StaffMemberSchema } },
    config: { access: { permission: 'staff.manage' } },
  }, async (req) => updateStaff(pool, actorFor(req), req.params.id, req.body));
}
