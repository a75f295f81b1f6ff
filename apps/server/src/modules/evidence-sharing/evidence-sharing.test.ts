import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';
import { ManualClock } from '../../scheduler/clock';
import { storeEvidence } from '../../evidence/store-evidence';
import { mp4Like } from '../../evidence/testing/media-samples';

let t: TestServer;
let clock: ManualClock;
let analyst: SignedInClient;
let evidenceId: number;
let bytes: Buffer;

beforeAll(async () => {
  clock = new ManualClock(new Date());
  t = await createTestServer({ clock });
  analyst = await t.as('rtcc-analyst');
  const d = await t.as('dispatcher');
  const incidentId = (await d.post('/api/v1/incidents', { type: 'ROBBERY', location: { text: '200 E Pratt St', lat: 39.2866, lon: -76.6119, verified: true } })).body.id;
  bytes = mp4Like(120_000);
  evidenceId = (await storeEvidence(t.server.ctx, { stream: Readable.from([bytes]), declaredName: 'corner-store.mp4', source: 'witness', incidentId, submittedBy: '+14105550100', how: 'witness upload link 7, texted to +1 (410) 555-0100 by kim.lee; copy to dana@example.org' })).id;
});
afterAll(async () => t?.close());

const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!;
const custody = async () => (await analyst.request('GET', `/api/v1/evidence/${evidenceId}?purpose=review`)).body.custody as Array<{ action: string; actor: string; purpose: string | null; detail: any }>;

describe('sharing evidence out', () => {
  it('is for supervisors and analysts, with a stated purpose and a named recipient', async () => {
    const dispatcher = await t.as('dispatcher');
    expect((await dispatcher.post(`/api/v1/evidence/${evidenceId}/shares`, { recipientKind: 'agency', recipient: 'Baltimore County PD', purpose: 'joint robbery investigation' })).status).toBe(403);
    const noPurpose = await analyst.post(`/api/v1/evidence/${evidenceId}/shares`, { recipientKind: 'agency', recipient: 'Baltimore County PD' });
    expect(noPurpose.status).toBe(400);
    expect(noPurpose.body.error.fields.purpose).toBeDefined();
    const unit = await analyst.post(`/api/v1/evidence/${evidenceId}/shares`, { recipientKind: 'unit', recipient: 'Some unit', purpose: 'suspect description' });
    expect(unit.body.error.fields.unitId).toMatch(/name the unit/);
    const tooLong = await analyst.post(`/api/v1/evidence/${evidenceId}/shares`, { recipientKind: 'agency', recipient: 'County', purpose: 'joint investigation', hours: 24 * 365 });
    expect(tooLong.body.error.fields.hours).toMatch(/at most/);
    expect((await analyst.post('/api/v1/evidence/99999999/shares', { recipientKind: 'agency', recipient: 'County', purpose: 'joint investigation' })).status).toBe(404);
  });

  it('gives an expiring link whose every use is in the chain of custody, then stops working', async () => {
    const res = await analyst.post(`/api/v1/evidence/${evidenceId}/shares`, { recipientKind: 'agency', recipient: 'Baltimore County PD', purpose: 'joint robbery investigation', hours: 48, sendTo: 'detective@bcpd.example.org' });
    expect(res.status).toBe(201);
    expect(res.body.messageStatus).toBe('sent');
    expect(res.body.share).toMatchObject({ recipient: 'Baltimore County PD', state: 'active', uses: 0, sentTo: 'detective@bcpd.example.org' });
    const mail = await t.pool.query("SELECT channel, recipient, body FROM outbound_messages WHERE purpose = 'evidence.share-link' ORDER BY id DESC LIMIT 1");
    expect(mail.rows[0]).toMatchObject({ channel: 'email', recipient: 'detective@bcpd.example.org' });
    expect(mail.rows[0].body).toContain(res.body.url);
    const token = tokenOf(res.body.url);
    const anon = t.anonymous();
    const view = await anon.get(`/api/v1/public/shared/${token}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ recipient: 'Baltimore County PD', purpose: 'joint robbery investigation', sharedBy: analyst.username, item: { sha256: createHash('sha256').update(bytes).digest('hex'), declaredName: 'corner-store.mp4', mediaKind: 'video' } });
    // How it arrived goes with the file; the witness's number and address stay in the centre.
    expect(view.body.item.how).toBe('witness upload link 7, texted to (withheld) by kim.lee; copy to (withheld)');
    const file = await fetch(`${t.url}/api/v1/public/shared/${token}/content?download=1`);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
    // Seeking within a playing video is not another use.
    const seek = await fetch(`${t.url}/api/v1/public/shared/${token}/content`, { headers: { range: 'bytes=5000-' } });
    expect(seek.status).toBe(206);
    await seek.arrayBuffer();
    let log = await custody();
    const shareId = res.body.share.id;
    expect(log.map((c) => c.action)).toEqual(['received', 'share', 'share-use', 'share-use']);
    expect(log[1]).toMatchObject({ actor: analyst.username, purpose: 'joint robbery investigation', detail: { shareId, recipient: 'Baltimore County PD', recipientKind: 'agency' } });
    expect(log[2]).toMatchObject({ actor: `public:share-${shareId}`, purpose: 'joint robbery investigation', detail: { use: 'opened' } });
    expect(log[3]!.detail.use).toBe('downloaded');
    const detail = await analyst.request('GET', `/api/v1/evidence/${evidenceId}?purpose=review`);
    expect(detail.body.shares[0]).toMatchObject({ id: shareId, uses: 2, state: 'active' });
    // The audit log has the twins of the custody rows.
    const audit = await t.pool.query("SELECT action FROM audit_log WHERE entity = 'evidence' AND entity_id = $1 ORDER BY seq", [String(evidenceId)]);
    expect(audit.rows.map((r) => r.action)).toEqual(['evidence.received', 'evidence.share', 'evidence.share-use', 'evidence.share-use']);

    clock.advance(49 * 3_600_000);
    try {
      const expired = await anon.get(`/api/v1/public/shared/${token}`);
      expect(expired.status).toBe(410);
      expect(expired.body.error.message).toMatch(/expired/);
      expect((await fetch(`${t.url}/api/v1/public/shared/${token}/content`)).status).toBe(410);
    } finally {
      clock.advance(-49 * 3_600_000);
    }
    log = await custody();
    expect(log.length).toBe(4);
    expect((await anon.get('/api/v1/public/shared/not-a-real-token-at-all-xyz')).status).toBe(404);
  });

  it('can be withdrawn at once, and the withdrawal is in the chain of custody', async () => {
    const res = await analyst.post(`/api/v1/evidence/${evidenceId}/shares`, { recipientKind: 'other', recipient: 'State\'s Attorney', purpose: 'charging decision' });
    expect(res.body.messageStatus).toBe('not-sent');
    const token = tokenOf(res.body.url);
    expect((await t.anonymous().get(`/api/v1/public/shared/${token}`)).status).toBe(200);
    const supervisor = await t.as('supervisor');
    const revoked = await supervisor.post(`/api/v1/evidence-shares/${res.body.share.id}/revoke`);
    expect(revoked.body.state).toBe('revoked');
    const after = await t.anonymous().get(`/api/v1/public/shared/${token}`);
    expect(after.status).toBe(410);
    expect(after.body.error.message).toMatch(/withdrawn/);
    expect((await supervisor.post(`/api/v1/evidence-shares/${res.body.share.id}/revoke`)).status).toBe(409);
    const log = await custody();
    expect(log.at(-1)).toMatchObject({ action: 'share-revoked', actor: supervisor.username, detail: { shareId: res.body.share.id } });
  });
});
