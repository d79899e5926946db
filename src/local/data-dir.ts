/**
 * The local stack's data folder (`--data-dir`): objects (s3rver), the job and webhook table
 * (dynalite on disk), the queue journals and the e-mail outbox, kept across restarts.
 *
 * The stack only ever writes into a folder it created itself: a new or empty folder gets the marker
 * file `.sia-local-stack`; a folder with content and without the marker (`--data-dir .`, a home
 * directory, a typo) is refused and left untouched.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export const MARKER = '.sia-local-stack';

export interface DataLayout {
  readonly root: string;
  /** s3rver's objects. */
  readonly s3: string;
  /** dynalite's LevelDB (jobs, versions, analyses, webhooks, outbox, audit records). */
  readonly dynamodb: string;
  /** Journals of the in-process queues (messages not yet handled survive a restart). */
  readonly jobsJournal: string;
  readonly deadLettersJournal: string;
  /** Default folder for e-mails written instead of sent. */
  readonly outbox: string;
}

/** A refusal the local stack explains in German (no stack trace). */
export class LocalStackError extends Error {
  override readonly name = 'LocalStackError';
}

export function layoutOf(root: string): DataLayout {
  const dir = resolve(root);
  return {
    root: dir,
    s3: join(dir, 's3'),
    dynamodb: join(dir, 'dynamodb'),
    jobsJournal: join(dir, 'queue-jobs.jsonl'),
    deadLettersJournal: join(dir, 'queue-dead-letters.jsonl'),
    outbox: join(dir, 'outbox'),
  };
}

/**
 * Makes `root` the stack's data folder: creates it (with the marker) when it is new or empty, keeps
 * it when it carries the marker, and refuses any other folder with content.
 */
export async function claimDataDir(root: string, now: Date = new Date()): Promise<DataLayout> {
  const layout = layoutOf(root);
  let entries: string[];
  try {
    entries = await readdir(layout.root);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR')
      throw new LocalStackError(`--data-dir ${layout.root} ist eine Datei, kein Ordner.`);
    if (code !== 'ENOENT') throw error;
    entries = [];
  }
  if (entries.length > 0 && !entries.includes(MARKER))
    throw new LocalStackError(
      `Der Ordner ${layout.root} ist nicht leer und wurde nicht von der lokalen Pipeline angelegt. ` +
        'Sie schreibt nur in Ordner, die sie selbst angelegt hat: bitte mit --data-dir einen neuen oder leeren Ordner angeben.',
    );
  if (entries.length > 0) {
    const marker = await readFile(join(layout.root, MARKER), 'utf8').catch(() => '');
    if (!marker.includes('"sia-local-stack"'))
      throw new LocalStackError(
        `${join(layout.root, MARKER)} ist keine Markierungsdatei der lokalen Pipeline.`,
      );
    return layout;
  }
  await mkdir(layout.root, { recursive: true });
  await writeFile(
    join(layout.root, MARKER),
    `${JSON.stringify({ kind: 'sia-local-stack', createdAt: now.toISOString() })}\n`,
    { flag: 'wx' },
  );
  return layout;
}
