import { createHash, createHmac } from 'node:crypto';

/** SHA-256 of nothing: the payload hash of a request without a body. */
export const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

export interface SigV4Request {
  method: string;
  /** Path as sent, already percent-encoded per segment (S3 keys are encoded once, never twice). */
  path: string;
  query?: Record<string, string>;
  /** Headers to sign; host and x-amz-date must be among them. */
  headers: Record<string, string>;
  /** Hex SHA-256 of the body (EMPTY_SHA256 for none). */
  payloadSha256: string;
}

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service: string;
}

/** RFC 3986 encoding as AWS wants it: everything but unreserved characters, upper-case hex. */
export function awsEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** The canonical request of Signature Version 4: what both sides hash and sign. */
export function canonicalRequest(r: SigV4Request): { text: string; signedHeaders: string } {
  const headers = Object.entries(r.headers)
    .map(([k, v]) => [k.toLowerCase(), v.trim().replace(/\s+/g, ' ')] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = headers.map(([k]) => k).join(';');
  const query = Object.entries(r.query ?? {})
    .map(([k, v]) => [awsEncode(k), awsEncode(v)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const text = [r.method.toUpperCase(), r.path || '/', query, headers.map(([k, v]) => `${k}:${v}\n`).join(''), signedHeaders, r.payloadSha256].join('\n');
  return { text, signedHeaders };
}

/**
 * Signs a request with AWS Signature Version 4 and returns the Authorization header value.
 * `amzDate` is the request's x-amz-date (YYYYMMDD'T'HHMMSS'Z').
 */
export function signV4(r: SigV4Request, cred: SigV4Credentials, amzDate: string): string {
  const date = amzDate.slice(0, 8);
  const scope = `${date}/${cred.region}/${cred.service}/aws4_request`;
  const { text, signedHeaders } = canonicalRequest(r);
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(text, 'utf8').digest('hex')].join('\n');
  const kDate = hmac(`AWS4${cred.secretAccessKey}`, date);
  const kSigning = hmac(hmac(hmac(kDate, cred.region), cred.service), 'aws4_request');
  const signature = createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
  return `AWS4-HMAC-SHA256 Credential=${cred.accessKeyId}/${scope},SignedHeaders=${signedHeaders},Signature=${signature}`;
}

/** x-amz-date for a moment: 20130524T000000Z. */
export function amzDateOf(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
