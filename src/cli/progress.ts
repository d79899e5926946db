/** Progress lines on stderr (stdout stays clean for `--json`): one line per phase with its duration. */
import { PHASE_LABELS, type Phase } from '../core/pipeline.js';

export interface Progress {
  phase(phase: Phase | 'print'): void;
  done(): void;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1).replace('.', ',')} s`;

export function createProgress(stream: NodeJS.WritableStream = process.stderr): Progress {
  let current: { label: string; start: number } | undefined;
  const close = (): void => {
    if (current) stream.write(` ${seconds(performance.now() - current.start)}\n`);
    current = undefined;
  };
  return {
    phase(phase) {
      close();
      current = { label: PHASE_LABELS[phase], start: performance.now() };
      stream.write(`• ${current.label} …`);
    },
    done: close,
  };
}
