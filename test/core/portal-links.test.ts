import { describe, expect, it } from 'vitest';
import { legacyPortalFragment, portalLinks, portalPage } from '../../src/core/portal-links.js';

const ref = { ags: '14522999', analysisId: 'befragung-2026' };

describe('portal links', () => {
  it('finds the portal page from the site or the page', () => {
    expect(portalPage('https://sia.example')).toBe('https://sia.example/portal/');
    expect(portalPage('https://sia.example/portal')).toBe('https://sia.example/portal/');
    expect(portalPage('https://sia.example/portal/')).toBe('https://sia.example/portal/');
    expect(portalPage('https://sia.example/lpr/?x=1#/y')).toBe('https://sia.example/lpr/portal/');
  });

  it('builds one fragment route per target', () => {
    const links = portalLinks('https://sia.example');
    expect(links.analysis(ref)).toBe('https://sia.example/portal/#/analyse/14522999/befragung-2026');
    expect(links.version(ref, 2)).toBe(
      'https://sia.example/portal/#/analyse/14522999/befragung-2026/version/2',
    );
    expect(links.pruefbericht(ref, 'abc')).toBe(
      'https://sia.example/portal/#/analyse/14522999/befragung-2026/pruefbericht/abc',
    );
    expect(links.webhooks('14522999')).toBe('https://sia.example/portal/#/webhooks/14522999');
  });

  it('maps the old path form of the links to the fragments', () => {
    expect(legacyPortalFragment('/portal/analysen/14522999/befragung-2026/versionen/3')).toBe(
      '#/analyse/14522999/befragung-2026/version/3',
    );
    expect(legacyPortalFragment('/analysen/14522999/b%C3%A4/pruefberichte/job-1/')).toBe(
      '#/analyse/14522999/b%C3%A4/pruefbericht/job-1',
    );
    expect(legacyPortalFragment('/portal/analysen/14522999/befragung-2026')).toBe(
      '#/analyse/14522999/befragung-2026',
    );
    expect(legacyPortalFragment('/portal/kommunen/14522999/webhooks')).toBe('#/webhooks/14522999');
    expect(legacyPortalFragment('/portal/analysen/14522999/x/versionen/drei')).toBeUndefined();
    expect(legacyPortalFragment('/portal/styles.css')).toBeUndefined();
    expect(legacyPortalFragment('/portal/analysen/14522999')).toBeUndefined();
  });
});
