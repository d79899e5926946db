/**
 * UrlSigner over the S3 presigner (SigV4 query signatures). Works against AWS and against s3rver
 * (path-style URLs on 127.0.0.1, see src/adapters/aws/clients.ts). For PUT, `Content-Length` and
 * `Content-Type` are signed headers: S3 refuses an upload of any other size or type
 * (SignatureDoesNotMatch), which is how the per-file size limit is enforced.
 */
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { UrlSigner } from '../ports.js';

export class S3UrlSigner implements UrlSigner {
  constructor(private readonly client: S3Client) {}

  signGet(
    bucket: string,
    key: string,
    expiresSec: number,
    options: { readonly contentDisposition?: string } = {},
  ): Promise<string> {
    return getSignedUrl(
      this.client,
      new GetObjectCommand({
        Bucket: bucket,
        Key: key,
        ...(options.contentDisposition !== undefined && {
          ResponseContentDisposition: options.contentDisposition,
        }),
      }),
      { expiresIn: expiresSec },
    );
  }

  signPut(
    bucket: string,
    key: string,
    contentLength: number,
    contentType: string,
    expiresSec: number,
  ): Promise<string> {
    return getSignedUrl(
      this.client,
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        ContentLength: contentLength,
        ContentType: contentType,
      }),
      {
        expiresIn: expiresSec,
        // The presigner leaves content-type unsigned by default; content-length is signed once present.
        signableHeaders: new Set(['content-type', 'content-length']),
      },
    );
  }
}
