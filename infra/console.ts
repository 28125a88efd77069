import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { AssetHashType, type CfnElement, CfnOutput, DockerImage, Duration, RemovalPolicy, type Stack, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { IConstruct } from 'constructs';

import { CONSOLE_HSTS_SECONDS, consoleSecurityHeaders } from '../shared/console/headers.js';
import { REPO_ROOT } from './constructs/house-function.js';
import { allowConsoleOrigins } from './http-api.js';

/** The coordinators' console on AWS: the static bundle in a private bucket, served by CloudFront. */
export interface ConsoleHosting {
  /** Private: no public access, reachable only by the distribution (origin access control). */
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** The security headers of every answer, CSP included (shared/console/headers.ts). */
  readonly headers: ResponseHeadersPolicy;
  /** `https://<distribution domain>`: the origin the API's CORS allows. */
  readonly origin: string;
  /** The bundle's hashed files (cached for a year) and index.html + config.json (never cached). */
  readonly deployments: { assets: BucketDeployment; entry: BucketDeployment };
}

/**
 * The console's build, run by CDK as the asset's local bundling (never Docker): `vite build`
 * through local/web.ts into CDK's output directory. The asset's hash is the output's, so a change
 * to the console or to what it bundles from shared/ deploys; an unchanged build deploys nothing.
 */
function buildInto(outputDir: string): boolean {
  const web = pathToFileURL(join(REPO_ROOT, 'local', 'web.ts')).href;
  execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `const { buildConsole } = await import(${JSON.stringify(web)}); await buildConsole(${JSON.stringify(outputDir)});`], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return true;
}

/**
 * The CloudFront response headers policy from the very header set the local server sends
 * (consoleSecurityHeaders): the ones CloudFront names as security headers in their own fields,
 * the rest as custom headers, plus HSTS (HTTPS only here).
 */
function headersPolicy(stack: Stack, api: string, cognito: string): ResponseHeadersPolicy {
  const all = consoleSecurityHeaders({ api, cognito });
  const known = new Set(['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy']);
  if (all['x-frame-options'] !== 'DENY' || all['referrer-policy'] !== 'no-referrer' || all['x-content-type-options'] !== 'nosniff') {
    throw new Error('infra/console.ts maps x-frame-options DENY, referrer-policy no-referrer and nosniff: update the mapping with shared/console/headers.ts');
  }
  return new ResponseHeadersPolicy(stack, 'ConsoleHeaders', {
    comment: "The coordinators' console: CSP, HSTS, no framing, no sniffing, no referrer",
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy: all['content-security-policy']!, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      strictTransportSecurity: { accessControlMaxAge: Duration.seconds(CONSOLE_HSTS_SECONDS), includeSubdomains: true, override: true },
    },
    customHeadersBehavior: {
      customHeaders: Object.entries(all)
        .filter(([name]) => !known.has(name))
        .map(([header, value]) => ({ header, value, override: true })),
    },
  });
}

/**
 * The coordinators' console: its static bundle (web/, built by Vite) in a private S3 bucket that
 * only this CloudFront distribution may read (origin access control), served over HTTPS only with
 * the console's security headers, and the `config.json` beside it that tells the one build where
 * the API and Cognito are. The API's CORS allows the distribution's origin (and nothing else the
 * deployment file does not name).
 */
export function consoleHosting(stack: Stack, props: { api: HttpApi; userPoolClient: UserPoolClient }): ConsoleHosting {
  const bucket = new Bucket(stack, 'ConsoleBucket', {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    // Only the published bundle is in it (rebuilt from the repository at every deploy); kept on
    // stack deletion anyway, as CloudFormation cannot delete a bucket with objects in it.
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const cognito = `https://cognito-idp.${stack.region}.${stack.urlSuffix}`;
  // The CSP names the region's execute-api domain rather than this API's own: the API's CORS
  // names the distribution, which names this policy, so naming the API here would be a cycle.
  const headers = headersPolicy(stack, `https://*.execute-api.${stack.region}.${stack.urlSuffix}`, cognito);
  const behaviour = {
    origin: S3BucketOrigin.withOriginAccessControl(bucket),
    viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
    allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
    responseHeadersPolicy: headers,
    compress: true,
  };
  const distribution = new Distribution(stack, 'ConsoleDistribution', {
    comment: "The coordinators' console (static; talks to the API and Cognito only)",
    defaultRootObject: 'index.html',
    priceClass: PriceClass.PRICE_CLASS_100,
    httpVersion: HttpVersion.HTTP2_AND_3,
    // Hashed assets: cached for as long as they exist.
    defaultBehavior: { ...behaviour, cachePolicy: CachePolicy.CACHING_OPTIMIZED },
    // What names the current build and where the API is: never cached, so a deploy shows at once.
    additionalBehaviors: {
      '/index.html': { ...behaviour, cachePolicy: CachePolicy.CACHING_DISABLED },
      '/config.json': { ...behaviour, cachePolicy: CachePolicy.CACHING_DISABLED },
    },
  });
  const origin = `https://${distribution.distributionDomainName}`;
  allowConsoleOrigins(props.api, [origin]);

  const bundle = Source.asset(join(REPO_ROOT, 'web'), {
    assetHashType: AssetHashType.OUTPUT,
    // Built locally, always (tryBundle succeeds or throws); the image is never pulled.
    bundling: { image: DockerImage.fromRegistry('scratch'), local: { tryBundle: buildInto } },
  });
  const logGroup = new LogGroup(stack, 'ConsoleDeploymentLogs', { retention: RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
  // The deployments' provider gets a role of its own, with no managed policy: its log group here;
  // BucketDeployment adds reading the asset and writing the console bucket (and the invalidation).
  const role = new Role(stack, 'ConsoleDeploymentRole', {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: "Copies the console's build into its bucket during a deployment (CDK's BucketDeployment provider)",
    inlinePolicies: {
      Logs: new PolicyDocument({ statements: [new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`${logGroup.logGroupArn}:*`] })] }),
    },
  });
  const assets = new BucketDeployment(stack, 'ConsoleAssets', {
    sources: [bundle],
    destinationBucket: bucket,
    exclude: ['index.html'],
    // Older builds' files stay: a tab opened before a deploy still loads the pages it asks for.
    prune: false,
    cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)), CacheControl.immutable()],
    logGroup,
    role,
    memoryLimit: 256,
  });
  const entry = new BucketDeployment(stack, 'ConsoleEntry', {
    sources: [
      bundle,
      Source.jsonData('config.json', {
        apiUrl: props.api.apiEndpoint,
        cognito: { endpoint: `${cognito}/`, region: stack.region, clientId: props.userPoolClient.userPoolClientId },
        pollSeconds: 5,
      }),
    ],
    destinationBucket: bucket,
    include: ['index.html', 'config.json'],
    exclude: ['*'],
    prune: false,
    cacheControl: [CacheControl.noCache()],
    distribution,
    distributionPaths: ['/', '/index.html', '/config.json'],
    logGroup,
    role,
    memoryLimit: 256,
  });
  // index.html names the assets: they are in the bucket before it is.
  entry.node.addDependency(assets);

  new CfnOutput(stack, 'ConsoleUrl', { value: `${origin}/`, description: "The coordinators' console (sign in with a user of UserPoolId)" });
  acknowledgeConsoleFindings(stack, { bucket, distribution, role, logGroup });
  return { bucket, distribution, headers, origin, deployments: { assets, entry } };
}

