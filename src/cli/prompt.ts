/**
 * Line-by-line questions on the terminal (node's readline). Lines that arrive before a question is
 * asked (a pasted block, or answers piped in by a script or test) are queued, not lost.
 */
import { createInterface, type Interface } from 'node:readline';

export class Prompt {
  private readonly queue: string[] = [];
  private waiting: ((line: string | null) => void) | null = null;
  private closed = false;
  private readonly rl: Interface;

  constructor(
    input: NodeJS.ReadableStream = process.stdin,
    private readonly output: NodeJS.WritableStream = process.stdout,
  ) {
    this.rl = createInterface({ input, terminal: false });
    this.rl.on('line', (line) => {
      const w = this.waiting;
      this.waiting = null;
      if (w) w(line);
      else this.queue.push(line);
    });
    this.rl.on('close', () => {
      this.closed = true;
      this.waiting?.(null);
      this.waiting = null;
    });
  }

  /** The next line, trimmed; null when the input has ended. */
  async ask(question: string): Promise<string | null> {
    this.output.write(question);
    const queued = this.queue.shift();
    if (queued !== undefined) return queued.trim();
    if (this.closed) return null;
    const line = await new Promise<string | null>((resolve) => (this.waiting = resolve));
    return line === null ? null : line.trim();
  }

  close(): void {
    this.rl.close();
  }
}
