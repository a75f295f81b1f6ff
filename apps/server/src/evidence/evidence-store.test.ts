import { createHash } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../test/helpers/test-server';
import { AppError } from '../errors/app-error';
import { canonicalRequest, EMPTY_SHA256, signV4 } from './aws-sigv4';
import { IntegrityError } from './blob-store';
import { sniffMedia } from './content-sniff';
import { blobStore } from './evidence-store';
import { LocalBlobStore } from './local-blob-store';
import { storeEvidence } from './store-evidence';
import { exeLike, jpegLike, mp4Like } from './testing/media-samples';
import { S3StandIn } from './testing/s3-stand-in';

let t: TestServer;
let incidentId: number;
beforeAll(async () => {
  t = await createTestServer();
  const d = await t.as('dispatcher');
  incidentId = (await d.post('/api/v1/incidents', { type: 'ASSAULT', location: { text: '100 N Charles St', lat: 39.2911, lon: -76.6152, verified: true } })).body.id;
});
afterAll(async () => t?.close());

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('content sniffing', () => {
  it('recognises photos and videos by their bytes and names what other files are', () => {
    expect(sniffMedia(jpegLike())).toMatchObject({ ok: true, media: { contentType: 'image/jpeg', kind: 'photo' } });
    expect(sniffMedia(mp4Like())).toMatchObject({ ok: true, media: { contentType: 'video/mp4', kind: 'video' } });
    expect(sniffMedia(Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, ...Buffer.from('webm')]))).toMatchObject({ ok: true, media: { contentType: 'video/webm' } });
    expect(sniffMedia(Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(12)]))).toMatchObject({ ok: true, media: { contentType: 'image/heic', kind: 'photo' } });
    expect(sniffMedia(Buffer.concat([Buffer.from([0, 0, 0, 0x14]), Buffer.from('ftypqt  '), Buffer.alloc(12)]))).toMatchObject({ ok: true, media: { contentType: 'video/quicktime' } });
    expect(sniffMedia(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toMatchObject({ ok: true, media: { contentType: 'image/png' } });
    const exe = sniffMedia(exeLike());
    expect(exe.ok).toBe(false);
    expect(!exe.ok && exe.why).toMatch(/Windows program/);
    expect(sniffMedia(Buffer.from('<!DOCTYPE html><html>'))).toMatchObject({ ok: false });
  });
});

describe('storeEvidence', () => {
  it('streams bytes into the local store under their SHA-256 and records the item with a "received" custody entry', async () => {
    const bytes = mp4Like(300_000);
    const stored = await storeEvidence(t.server.ctx, { stream: Readable.from([bytes.subarray(0, 100), bytes.subarray(100)]), declaredName: 'clip.mov', source: 'staff', incidentId, submittedBy: 'test', how: 'test upload' });
    expect(stored).toMatchObject({ sha256: sha(bytes), size: bytes.length, contentType: 'video/mp4', mediaKind: 'video' });
    const store = blobStore(t.server.ctx.config) as LocalBlobStore;
    const path = store.pathOf(stored.sha256);
    expect(path.startsWith(t.server.ctx.config.dataDir)).toBe(true);
    expect(sha(readFileSync(path))).toBe(stored.sha256);
    const custody = await t.pool.query('SELECT action, actor_label FROM evidence_custody WHERE evidence_id = $1', [stored.id]);
    expect(custody.rows).toEqual([{ action: 'received', actor_label: 'system:evidence-staff' }]);
    const audit = await t.pool.query("SELECT count(*)::int AS n FROM audit_log WHERE entity = 'evidence' AND entity_id = $1 AND action = 'evidence.received'", [String(stored.id)]);
    expect(audit.rows[0].n).toBe(1);
    // The same bytes again: a second item, the one stored file.
    const again = await storeEvidence(t.server.ctx, { stream: Readable.from([bytes]), declaredName: 'copy.mp4', source: 'witness', incidentId, submittedBy: '+14105550100', how: 'test' });
    expect(again.sha256).toBe(stored.sha256);
    expect(again.id).not.toBe(stored.id);
  });

  it('refuses a renamed program and a file over its limit, naming the field, and leaves nothing behind', async () => {
    const exe = await refusal(storeEvidence(t.server.ctx, { stream: Readable.from([exeLike()]), declaredName: 'video.mp4', source: 'witness', incidentId, submittedBy: 'x', how: 'test' }));
    expect(exe.status).toBe(415);
    expect(exe.fields?.file).toMatch(/Windows program/);
    const ev = t.server.ctx.config.evidence;
    const old = ev.maxPhotoBytes;
    ev.maxPhotoBytes = 10_000;
    try {
      const big = await refusal(storeEvidence(t.server.ctx, { stream: Readable.from([jpegLike(20_000)]), declaredName: 'big.jpg', source: 'witness', incidentId, submittedBy: 'x', how: 'test' }));
      expect(big.status).toBe(413);
      expect(big.fields?.file).toMatch(/allowed for a photo/);
    } finally {
      ev.maxPhotoBytes = old;
    }
    const { rows } = await t.pool.query("SELECT count(*)::int AS n FROM evidence_items WHERE declared_name IN ('video.mp4', 'big.jpg')");
    expect(rows[0].n).toBe(0);
  });

  it('detects a stored file altered after it was stored, and never overwrites a good one', async () => {
    const bytes = jpegLike(8000);
    const stored = await storeEvidence(t.server.ctx, { stream: Readable.from([bytes]), declaredName: 'p.jpg', source: 'staff', incidentId, submittedBy: 'x', how: 'test' });
    const store = blobStore(t.server.ctx.config) as LocalBlobStore;
    expect(await store.verifiedPath(stored.sha256)).toBe(store.pathOf(stored.sha256));
    const path = store.pathOf(stored.sha256);
    chmodSync(path, 0o640);
    appendFileSync(path, Buffer.from('tampered'));
    const e = await store.verifiedPath(stored.sha256).then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(IntegrityError);
    expect((e as IntegrityError).actual).not.toBe(stored.sha256);
    // Storing the genuine bytes again sets the altered copy aside and restores the original.
    await storeEvidence(t.server.ctx, { stream: Readable.from([bytes]), declaredName: 'p-again.jpg', source: 'staff', incidentId, submittedBy: 'x', how: 'test' });
    expect(sha(readFileSync(await store.verifiedPath(stored.sha256)))).toBe(stored.sha256);
  });

  it('refuses an incident that does not exist without storing a row', async () => {
    const e = await refusal(storeEvidence(t.server.ctx, { stream: Readable.from([jpegLike()]), declaredName: 'a.jpg', source: 'staff', incidentId: 99_999_999, submittedBy: 'x', how: 'test' }));
    expect(e.status).toBe(404);
  });
});

