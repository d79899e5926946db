/**
 * The thin event payload (ids and links, no personal data) and the message id.
 *
 * `{ type, timestamp, data: { ags, analysisId, jobId, version?, reason?, links: { status, report?, validation? } } }`
 * as the Standard Webhooks payload structure (`type`, `timestamp`, `data`). The links point to the HTTP API,
 * and `portal` (when the portal's address is configured) to the page a person opens: the report version,
 * the Prüfbericht or the analysis (src/core/portal-links.ts).
 */
import { createHash } from 'node:crypto';
import { portalLinks } from '../portal-links.js';
import type { LifecycleEvent, LifecycleEventType } from '../ports.js';

export interface WebhookLinks {
  /** `GET /analyses/{ags}/{analysisId}`: the analysis and its latest job. */
  readonly status: string;
  /** `GET /analyses/{ags}/{analysisId}/versions/{n}/download` (report.ready). */
  readonly report?: string;
  /** `GET /analyses/{ags}/{analysisId}/validation` (analysis.invalid). */
  readonly validation?: string;
  /** The portal page for people: the report version, the Prüfbericht or the analysis. */
  readonly portal?: string;
}

export interface WebhookPayload {
  readonly type: LifecycleEventType;
  readonly timestamp: string;
  readonly data: {
    readonly ags: string;
    readonly analysisId: string;
    readonly jobId: string;
    readonly version?: number;
    readonly reason?: string;
    readonly links: WebhookLinks;
  };
}

export function webhookLinks(
  apiBaseUrl: string,
  event: Pick<LifecycleEvent, 'ags' | 'analysisId' | 'type' | 'version' | 'jobId'>,
  portalUrl?: string,
): WebhookLinks {
  const base = apiBaseUrl.replace(/\/+$/, '');
  const seg = encodeURIComponent;
  const analysis = `${base}/analyses/${seg(event.ags)}/${seg(event.analysisId)}`;
  return {
    status: analysis,
    ...(event.type === 'report.ready' &&
      event.version !== undefined && { report: `${analysis}/versions/${event.version}/download` }),
    ...(event.type === 'analysis.invalid' && { validation: `${analysis}/validation` }),
    ...(portalUrl !== undefined && { portal: portalPageOf(portalUrl, event) }),
  };
}

function portalPageOf(
  portalUrl: string,
  event: Pick<LifecycleEvent, 'ags' | 'analysisId' | 'type' | 'version' | 'jobId'>,
): string {
  const links = portalLinks(portalUrl);
  if (event.type === 'report.ready' && event.version !== undefined)
    return links.version(event, event.version);
  if (event.type === 'analysis.invalid') return links.pruefbericht(event, event.jobId);
  return links.analysis(event);
}

export function buildPayload(event: LifecycleEvent, apiBaseUrl: string, portalUrl?: string): WebhookPayload {
  return {
    type: event.type,
    timestamp: event.at,
    data: {
      ags: event.ags,
      analysisId: event.analysisId,
      jobId: event.jobId,
      ...(event.version !== undefined && { version: event.version }),
      ...(event.reason !== undefined && { reason: event.reason }),
      links: webhookLinks(apiBaseUrl, event, portalUrl),
    },
  };
}

/**
 * The `webhook-id` of an event: derived from (jobId, type), so the same event told twice has the
 * same id, every endpoint gets the same id and every retry repeats it.
 */
export function messageIdOf(event: Pick<LifecycleEvent, 'jobId' | 'type'>): string {
  const digest = createHash('sha256').update(`${event.jobId}\n${event.type}`).digest('base64url');
  return `msg_${digest.slice(0, 32)}`;
}
