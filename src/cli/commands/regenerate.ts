/**
 * `sia regenerate <ags>/<id>` (LPR staff): asks the API to produce a new report version from the
 * analysis's current upload. With `--wait`, follows the new job until it finished.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { EXIT_ERROR, EXIT_INVALID, EXIT_OK } from '../exit-codes.js';
import {
  callApi,
  defaultIo,
  parseAnalysisArg,
  portalFor,
  resolveApi,
  withApiErrors,
  type ApiOptions,
  type CliIo,
} from './api-client.js';

export interface RegenerateOptions extends ApiOptions {
  /** Wait for the new job to finish (seconds; undefined = do not wait). */
  readonly waitSeconds?: number;
  readonly pollMs?: number;
}

interface Accepted {
  requestId: string;
  jobId: string;
}
interface Status {
  currentVersion?: number;
  latestJob: { jobId: string; status: string; statusText: string; reason?: string; version?: number } | null;
}

export async function regenerateCommand(
  arg: string | undefined,
  options: RegenerateOptions,
  io: CliIo = defaultIo(),
): Promise<number> {
  const ref = parseAnalysisArg(arg);
  const target = resolveApi(options, io.env);
  const base = `/analyses/${ref.ags}/${encodeURIComponent(ref.analysisId)}`;
  return withApiErrors(io, async () => {
    const { body } = await callApi<Accepted>(target, 'POST', `${base}/regenerate`);
    if (options.json && options.waitSeconds === undefined)
      io.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    else io.stdout.write(`Neuerstellung eingereiht: Auftrag ${body.jobId} (Anfrage ${body.requestId}).\n`);
    if (options.waitSeconds === undefined) {
      const portal = portalFor(target, io.env);
      io.stderr.write(
        `Fortschritt: sia status ${ref.ags}/${ref.analysisId}${portal ? ` oder im Portal: ${portal.analysis(ref)}` : ''}\n`,
      );
      return EXIT_OK;
    }
    const deadline = Date.now() + options.waitSeconds * 1000;
    let last = '';
    for (;;) {
      const { body: s } = await callApi<Status>(target, 'GET', base);
      const job = s.latestJob?.jobId === body.jobId ? s.latestJob : undefined;
      if (job && job.status !== last) {
        io.stderr.write(`• Status: ${job.statusText}\n`);
        last = job.status;
      }
      if (job?.status === 'ready') {
        const portal = portalFor(target, io.env);
        io.stdout.write(
          `Neue Berichtsversion ${job.version ?? '?'} ist fertig${s.currentVersion === job.version ? ' und aktuell' : ''}.\n`,
        );
        if (portal && job.version !== undefined)
          io.stdout.write(`Bericht im Portal: ${portal.version(ref, job.version)}\n`);
        return EXIT_OK;
      }
      if (job?.status === 'invalid' || job?.status === 'failed') {
        io.stderr.write(`Die Neuerstellung ist ${job.statusText}: ${job.reason ?? 'ohne Grund'}\n`);
        return job.status === 'invalid' ? EXIT_INVALID : EXIT_ERROR;
      }
      if (Date.now() >= deadline) {
        io.stderr.write(
          `Zeitüberschreitung: Nach ${options.waitSeconds} s ist die Neuerstellung noch nicht fertig; sie läuft weiter.\n`,
        );
        return EXIT_ERROR;
      }
      await sleep(options.pollMs ?? 1000);
    }
  });
}

interface BatchAccepted {
  batchId: string;
  total: number;
  skipped: { ags: string; analysisId: string; reason: string }[];
}
type BatchCounts = Record<'fertig' | 'ungueltig' | 'fehlgeschlagen' | 'laufend' | 'wartend', number>;
interface BatchProgress {
  batchId: string;
  total: number;
  done: boolean;
  counts: BatchCounts;
  items: { ags: string; analysisId: string; status: keyof BatchCounts; version?: number; reason?: string }[];
}

const countsLine = (c: BatchCounts): string =>
  `fertig ${c.fertig} · ungültig ${c.ungueltig} · fehlgeschlagen ${c.fehlgeschlagen} · laufend ${c.laufend} · wartend ${c.wartend}`;

/**
 * `sia regenerate --alle` (LPR staff): "Alle neu erstellen" — every current analysis gets a new report
 * version (POST /regenerations; the API skips what is already being regenerated and never makes the
 * same version twice). With `--wait`, prints the progress until every report is fertig, ungültig or
 * fehlgeschlagen and closes with the summary. `--auftrag <id>` resumes following (or re-sends) a batch.
 */
export async function regenerateAllCommand(
  options: RegenerateOptions & { readonly batchId?: string },
  io: CliIo = defaultIo(),
): Promise<number> {
  const target = resolveApi(options, io.env);
  return withApiErrors(io, async () => {
    const headers: Record<string, string> =
      options.batchId !== undefined ? { 'Idempotency-Key': options.batchId } : {};
    const { body } = await callApi<BatchAccepted>(target, 'POST', '/regenerations', undefined, headers);
    if (options.json && options.waitSeconds === undefined) {
      io.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
      return EXIT_OK;
    }
    io.stdout.write(`Neuerstellung von ${body.total} Berichten eingereiht (Auftrag ${body.batchId}).\n`);
    for (const s of body.skipped) io.stdout.write(`  übersprungen: ${s.ags}/${s.analysisId}: ${s.reason}\n`);
    if (options.waitSeconds === undefined) {
      io.stderr.write(`Fortschritt: sia regenerate --alle --auftrag ${body.batchId} --wait <s>\n`);
      return EXIT_OK;
    }
    const deadline = Date.now() + options.waitSeconds * 1000;
    let last = '';
    for (;;) {
      const { body: p } = await callApi<BatchProgress>(
        target,
        'GET',
        `/regenerations/${encodeURIComponent(body.batchId)}`,
      );
      const line = countsLine(p.counts);
      if (line !== last) {
        io.stderr.write(`• ${line}\n`);
        last = line;
      }
      if (p.done) {
        if (options.json) io.stdout.write(`${JSON.stringify(p, null, 2)}\n`);
        else {
          io.stdout.write(`Fertig: ${line}.\n`);
          for (const item of p.items.filter((i) => i.status !== 'fertig'))
            io.stdout.write(
              `  ${item.status === 'ungueltig' ? 'ungültig' : item.status}: ${item.ags}/${item.analysisId}: ${item.reason ?? 'ohne Grund'}\n`,
            );
        }
        if (p.counts.fehlgeschlagen > 0) return EXIT_ERROR;
        return p.counts.ungueltig > 0 ? EXIT_INVALID : EXIT_OK;
      }
      if (Date.now() >= deadline) {
        io.stderr.write(
          `Zeitüberschreitung: Nach ${options.waitSeconds} s sind noch ${p.counts.laufend + p.counts.wartend} Berichte in Arbeit; sie laufen weiter (sia regenerate --alle --auftrag ${body.batchId} --wait <s>).\n`,
        );
        return EXIT_ERROR;
      }
      await sleep(options.pollMs ?? 2000);
    }
  });
}
