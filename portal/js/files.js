/**
 * Which files of an analysis folder are uploaded, with which content type, in which order
 * (analyse.json last: its upload starts the analysis). Mirrors the API's rules (src/api/uploads.ts);
 * the API checks again.
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MANIFEST = 'analyse.json';

const NAME_RULES = [
  /^analyse\.json$/,
  /^befragung-zuordnung\.json$/,
  /^(befragung|bevoelkerung|kriminalitaet|pmk|gebietsprofil|ordnungswidrigkeiten)\.(csv|xlsx)$/,
  /^pks-kreise-(19|20)\d\d\.(csv|xlsx)$/,
  /^logo\.(png|svg)$/,
];

/** @type {Record<string, string>} */
const TYPES = {
  csv: 'text/csv',
  xlsx: XLSX,
  json: 'application/json',
  png: 'image/png',
  svg: 'image/svg+xml',
};

/**
 * The name a file is uploaded under (lower case), or undefined when it is not part of an analysis.
 * @param {string} name
 */
export function uploadName(name) {
  const lower = name.toLowerCase();
  return NAME_RULES.some((r) => r.test(lower)) ? lower : undefined;
}

/** @param {string} name */
export function contentTypeOf(name) {
  return TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
}

/**
 * @typedef {object} PlannedFile
 * @property {File} file
 * @property {string} name  upload name
 * @property {string} contentType
 */

/**
 * Splits a selection into files to upload (ordered, analyse.json last; a later duplicate wins) and
 * skipped names.
 * @param {readonly File[]} files
 * @returns {{ upload: PlannedFile[], skipped: string[] }}
 */
export function planUpload(files) {
  /** @type {Map<string, PlannedFile>} */
  const byName = new Map();
  /** @type {string[]} */
  const skipped = [];
  for (const file of files) {
    const name = uploadName(file.name);
    if (!name || file.size === 0) skipped.push(file.name);
    else byName.set(name, { file, name, contentType: contentTypeOf(name) });
  }
  const upload = [...byName.values()].sort(
    (a, b) => Number(a.name === MANIFEST) - Number(b.name === MANIFEST) || a.name.localeCompare(b.name),
  );
  return { upload, skipped };
}

/**
 * The files of a drop: plain files, and the files directly inside dropped folders.
 * @param {DataTransfer} data
 * @returns {Promise<File[]>}
 */
export async function filesFromDrop(data) {
  const entries = [...data.items]
    .map((item) => item.webkitGetAsEntry?.())
    .filter((e) => e !== null && e !== undefined);
  if (entries.length === 0) return [...data.files];
  /** @type {File[]} */
  const out = [];
  for (const entry of entries) {
    if (entry.isFile) out.push(await fileOf(/** @type {FileSystemFileEntry} */ (entry)));
    else if (entry.isDirectory) {
      for (const child of await readAll(/** @type {FileSystemDirectoryEntry} */ (entry))) {
        if (child.isFile) out.push(await fileOf(/** @type {FileSystemFileEntry} */ (child)));
      }
    }
  }
  return out;
}

/** @param {FileSystemFileEntry} entry @returns {Promise<File>} */
function fileOf(entry) {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** @param {FileSystemDirectoryEntry} dir @returns {Promise<FileSystemEntry[]>} */
async function readAll(dir) {
  const reader = dir.createReader();
  /** @type {FileSystemEntry[]} */
  const all = [];
  for (;;) {
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}
