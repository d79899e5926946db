/**
 * The state overview (issue 16). `GET /overview`: LPR staff get every municipality's latest analysis on
 * the core indicators with the Saxon reference values; a municipality's token gets the reference values
 * and its own position only, never another municipality's figures. `GET /overview/xlsx`: the overview as
 * a spreadsheet (LPR staff only).
 */
import { loadOverviewSources } from '../../app/overview-sources.js';
import { buildOverview, ownPosition } from '../../core/overview/index.js';
import { fail, MESSAGES } from '../errors.js';
import type { ApiApp, RouteContext } from '../app.js';

export function registerOverviewRoutes(app: ApiApp, ctx: RouteContext): void {
  const overview = async () => buildOverview(await loadOverviewSources(ctx.deps), ctx.now().toISOString());

  app.get('/overview', async (c) => {
    const principal = c.get('principal');
    const o = await overview();
    c.header('Cache-Control', 'no-store');
    return c.json(principal.kind === 'lpr' ? o : ownPosition(o, principal.ags));
  });

  app.get('/overview/xlsx', async (c) => {
    if (c.get('principal').kind !== 'lpr') return fail(c, 403, 'forbidden', MESSAGES.lprOnly);
    // ExcelJS is loaded on the first XLSX request only: the API's other routes start without it.
    const { overviewWorkbook, XLSX_CONTENT_TYPE } = await import('../../app/produce-overview.js');
    const bytes = await overviewWorkbook(await overview());
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': XLSX_CONTENT_TYPE,
      'Content-Disposition': 'attachment; filename="Landesueberblick.xlsx"',
      'Cache-Control': 'no-store',
    });
  });
}
