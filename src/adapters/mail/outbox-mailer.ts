/**
 * The local mailer: each mail becomes `<outbox>/<timestamp>-<slug>.eml` (a multipart/alternative
 * RFC 5322 message that any mail client opens) plus `<timestamp>-<slug>.html` (the HTML part, to
 * look at in a browser). Both files are written atomically: to a temporary file first, then linked
 * (never overwriting; a `-2`, `-3`, … suffix on a name clash) or renamed into place. The `.html` copy
 * is in place before the `.eml` appears, so a watcher of `*.eml` always finds both.
 */
import { asciiLower } from '../../core/format/ascii.js';
import { randomUUID } from 'node:crypto';
import { copyFile, constants, link, mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Mail, Mailer } from '../../core/ports.js';
import { buildMessage, formatAddress } from './mime.js';

export interface OutboxOptions {
  /** The outbox folder (created if missing). */
  readonly dir: string;
  /** Sender address; default `sicherheitsanalyse@localhost.invalid`. */
  readonly from?: string;
  readonly fromName?: string;
  readonly now?: () => Date;
}

export interface OutboxEntry {
  readonly eml: string;
  readonly html: string;
}

export const DEFAULT_FROM_NAME = 'Landespräventionsrat Sachsen – Sicherheitsanalyse';

/** `Sicherheitsanalyse Düben: Bericht …` → `sicherheitsanalyse-dueben-bericht`, at most 60 characters, cut between words. */
export function slugOf(text: string): string {
  const full = asciiLower(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (full.length <= 60) return full || 'mail';
  const cut = full.slice(0, 61).lastIndexOf('-');
  return cut >= 20 ? full.slice(0, cut) : full.slice(0, 60);
}

/** `2026-05-12T08:30:00.123Z` → `20260512T083000123Z` (sorts by time, safe on every file system). */
export function stampOf(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

async function placeNew(tmp: string, target: string): Promise<boolean> {
  try {
    await link(tmp, target);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw error;
  }
  // file systems without hard links: exclusive copy (never overwrites)
  try {
    await copyFile(tmp, target, constants.COPYFILE_EXCL);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

export class OutboxMailer implements Mailer {
  private readonly from: string;
  private readonly now: () => Date;

  constructor(private readonly options: OutboxOptions) {
    this.from = formatAddress(
      options.from ?? 'sicherheitsanalyse@localhost.invalid',
      options.fromName ?? DEFAULT_FROM_NAME,
    );
    this.now = options.now ?? (() => new Date());
  }

  async send(mail: Mail): Promise<void> {
    await this.write(mail);
  }

  /** Writes the mail and returns the paths of the `.eml` and `.html` files. */
  async write(mail: Mail): Promise<OutboxEntry> {
    const date = this.now();
    const message = buildMessage(mail, {
      from: this.from,
      date,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
    const dir = this.options.dir;
    await mkdir(dir, { recursive: true });
    const id = randomUUID();
    const tmpHtml = join(dir, `.${id}.html.tmp`);
    const tmpEml = join(dir, `.${id}.eml.tmp`);
    try {
      await writeFile(tmpHtml, mail.html, 'utf8');
      await writeFile(tmpEml, message, 'utf8');
      const base = `${stampOf(date)}-${slugOf(mail.subject)}`;
      for (let n = 1; n < 1000; n++) {
        const name = n === 1 ? base : `${base}-${n}`;
        const html = join(dir, `${name}.html`);
        const eml = join(dir, `${name}.eml`);
        if (!(await placeNew(tmpHtml, html))) continue;
        // the name is ours now (its .html exists); the .eml appears last, in one step
        await rename(tmpEml, eml);
        return { eml, html };
      }
      throw new Error(`Outbox ${dir}: no free file name for ${base}.`);
    } finally {
      await unlink(tmpHtml).catch(() => undefined);
      await unlink(tmpEml).catch(() => undefined);
    }
  }
}
