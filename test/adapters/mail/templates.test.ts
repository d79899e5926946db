import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findEmailTemplatesRoot, loadEmailTemplates } from '../../../src/adapters/mail/templates.js';
import { EMAIL_KINDS } from '../../../src/core/email/types.js';

describe('loadEmailTemplates', () => {
  let tmp: string;

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'sia-email-templates-'));
  });

  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('finds templates/email/ in the repository and loads the layout and every kind as MJML and text', async () => {
    const root = findEmailTemplatesRoot();
    expect(root).toBeDefined();
    const templates = await loadEmailTemplates();
    const expected = ['layout.mjml', 'layout.txt', ...EMAIL_KINDS.flatMap((k) => [`${k}.mjml`, `${k}.txt`])];
    expect(Object.keys(templates).sort()).toEqual(expected.sort());
    expect(templates['report-ready.mjml']).toBe(
      await readFile(join(root ?? '', 'templates/email/report-ready.mjml'), 'utf8'),
    );
  });

  it('loads from an explicit root, ignoring other files, and fails in German without a layout', async () => {
    await mkdir(join(tmp, 'templates', 'email'), { recursive: true });
    await expect(loadEmailTemplates(tmp)).rejects.toThrow(
      /E-Mail-Vorlagen nicht gefunden: .*layout\.mjml fehlt/,
    );
    await writeFile(join(tmp, 'templates', 'email', 'layout.mjml'), '<mjml></mjml>');
    await writeFile(join(tmp, 'templates', 'email', 'notes.md'), '# x');
    await writeFile(join(tmp, 'templates', 'email', '.swp.mjml'), 'x');
    expect(await loadEmailTemplates(tmp)).toEqual({ 'layout.mjml': '<mjml></mjml>' });
  });
});
