import { randomBytes, createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { amzDateOf, awsEncode, EMPTY_SHA256, signV4 } from './aws-sigv4';
import { IntegrityError, type BlobStore } from './blob-store';
import type { S3Settings } from './evidence-config';
import { SHA256_HEX } from './file-hash';
import type { LocalBlobStore } from './local-blob-store';

interface S3Call {
  method: 'GET' | 'PUT' | 'HEAD' | 'DELETE';
  key: string;
  headers?: Record<string, string>;
  body?: Readable;
  payloadSha256?: string;
}

async function readAll(res: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of res) parts.push(c as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

/**
 * Evidence bytes in S3-compatible object storage (AWS S3, MinIO, Ceph, Wasabi...), path-style
 * addressing, signed with Signature Version 4. Puts send the known SHA-256 as the signed payload
 * hash, so the storage itself refuses bytes damaged on the way; reads are fetched into a local
 * cache and verified there before anyone sees them.
 */
export class S3BlobStore implements BlobStore {
  readonly kind = 's3' as const;
  private readonly base: URL;

  constructor(
    private readonly s: S3Settings,
    /** Verified local copies of fetched objects. */
    private readonly cache: LocalBlobStore,
    /** Where a download is written before it is verified. */
    private readonly tmpDir: string,
  ) {
    this.base = new URL(s.endpoint);
  }

  keyOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return `${this.s.prefix}sha256/${sha256.slice(0, 2)}/${sha256}`;
  }

  private call(c: S3Call): Promise<IncomingMessage> {
    const basePath = this.base.pathname.replace(/\/+$/, '');
    const path = `${basePath}/${awsEncode(this.s.bucket)}/${c.key.split('/').map(awsEncode).join('/')}`;
    const payloadSha256 = c.payloadSha256 ?? EMPTY_SHA256;
    const headers: Record<string, string> = { host: this.base.host, 'x-amz-date': amzDateOf(new Date()), 'x-amz-content-sha256': payloadSha256, ...(c.headers ?? {}) };
    headers.authorization = signV4({ method: c.method, path, headers, payloadSha256 }, { accessKeyId: this.s.accessKeyId, secretAccessKey: this.s.secretAccessKey, region: this.s.region, service: 's3' }, headers['x-amz-date']!);
    const send = this.base.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send({ method: c.method, hostname: this.base.hostname, port: this.base.port || undefined, path, headers, timeout: 10 * 60_000 }, resolve);
      req.on('error', reject);
      req.on('timeout', () => req.destroy(new Error(`S3 ${c.method} ${c.key} timed out`)));
      if (c.body) {
        c.body.on('error', (e) => req.destroy(e));
        c.body.pipe(req);
      } else req.end();
    });
  }

  private async fail(res: IncomingMessage, what: string): Promise<never> {
    const text = await readAll(res).catch(() => '');
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? '';
    throw new Error(`object storage refused ${what}: HTTP ${res.statusCode}${code ? ` ${code}` : ''}`);
  }

  async put(file: string, sha256: string, size: number, contentType: string): Promise<void> {
    const key = this.keyOf(sha256);
    // If-None-Match: * makes the storage refuse to replace an existing object (412): never overwritten.
    const res = await this.call({
      method: 'PUT',
      key,
      payloadSha256: sha256,
      headers: { 'content-length': String(size), 'content-type': contentType, 'if-none-match': '*', 'x-amz-meta-sha256': sha256 },
      body: createReadStream(file),
    });
    if (res.statusCode === 412) res.resume();
    else if (res.statusCode !== 200) await this.fail(res, `storing ${key}`);
    else res.resume();
    await unlink(file).catch(() => undefined);
  }

  async verifiedPath(sha256: string, opts: { fresh?: boolean } = {}): Promise<string> {
    if (opts.fresh) await this.cache.remove(sha256); // an explicit check asks the bucket itself
    else if (await this.cache.has(sha256)) {
      try {
        return await this.cache.verifiedPath(sha256);
      } catch {
        await this.cache.remove(sha256); // a damaged local copy: fetch the original again
      }
    }
    const key = this.keyOf(sha256);
    const res = await this.call({ method: 'GET', key });
    if (res.statusCode === 404) {
      res.resume();
      throw new IntegrityError(sha256, null, `the stored object for SHA-256 ${sha256.slice(0, 12)}... is missing from the bucket`);
    }
    if (res.statusCode !== 200) await this.fail(res, `reading ${key}`);
    await mkdir(this.tmpDir, { recursive: true });
    const tmp = join(this.tmpDir, `s3-${randomBytes(8).toString('hex')}.part`);
    const h = createHash('sha256');
    res.on('data', (c: Buffer) => h.update(c));
    try {
      await pipeline(res, createWriteStream(tmp, { mode: 0o600 }));
      const actual = h.digest('hex');
      if (actual !== sha256) throw new IntegrityError(sha256, actual, `the object in the bucket no longer matches its SHA-256 (now ${actual.slice(0, 12)}...): it was altered after it was stored`);
      await this.cache.put(tmp, sha256);
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
    return this.cache.verifiedPath(sha256);
  }

  async has(sha256: string): Promise<boolean> {
    const res = await this.call({ method: 'HEAD', key: this.keyOf(sha256) });
    res.resume();
    if (res.statusCode === 200) return true;
    if (res.statusCode === 404) return false;
    throw new Error(`object storage answered HTTP ${res.statusCode} to HEAD ${this.keyOf(sha256)}`);
  }

  async remove(sha256: string): Promise<void> {
    const res = await this.call({ method: 'DELETE', key: this.keyOf(sha256) });
    if (res.statusCode !== 204 && res.statusCode !== 200 && res.statusCode !== 404) await this.fail(res, `deleting ${this.keyOf(sha256)}`);
    res.resume();
    await this.cache.remove(sha256);
  }
}
