/**
 * A queue's journal on disk (JSON lines): every message sent, and every message finished (deleted
 * after a successful delivery, or moved on to the dead-letter queue). What was sent and never
 * finished is delivered again when the local stack starts: a message is lost neither by a crash nor
 * by Ctrl-C. Writes are synchronous appends, so the order on disk is the order of events.
 */
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface JournalEntry {
  readonly id: string;
  readonly body: string;
}

type Line =
  | { readonly op: 'send'; readonly id: string; readonly body: string }
  | { readonly op: 'done'; readonly id: string };

export class QueueJournal {
  constructor(private readonly path: string) {}

  sent(id: string, body: string): void {
    this.append({ op: 'send', id, body });
  }

  done(id: string): void {
    this.append({ op: 'done', id });
  }

  /** Messages sent and not finished, in the order they were sent; the file is compacted to them. */
  pending(): JournalEntry[] {
    if (!existsSync(this.path)) return [];
    const open = new Map<string, string>();
    for (const text of readFileSync(this.path, 'utf8').split('\n')) {
      if (text.trim() === '') continue;
      let line: Line;
      try {
        line = JSON.parse(text) as Line;
      } catch {
        continue; // a line cut off by a crash
      }
      if (line.op === 'send') open.set(line.id, line.body);
      else open.delete(line.id);
    }
    const entries = [...open].map(([id, body]) => ({ id, body }));
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, entries.map((e) => `${JSON.stringify({ op: 'send', ...e })}\n`).join(''));
    renameSync(tmp, this.path);
    return entries;
  }

  private append(line: Line): void {
    appendFileSync(this.path, `${JSON.stringify(line)}\n`);
  }
}
