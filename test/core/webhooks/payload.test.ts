import { describe, expect, it } from 'vitest';
import { buildPayload, messageIdOf } from '../../../src/core/webhooks/payload.js';
import type { LifecycleEvent } from '../../../src/core/ports.js';

const base: LifecycleEvent = {
  type: 'report.ready',
  ags: '14522999',
  analysisId: 'befragung-2026',
  jobId: 'j1',
  version: 3,
  at: '2026-05-04T10:00:00.000Z',
};

describe('buildPayload', () => {
  it('report.ready: ids, version and links to status and report', () => {
    expect(buildPayload(base, 'https://api.sia.example/v1/')).toEqual({
      type: 'report.ready',
      timestamp: '2026-05-04T10:00:00.000Z',
      data: {
        ags: '14522999',
        analysisId: 'befragung-2026',
        jobId: 'j1',
        version: 3,
        links: {
          status: 'https://api.sia.example/v1/analyses/14522999/befragung-2026',
          report: 'https://api.sia.example/v1/analyses/14522999/befragung-2026/versions/3/download',
        },
      },
    });
  });

  it('analysis.invalid and report.failed carry the German reason, no report link', () => {
    const invalid = buildPayload(
      { ...base, type: 'analysis.invalid', version: undefined, reason: 'Pflichtspalte „alter“ fehlt.' },
      'https://api.example',
    );
    expect(invalid.data).toEqual({
      ags: '14522999',
      analysisId: 'befragung-2026',
      jobId: 'j1',
      reason: 'Pflichtspalte „alter“ fehlt.',
      links: {
        status: 'https://api.example/analyses/14522999/befragung-2026',
        validation: 'https://api.example/analyses/14522999/befragung-2026/validation',
      },
    });
    const failed = buildPayload(
      { ...base, type: 'report.failed', version: undefined, reason: 'Zeitüberschreitung' },
      'https://api.example',
    );
    expect(failed.data.links).toEqual({ status: 'https://api.example/analyses/14522999/befragung-2026' });
  });
});

describe('portal links in the payload', () => {
  it('links the page a person opens when the portal address is configured', () => {
    const portal = 'https://sia.example';
    expect(buildPayload(base, 'https://api.example', portal).data.links.portal).toBe(
      'https://sia.example/portal/#/analyse/14522999/befragung-2026/version/3',
    );
    expect(
      buildPayload({ ...base, type: 'analysis.invalid', version: undefined }, 'https://api.example', portal)
        .data.links.portal,
    ).toBe('https://sia.example/portal/#/analyse/14522999/befragung-2026/pruefbericht/j1');
    expect(
      buildPayload({ ...base, type: 'report.failed', version: undefined }, 'https://api.example', portal).data
        .links.portal,
    ).toBe('https://sia.example/portal/#/analyse/14522999/befragung-2026');
  });
});

describe('messageIdOf', () => {
  it('is stable per (jobId, type) and differs otherwise', () => {
    const id = messageIdOf(base);
    expect(id).toMatch(/^msg_[A-Za-z0-9_-]{32}$/);
    expect(messageIdOf({ jobId: 'j1', type: 'report.ready' })).toBe(id);
    expect(messageIdOf({ jobId: 'j1', type: 'report.failed' })).not.toBe(id);
    expect(messageIdOf({ jobId: 'j2', type: 'report.ready' })).not.toBe(id);
  });
});
