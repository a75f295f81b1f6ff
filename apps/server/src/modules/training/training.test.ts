import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../scheduler/clock';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';

let t: TestServer;
let sup: SignedInClient;
let ctoUser: SignedInClient;
let otherDispatcher: SignedInClient;
let traineeUser: SignedInClient;
let ctoId: number;
const clock = new ManualClock(new Date('2026-03-02T15:00:00Z'));
const P = '?purpose=training%20review';

const ratings = { 'call-control': 5, 'radio-procedure': 4, 'policy-knowledge': 6, geography: 3, 'cad-use': 5, 'stress-management': 4 };

async function staff(name: string, userId: number | null = null): Promise<number> {
  const { rows } = await t.pool.query<{ id: number }>("INSERT INTO staff_members (display_name, user_id, organisation, job_title, hired_on) VALUES ($1, $2, 'centre', 'Telecommunicator', '2018-05-01') RETURNING id", [name, userId]);
  return rows[0]!.id;
}

beforeAll(async () => {
  t = await createTestServer({ clock });
  sup = await t.as('supervisor');
  ctoUser = await t.as('dispatcher');
  otherDispatcher = await t.as('dispatcher');
  traineeUser = await t.as('call-taker');
  ctoId = await staff('Dana Okafor (CTO)', ctoUser.userId);
  await staff('Lee Grant', otherDispatcher.userId);
});
afterAll(() => t.close());

