/**
 * `sia status <ags>/<id>`: the analysis's status through the API (latest job, history, reason,
 * current report version). Exit code: 0 = fertig or in progress, 1 = data invalid, 2 = failed or error.
 */
import { STATUS_TEXT } from '../../core/job-status.js';
import type { PortalLinks } from '../../core/portal-links.js';
import { EXIT_ERROR, EXIT_INVALID, EXIT_OK } from '../exit-codes.js';
import {
  callApi,
  defaultIo,
  germanDateTime,
  parseAnalysisArg,
  portalFor,
  resolveApi,
  withApiErrors,
  type ApiOptions,
  type CliIo,
} from './api-client.js';

interface StatusBody {
  ags: string;
  analysisId: string;
  currentVersion?: number;
  status: string;
  statusText: string;
  reason?: string;
  jobCount: number;
  latestJob: {
    jobId: string;
    status: string;
    statusText: string;
    version?: number;
    attempts: number;
    history: { status: string; at: string }[];
    updatedAt: string;
  } | null;
}

const LABELS: Readonly<Record<string, string>> = STATUS_TEXT;

export async function statusCommand(
  arg: string | undefined,
  options: ApiOptions,
  io: CliIo = defaultIo(),
): Promise<number> {
  const ref = parseAnalysisArg(arg);
  const target = resolveApi(options, io.env);
  return withApiErrors(io, async () => {
    const { body } = await callApi<StatusBody>(
      target,
      'GET',
      `/analyses/${ref.ags}/${encodeURIComponent(ref.analysisId)}`,
    );
    if (options.json) io.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    else io.stdout.write(render(body, portalFor(target, io.env)));
    return body.status === 'invalid' ? EXIT_INVALID : body.status === 'failed' ? EXIT_ERROR : EXIT_OK;
  });
}

function render(s: StatusBody, portal: PortalLinks | undefined): string {
  const lines = [
    `Analyse ${s.ags}/${s.analysisId}`,
    `Status: ${s.statusText}${s.latestJob ? ` (seit ${germanDateTime(s.latestJob.updatedAt)})` : ''}`,
  ];
  if (s.reason) lines.push(`Grund: ${s.reason}`);
  lines.push(`Aktuelle Berichtsversion: ${s.currentVersion ?? 'noch keine'}`);
  if (s.latestJob) {
    lines.push(
      `Letzter Auftrag: ${s.latestJob.jobId}${s.latestJob.version !== undefined ? `, Version ${s.latestJob.version}` : ''}, ${s.latestJob.attempts} ${s.latestJob.attempts === 1 ? 'Versuch' : 'Versuche'}`,
    );
    lines.push('Verlauf:');
    for (const h of s.latestJob.history)
      lines.push(`  ${germanDateTime(h.at)}  ${LABELS[h.status] ?? h.status}`);
  }
  if (s.jobCount > 1) lines.push(`Aufträge insgesamt: ${s.jobCount}`);
  if (portal) {
    if (s.status === 'invalid' && s.latestJob)
      lines.push(`Prüfbericht im Portal: ${portal.pruefbericht(s, s.latestJob.jobId)}`);
    else if (s.status === 'ready' && s.currentVersion !== undefined)
      lines.push(`Bericht im Portal: ${portal.version(s, s.currentVersion)}`);
    else lines.push(`Im Portal: ${portal.analysis(s)}`);
  } else if (s.status === 'invalid')
    lines.push(`Prüfbericht: GET /analyses/${s.ags}/${s.analysisId}/validation`);
  return `${lines.join('\n')}\n`;
}
