import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSequencer,
  encodeS3Key,
  LOCAL_SEQUENCER_WIDTH,
  type LocalS3Record,
} from '../../src/local/emulators.js';
import { matchesNotificationFilter } from '../../src/local/stack.js';
import { decodeS3Key } from '../../functions/lib/s3-events.js';
import { startTestS3, type TestS3 } from '../support/aws-emulators.js';
import { S3ObjectStore } from '../../src/adapters/s3-store.js';

describe('local S3 event details', () => {
  it('makes sequencers strictly increasing, fixed-width hex, also when the clock stands still or steps back', () => {
    let clock = 1_700_000_000_000;
    const next = createSequencer(() => clock);
    const a = next();
    const b = next();
    clock -= 5_000;
    const c = next();
    clock += 60_000;
    const d = next();
    for (const s of [a, b, c, d]) expect(s).toMatch(new RegExp(`^[0-9A-F]{${LOCAL_SEQUENCER_WIDTH}}$`));
    expect([a, b, c, d]).toEqual([a, b, c, d].slice().sort());
    expect(new Set([a, b, c, d]).size).toBe(4);
  });

  it('encodes keys as S3 notifications do, so the worker decodes them back', () => {
    const key = 'uploads/14522999/koeln/Umfrage Köln 2024 (neu)+1.xlsx';
    expect(encodeS3Key(key)).toBe('uploads/14522999/koeln/Umfrage+K%C3%B6ln+2024+(neu)%2B1.xlsx');
    expect(decodeS3Key(encodeS3Key(key))).toBe(key);
  });

  it("applies the stack's notification filter: ObjectCreated in uploads/ ending in analyse.json", () => {
    const record = (bucket: string, key: string, eventName = 'ObjectCreated:Put') =>
      ({
        eventName,
        s3: { bucket: { name: bucket }, object: { key: encodeS3Key(key) } },
      }) as unknown as LocalS3Record;
    expect(matchesNotificationFilter(record('up', 'uploads/14522999/a/analyse.json'), 'up')).toBe(true);
    expect(matchesNotificationFilter(record('up', 'uploads/14522999/a/befragung.csv'), 'up')).toBe(false);
    expect(matchesNotificationFilter(record('other', 'uploads/14522999/a/analyse.json'), 'up')).toBe(false);
    expect(matchesNotificationFilter(record('up', 'reports/14522999/a/analyse.json'), 'up')).toBe(false);
    expect(
      matchesNotificationFilter(
        record('up', 'uploads/14522999/a/analyse.json', 'ObjectRemoved:Delete'),
        'up',
      ),
    ).toBe(false);
  });
});

describe('s3rver with the local wiring', () => {
  let s3: TestS3;
  const events: LocalS3Record[] = [];
  beforeAll(async () => {
    s3 = await startTestS3(['b']);
    s3.server.onEvent((r) => events.push(r));
  });
  afterAll(async () => s3?.stop());

  it('gives each stored object a version id, returned to the uploader and carried by its event', async () => {
    const store = new S3ObjectStore(s3.client, 'b');
    const first = await store.putObject(
      'uploads/14522999/x/analyse.json',
      new TextEncoder().encode('{}'),
      'application/json',
    );
    const second = await store.putObject(
      'uploads/14522999/x/analyse.json',
      new TextEncoder().encode('{ }'),
      'application/json',
    );
    expect(events.map((e) => e.s3.object.versionId)).toEqual([first.versionId, second.versionId]);
    expect(events.map((e) => `local-${e.s3.object.sequencer}`)).toEqual([first.versionId, second.versionId]);
    expect(events[1]!.s3.object.sequencer > events[0]!.s3.object.sequencer).toBe(true);
    expect(events[0]).toMatchObject({
      eventName: 'ObjectCreated:Put',
      awsRegion: 'eu-central-1',
      s3: { bucket: { name: 'b' }, object: { key: 'uploads/14522999/x/analyse.json', size: 2 } },
    });
  });
});
