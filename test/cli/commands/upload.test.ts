import { describe, expect, it } from 'vitest';
import {
  analysisRefFor,
  contentTypeOf,
  resolveTarget,
  slugify,
  STATUS_LABELS,
  uploadOptionsFrom,
} from '../../../src/cli/commands/upload.js';
import { UsageError } from '../../../src/cli/exit-codes.js';

const manifest = (ags: unknown) => ({
  name: 'analyse.json',
  bytes: new TextEncoder().encode(JSON.stringify({ kommune: { name: 'X', ags } })),
});

describe('sia upload: analysis reference', () => {
  it('takes the AGS from analyse.json and the id from the folder name', () => {
    expect(analysisRefFor('/daten/Umfrage Köln 2024', [manifest('05315000')], {})).toEqual({
      ags: '05315000',
      analysisId: 'umfrage-koeln-2024',
    });
    expect(analysisRefFor('examples/musterstadt', [manifest('14522999')], {})).toEqual({
      ags: '14522999',
      analysisId: 'musterstadt',
    });
  });

  it('lets --ags and --id override, and checks both', () => {
    expect(analysisRefFor('x', [manifest('14522999')], { ags: '05315000', id: 'koeln-2024' })).toEqual({
      ags: '05315000',
      analysisId: 'koeln-2024',
    });
    expect(() => analysisRefFor('x', [manifest('1452299')], {})).toThrow(/8 Ziffern/);
    expect(() => analysisRefFor('x', [manifest('14522999')], { id: 'mit leerzeichen' })).toThrow(UsageError);
    expect(() =>
      analysisRefFor('x', [{ name: 'analyse.json', bytes: new TextEncoder().encode('{kaputt') }], {}),
    ).toThrow(/--ags/);
    expect(() => analysisRefFor('x', [], {})).toThrow(/analyse\.json/);
  });

  it('slugifies folder names: umlauts, ß, accents, spaces, punctuation', () => {
    expect(slugify('Sicherheitsanalyse Groß-Gerau 2026!')).toBe('sicherheitsanalyse-gross-gerau-2026');
    expect(slugify('Übersicht (Café)')).toBe('uebersicht-cafe');
    expect(slugify('__x__')).toBe('x__');
    expect(slugify('a'.repeat(80))).toHaveLength(64);
  });
});

describe('sia upload: target', () => {
  it("uses the local stack's names, credentials and DynamoDB port for an endpoint on 127.0.0.1", async () => {
    const target = resolveTarget({ endpoint: 'http://127.0.0.1:4569' }, {});
    expect(target).toMatchObject({
      uploadsBucket: 'sia-uploads',
      reportsBucket: 'sia-reports',
      tableName: 'sia-jobs',
      description: 'http://127.0.0.1:4569/sia-uploads',
    });
    expect(await target.s3.config.credentials()).toMatchObject({ accessKeyId: 'S3RVER' });
    const endpoint = await target.dynamo.config.endpoint?.();
    expect(`${endpoint?.protocol}//${endpoint?.hostname}:${endpoint?.port}`).toBe('http://127.0.0.1:4567');
    expect(await target.s3.config.forcePathStyle).toBe(true);
    target.s3.destroy();
    target.dynamo.destroy();
  });

  it("needs the stack's bucket and table names on AWS (flags or SIA_* variables)", () => {
    expect(() => resolveTarget({}, {})).toThrow(/--uploads-bucket/);
    const target = resolveTarget(
      { uploadsBucket: 'u', reportsBucket: 'r' },
      { SIA_TABLE: 't', AWS_REGION: 'eu-central-1' },
    );
    expect(target).toMatchObject({
      uploadsBucket: 'u',
      reportsBucket: 'r',
      tableName: 't',
      description: 's3://u',
    });
    target.s3.destroy();
    target.dynamo.destroy();
  });

  it('reads its flags and rejects a bad --timeout', () => {
    expect(
      uploadOptionsFrom({
        endpoint: 'http://127.0.0.1:4569',
        'dynamodb-endpoint': 'http://127.0.0.1:4567',
        timeout: '30',
        id: 'a',
        json: false,
      }),
    ).toEqual({
      endpoint: 'http://127.0.0.1:4569',
      dynamodbEndpoint: 'http://127.0.0.1:4567',
      id: 'a',
      timeoutSeconds: 30,
    });
    expect(() => uploadOptionsFrom({ timeout: 'bald' })).toThrow(/--timeout/);
  });
});

describe('sia upload: details', () => {
  it('sends sensible content types and shows every status in German', () => {
    expect(contentTypeOf('befragung.xlsx')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(contentTypeOf('KRIMINALITAET.CSV')).toBe('text/csv');
    expect(contentTypeOf('logo.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('README')).toBe('application/octet-stream');
    expect(Object.values(STATUS_LABELS)).toEqual([
      'empfangen',
      'wird geprüft',
      'wird ausgewertet',
      'Bericht wird erstellt',
      'fertig',
      'ungültig',
      'fehlgeschlagen',
    ]);
  });
});