describe('S3-compatible store', () => {
  it('signs like the AWS documentation example (GET object with a range)', () => {
    const headers = { host: 'examplebucket.s3.amazonaws.com', range: 'bytes=0-9', 'x-amz-content-sha256': EMPTY_SHA256, 'x-amz-date': '20130524T000000Z' };
    const req = { method: 'GET', path: '/test.txt', headers, payloadSha256: EMPTY_SHA256 };
    expect(canonicalRequest(req).signedHeaders).toBe('host;range;x-amz-content-sha256;x-amz-date');
    const auth = signV4(req, { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1', service: 's3' }, '20130524T000000Z');
    expect(auth).toBe('AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
  });

  it('stores, reads back verified, never overwrites, detects an altered object and removes', async () => {
    const s3 = new S3StandIn('psap-evidence', 'AKTEST', 'secret/key+1');
    const url = await s3.start();
    const ev = t.server.ctx.config.evidence;
    const before = { store: ev.store, s3: ev.s3 };
    try {
      ev.s3 = { endpoint: url, bucket: 'psap-evidence', region: 'us-east-1', accessKeyId: 'AKTEST', secretAccessKey: 'secret/key+1', prefix: 'centre/' };
      ev.store = 's3';
      const bytes = mp4Like(200_000);
      const stored = await storeEvidence(t.server.ctx, { stream: Readable.from([bytes]), declaredName: 'cam.mp4', source: 'footage', incidentId, submittedBy: 'owner', how: 'footage request 1' });
      const key = `centre/sha256/${stored.sha256.slice(0, 2)}/${stored.sha256}`;
      expect(s3.objects.get(key)?.body.equals(bytes)).toBe(true);
      expect(s3.objects.get(key)?.meta['x-amz-meta-sha256']).toBe(stored.sha256);
      const { rows } = await t.pool.query('SELECT store FROM evidence_items WHERE id = $1', [stored.id]);
      expect(rows[0].store).toBe('s3');
      const store = blobStore(t.server.ctx.config, 's3');
      expect(await store.has(stored.sha256)).toBe(true);
      const path = await store.verifiedPath(stored.sha256);
      expect(sha(readFileSync(path))).toBe(stored.sha256);
      // A second put of the same bytes is refused by the bucket (412) and is not an error.
      await storeEvidence(t.server.ctx, { stream: Readable.from([bytes]), declaredName: 'cam-again.mp4', source: 'footage', incidentId, submittedBy: 'owner', how: 'footage request 1' });
      expect(s3.log.filter((l) => l.startsWith('PUT')).length).toBe(2);
      // Altered in the bucket: found on the next read (the local cache is dropped first).
      s3.objects.get(key)!.body = Buffer.concat([bytes.subarray(0, 1000), Buffer.from('x'), bytes.subarray(1001)]);
      await blobStore(t.server.ctx.config, 'local').remove(stored.sha256).catch(() => undefined);
      await (store as unknown as { cache: LocalBlobStore }).cache.remove(stored.sha256);
      const e = await store.verifiedPath(stored.sha256).then(() => null, (x: unknown) => x);
      expect(e).toBeInstanceOf(IntegrityError);
      await store.remove(stored.sha256);
      expect(await store.has(stored.sha256)).toBe(false);
      // Wrong credentials are refused by the stand-in's own signature check.
      ev.s3 = { ...ev.s3, secretAccessKey: 'wrong' };
      const refused = await storeEvidence(t.server.ctx, { stream: Readable.from([jpegLike()]), declaredName: 'x.jpg', source: 'staff', incidentId, submittedBy: 'x', how: 'test' }).then(() => null, (x: Error) => x);
      expect(refused?.message).toMatch(/SignatureDoesNotMatch/);
    } finally {
      ev.store = before.store;
      ev.s3 = before.s3;
      await s3.stop();
    }
    expect(existsSync(t.server.ctx.config.dataDir)).toBe(true);
  });
});
