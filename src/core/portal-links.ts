/**
 * Deep links into the web portal, the one place every link the system sends is built (e-mails,
 * webhook payloads, CLI output). The portal is one static page with fragment routes
 * (portal/js/main.js), so a link works on any static host and survives the sign-in (the portal
 * comes back to the fragment it was opened with):
 *
 *   <portal>/#/analyse/<ags>/<id>                     the analysis
 *   <portal>/#/analyse/<ags>/<id>/version/<n>         … with report version n
 *   <portal>/#/analyse/<ags>/<id>/pruefbericht/<job>  … with the Prüfbericht of that upload
 *   <portal>/#/webhooks/<ags>                         webhook endpoints of a municipality
 *
 * `<portal>` is the portal's page, `…/portal/`. The configured base (PORTAL_URL, `sia:portalUrl`)
 * may name that page or the site it is served from; `/portal/` is added to a bare site.
 * Links of the old path form (`…/analysen/<ags>/<id>/versionen/<n>`, sent before the fragment routes)
 * are redirected by the portal's host with `legacyPortalFragment`.
 */
import type { AnalysisRef } from './ports.js';

const seg = encodeURIComponent;

/** The portal's page for a configured base URL, ending in `/portal/`. */
export function portalPage(base: string): string {
  const url = new URL(base);
  url.hash = '';
  url.search = '';
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith('/portal') ? `${path}/` : `${path}/portal/`;
  return url.href;
}

export interface PortalLinks {
  readonly page: string;
  analysis(ref: AnalysisRef): string;
  version(ref: AnalysisRef, version: number): string;
  pruefbericht(ref: AnalysisRef, jobId: string): string;
  webhooks(ags: string): string;
}

export function portalLinks(base: string): PortalLinks {
  const page = portalPage(base);
  const analysis = (ref: AnalysisRef) => `${page}#/analyse/${seg(ref.ags)}/${seg(ref.analysisId)}`;
  return {
    page,
    analysis,
    version: (ref, version) => `${analysis(ref)}/version/${version}`,
    pruefbericht: (ref, jobId) => `${analysis(ref)}/pruefbericht/${seg(jobId)}`,
    webhooks: (ags) => `${page}#/webhooks/${seg(ags)}`,
  };
}

/**
 * The fragment an old-form link stands for: `[/portal]/analysen/<ags>/<id>[/versionen/<n> | /pruefberichte/<job>]`
 * and `[/portal]/kommunen/<ags>/webhooks`; undefined for any other path. Segments stay percent-encoded.
 */
export function legacyPortalFragment(pathname: string): string | undefined {
  const path = pathname.replace(/^\/portal(?=\/)/, '').replace(/\/+$/, '');
  const part = '([^/]+)';
  let m = new RegExp(`^/analysen/${part}/${part}(?:/(versionen|pruefberichte)/${part})?$`).exec(path);
  if (m) {
    const base = `#/analyse/${m[1]}/${m[2]}`;
    if (m[3] === 'versionen' && /^\d+$/.test(m[4] ?? '')) return `${base}/version/${m[4]}`;
    if (m[3] === 'pruefberichte') return `${base}/pruefbericht/${m[4]}`;
    return m[3] === undefined ? base : undefined;
  }
  m = new RegExp(`^/kommunen/${part}/webhooks$`).exec(path);
  return m ? `#/webhooks/${m[1]}` : undefined;
}
