/**
 * `sia versions <ags>/<id>`: the report versions of an analysis through the API; with
 * `--download <n>` prints a presigned link (5 minutes) to report.pdf of version n (or `--file`).
 */
import { UsageError, EXIT_OK } from '../exit-codes.js';
import {
  callApi,
  defaultIo,
  germanDateTime,
  parseAnalysisArg,
  resolveApi,
  withApiErrors,
  type ApiOptions,
  type CliIo,
} from './api-client.js';

interface VersionsBody {
  ags: string;
  analysisId: string;
  currentVersion?: number;
  versions: {
    version: number;
    current: boolean;
    createdAt: string;
    pages: number;
    engineVersion: string;
    templateVersion: string;
  }[];
}

export interface VersionsOptions extends ApiOptions {
  readonly download?: string;
  readonly file?: string;
}

export async function versionsCommand(
  arg: string | undefined,
  options: VersionsOptions,
  io: CliIo = defaultIo(),
): Promise<number> {
  const ref = parseAnalysisArg(arg);
  const target = resolveApi(options, io.env);
  const base = `/analyses/${ref.ags}/${encodeURIComponent(ref.analysisId)}`;
  return withApiErrors(io, async () => {
    if (options.download !== undefined) {
      const n = Number(options.download);
      if (!Number.isInteger(n) || n < 1)
        throw new UsageError(`--download erwartet eine Versionsnummer ab 1, nicht „${options.download}“.`);
      const file = options.file ?? 'report.pdf';
      const { body } = await callApi<{ url: string; expiresIn: number }>(
        target,
        'GET',
        `${base}/versions/${n}/download?file=${encodeURIComponent(file)}`,
      );
      if (options.json) io.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
      else {
        io.stdout.write(`${body.url}\n`);
        io.stderr.write(
          `Link zu ${file} von Version ${n}, gültig ${Math.round(body.expiresIn / 60)} Minuten.\n`,
        );
      }
      return EXIT_OK;
    }
    const { body } = await callApi<VersionsBody>(target, 'GET', `${base}/versions`);
    if (options.json) {
      io.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
      return EXIT_OK;
    }
    if (body.versions.length === 0) {
      io.stdout.write(`Analyse ${body.ags}/${body.analysisId}: noch keine Berichtsversion.\n`);
      return EXIT_OK;
    }
    const rows = body.versions.map((v) => [
      String(v.version),
      germanDateTime(v.createdAt),
      String(v.pages),
      v.engineVersion,
      v.current ? 'ja' : '',
    ]);
    io.stdout.write(
      `Analyse ${body.ags}/${body.analysisId}: ${body.versions.length} ${body.versions.length === 1 ? 'Berichtsversion' : 'Berichtsversionen'}\n`,
    );
    io.stdout.write(table(['Version', 'Erstellt', 'Seiten', 'Engine', 'Aktuell'], rows));
    io.stdout.write(`Herunterladen: sia versions ${body.ags}/${body.analysisId} --download <n>\n`);
    return EXIT_OK;
  });
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
