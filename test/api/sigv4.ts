/**
 * An independent SigV4 check of a presigned S3 URL (node:crypto only): does the signature hold for a
 * request with these headers? s3rver does not verify query signatures, so the tests check what S3
 * checks: that Content-Length and Content-Type are part of what was signed.
 */
import { createHash, createHmac } from 'node:crypto';

const enc = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const hmac = (key: Buffer | string, data: string): Buffer =>
  createHmac('sha256', key).update(data, 'utf8').digest();

export function verifyPresigned(
  method: string,
  url: string,
  headers: Readonly<Record<string, string>>,
  secretAccessKey: string,
): boolean {
  const u = new URL(url);
  const q = u.searchParams;
  const signature = q.get('X-Amz-Signature');
  const signed = (q.get('X-Amz-SignedHeaders') ?? '').split(';');
  const credential = (q.get('X-Amz-Credential') ?? '').split('/');
  const amzDate = q.get('X-Amz-Date') ?? '';
  const [, date = '', region = '', service = ''] = credential;
  const all: Record<string, string> = {
    host: u.host,
    ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
  };
  const query = [...q.entries()]
    .filter(([k]) => k !== 'X-Amz-Signature')
    .map(([k, v]) => [enc(k), enc(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonical = [
    method,
    u.pathname,
    query,
    signed.map((h) => `${h}:${(all[h] ?? '').trim()}\n`).join(''),
    signed.join(';'),
    'UNSIGNED-PAYLOAD',
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonical).digest('hex'),
  ].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), 'aws4_request');
  return hmac(key, toSign).toString('hex') === signature;
}
