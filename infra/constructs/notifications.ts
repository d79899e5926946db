/**
 * Notifications (issue 6): the webhook dispatcher, run every minute by EventBridge, which delivers
 * the notifications still due in the outbox (src/app/outbox.ts), sends due Standard Webhooks
 * deliveries and retries failed ones (src/app/webhooks.ts), and the SES
 * permission for e-mails (report ready/failed from the worker, endpoint disabled from the dispatcher).
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { SiaFunction } from './sia-function.js';

export interface SiaNotificationsProps {
  readonly table: dynamodb.Table;
  /** The outbox's e-mails read the manifest (contacts) and the validation report. */
  readonly uploads: s3.IBucket & { node: Construct['node'] };
  readonly reports: s3.IBucket & { node: Construct['node'] };
  /** TABLE_NAME, API_BASE_URL, MAIL_FROM, PORTAL_URL, … (see functions/lib/webhooks.ts, src/adapters/mail/from-env.ts). */
  readonly environment: Record<string, string>;
  readonly mailSender?: string;
}

export class SiaNotifications extends Construct {
  readonly dispatcher: SiaFunction;

  constructor(scope: Construct, id: string, props: SiaNotificationsProps) {
    super(scope, id);
    this.dispatcher = new SiaFunction(this, 'WebhookDispatcher', {
      entry: 'functions/webhook-dispatcher.ts',
      description: 'Sends due webhook deliveries (Standard Webhooks) and schedules retries; every minute',
      memorySize: 512,
      // worst case: 100 deliveries / 8 at a time × (10 s request + DNS)
      timeout: Duration.minutes(4),
      withEmailTemplates: true,
      // one dispatcher at a time; claims make overlapping runs safe anyway
      reservedConcurrentExecutions: 1,
      environment: { ...props.environment, REPORT_ASSETS_DIR: '/var/task' },
    });
    props.table.grant(
      this.dispatcher.role,
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:Query',
    );
    this.dispatcher.grantObjects(
      props.uploads,
      ['s3:GetObject', 's3:GetObjectVersion'],
      ['uploads/'],
      "Reads the manifest of an analysis for the coordinator's e-mail address (outbox retries).",
    );
    this.dispatcher.grantObjects(
      props.reports,
      ['s3:GetObject'],
      ['reports/'],
      'Reads the validation report listed in the data-invalid e-mail (outbox retries).',
    );
    new events.Rule(this, 'EveryMinute', {
      description: 'Runs the webhook dispatcher',
      schedule: events.Schedule.rate(Duration.minutes(1)),
      targets: [new targets.LambdaFunction(this.dispatcher.fn, { retryAttempts: 0 })],
    });
    if (props.mailSender) grantSendMail(this.dispatcher, props.mailSender);
  }
}

/** ses:SendEmail for the sender address and its domain identity only. */
export function grantSendMail(fn: SiaFunction, sender: string): void {
  const { partition, region, account } = Stack.of(fn);
  const domain = sender.slice(sender.indexOf('@') + 1);
  fn.role.addToPolicy(
    new iam.PolicyStatement({
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: [
        `arn:${partition}:ses:${region}:${account}:identity/${sender}`,
        `arn:${partition}:ses:${region}:${account}:identity/${domain}`,
      ],
    }),
  );
}
