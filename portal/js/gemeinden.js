/**
 * The municipality list (`GET /gemeinden`): loaded once per page load, for names, Kreise
 * and the LPR's overview of municipalities without an analysis. Empty when it cannot be loaded.
 */
import { api } from './api.js';

/** @typedef {{ ags: string, name: string, kreis: string, kreisSchluessel: string, einwohner: number | null }} Gemeinde */

/** @type {Promise<Gemeinde[]> | undefined} */
let loading;

/** @returns {Promise<Gemeinde[]>} */
export function loadGemeinden() {
  loading ??= api('/gemeinden')
    .then((/** @type {{ gemeinden: Gemeinde[] }} */ body) => body.gemeinden)
    .catch(() => {
      loading = undefined;
      return [];
    });
  return loading;
}

/** The name without its „, Stadt“ suffix. @param {string} name */
export const shortName = (name) => name.split(',')[0] ?? name;

/** „Musterstadt (14522999)“, or „Kommune 14522999“ when the list does not know the AGS. @param {string} ags */
export async function gemeindeLabel(ags) {
  const g = (await loadGemeinden()).find((x) => x.ags === ags);
  return g ? `${shortName(g.name)} (${ags})` : `Kommune ${ags}`;
}
