import { describe, expect, it } from 'vitest';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildApp } from '../../infra/app.js';

// Bundling is skipped here (it is exercised by `npm run synth`); the template is complete without it.
const { app, stack } = buildApp(
  new App({ context: { 'aws:cdk:bundling-stacks': [], 'sia:uploadRetentionDays': 60 } }),
);
const template = Template.fromStack(stack);

describe('SicherheitsanalyseStack', () => {
  it('passes cdk-nag AwsSolutions with every finding acknowledged', () => {
    const report = new AwsSolutionsChecks(app).validateScope(app);
    const open = report.violations.flatMap((v) =>
      v.violatingResources.map((r) => `${v.ruleName} ${r.resourceLogicalId}`),
    );
    expect(open).toEqual([]);
  });

  it('keeps every bucket private, encrypted, versioned where data lives, and TLS-only', () => {
    template.resourceCountIs('AWS::S3::Bucket', 4);
    template.allResourcesProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    });
    const policies = template.findResources('AWS::S3::BucketPolicy');
    expect(Object.keys(policies)).toHaveLength(4);
    for (const policy of Object.values(policies)) {
      expect(JSON.stringify(policy)).toContain('"aws:SecureTransport":"false"');
    }
  });

  it('deletes raw uploads after the configured retention and logs access', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { LogFilePrefix: 'uploads/' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Id: 'raw-uploads-retention',
            Prefix: 'uploads/',
            ExpirationInDays: 60,
            NoncurrentVersionExpiration: { NoncurrentDays: 30 },
          }),
        ]),
      },
    });
  });

  it('starts jobs only from the manifest, through a queue with a dead-letter queue', () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        QueueConfigurations: [
          Match.objectLike({
            Events: ['s3:ObjectCreated:*'],
            Filter: {
              Key: {
                FilterRules: Match.arrayWith([
                  { Name: 'suffix', Value: 'analyse.json' },
                  { Name: 'prefix', Value: 'uploads/' },
                ]),
              },
            },
          }),
        ],
      },
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: 1800,
      RedrivePolicy: { maxReceiveCount: 3 },
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('runs the worker on nodejs22.x x86_64 with memory and storage for Chromium, traced', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['x86_64'],
      MemorySize: 3008,
      Timeout: 300,
      EphemeralStorage: { Size: 2048 },
      TracingConfig: { Mode: 'Active' },
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'sia',
          CHROMIUM_BIN_DIR: '/var/task/chromium',
        }),
      },
    });
  });

  it('gives the worker least privilege: no s3:*, no bucket-wide deletes, no AWS-managed policies', () => {
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).not.toContain('"s3:*"');
    expect(policies).not.toContain('"dynamodb:*"');
    const roles = template.findResources('AWS::IAM::Role');
    // CDK's deploy-time helpers (bucket notifications, portal file copy) come with AWSLambdaBasicExecutionRole
    const ownRoles = Object.entries(roles).filter(
      ([id]) => !id.startsWith('BucketNotificationsHandler') && !id.startsWith('CustomCDKBucketDeployment'),
    );
    for (const [, role] of ownRoles) expect(JSON.stringify(role)).not.toContain('ManagedPolicyArns');
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
            Resource: {
              'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Reports'), 'Arn'] }, '/reports/*']],
            },
          }),
        ]),
      },
    });
  });

  it('keeps job records recoverable and expiring', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      GlobalSecondaryIndexes: [
        Match.objectLike({ IndexName: 'byStatus' }),
        Match.objectLike({
          IndexName: 'webhooksDue',
          KeySchema: [
            { AttributeName: 'webhookDue', KeyType: 'HASH' },
            { AttributeName: 'nextAttemptAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        }),
      ],
    });
  });

  it('runs the webhook dispatcher every minute, once at a time, with the API URL for the payload links', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('webhook deliveries'),
      ReservedConcurrentExecutions: 1,
      Environment: {
        Variables: Match.objectLike({ API_BASE_URL: Match.anyValue(), TABLE_NAME: Match.anyValue() }),
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Validates an upload'),
      Environment: { Variables: Match.objectLike({ API_BASE_URL: Match.anyValue() }) },
    });
  });

  it('grants ses:SendEmail for the configured sender only', () => {
    const { stack: withMail } = buildApp(
      new App({ context: { 'aws:cdk:bundling-stacks': [], 'sia:mailSender': 'bericht@lpr.example' } }),
    );
    const text = JSON.stringify(Template.fromStack(withMail).toJSON());
    expect(text).toContain(':identity/bericht@lpr.example');
    expect(text).toContain(':identity/lpr.example');
    expect(text).toContain('"MAIL_FROM":"bericht@lpr.example"');
    expect(text).not.toMatch(/"ses:SendEmail"[^\]]*"\*"/);
  });

  it('alarms on dead letters, worker errors and waiting uploads', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
  });
  it('bounds the reports printed at once and lets old report object versions expire', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 1,
      ScalingConfig: { MaximumConcurrency: 20 },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Id: 'noncurrent-cleanup',
            NoncurrentVersionExpiration: { NoncurrentDays: 30 },
            Status: 'Enabled',
          }),
        ]),
      },
    });
  });
  it('puts the API behind a Cognito JWT authorizer, with MFA, access logs and throttling', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'ags', Mutable: false })]),
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'lpr' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: '$default',
      AuthorizationType: 'JWT',
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
  });

  it('lets the API function sign upload and download URLs only under their prefixes and enqueue regenerations', () => {
    const policies = Object.entries(template.findResources('AWS::IAM::Policy')).filter(([id]) =>
      id.startsWith('ApiHandlerRole'),
    );
    expect(policies).toHaveLength(1);
    const text = JSON.stringify(policies[0]![1]);
    expect(text).toMatch(
      /"Action":"s3:PutObject","Effect":"Allow","Resource":\{"Fn::Join":\["",\[\{"Fn::GetAtt":\["Uploads[^"]*","Arn"\]\},"\/uploads\/\*"\]\]\}/,
    );
    expect(text).toMatch(
      /"Action":"s3:GetObject","Effect":"Allow","Resource":\{"Fn::Join":\["",\[\{"Fn::GetAtt":\["Reports[^"]*","Arn"\]\},"\/reports\/\*"\]\]\}/,
    );
    expect(text).toContain('sqs:SendMessage');
    expect(text).not.toContain('s3:DeleteObject');
  });
  it('serves the portal from a private bucket through CloudFront with a CSP, and signs in with PKCE', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        Logging: Match.anyValue(),
      }),
    });
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
      }),
    });
    const headers = JSON.stringify(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    expect(headers).toContain("default-src 'self'");
    expect(headers).toContain("frame-ancestors 'none'");
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      GenerateSecret: false,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'sicherheitsanalyse' });
    template.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedMethods: ['PUT'] })] },
    });
  });
});
