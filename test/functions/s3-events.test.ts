import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SQSEvent } from 'aws-lambda';
import { decodeS3Key, MalformedMessageError, parseS3Notification } from '../../functions/lib/s3-events.js';

const fixture = (name: string): SQSEvent =>
  JSON.parse(readFileSync(new URL(`../fixtures/events/${name}`, import.meta.url), 'utf8')) as SQSEvent;
const body = (name: string): string => fixture(name).Records[0]!.body;

describe('S3 notifications in SQS messages', () => {
  it('reads an ObjectCreated:Put of a manifest: bucket, key, version id, ETag, sequencer, event time', () => {
    expect(parseS3Notification(body('sqs-s3-put-musterstadt.json'))).toEqual({
      uploads: [
        {
          bucket: 'sia-uploads',
          key: 'uploads/14522999/musterstadt-2026/analyse.json',
          versionId: '3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY',
          eTag: 'e0b8a1b5ecb5c6a1d3b0f8a8f0f4c2d1',
          sequencer: '0055AED6DCD90281E5',
          eventTime: '2026-05-04T08:15:02.412Z',
        },
      ],
      skipped: [],
    });
  });

  it('decodes keys as S3 encodes them: + for spaces, percent-encoded UTF-8 for umlauts', () => {
    expect(parseS3Notification(body('sqs-s3-put-umlaut-key.json')).uploads[0]?.key).toBe(
      'uploads/05315000/Umfrage Köln 2024/analyse.json',
    );
    expect(decodeS3Key('uploads/14522999/a/Umfrage+K%C3%B6ln+2024.xlsx')).toBe(
      'uploads/14522999/a/Umfrage Köln 2024.xlsx',
    );
    expect(decodeS3Key('uploads/14522999/a/1%2B1%3D2.csv')).toBe('uploads/14522999/a/1+1=2.csv');
    expect(decodeS3Key('uploads/14522999/a/Stra%C3%9Fe+%C3%84%C3%96%C3%9C.csv')).toBe(
      'uploads/14522999/a/Straße ÄÖÜ.csv',
    );
  });

  it('ignores the s3:TestEvent S3 sends when the notification is set up', () => {
    expect(parseS3Notification(body('sqs-s3-test-event.json'))).toEqual({
      uploads: [],
      skipped: ['s3:TestEvent'],
    });
  });

  it('skips other event types and rejects bodies that are no S3 notification', () => {
    const removed = JSON.stringify({
      Records: [
        {
          eventSource: 'aws:s3',
          eventName: 'ObjectRemoved:Delete',
          s3: { bucket: { name: 'b' }, object: { key: 'k', sequencer: '1' } },
        },
      ],
    });
    expect(parseS3Notification(removed)).toEqual({ uploads: [], skipped: ['aws:s3 ObjectRemoved:Delete'] });
    expect(() => parseS3Notification('not json')).toThrow(MalformedMessageError);
    expect(() => parseS3Notification('{"hello":1}')).toThrow(MalformedMessageError);
    expect(() =>
      parseS3Notification(
        JSON.stringify({
          Records: [
            {
              eventSource: 'aws:s3',
              eventName: 'ObjectCreated:Put',
              s3: { bucket: { name: 'b' }, object: { key: '%E0%A4%A', sequencer: '1' } },
            },
          ],
        }),
      ),
    ).toThrow(MalformedMessageError);
  });
});
