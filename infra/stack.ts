/**
 * The Sicherheitsanalyse stack: uploads and reports buckets, the job table, the jobs queue with
 * its dead-letter queue, the worker that validates, analyses and renders, the dead-letter handler
 * that records final failures, and alarms. Design: docs/pipeline-design.md.
 */
import {
  CfnOutput,
  Duration,
  Lazy,
  RemovalPolicy,
  Size,
  Stack,
  Validations,
  type CfnElement,
  type StackProps,
} from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { readConfig } from './config.js';
import { SiaApi } from './constructs/api.js';
import { SiaPortal } from './constructs/portal.js';
import { grantSendMail, SiaNotifications } from './constructs/notifications.js';
import { SiaFunction } from './constructs/sia-function.js';

/** Worker limits: Chromium wants memory (CPU scales with it) and ephemeral storage. */
const WORKER_TIMEOUT = Duration.minutes(5);

export class SicherheitsanalyseStack extends Stack {
  readonly uploads: s3.Bucket;
  readonly reports: s3.Bucket;
  readonly table: dynamodb.Table;
  readonly jobs: sqs.Queue;
  readonly deadLetters: sqs.Queue;
  readonly worker: SiaFunction;
  readonly api: SiaApi;
  readonly portal: SiaPortal;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const config = readConfig(this.node);

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it into itself would loop.',
    });

    const bucketDefaults = {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      removalPolicy: RemovalPolicy.RETAIN,
    } as const;

    this.uploads = new s3.Bucket(this, 'Uploads', {
      ...bucketDefaults,
      serverAccessLogsPrefix: 'uploads/',
      lifecycleRules: [
        {
          id: 'raw-uploads-retention',
          prefix: 'uploads/',
          expiration: Duration.days(config.uploadRetentionDays),
          noncurrentVersionExpiration: Duration.days(30),
        },
        { id: 'abort-multipart', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });

    this.reports = new s3.Bucket(this, 'Reports', {
      ...bucketDefaults,
      serverAccessLogsPrefix: 'reports/',
      lifecycleRules: [
        // report versions are immutable and kept; only overwritten or deleted objects (a retried or abandoned version) expire
        { id: 'noncurrent-cleanup', noncurrentVersionExpiration: Duration.days(30) },
        { id: 'abort-multipart', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });

    this.table = new dynamodb.Table(this, 'Jobs', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: 'expiresAt',
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: 'byStatus',
      partitionKey: { name: 'status', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'updatedAt', type: dynamodb.AttributeType.STRING },
    });
    // pending webhook deliveries only (src/adapters/webhooks/table-keys.ts); finished ones drop the key
    this.table.addGlobalSecondaryIndex({
      indexName: 'webhooksDue',
      partitionKey: { name: 'webhookDue', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'nextAttemptAt', type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.KEYS_ONLY,
    });

    this.deadLetters = new sqs.Queue(this, 'JobsDeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter queue of the jobs queue.',
    });

    this.jobs = new sqs.Queue(this, 'JobsQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(WORKER_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: 3 },
    });

    // Only the manifest starts a job (docs/pipeline-design.md): data files first, analyse.json last.
    this.uploads.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(this.jobs), {
      prefix: 'uploads/',
      suffix: 'analyse.json',
    });

    const environment = {
      UPLOADS_BUCKET: this.uploads.bucketName,
      REPORTS_BUCKET: this.reports.bucketName,
      TABLE_NAME: this.table.tableName,
    };

    this.worker = new SiaFunction(this, 'Worker', {
      entry: 'functions/worker.ts',
      description: 'Validates an upload, computes the analysis and prints the report (Chromium)',
      memorySize: 3008,
      timeout: WORKER_TIMEOUT,
      ephemeralStorageSize: Size.mebibytes(2048),
      withReportAssets: true,
      withChromium: true,
      environment: {
        ...environment,
        PRINT_TIMEOUT_MS: '90000',
        CHROMIUM_BIN_DIR: '/var/task/chromium',
        REPORT_ASSETS_DIR: '/var/task',
      },
    });
    this.worker.fn.addEventSource(
      new SqsEventSource(this.jobs, {
        batchSize: 1,
        reportBatchItemFailures: true,
        maxConcurrency: config.maxConcurrentReports,
      }),
    );
    this.worker.grantObjects(
      this.uploads,
      ['s3:GetObject', 's3:GetObjectVersion'],
      ['uploads/'],
      'Reads the files of any analysis upload; keys are chosen by municipalities.',
    );
    this.worker.grantObjects(
      this.reports,
      ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      ['reports/'],
      'Writes report versions of any analysis; deletes only the files of a version that was never committed (a job that failed for good).',
    );
    this.worker.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [this.uploads.bucketArn, this.reports.bucketArn],
      }),
    );
    this.table.grant(
      this.worker.role,
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:Query',
    );

    const deadLetter = new SiaFunction(this, 'DeadLetter', {
      entry: 'functions/dead-letter.ts',
      description: 'Marks jobs whose message exhausted its retries as failed, with a reason',
      withEmailTemplates: true,
      environment: { ...environment, REPORT_ASSETS_DIR: '/var/task' },
    });
    deadLetter.fn.addEventSource(
      new SqsEventSource(this.deadLetters, { batchSize: 10, reportBatchItemFailures: true }),
    );
    this.table.grant(
      deadLetter.role,
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:Query',
    );
    // Deletes the uncommitted files of the job's report version (docs/pipeline-design.md, "Storage").
    deadLetter.grantObjects(
      this.reports,
      ['s3:DeleteObject'],
      ['reports/'],
      'Deletes the files of a report version that was never committed, after the last failed attempt.',
    );
    deadLetter.role.addToPolicy(
      new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.reports.bucketArn] }),
    );

    // The portal's URL is known only once its distribution exists; the API's sign-in settings take it lazily.
    const portalUrl = Lazy.string({ produce: () => config.portalUrl ?? this.portal.url });
    this.api = new SiaApi(this, 'Api', {
      uploads: this.uploads,
      reports: this.reports,
      table: this.table,
      jobs: this.jobs,
      environment,
      allowedOrigins: [...config.allowedOrigins, portalUrl],
      signIn: {
        domainPrefix: config.authDomainPrefix,
        callbackUrls: [`${portalUrl}/portal/`],
        logoutUrls: [`${portalUrl}/portal/`],
      },
    });
    this.portal = new SiaPortal(this, 'Portal', {
      accessLogs,
      apiBaseUrl: this.api.httpApi.apiEndpoint,
      cognito: { domain: this.api.authDomain, clientId: this.api.client.userPoolClientId },
    });
    // browsers upload straight to S3 with presigned URLs and read report files from the download links
    this.uploads.addCorsRule({
      allowedMethods: [s3.HttpMethods.PUT],
      allowedOrigins: [...config.allowedOrigins, portalUrl],
      allowedHeaders: ['content-type', 'content-length'],
      maxAge: 3600,
    });
    this.reports.addCorsRule({
      allowedMethods: [s3.HttpMethods.GET],
      allowedOrigins: [...config.allowedOrigins, portalUrl],
      maxAge: 3600,
    });

    // Notifications: webhook payloads link the API; e-mails, payloads and the CLI link the portal (its own domain or CloudFront).
    const notify: Record<string, string> = {
      API_BASE_URL: this.api.httpApi.apiEndpoint,
      PORTAL_URL: portalUrl,
      ...(config.mailSender && {
        MAIL_FROM: config.mailSender,
        ...(config.alarmEmail && { MAIL_FALLBACK_TO: config.alarmEmail }),
      }),
    };
    for (const [name, value] of Object.entries(notify)) {
      for (const f of [this.worker, deadLetter, this.api.function]) f.fn.addEnvironment(name, value);
    }
    if (config.mailSender) for (const f of [this.worker, deadLetter]) grantSendMail(f, config.mailSender);
    // deadLetter also reads the manifest (contacts) and the validation report for the mail
    deadLetter.grantObjects(
      this.uploads,
      ['s3:GetObject', 's3:GetObjectVersion'],
      ['uploads/'],
      "Reads the manifest of the failed analysis for the coordinator's e-mail address.",
    );
    const messaging = new SiaNotifications(this, 'Notifications', {
      table: this.table,
      uploads: this.uploads,
      reports: this.reports,
      environment: { ...environment, ...notify },
      ...(config.mailSender && { mailSender: config.mailSender }),
    });

    this.alarms(config.alarmEmail);
    this.acknowledgeTableIndexes([this.worker, deadLetter, messaging.dispatcher]);
    const notifications = this.node.tryFindChild(
      'BucketNotificationsHandler050a0587b7544547bf325f094a3db834',
    );
    if (notifications) {
      Validations.of(notifications).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'CDK-internal handler that configures the bucket notification at deploy time.',
      });
      Validations.of(notifications).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'CDK-internal handler: s3:PutBucketNotification is granted by CDK on the bucket at deploy time.',
      });
    }

    new CfnOutput(this, 'UploadsBucketName', { value: this.uploads.bucketName });
    new CfnOutput(this, 'ReportsBucketName', { value: this.reports.bucketName });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
  }

  /** Table.grant also covers the GSIs (`<table>/index/*`): the handlers query the byStatus index. */
  private acknowledgeTableIndexes(functions: readonly SiaFunction[]): void {
    const tableId = this.getLogicalId(this.table.node.defaultChild as CfnElement);
    for (const f of functions)
      Validations.of(f.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${tableId}.Arn>/index/*]`,
        reason: "Queries on the table's own secondary indexes.",
      });
  }

  private alarms(alarmEmail: string | undefined): void {
    const topic = new sns.Topic(this, 'Alarms', {
      displayName: 'Sicherheitsanalyse Alarme',
      enforceSSL: true,
      masterKey: undefined,
    });
    Validations.of(topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason: 'Alarm notifications carry no personal data (metric names and thresholds only).',
    });
    if (alarmEmail) topic.addSubscription(new subs.EmailSubscription(alarmEmail));
    const action = new cwActions.SnsAction(topic);
    const alarms = [
      new cloudwatch.Alarm(this, 'DeadLettersAlarm', {
        alarmDescription: 'Jobs exhausted their retries and were marked failed',
        metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, 'WorkerErrorsAlarm', {
        alarmDescription: 'The worker failed (transient errors are retried; many in a row need a look)',
        metric: this.worker.fn.metricErrors({ period: Duration.minutes(15) }),
        threshold: 5,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, 'JobsAgeAlarm', {
        alarmDescription: 'Uploads wait too long for a worker',
        metric: this.jobs.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5) }),
        threshold: Duration.minutes(30).toSeconds(),
        evaluationPeriods: 2,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    ];
    for (const alarm of alarms) alarm.addAlarmAction(action);
  }
}
