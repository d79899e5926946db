/**
 * The notifier: tells webhooks and e-mail about a job's final status. Both channels run side by
 * side and independently: a failing webhook store never stops the mail and vice versa, and nothing
 * here throws for delivery problems (they are reported through `onError`). Webhooks are enqueued
 * durably and then dispatched (the webhook service retries on its own schedule); e-mail goes to
 * the contacts in the manifest of the job's upload set. `notifyChannels` tells which channel needs
 * another try: the outbox (src/app/outbox.ts) retries it, so each event is told at least once.
 *
 * Links point to the portal (never to storage): `portalLinks` in src/core/portal-links.ts.
 */
import type { EmailTemplates, EndpointDisabledCause } from '../core/email/types.js';
import { z } from 'zod';
import type {
  AnalysisRef,
  JobStore,
  LifecycleEvent,
  LifecycleEventType,
  Mailer,
  Notifier,
  ObjectStore,
} from '../core/ports.js';
import type { ValidationReport } from '../core/validate/issues.js';
import { portalLinks } from '../core/portal-links.js';

export { portalLinks };

/** The webhook service as the notifier uses it (implemented in the webhook module). */
export interface WebhookChannel {
  enqueue(e: LifecycleEvent, now: Date): Promise<void>;
  dispatchDue(now: Date): Promise<unknown>;
}

/** Who to write to about an analysis, from its manifest (`kommune.name`, `kontakte[].email`, `branding.primaerfarbe`). */
export interface AnalysisContacts {
  readonly gemeinde: string;
  readonly emails: readonly string[];
  readonly primaryColor?: string;
}

export interface PortalLinkConfig {
  /** The portal's page or the site it is served from, e.g. `https://sicherheitsanalyse.lpr.sachsen.example` (src/core/portal-links.ts). */
  readonly portalUrl: string;
}

export interface NotifyErrorContext {
  readonly channel: 'webhook' | 'email';
  readonly event: LifecycleEventType | 'endpoint.disabled';
  readonly ags: string;
  readonly analysisId?: string;
  readonly jobId?: string;
}

export interface NotifyDeps {
  readonly webhooks?: WebhookChannel;
  readonly mailer?: Mailer;
  /** From `loadEmailTemplates()`; required for e-mail. */
  readonly templates?: EmailTemplates;
  /** The contacts of the upload set behind `jobId` (its manifest), or of the analysis. */
  readonly contactsOf: (ref: AnalysisRef, jobId?: string) => Promise<AnalysisContacts>;
  /** The validation report of an `invalid` job (listed in the mail), if it can be read. */
  readonly validationOf?: (ref: AnalysisRef, jobId: string) => Promise<ValidationReport | undefined>;
  readonly links: PortalLinkConfig;
  readonly now: () => Date;
  readonly onError?: (error: unknown, context: NotifyErrorContext) => void;
}

const PLAIN_ADDRESS = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;

/** Distinct, well-formed addresses (case-insensitive), in order; the rest is returned as `invalid`. */
export function recipients(emails: readonly string[]): { readonly to: string[]; readonly invalid: string[] } {
  const seen = new Set<string>();
  const to: string[] = [];
  const invalid: string[] = [];
  for (const raw of emails) {
    const e = raw.trim();
    if (!PLAIN_ADDRESS.test(e)) {
      invalid.push(raw);
      continue;
    }
    if (seen.has(e.toLowerCase())) continue;
    seen.add(e.toLowerCase());
    to.push(e);
  }
  return { to, invalid };
}

function report(onError: NotifyDeps['onError'], error: unknown, context: NotifyErrorContext): void {
  try {
    onError?.(error, context);
  } catch {
    // a broken logger must not break the notifier either
  }
}

/**
 * The renderer, loaded on first use: mjml takes 0.4–1 s to import, which a worker's cold start
 * should not pay before it has a mail to send.
 */
let renderer: Promise<typeof import('../core/email/render.js')> | undefined;
async function loadRenderer(): Promise<(typeof import('../core/email/render.js'))['renderEmail']> {
  renderer ??= import('../core/email/render.js');
  try {
    return (await renderer).renderEmail;
  } catch (error) {
    renderer = undefined;
    throw error;
  }
}

export class NotifyError extends Error {
  override readonly name = 'NotifyError';
}

async function webhookChannel(deps: NotifyDeps, event: LifecycleEvent): Promise<void> {
  const webhooks = deps.webhooks;
  if (!webhooks) return;
  const now = deps.now();
  await webhooks.enqueue(event, now);
  await webhooks.dispatchDue(now);
}

