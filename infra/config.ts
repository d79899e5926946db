/** Deployment settings, read from CDK context (cdk.json or `-c key=value`). */
import type { Node } from 'constructs';

export interface SiaConfig {
  /** Raw uploads are deleted after this many days (data protection). */
  readonly uploadRetentionDays: number;
  /** Upper bound of reports printed at once (SQS event source maxConcurrency, 2..1000). */
  readonly maxConcurrentReports: number;
  /** Browser origins allowed to call the API (the portal). */
  readonly allowedOrigins: readonly string[];
  /** Verified SES sender address of notification e-mails; without it no e-mail is sent. */
  readonly mailSender?: string;
  /** Base URL of the portal that e-mails link to (optional; without it they link to the API). */
  readonly portalUrl?: string;
  /** Prefix of the Cognito managed-login domain (`<prefix>.auth.<region>.amazoncognito.com`); unique per region. */
  readonly authDomainPrefix: string;
  /** Optional address that receives alarm notifications. */
  readonly alarmEmail?: string;
}

export function readConfig(node: Node): SiaConfig {
  const days = Number(node.tryGetContext('sia:uploadRetentionDays') ?? 90);
  if (!Number.isInteger(days) || days < 1 || days > 3650)
    throw new Error(`sia:uploadRetentionDays must be 1..3650, got ${days}`);
  const concurrency = Number(node.tryGetContext('sia:maxConcurrentReports') ?? 20);
  if (!Number.isInteger(concurrency) || concurrency < 2 || concurrency > 1000)
    throw new Error(`sia:maxConcurrentReports must be 2..1000, got ${concurrency}`);
  const alarmEmail = String(node.tryGetContext('sia:alarmEmail') ?? '').trim();
  const mailSender = String(node.tryGetContext('sia:mailSender') ?? '').trim();
  const origins: unknown = node.tryGetContext('sia:allowedOrigins') ?? [];
  const allowedOrigins = (Array.isArray(origins) ? origins : String(origins).split(','))
    .map((o) => String(o).trim())
    .filter(Boolean);
  for (const o of allowedOrigins)
    if (!/^https:\/\/[^/]+$/.test(o))
      throw new Error(`sia:allowedOrigins must be https origins without a path, got ${o}`);
  const portalUrl = String(node.tryGetContext('sia:portalUrl') ?? '').trim();
  if (portalUrl && !/^https:\/\//.test(portalUrl))
    throw new Error(`sia:portalUrl must be an https URL, got ${portalUrl}`);
  if (mailSender && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(mailSender))
    throw new Error(`sia:mailSender must be an e-mail address, got ${mailSender}`);
  const authDomainPrefix = String(node.tryGetContext('sia:authDomainPrefix') ?? 'sicherheitsanalyse').trim();
  if (
    !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(authDomainPrefix) ||
    /aws|amazon|cognito/.test(authDomainPrefix)
  )
    throw new Error(
      `sia:authDomainPrefix must be lower-case letters, digits and hyphens without aws/amazon/cognito, got ${authDomainPrefix}`,
    );
  return {
    uploadRetentionDays: days,
    maxConcurrentReports: concurrency,
    allowedOrigins,
    authDomainPrefix,
    ...(mailSender && { mailSender }),
    ...(portalUrl && { portalUrl }),
    ...(alarmEmail && { alarmEmail }),
  };
}
