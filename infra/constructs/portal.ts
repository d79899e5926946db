/**
 * The web portal on AWS (docs/portal.md): the static files of `portal/` in a private bucket behind
 * CloudFront (origin access control), with a Content-Security-Policy, and `portal/config.json`
 * written at deploy time with the API's URL and the Cognito sign-in settings. Users sign in with
 * Cognito's managed login (authorization code with PKCE); the API checks the ID token.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

export interface SiaPortalProps {
  readonly accessLogs: s3.IBucket;
  /** Written into `portal/config.json`. */
  readonly apiBaseUrl: string;
  readonly cognito: { readonly domain: string; readonly clientId: string };
}

/**
 * `/` → `/portal/`, and `/portal/` → its index.html (CloudFront has no directory index below the root).
 * Links of the old path form in e-mails sent before the fragment routes (`[/portal]/analysen/<ags>/<id>
 * [/versionen/<n> | /pruefberichte/<job>]`, `[/portal]/kommunen/<ags>/webhooks`) redirect to the portal's
 * fragment for the same page (as legacyPortalFragment in src/core/portal-links.ts does locally).
 */
export const INDEX_FUNCTION = `function redirect(to) {
  return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: to } } };
}
function handler(event) {
  var uri = event.request.uri;
  if (uri === '/' || uri === '/portal') return redirect('/portal/');
  var m = /^(?:\\/portal)?\\/analysen\\/([^\\/]+)\\/([^\\/]+)(?:\\/(versionen|pruefberichte)\\/([^\\/]+))?\\/?$/.exec(uri);
  if (m) {
    var to = '/portal/#/analyse/' + m[1] + '/' + m[2];
    if (m[3] === 'versionen') to += '/version/' + m[4];
    else if (m[3] === 'pruefberichte') to += '/pruefbericht/' + m[4];
    return redirect(to);
  }
  m = /^(?:\\/portal)?\\/kommunen\\/([^\\/]+)\\/webhooks\\/?$/.exec(uri);
  if (m) return redirect('/portal/#/webhooks/' + m[1]);
  if (uri.endsWith('/')) event.request.uri = uri + 'index.html';
  return event.request;
}`;

export class SiaPortal extends Construct {
  readonly distribution: cloudfront.Distribution;
  /** `https://<distribution domain>` */
  readonly url: string;

  constructor(scope: Construct, id: string, props: SiaPortalProps) {
    super(scope, id);
    const region = Stack.of(this).region;
    const bucket = new s3.Bucket(this, 'Files', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'portal/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const headers = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      comment: 'Portal: CSP (own files, the API, presigned S3 URLs, Cognito), HSTS, no framing',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          override: true,
          // wildcards for the API and the buckets: their exact names would make a dependency cycle with the CORS rules that name the portal
          contentSecurityPolicy: [
            "default-src 'self'",
            "img-src 'self' data:",
            `connect-src 'self' https://*.execute-api.${region}.amazonaws.com https://*.s3.${region}.amazonaws.com https://${props.cognito.domain}`,
            "form-action 'self' https://" + props.cognito.domain,
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "object-src 'none'",
          ].join('; '),
        },
        strictTransportSecurity: {
          override: true,
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { override: true, frameOption: cloudfront.HeadersFrameOption.DENY },
        referrerPolicy: { override: true, referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER },
      },
    });

    this.distribution = new cloudfront.Distribution(this, 'Cdn', {
      comment: 'Sicherheitsanalyse portal',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        functionAssociations: [
          {
            eventType: cloudfront.FunctionEventType.VIEWER_REQUEST,
            function: new cloudfront.Function(this, 'Index', {
              code: cloudfront.FunctionCode.fromInline(INDEX_FUNCTION),
              runtime: cloudfront.FunctionRuntime.JS_2_0,
            }),
          },
        ],
      },
      enableLogging: true,
      logBucket: props.accessLogs,
      logFilePrefix: 'cloudfront/',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
    new CfnOutput(Stack.of(this), 'PortalUrl', { value: `${this.url}/portal/` });

    const deployment = new s3deploy.BucketDeployment(this, 'Deploy', {
      destinationBucket: bucket,
      destinationKeyPrefix: 'portal/',
      sources: [
        s3deploy.Source.asset(join(root, 'portal'), { exclude: ['config.json'] }),
        s3deploy.Source.jsonData('config.json', {
          apiBaseUrl: props.apiBaseUrl,
          auth: 'cognito',
          cognito: {
            domain: props.cognito.domain,
            clientId: props.cognito.clientId,
            redirectUri: `${this.url}/portal/`,
            logoutUri: `${this.url}/portal/`,
          },
        }),
      ],
      distribution: this.distribution,
      distributionPaths: ['/portal/*'],
      memoryLimit: 256,
    });

    // CDK's own deploy-time copier (a singleton function of the stack)
    const copier = Stack.of(this).node.children.find((c) =>
      c.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    for (const scope of [deployment.handlerRole, ...(copier ? [copier] : [])]) {
      const v = Validations.of(scope);
      v.acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'CDK BucketDeployment handler: runs only at deploy time to copy the portal files.',
      });
      for (const a of [
        'Action::s3:GetObject*',
        'Action::s3:GetBucket*',
        'Action::s3:List*',
        'Action::s3:DeleteObject*',
        'Action::s3:Abort*',
        'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
        'Resource::*',
      ]) {
        v.acknowledge({
          id: `AwsSolutions-IAM5[${a}]`,
          reason:
            'CDK BucketDeployment handler: reads the CDK asset bucket and replaces the portal files; CloudFront invalidation has no resource-level permission.',
        });
      }
      v.acknowledge({
        id: 'AwsSolutions-L1',
        reason: 'Runtime of the CDK-provided BucketDeployment handler, chosen by aws-cdk-lib.',
      });
    }
    const filesId = Stack.of(this).getLogicalId(bucket.node.defaultChild as CfnElement);
    Validations.of(deployment.handlerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${filesId}.Arn>/*]`,
      reason: 'Replaces the files of the portal bucket at deploy time.',
    });

    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'Municipalities and LPR staff sign in from Saxony, but staff travel; access is protected by Cognito sign-in, not by geography.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'Static files only; every data request goes to the API, which requires a Cognito token and is throttled. A WAF web ACL can be attached later if abuse shows.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        'The default CloudFront certificate (*.cloudfront.net) cannot enforce a minimum TLS version; attach the LPR domain with its ACM certificate for TLS 1.2+ (docs/deploy.md).',
    });
  }
}