/** cdk-nag: the console's reasoned exceptions (see infra/acknowledgements.ts for the stack's). */
function acknowledgeConsoleFindings(stack: Stack, { bucket, distribution, role, logGroup }: { bucket: Bucket; distribution: Distribution; role: Role; logGroup: LogGroup }): void {
  Validations.of(role).acknowledge(
    ...[
        'Action::s3:GetBucket*',
        'Action::s3:GetObject*',
        'Action::s3:List*',
        'Action::s3:Abort*',
        'Action::s3:DeleteObject*',
        'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
        `Resource::<${stack.getLogicalId(bucket.node.defaultChild as CfnElement)}.Arn>/*`,
        'Resource::*',
        `Resource::<${stack.getLogicalId(logGroup.node.defaultChild as CfnElement)}.Arn>:*`,
      ].map((finding) => ({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason:
          "CDK's BucketDeployment provider (invoked only by CloudFormation during a deployment) reads the console's build from the CDK asset bucket (s3:GetObject*, s3:GetBucket*, s3:List* on that bucket), writes it into the console bucket (put, abort, delete on its objects only) and invalidates the console distribution (cloudfront:CreateInvalidation, which has no resource-level permission: Resource \"*\"); CDK generates these statements. Its own statement writes log streams of its one log group.",
      })),
  );
  Validations.of(bucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason:
      "The console bucket holds only the public static bundle (HTML, JS, CSS and config.json naming the API and the user pool); only CloudFront reads it (origin access control) and only CloudFormation writes it. Server access logs would record CloudFront's reads of the same few files; the deploys are in CloudTrail.",
  });
  Validations.of(distribution).acknowledge(
    {
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction: the console is used by municipal staff in Kosovo but also by DRPR and ministry staff travelling or behind VPNs and carriers that geolocate elsewhere. It serves only static files; what matters is behind sign-in at the API.',
    },
    {
      id: 'AwsSolutions-CFR2',
      reason:
        'No WAF on the console: it serves a few static, public, cached files and no data; every request with data goes to the API (JWT authorizer, throttling) and to Cognito (its own protections). A web ACL would cost about USD 6 a month for nothing it could protect.',
    },
    {
      id: 'AwsSolutions-CFR3',
      reason:
        "No CloudFront standard logs: the requests are for the same static files (the console's routes are in the URL's fragment, which never reaches CloudFront), and logs would record every viewer's IP. What users do is in the API's access log and the audit entries.",
    },
    {
      id: 'AwsSolutions-CFR4',
      reason:
        "The distribution has no custom domain and so uses CloudFront's default *.cloudfront.net certificate, with which the minimum viewer TLS version cannot be chosen; browsers negotiate TLS 1.2/1.3. HTTPS only, HSTS on. A deployment with its own domain sets a TLSv1.2_2021 policy with its certificate.",
    },
  );
  // The BucketDeployment's singleton provider (a function CDK adds once to the stack).
  const provider = stack.node.children.find((c: IConstruct) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (provider) {
    Validations.of(provider).acknowledge(
      {
        id: 'AwsSolutions-L1',
        reason: "CDK's BucketDeployment provider: its runtime is chosen by the CDK version (it moves with CDK upgrades); it runs only during deployments.",
      },
      { id: 'Serverless-LambdaLatestVersion', reason: "CDK's BucketDeployment provider: its runtime is chosen by the CDK version; it runs only during deployments." },
      {
        id: 'Serverless-LambdaDLQ',
        reason: "CDK's BucketDeployment provider is invoked only by CloudFormation, which gets its failure and rolls the deployment back; there is no event to park.",
      },
      {
        id: 'Serverless-LambdaTracing',
        reason: "CDK's BucketDeployment provider copies a few files per deployment; its outcome is in CloudFormation's events and its log group (kept 3 months).",
      },
    );
  }
}
