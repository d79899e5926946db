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
