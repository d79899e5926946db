import { readInputFolder } from '../../adapters/fs-input.js';
import { validateUpload } from '../../core/validate/upload.js';
import { formatReport } from '../../core/validate/format.js';
import { EXIT_INVALID, EXIT_OK } from '../exit-codes.js';

/** `sia validate <ordner> [--json]` */
export async function validateCommand(folder: string, options: { json: boolean }): Promise<number> {
  const files = await readInputFolder(folder);
  const { report } = await validateUpload(files);
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return report.valid ? EXIT_OK : EXIT_INVALID;
}