/** Sends the event's mail; false when there is nothing to send (no mailer, no valid address). */
async function mailChannel(
  deps: NotifyDeps,
  event: LifecycleEvent,
  context: NotifyErrorContext,
): Promise<boolean> {
  const { mailer, templates } = deps;
  if (!mailer || !templates) return false;
  const ref: AnalysisRef = { ags: event.ags, analysisId: event.analysisId };
  const contacts = await deps.contactsOf(ref, event.jobId);
  const { to, invalid } = recipients(contacts.emails);
  if (invalid.length > 0)
    report(
      deps.onError,
      new NotifyError(
        `${invalid.length} contact address(es) in the manifest are not valid e-mail addresses; skipped.`,
      ),
      context,
    );
  if (to.length === 0) return false;
  const renderEmail = await loadRenderer();
  const links = portalLinks(deps.links.portalUrl);
  const brand = contacts.primaryColor !== undefined ? { primaryColor: contacts.primaryColor } : {};

  if (event.type === 'report.ready') {
    if (event.version === undefined) throw new NotifyError('report.ready without a version: no mail sent.');
    const content = renderEmail(
      'report-ready',
      {
        gemeinde: contacts.gemeinde,
        version: event.version,
        at: event.at,
        reportUrl: links.version(ref, event.version),
        ...brand,
      },
      templates,
    );
    await mailer.send({ to, ...content });
    return true;
  }

  let validation: ValidationReport | undefined;
  if (event.type === 'analysis.invalid' && deps.validationOf) {
    try {
      validation = await deps.validationOf(ref, event.jobId);
    } catch (error) {
      // without the report the mail still goes out, with the reason and the link
      report(deps.onError, error, context);
    }
  }
  const content = renderEmail(
    'report-failed',
    {
      event: event.type,
      gemeinde: contacts.gemeinde,
      at: event.at,
      ...(event.reason !== undefined && { reason: event.reason }),
      ...(validation && { validation }),
      ...(event.type === 'analysis.invalid' && { pruefberichtUrl: links.pruefbericht(ref, event.jobId) }),
      portalUrl: links.analysis(ref),
      ...brand,
    },
    templates,
  );
  await mailer.send({ to, ...content });
  return true;
}

/** What became of one event on each channel: `done` (sent, or nothing to send) or `retry` (worth another try). */
export interface ChannelResults {
  readonly webhooks: 'done' | 'retry';
  readonly mail: 'sent' | 'done' | 'retry';
}

/**
 * Tells one event on both channels and says which still needs another try (the outbox retries
 * those, src/app/outbox.ts). `mailSent`: an earlier attempt sent the mail already (not sent again).
 * A `NotifyError` (no manifest, no usable address) is final: reported, not retried. Never throws.
 */
export async function notifyChannels(
  deps: NotifyDeps,
  event: LifecycleEvent,
  progress: { readonly mailSent?: boolean } = {},
): Promise<ChannelResults> {
  const context = (channel: NotifyErrorContext['channel']): NotifyErrorContext => ({
    channel,
    event: event.type,
    ags: event.ags,
    analysisId: event.analysisId,
    jobId: event.jobId,
  });
  const failed = (channel: NotifyErrorContext['channel']) => (error: unknown) => {
    report(deps.onError, error, context(channel));
    return error instanceof NotifyError ? ('done' as const) : ('retry' as const);
  };
  const [webhooks, mail] = await Promise.all([
    webhookChannel(deps, event).then(() => 'done' as const, failed('webhook')),
    progress.mailSent
      ? Promise.resolve('done' as const)
      : mailChannel(deps, event, context('email')).then(
          (sent) => (sent ? ('sent' as const) : ('done' as const)),
          failed('email'),
        ),
  ]);
  return { webhooks, mail };
}

/** Fans each lifecycle event out to webhooks and e-mail once (no retries); never throws. */
export function createNotifier(deps: NotifyDeps): Notifier {
  return {
    async notify(event: LifecycleEvent): Promise<void> {
      await notifyChannels(deps, event);
    },
  };
}

export interface EndpointDisabledDeps {
  readonly mailer?: Mailer;
  readonly templates?: EmailTemplates;
  readonly links: PortalLinkConfig;
  readonly now: () => Date;
  /** Who gets the mail when the endpoint has no coordinator address (e.g. the LPR team; `MAIL_FALLBACK_TO`). */
  readonly fallbackTo?: readonly string[];
  /** The municipality's name for an AGS, if known (shown next to the AGS). */
  readonly gemeindeOf?: (ags: string) => Promise<string | undefined>;
  readonly onError?: (error: unknown, context: NotifyErrorContext) => void;
}

export interface DisabledEndpoint {
  readonly url: string;
  readonly ags: string;
  readonly coordinatorEmail?: string;
}

/** Why an endpoint was disabled: HTTP 410, the whole retry schedule failed, or a German text. */
export type EndpointDisabledReason =
  string | { readonly cause: Exclude<EndpointDisabledCause, 'other'>; readonly detail?: string };

