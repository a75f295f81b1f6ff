import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small S3-compatible server for tests: PUT (with If-None-Match: *), GET, HEAD and DELETE of
 * objects in one bucket, held in memory. It checks Signature Version 4 with its own code, written
 * apart from the adapter's, and checks x-amz-content-sha256 against the body like S3 does.
 */
export class S3StandIn {
  readonly objects = new Map<string, { body: Buffer; contentType: string; meta: Record<string, string> }>();
  readonly log: string[] = [];
  private server: Server;
  url = '';

  constructor(
    readonly bucket: string,
    readonly accessKeyId: string,
    readonly secret: string,
    readonly region = 'us-east-1',
  ) {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        ({ status, body, headers }) => {
          res.writeHead(status, { ...(headers ?? {}), 'content-length': String(body?.length ?? 0) });
          res.end(req.method === 'HEAD' ? undefined : body);
        },
        (e: Error) => {
          res.writeHead(500);
          res.end(e.message);
        },
      );
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }

  private xmlError(status: number, code: string) {
    return { status, body: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code></Error>`), headers: { 'content-type': 'application/xml' } };
  }

  private signatureProblem(req: IncomingMessage): string | null {
    const auth = req.headers.authorization ?? '';
    const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
    if (!m) return 'AuthorizationHeaderMalformed';
    const [, akid, day, region, signed, signature] = m;
    if (akid !== this.accessKeyId) return 'InvalidAccessKeyId';
    if (region !== this.region) return 'AuthorizationHeaderMalformed';
    const amzDate = String(req.headers['x-amz-date'] ?? '');
    if (!amzDate.startsWith(day!)) return 'AuthorizationHeaderMalformed';
    const url = new URL(req.url!, 'http://x');
    const names = signed!.split(';');
    if (!names.includes('host') || !names.includes('x-amz-date')) return 'AccessDenied';
    const canon = [
      req.method,
      url.pathname,
      [...url.searchParams].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).sort().join('&'),
      names.map((n) => `${n}:${String(req.headers[n] ?? '').trim()}\n`).join(''),
      signed,
      String(req.headers['x-amz-content-sha256'] ?? ''),
    ].join('\n');
    const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${day}/${region}/s3/aws4_request\n${createHash('sha256').update(canon).digest('hex')}`;
    let key: Buffer = createHmac('sha256', `AWS4${this.secret}`).update(day!).digest();
    for (const part of [region!, 's3', 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
    const expected = createHmac('sha256', key).update(toSign).digest('hex');
    return expected === signature ? null : 'SignatureDoesNotMatch';
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body?: Buffer; headers?: Record<string, string> }> {
    const parts: Buffer[] = [];
    for await (const c of req) parts.push(c as Buffer);
    const body = Buffer.concat(parts);
    this.log.push(`${req.method} ${req.url}`);
    const problem = this.signatureProblem(req);
    if (problem) return this.xmlError(403, problem);
    const path = decodeURIComponent(new URL(req.url!, 'http://x').pathname);
    const prefix = `/${this.bucket}/`;
    if (!path.startsWith(prefix)) return this.xmlError(404, 'NoSuchBucket');
    const key = path.slice(prefix.length);
    const obj = this.objects.get(key);
    switch (req.method) {
      case 'PUT': {
        const claimed = String(req.headers['x-amz-content-sha256'] ?? '');
        if (claimed !== 'UNSIGNED-PAYLOAD' && claimed !== createHash('sha256').update(body).digest('hex')) return this.xmlError(400, 'XAmzContentSHA256Mismatch');
        if (req.headers['content-length'] === undefined) return this.xmlError(411, 'MissingContentLength');
        if (obj && req.headers['if-none-match'] === '*') return this.xmlError(412, 'PreconditionFailed');
        const meta: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (k.startsWith('x-amz-meta-')) meta[k] = String(v);
        this.objects.set(key, { body, contentType: String(req.headers['content-type'] ?? 'application/octet-stream'), meta });
        return { status: 200, headers: { etag: `"${createHash('md5').update(body).digest('hex')}"` } };
      }
      case 'GET':
      case 'HEAD':
        if (!obj) return req.method === 'HEAD' ? { status: 404 } : this.xmlError(404, 'NoSuchKey');
        return { status: 200, body: obj.body, headers: { 'content-type': obj.contentType, ...obj.meta } };
      case 'DELETE':
        this.objects.delete(key);
        return { status: 204 };
      default:
        return this.xmlError(405, 'MethodNotAllowed');
    }
  }
}
