/**
 * The one construct every Lambda function of the project is made with: nodejs22.x, ESM bundle
 * built locally by esbuild (no Docker), Powertools logging/metrics/tracing, its own log group with
 * retention, its own least-privilege role (no AWS-managed policies), and optionally the report
 * assets (templates, fonts), the e-mail templates and the Chromium binaries copied next to the bundle.
 */
import { Duration, RemovalPolicy, Size, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface SiaFunctionProps {
  /** Path of the handler file relative to the repository root, e.g. `functions/worker.ts`. */
  readonly entry: string;
  readonly description: string;
  readonly memorySize?: number;
  readonly timeout?: Duration;
  readonly ephemeralStorageSize?: Size;
  readonly environment?: Record<string, string>;
  /** Copy templates/report/ and the embedded fonts into the bundle (report rendering); implies the e-mail templates. */
  readonly withReportAssets?: boolean;
  /** Copy templates/email/ into the bundle (functions that send notification e-mails). */
  readonly withEmailTemplates?: boolean;
  /** Copy the Chromium binaries of @sparticuz/chromium into the bundle (PDF printing). */
  readonly withChromium?: boolean;
  readonly reservedConcurrentExecutions?: number;
}

export class SiaFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: SiaFunctionProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Role of ${id}: its own log group, X-Ray, and what the stack grants explicitly`,
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn, `${logGroup.logGroupArn}:*`],
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
        resources: ['*'],
      }),
    );
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions.',
    });
    const logGroupId = Stack.of(this).getLogicalId(logGroup.node.defaultChild as CfnElement);
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logGroupId}.Arn>:*]`,
      reason: "Log streams of the function's own log group.",
    });

    // The municipality list (names and Kreise; src/adapters/gemeinden-file.ts looks for data/ next to the bundle).
    const copies: string[] = [
      `mkdir -p {out}/data && cp ${join(root, 'data/gemeinden-sachsen.csv')} {out}/data/`,
    ];
    if (props.withReportAssets || props.withEmailTemplates)
      copies.push(
        `mkdir -p {out}/templates && cp -R ${join(root, 'templates', 'email')} {out}/templates/email`,
      );
    if (props.withReportAssets) {
      copies.push(`cp -R ${join(root, 'templates', 'report')} {out}/templates/report`);
      copies.push(
        `mkdir -p {out}/fonts && cp ${join(root, 'node_modules/@fontsource/source-sans-3/files')}/source-sans-3-{latin,latin-ext,greek}-{400,600,700}-normal.woff2 ${join(root, 'node_modules/@fontsource/source-sans-3/files')}/source-sans-3-{latin,latin-ext,greek}-400-italic.woff2 {out}/fonts/`,
      );
    }
    if (props.withChromium)
      copies.push(
        `mkdir -p {out}/chromium && cp ${join(root, 'node_modules/@sparticuz/chromium/bin')}/*.br {out}/chromium/`,
      );

    this.fn = new NodejsFunction(this, 'Function', {
      entry: join(root, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.X86_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      ...(props.ephemeralStorageSize && { ephemeralStorageSize: props.ephemeralStorageSize }),
      ...(props.reservedConcurrentExecutions !== undefined && {
        reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      }),
      role: this.role,
      logGroup,
      tracing: lambda.Tracing.ACTIVE,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'sia',
        POWERTOOLS_METRICS_NAMESPACE: 'Sicherheitsanalyse',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        platform: 'node',
        sourceMap: true,
        minify: true,
        mainFields: ['module', 'main'],
        // The AWS SDK is bundled, not taken from the runtime: the deployed code runs exactly the SDK
        // versions that package-lock.json pins and the tests run (the runtime's copy changes without notice),
        // and each bundle is complete on its own (test/infra/bundles.test.ts runs it from its folder alone).
        externalModules: [],
        banner: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
        forceDockerBundling: false,
        // mjml (e-mails) loads html-minifier → uglify-js, which reads its own files at load time: stubbed (infra/stubs)
        esbuildArgs: { '--alias:uglify-js': './infra/stubs/uglify-js.cjs' },
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_input: string, output: string) => copies.map((c) => c.replaceAll('{out}', output)),
        },
      },
    });
    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'The customer fixed the runtime to nodejs22.x (Chromium package and Powertools are verified on it).',
    });
  }

  /** Grants object actions on key prefixes of a bucket and acknowledges the unavoidable object wildcard. */
  grantObjects(
    bucket: { bucketArn: string; node: Construct['node'] },
    actions: readonly string[],
    prefixes: readonly string[],
    reason: string,
  ): void {
    const bucketId = Stack.of(this).getLogicalId(bucket.node.defaultChild as CfnElement);
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: [...actions],
        resources: prefixes.map((p) => `${bucket.bucketArn}/${p}*`),
      }),
    );
    for (const p of prefixes)
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${p}*]`,
        reason,
      });
  }
}