describe('enrolment and daily observation reports', () => {
  let trainee: number;

  it('enrols a new hire with a hire date and a CTO on the default five-phase program', async () => {
    const r = await sup.post('/api/v1/training/trainees', { person: { displayName: 'Jordan Reyes', employeeNo: 'T-1001', email: 'jreyes@example.org' }, hiredOn: '2026-01-05', ctoStaffId: ctoId });
    expect(r.status).toBe(201);
    trainee = r.body.id;
    await t.pool.query('UPDATE staff_members SET user_id = $1 WHERE id = $2', [traineeUser.userId, r.body.staffMemberId]);
    const d = (await sup.get(`/api/v1/training/trainees/${trainee}${P}`)).body;
    expect(d.phases.map((p: { key: string }) => p.key)).toEqual(['orientation', 'call-taking', 'police-dispatch', 'fire-ems-dispatch', 'solo']);
    expect(d.progress).toMatchObject({ phaseKey: 'orientation', daysInPhase: 56, daysSinceHire: 56, expectedCompletion: { earliest: '2026-07-05', latest: '2026-10-05' } });
    expect(d.cto).toEqual({ id: ctoId, name: 'Dana Okafor (CTO)' });
    // The same person cannot be enrolled twice at once.
    expect((await sup.post('/api/v1/training/trainees', { staffMemberId: r.body.staffMemberId, hiredOn: '2026-01-05' })).status).toBe(409);
  });

  it('refuses a DOR with errors naming each field', async () => {
    const missing = await ctoUser.post(`/api/v1/training/trainees/${trainee}/dors`, { observedOn: '2026-03-01', ratings: { 'call-control': 5 }, narrative: 'Good day.' });
    expect(missing.status).toBe(422);
    expect(Object.keys(missing.body.error.fields)).toEqual(expect.arrayContaining(['ratings.radio-procedure', 'ratings.geography', 'ratings.stress-management']));
    expect(missing.body.error.message).toContain('Radio procedure');
    const outOfRange = await ctoUser.post(`/api/v1/training/trainees/${trainee}/dors`, { observedOn: '2026-03-01', ratings: { ...ratings, geography: 9 }, narrative: 'x' });
    expect(outOfRange.status).toBe(400);
    expect(JSON.stringify(outOfRange.body.error.fields)).toContain('geography');
    const noNarrative = await ctoUser.post(`/api/v1/training/trainees/${trainee}/dors`, { observedOn: '2026-03-01', ratings, narrative: '  ' });
    expect(noNarrative.status).toBe(400);
    expect(Object.keys(noNarrative.body.error.fields)).toContain('narrative');
    const future = await ctoUser.post(`/api/v1/training/trainees/${trainee}/dors`, { observedOn: '2026-03-09', ratings, narrative: 'Later.' });
    expect(future.status).toBe(422);
    expect(future.body.error.fields).toHaveProperty('observedOn');
    const badDate = await ctoUser.post(`/api/v1/training/trainees/${trainee}/dors`, { observedOn: '2026-02-30', ratings, narrative: 'x' });
    expect(badDate.status).toBe(400);
    expect(Object.keys(badDate.body.error.fields)).toContain('observedOn');
    const unknown = await ctoUser.post(`/api/v1/training/trainees/${trainee}/dors`, { observedOn: '2026-03-01', ratings: { ...ratings, typing: 5 }, narrative: 'x' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.fields).toHaveProperty(['ratings.typing']);
  });

  it('takes DORs from the assigned CTO or a supervisor only, and the acknowledgement from the trainee only', async () => {
    expect((await otherDispatcher.post(`/api/v1/training/trainees/${trainee}/dors`, { observedOn: '2026-03-01', ratings, narrative: 'Not my trainee.' })).status).toBe(403);
    const r = await ctoUser.post(`/api/v1/training/trainees/${trainee}/dors`, { observedOn: '2026-03-01', ratings, narrative: 'Handled a structure fire call with good control.' });
    expect(r.status).toBe(201);
    expect(r.body.phaseKey).toBe('orientation');
    expect((await sup.post(`/api/v1/training/trainees/${trainee}/dors`, { observedOn: '2026-03-02', ratings: { ...ratings, geography: 5 }, narrative: 'Entered for the CTO.' })).status).toBe(201);
    expect((await sup.post(`/api/v1/training/dors/${r.body.id}/acknowledge`, {})).status).toBe(403);
    const ack = await traineeUser.post(`/api/v1/training/dors/${r.body.id}/acknowledge`, { comment: 'Will study the district map.' });
    expect(ack.status).toBe(200);
    expect((await traineeUser.post(`/api/v1/training/dors/${r.body.id}/acknowledge`, {})).status).toBe(409);
    const d = (await sup.get(`/api/v1/training/trainees/${trainee}${P}`)).body;
    expect(d.dors).toHaveLength(2);
    expect(d.dors[1]).toMatchObject({ ctoName: 'Dana Okafor (CTO)', traineeComment: 'Will study the district map.', acknowledgedAt: expect.any(String) });
    expect(d.dorAverages).toMatchObject({ count: 2, byCategory: { geography: 4, 'call-control': 5 } });
  });

  it('refuses a phase sign-off while checklist items are open, naming them, then signs it off with a trail', async () => {
    await ctoUser.post(`/api/v1/training/trainees/${trainee}/checklist`, { phaseKey: 'orientation', itemKey: 'policies' });
    const refused = await sup.post(`/api/v1/training/trainees/${trainee}/phase-signoff`, { phaseKey: 'orientation' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('3 checklist items open');
    for (const label of ['Confidentiality and records access explained', 'CAD sign-in, incident entry and queue basics', 'Radio codes and phonetic alphabet']) expect(refused.body.error.message).toContain(label);
    expect(refused.body.error.message).not.toContain('Centre policies');
    // Items of a later phase cannot be signed before it starts; a signed item is not signed twice.
    expect((await ctoUser.post(`/api/v1/training/trainees/${trainee}/checklist`, { phaseKey: 'solo', itemKey: 'solo-shifts' })).status).toBe(422);
    expect((await ctoUser.post(`/api/v1/training/trainees/${trainee}/checklist`, { phaseKey: 'orientation', itemKey: 'policies' })).status).toBe(409);
    expect((await otherDispatcher.post(`/api/v1/training/trainees/${trainee}/checklist`, { phaseKey: 'orientation', itemKey: 'radio-codes' })).status).toBe(403);
    for (const itemKey of ['confidentiality', 'cad-basics', 'radio-codes']) expect((await ctoUser.post(`/api/v1/training/trainees/${trainee}/checklist`, { phaseKey: 'orientation', itemKey, signedOn: '2026-02-20' })).status).toBe(201);
    // Phase sign-off is the supervisor's, not the CTO's alone.
    expect((await ctoUser.post(`/api/v1/training/trainees/${trainee}/phase-signoff`, { phaseKey: 'orientation' })).status).toBe(403);
    const ok = await sup.post(`/api/v1/training/trainees/${trainee}/phase-signoff`, { phaseKey: 'orientation', signedOn: '2026-02-27' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ released: false, nextPhaseKey: 'call-taking' });
    const d = (await sup.get(`/api/v1/training/trainees/${trainee}${P}`)).body;
    expect(d.progress).toMatchObject({ phaseKey: 'call-taking', daysInPhase: 3 });
    expect(d.phases[0]).toMatchObject({ state: 'signed-off', signoff: { ctoName: 'Dana Okafor (CTO)', signedOn: '2026-02-27' } });
    expect(d.trail.map((x: { kind: string }) => x.kind)).toEqual(['checklist', 'checklist', 'checklist', 'checklist', 'phase']);
    expect(d.trail[4].supervisorName).toBeTruthy();
    const { rows } = await t.pool.query("SELECT action FROM audit_log WHERE entity = 'trainee' AND entity_id = $1 AND action LIKE 'training.%signoff' ORDER BY seq", [String(trainee)]);
    expect(rows.map((r) => r.action)).toEqual(['training.checklist-signoff', 'training.checklist-signoff', 'training.checklist-signoff', 'training.checklist-signoff', 'training.phase-signoff']);
    // Signed sign-offs stay as signed.
    await expect(t.pool.query('DELETE FROM training_phase_signoffs WHERE trainee_id = $1', [trainee])).rejects.toThrow(/kept as signed/);
  });

  it('flags a trainee who stays in a phase past its limit, and one not released 9 months after hire', async () => {
    clock.set(new Date('2026-05-20T15:00:00Z'));
    let d = (await sup.get(`/api/v1/training/trainees/${trainee}${P}`)).body;
    expect(d.progress.behind).toBe(true);
    expect(d.progress.flags[0]).toMatch(/82 days in Phase 2: Call-taking, planned at most 70/);
    clock.set(new Date('2026-10-06T15:00:00Z'));
    d = (await sup.get(`/api/v1/training/trainees/${trainee}${P}`)).body;
    expect(d.progress.flags).toEqual(expect.arrayContaining([expect.stringMatching(/not released 9 months after hire \(2026-10-05\)/)]));
    clock.set(new Date('2026-03-02T15:00:00Z'));
    d = (await sup.get(`/api/v1/training/trainees/${trainee}${P}`)).body;
    expect(d.progress.behind).toBe(false);
  });

  it('reports progress per trainee as JSON and CSV', async () => {
    const json = (await sup.get(`/api/v1/training/report${P}`)).body;
    expect(json.find((x: { id: number }) => x.id === trainee)).toMatchObject({ name: 'Jordan Reyes', progress: { phaseKey: 'call-taking' }, dorAverages: { count: 2 } });
    const csv = await sup.get(`/api/v1/training/report${P}&format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (csv.body as string).trim().split('\r\n');
    expect(lines[0]).toContain('trainee,employee_no,hired_on,status,phase');
    expect(lines.find((l) => l.startsWith('Jordan Reyes,T-1001,2026-01-05,in-training,Phase 2: Call-taking,2/5,3,56'))).toBeTruthy();
  });
});

describe('permissions and purpose', () => {
  it('keeps training records to supervisors, and asks why', async () => {
    expect((await ctoUser.get(`/api/v1/training/trainees${P}`)).status).toBe(403);
    expect((await (await t.as('admin')).get(`/api/v1/training/trainees${P}`)).status).toBe(403);
    const none = await sup.get('/api/v1/training/trainees');
    expect(none.status).toBe(422);
    expect(none.body.error.fields).toHaveProperty('purpose');
    expect((await (await t.as('responder')).post('/api/v1/training/trainees', { person: { displayName: 'X' }, hiredOn: '2026-01-05' })).status).toBe(403);
  });

  it('accepts a new program definition and refuses a malformed one, naming the field', async () => {
    const bad = await sup.post('/api/v1/training/programs', { name: 'Short', definition: { phases: [{ key: 'one', name: 'One', minDays: 10, maxDays: 5, checklist: [] }], categories: [{ key: 'cc', label: 'Call control' }] } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).join()).toContain('maxDays');
    const ok = await sup.post('/api/v1/training/programs', { name: 'Lateral hire', definition: { phases: [{ key: 'review', name: 'Review', minDays: 5, maxDays: 20, checklist: [{ key: 'cad', label: 'CAD' }] }], categories: [{ key: 'cc', label: 'Call control' }] } });
    expect(ok.status).toBe(201);
    const r = await sup.post('/api/v1/training/trainees', { person: { displayName: 'Sam Lateral' }, hiredOn: '2026-02-01', ctoStaffId: ctoId, programId: ok.body.id });
    expect(r.status).toBe(201);
    await sup.post(`/api/v1/training/trainees/${r.body.id}/checklist`, { phaseKey: 'review', itemKey: 'cad' });
    const done = await sup.post(`/api/v1/training/trainees/${r.body.id}/phase-signoff`, { phaseKey: 'review' });
    expect(done.body).toMatchObject({ released: true });
    const d = (await sup.get(`/api/v1/training/trainees/${r.body.id}${P}`)).body;
    expect(d).toMatchObject({ status: 'released', completedOn: '2026-03-02', progress: { status: 'released', behind: false } });
  });
});
