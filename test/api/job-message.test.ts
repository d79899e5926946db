/** The regeneration message: what the API's queues send is what the worker (and dead-letter handler) parse. */
import { describe, expect, it } from 'vitest';
import { encodeRegeneration } from '../../src/api/job-message.js';
import { jobIdOf, type UploadEvent } from '../../src/app/process-upload.js';
import { MalformedMessageError, parseS3Notification } from '../../functions/lib/s3-events.js';

const event: UploadEvent = {
  bucket: 'sia-uploads',
  key: 'uploads/14522999/Umfrage Köln/analyse.json',
  versionId: 'v1',
  sequencer: '0A1B',
  regeneration: { requestId: 'r-1' },
};

describe('regeneration messages', () => {
  it('round-trip through the worker parser unchanged, keys not URL-decoded', () => {
    const parsed = parseS3Notification(encodeRegeneration(event));
    expect(parsed).toEqual({ uploads: [event], skipped: [] });
    expect(jobIdOf(parsed.uploads[0] as UploadEvent)).toBe(jobIdOf(event));
    expect(jobIdOf(event)).not.toBe(jobIdOf({ ...event, regeneration: undefined }));
  });

  it('are refused as malformed when incomplete (acknowledged, not retried)', () => {
    expect(() =>
      parseS3Notification(
        JSON.stringify({
          type: 'sia.regeneration',
          requestId: 'r',
          upload: { bucket: 'b', key: 'k', sequencer: 'xyz' },
        }),
      ),
    ).toThrow(MalformedMessageError);
    expect(() =>
      parseS3Notification(
        JSON.stringify({ type: 'sia.regeneration', upload: { bucket: 'b', key: 'k', sequencer: '01' } }),
      ),
    ).toThrow(MalformedMessageError);
  });

  it('need a regeneration event', () => {
    expect(() => encodeRegeneration({ ...event, regeneration: undefined })).toThrow();
  });
});