/** Mails the endpoint's coordinator (or the fallback addresses) that a webhook endpoint was disabled; never throws. */
export async function notifyEndpointDisabled(
  deps: EndpointDisabledDeps,
  endpoint: DisabledEndpoint,
  reason: EndpointDisabledReason,
): Promise<void> {
  const context: NotifyErrorContext = { channel: 'email', event: 'endpoint.disabled', ags: endpoint.ags };
  try {
    const { mailer, templates } = deps;
    if (!mailer || !templates) return;
    const { to, invalid } = recipients(
      endpoint.coordinatorEmail !== undefined ? [endpoint.coordinatorEmail] : (deps.fallbackTo ?? []),
    );
    if (invalid.length > 0)
      report(
        deps.onError,
        new NotifyError('The endpoint coordinator address is not a valid e-mail address.'),
        context,
      );
    if (to.length === 0) {
      report(
        deps.onError,
        new NotifyError(
          `Webhook endpoint for AGS ${endpoint.ags} disabled, but nobody to tell (no coordinator address, no MAIL_FALLBACK_TO).`,
        ),
        context,
      );
      return;
    }
    let gemeinde: string | undefined;
    try {
      gemeinde = await deps.gemeindeOf?.(endpoint.ags);
    } catch (error) {
      report(deps.onError, error, context);
    }
    const renderEmail = await loadRenderer();
    const why = typeof reason === 'string' ? { cause: 'other' as const, detail: reason } : reason;
    const content = renderEmail(
      'endpoint-disabled',
      {
        url: endpoint.url,
        ags: endpoint.ags,
        ...(gemeinde !== undefined && { gemeinde }),
        cause: why.cause,
        ...(why.detail !== undefined && { reason: why.detail }),
        at: deps.now().toISOString(),
        settingsUrl: portalLinks(deps.links.portalUrl).webhooks(endpoint.ags),
      },
      templates,
    );
    await mailer.send({ to, ...content });
  } catch (error) {
    report(deps.onError, error, context);
  }
}

// ---------------------------------------------------------------------------------------------
// Ready-made lookups over the object stores (the layout of process-upload.ts).

const manifestContacts = z
  .object({
    kommune: z.object({ name: z.string() }),
    kontakte: z.array(z.object({ email: z.string() }).loose()).optional(),
    branding: z.object({ primaerfarbe: z.string().optional() }).loose().optional(),
  })
  .loose();

/**
 * `contactsOf` from the uploaded manifest (name, contacts' e-mail, primary colour): the manifest of
 * the job's upload set (`sourceKey` and version of the job, when `jobs` is given), else the legacy
 * `uploads/<ags>/<id>/analyse.json`.
 */
export function contactsFromUploads(
  uploads: ObjectStore,
  jobs?: Pick<JobStore, 'getJob'>,
): NotifyDeps['contactsOf'] {
  return async (ref, jobId) => {
    const job = jobId !== undefined && jobs ? await jobs.getJob({ ...ref, jobId }) : undefined;
    const key = job?.sourceKey ?? `uploads/${ref.ags}/${ref.analysisId}/analyse.json`;
    const bytes =
      job?.sourceVersionId !== undefined && uploads.getVersion
        ? await uploads.getVersion(key, job.sourceVersionId)
        : await uploads.get(key);
    if (!bytes) throw new NotifyError(`No manifest for ${ref.ags}/${ref.analysisId}: no mail sent.`);
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, ''));
    } catch {
      throw new NotifyError(`Manifest of ${ref.ags}/${ref.analysisId} is not JSON: no mail sent.`);
    }
    const parsed = manifestContacts.safeParse(json);
    if (!parsed.success)
      throw new NotifyError(
        `Manifest of ${ref.ags}/${ref.analysisId} has no usable kommune.name: no mail sent.`,
      );
    const m = parsed.data;
    return {
      gemeinde: m.kommune.name,
      emails: (m.kontakte ?? []).map((k) => k.email),
      ...(m.branding?.primaerfarbe !== undefined && { primaryColor: m.branding.primaerfarbe }),
    };
  };
}

const validationShape = z
  .object({
    valid: z.boolean(),
    errorCount: z.number(),
    warningCount: z.number(),
    files: z.array(z.unknown()),
    issues: z.array(z.object({ severity: z.string(), file: z.string(), message: z.string() }).loose()),
  })
  .loose();

/** `validationOf` from the stored report `reports/<ags>/<id>/validierung/<jobId>/validation.json`; undefined if absent or malformed. */
export function validationFromReports(reports: ObjectStore): NonNullable<NotifyDeps['validationOf']> {
  return async (ref, jobId) => {
    const bytes = await reports.get(
      `reports/${ref.ags}/${ref.analysisId}/validierung/${jobId}/validation.json`,
    );
    if (!bytes) return undefined;
    try {
      const json: unknown = JSON.parse(new TextDecoder('utf-8').decode(bytes));
      return validationShape.safeParse(json).success ? (json as ValidationReport) : undefined;
    } catch {
      return undefined;
    }
  };
}
