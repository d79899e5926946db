/**
 * The HTTP API (docs/openapi.yaml): API Gateway HTTP API with a Cognito JWT authorizer in front of
 * one Lambda function that serves the Hono app of src/api. Municipality users carry their AGS in
 * the `custom:ags` attribute; LPR staff are in the Cognito group `lpr` (src/api/auth.ts).
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SiaFunction } from './sia-function.js';

export interface SiaApiProps {
  readonly uploads: s3.IBucket & { node: Construct['node'] };
  readonly reports: s3.IBucket & { node: Construct['node'] };
  readonly table: dynamodb.Table;
  readonly jobs: sqs.IQueue;
  /** Environment shared by all functions (bucket and table names). */
  readonly environment: Record<string, string>;
  /** Browser origins allowed by CORS (the portal); empty = no browser access. */
  readonly allowedOrigins: readonly string[];
  /** Cognito managed login for the portal (authorization code with PKCE). */
  readonly signIn: {
    readonly domainPrefix: string;
    readonly callbackUrls: readonly string[];
    readonly logoutUrls: readonly string[];
  };
}

export class SiaApi extends Construct {
  readonly userPool: cognito.UserPool;
  readonly httpApi: apigw.HttpApi;
  readonly function: SiaFunction;
  readonly client: cognito.UserPoolClient;
  /** Host name of the managed login, e.g. `sicherheitsanalyse.auth.eu-central-1.amazoncognito.com`. */
  readonly authDomain: string;

  constructor(scope: Construct, id: string, props: SiaApiProps) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, 'Users', {
      userPoolName: 'sia-users',
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      customAttributes: { ags: new cognito.StringAttribute({ minLen: 8, maxLen: 8, mutable: false }) },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new cognito.CfnUserPoolGroup(this, 'LprGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: 'lpr',
      description: 'Landespräventionsrat: sees all municipalities, may regenerate',
    });
    const domain = this.userPool.addDomain('Login', {
      cognitoDomain: { domainPrefix: props.signIn.domainPrefix },
    });
    this.authDomain = `${domain.domainName}.auth.${Stack.of(this).region}.amazoncognito.com`;
    const client = this.userPool.addClient('Portal', {
      authFlows: { userSrp: true },
      // the portal signs in through the managed login: authorization code with PKCE, no client secret
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [...props.signIn.callbackUrls],
        logoutUrls: [...props.signIn.logoutUrls],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      generateSecret: false,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      preventUserExistenceErrors: true,
      // the ID token carries custom:ags and cognito:groups for the API
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true })
        .withCustomAttributes('ags'),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
    });

    this.client = client;
    this.function = new SiaFunction(this, 'Handler', {
      entry: 'functions/api.ts',
      description: 'HTTP API: analyses, upload URLs, status, versions, downloads, regeneration, webhooks',
      memorySize: 512,
      timeout: Duration.seconds(15),
      environment: { ...props.environment, JOBS_QUEUE_URL: props.jobs.queueUrl },
    });
    const fn = this.function;
    // Presigned URLs are signed with the function's role: it needs the actions the URLs allow.
    fn.grantObjects(
      props.uploads,
      ['s3:PutObject'],
      ['uploads/'],
      'Signs upload URLs for uploads/<ags>/<analyse-id>/<file>; the tenant rule in src/api limits the key.',
    );
    fn.grantObjects(
      props.uploads,
      ['s3:GetObject'],
      ['uploads/'],
      "The mapping assistant reads the uploaded survey file and the saved befragung-zuordnung.json of the caller's AGS.",
    );
    fn.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [props.uploads.bucketArn],
        conditions: { StringLike: { 's3:prefix': ['uploads/*'] } },
      }),
    );
    fn.grantObjects(
      props.reports,
      ['s3:GetObject'],
      ['reports/'],
      'Reads validation reports and signs short-lived download URLs of report versions; the tenant rule in src/api limits the key.',
    );
    props.table.grant(
      fn.role,
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:Query',
      'dynamodb:Scan',
    );
    const tableId = Stack.of(this).getLogicalId(props.table.node.defaultChild as CfnElement);
    Validations.of(fn.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${tableId}.Arn>/index/*]`,
      reason: "Queries on the table's own secondary indexes.",
    });
    props.jobs.grantSendMessages(fn.role);

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.httpApi = new apigw.HttpApi(this, 'Gateway', {
      apiName: 'sia-api',
      description: 'Sicherheitsanalyse API (docs/openapi.yaml)',
      ...(props.allowedOrigins.length > 0 && {
        corsPreflight: {
          allowOrigins: [...props.allowedOrigins],
          allowMethods: [
            apigw.CorsHttpMethod.GET,
            apigw.CorsHttpMethod.POST,
            apigw.CorsHttpMethod.PATCH,
            apigw.CorsHttpMethod.DELETE,
          ],
          allowHeaders: ['authorization', 'content-type'],
          maxAge: Duration.hours(1),
        },
      }),
      defaultAuthorizer: new HttpJwtAuthorizer('Cognito', this.userPool.userPoolProviderUrl, {
        jwtAudience: [client.userPoolClientId],
      }),
      // one catch-all route ($default) behind the JWT authorizer; the Hono app routes and answers 404 itself
      defaultIntegration: new HttpLambdaIntegration('Lambda', fn.fn),
      createDefaultStage: false,
    });
    const stage = this.httpApi.addStage('Stage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
    });
    const cfnStage = stage.node.defaultChild as apigw.CfnStage;
    cfnStage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        time: '$context.requestTime',
        method: '$context.httpMethod',
        path: '$context.path',
        status: '$context.status',
        latency: '$context.responseLatency',
        sub: '$context.authorizer.claims.sub',
      }),
    };

    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG3',
      reason:
        'Threat protection is on through the Plus feature plan (standardThreatProtectionMode FULL_FUNCTION).',
    });

    new CfnOutput(Stack.of(this), 'ApiUrl', { value: this.httpApi.apiEndpoint });
    new CfnOutput(Stack.of(this), 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(Stack.of(this), 'UserPoolClientId', { value: client.userPoolClientId });
  }
}
