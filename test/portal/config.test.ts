/** portal/js/config.js: config.json read defensively, with German defaults that name what must be filled in. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

interface Contact {
  stelle: string;
  email: string;
  telefon: string;
  erreichbarkeit: string;
  anschrift: string[];
}
interface PortalConfig {
  apiBaseUrl: string;
  auth: 'token' | 'cognito';
  cognito?: Record<string, string>;
  kontakt: Contact;
  impressum: { titel: string; absaetze: string[] }[];
  datenschutz: { titel: string; absaetze: string[] }[];
  barrierefreiheit: { stand: string; schlichtungsstelle: string[]; nichtBarrierefrei: string[] };
}
const { LOCAL_DEFAULT, normaliseConfig, isPlaceholder } = (await import(
  pathToFileURL(resolve('portal/js/config.js')).href
)) as {
  LOCAL_DEFAULT: PortalConfig;
  normaliseConfig(raw: unknown): PortalConfig;
  isPlaceholder(text: string): boolean;
};

describe('portal config', () => {
  it('falls back to the local default and keeps what is valid', () => {
    expect(normaliseConfig(null)).toEqual(LOCAL_DEFAULT);
    const c = normaliseConfig({
      apiBaseUrl: 'https://api.example.org/',
      auth: 'cognito',
      cognito: { region: 'eu-central-1', userPoolId: 'p', clientId: 'c', secret: 'no' },
    });
    expect([c.apiBaseUrl, c.auth, c.cognito]).toEqual([
      'https://api.example.org',
      'cognito',
      { region: 'eu-central-1', userPoolId: 'p', clientId: 'c' },
    ]);
    expect(normaliseConfig({ apiBaseUrl: 3, auth: 'magic' })).toMatchObject({
      apiBaseUrl: '',
      auth: 'token',
    });
  });

  it('has German defaults for contact and legal pages that say what must be filled in', () => {
    const c = LOCAL_DEFAULT;
    expect(c.kontakt.email).toBe('[Bitte in config.json ergänzen: E-Mail-Adresse für Fragen der Kommunen]');
    expect(isPlaceholder(c.kontakt.email)).toBe(true);
    expect(isPlaceholder(c.kontakt.stelle)).toBe(false);
    expect(c.impressum.map((s) => s.titel)).toEqual([
      'Anbieter',
      'Kontakt',
      'Verantwortlich für den Inhalt',
      'Hinweise',
    ]);
    expect(c.barrierefreiheit.schlichtungsstelle[0]).toMatch(
      /^\[Bitte in config\.json ergänzen: zuständige Durchsetzungs- bzw\. Schlichtungsstelle/,
    );
  });

  it("takes the deployment's texts and keeps the defaults for what is missing or malformed", () => {
    const c = normaliseConfig({
      kontakt: {
        email: ' asskomm@lpr.sachsen.example ',
        telefon: 42,
        anschrift: ['Postfach 1', '', 'Dresden'],
      },
      impressum: [{ titel: 'Anbieter', absaetze: ['LPR Sachsen'] }, { titel: '', absaetze: ['x'] }, 'kaputt'],
      datenschutz: [],
      barrierefreiheit: { stand: '1. Juni 2026', schlichtungsstelle: ['Stelle', 'Straße 1'] },
    });
    expect(c.kontakt).toMatchObject({
      email: 'asskomm@lpr.sachsen.example',
      telefon: LOCAL_DEFAULT.kontakt.telefon,
      anschrift: ['Postfach 1', 'Dresden'],
    });
    expect(c.impressum).toEqual([{ titel: 'Anbieter', absaetze: ['LPR Sachsen'] }]);
    expect(c.datenschutz).toEqual(LOCAL_DEFAULT.datenschutz);
    expect(c.barrierefreiheit).toMatchObject({
      stand: '1. Juni 2026',
      schlichtungsstelle: ['Stelle', 'Straße 1'],
    });
    expect(c.barrierefreiheit.nichtBarrierefrei).toEqual(LOCAL_DEFAULT.barrierefreiheit.nichtBarrierefrei);
  });
});
