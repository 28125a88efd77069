import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';

import type { ReferralsStack } from '../../infra/stack.js';
import { consoleSecurityHeaders } from '../../shared/console/headers.js';
import { type Json, logicalId, ofType, resource, synthMain } from './synth.js';

/**
 * The coordinators' console on AWS (infra/console.ts): a private bucket only CloudFront reads
 * (origin access control), HTTPS only, the same security headers as the local server, the API's
 * CORS limited to the console's origin, and the bundle with its config.json deployed into it.
 */

let stack: ReferralsStack;
let template: Template;
let outdir: string;

beforeAll(() => {
  ({ stack, template, outdir } = synthMain());
});

/** A CloudFormation string value (a literal or an Fn::Join of literals and references) as text, references as <Ref>. */
function text(v: Json): string {
  if (typeof v === 'string') return v;
  if (v && Array.isArray(v['Fn::Join'])) return (v['Fn::Join'][1] as Json[]).map(text).join(v['Fn::Join'][0]);
  return '<Ref>';
}

describe("the coordinators' console", () => {
  it('keeps its bundle in a private, encrypted, TLS-only bucket that only its distribution reads', () => {
    const bucketId = logicalId(stack.console.bucket);
    const bucket = resource(stack.console.bucket);
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(bucket.Properties.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    expect(bucket.Properties.WebsiteConfiguration).toBeUndefined();
    const policy = ofType('AWS::S3::BucketPolicy').map(([, p]) => p).find((p) => p.Properties.Bucket.Ref === bucketId)!;
    const statements = policy.Properties.PolicyDocument.Statement as Json[];
    // Plain HTTP refused, whoever asks.
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    // Reading: CloudFront only, and only for this distribution.
    const reads = statements.filter((s) => s.Effect === 'Allow' && JSON.stringify(s.Action).includes('s3:GetObject'));
    expect(reads).toHaveLength(1);
    expect(reads[0].Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(JSON.stringify(reads[0].Condition)).toContain(logicalId(stack.console.distribution));
    // Nobody else is allowed anything (the deployment's provider writes through its role).
    expect(statements.filter((s) => s.Effect === 'Allow' && s.Principal !== undefined && JSON.stringify(s.Principal) !== JSON.stringify({ Service: 'cloudfront.amazonaws.com' }))).toEqual([]);
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const [[, oac]] = ofType('AWS::CloudFront::OriginAccessControl') as [[string, Json]];
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
  });

  it('is served over HTTPS only, index.html at the root, config.json and index.html never cached', () => {
    const dist = resource(stack.console.distribution).Properties.DistributionConfig;
    expect(dist.DefaultRootObject).toBe('index.html');
    expect(dist.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('https-only');
    expect(dist.DefaultCacheBehavior.AllowedMethods).toEqual(['GET', 'HEAD']);
    expect(dist.Origins).toHaveLength(1);
    expect(dist.Origins[0].S3OriginConfig.OriginAccessIdentity).toBe('');
    expect(dist.Origins[0].OriginAccessControlId).toBeDefined();
    const byPath = Object.fromEntries((dist.CacheBehaviors as Json[]).map((b) => [b.PathPattern, b]));
    expect(Object.keys(byPath).sort()).toEqual(['/config.json', '/index.html']);
    for (const b of [dist.DefaultCacheBehavior, ...Object.values(byPath)]) {
      expect(b.ViewerProtocolPolicy).toBe('https-only');
      expect(b.ResponseHeadersPolicyId).toEqual({ Ref: logicalId(stack.console.headers) });
    }
    // CachingDisabled (AWS managed) for what names the build and the API.
    expect(byPath['/config.json'].CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
    expect(byPath['/index.html'].CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
  });

  it('sends the security headers the local server sends: CSP, HSTS, no framing, no sniffing, no referrer', () => {
    const config = resource(stack.console.headers).Properties.ResponseHeadersPolicyConfig;
    const security = config.SecurityHeadersConfig;
    const csp = text(security.ContentSecurityPolicy.ContentSecurityPolicy);
    const local = consoleSecurityHeaders({ api: '<Ref>', cognito: '<Ref>' });
    expect(csp.replace(/https:\/\/\*\.execute-api\.<Ref>\.<Ref>|https:\/\/cognito-idp\.<Ref>\.<Ref>/g, '<Ref>')).toBe(local['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    // The region's API Gateway and Cognito only (this API's own id would make a cycle: see infra/console.ts).
    expect(csp).toMatch(/connect-src 'self' https:\/\/\*\.execute-api\.<Ref>\.<Ref> https:\/\/cognito-idp\.<Ref>\.<Ref>;/);
    expect(security.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Override: true });
    expect(security.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
    expect(security.ReferrerPolicy).toMatchObject({ ReferrerPolicy: 'no-referrer' });
    expect(security.ContentTypeOptions).toMatchObject({ Override: true });
    const custom = Object.fromEntries((config.CustomHeadersConfig.Items as Json[]).map((h) => [h.Header, h.Value]));
    expect(custom).toEqual({ 'permissions-policy': local['permissions-policy'], 'cross-origin-opener-policy': local['cross-origin-opener-policy'] });
  });

  it('lets the console’s origin, and no other, call the API from a browser', () => {
    const api = resource(stack.api).Properties;
    const origins = (api.CorsConfiguration.AllowOrigins as Json[]).map(text);
    expect(origins).toEqual(['https://<Ref>']);
    expect(JSON.stringify(api.CorsConfiguration.AllowOrigins)).toContain(logicalId(stack.console.distribution));
    expect(api.CorsConfiguration.AllowCredentials).toBe(false);
  });

  it('deploys the built bundle (hashed files cached a year) and index.html with a config.json naming this API and user pool client', () => {
    const deployments = ofType('Custom::CDKBucketDeployment');
    expect(deployments).toHaveLength(2);
    const entry = deployments.map(([, d]) => d.Properties).find((p) => p.Include)!;
    const assets = deployments.map(([, d]) => d.Properties).find((p) => !p.Include)!;
    expect(assets.Prune).toBe(false);
    expect(assets.Exclude).toEqual(['index.html']);
    expect(assets.SystemMetadata['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(entry.SystemMetadata['cache-control']).toBe('no-cache');
    expect(entry.Include).toEqual(['index.html', 'config.json']);
    expect(entry.DistributionPaths).toEqual(['/', '/index.html', '/config.json']);
    // config.json: the API's URL and the app client, resolved at deploy time (markers in the template).
    const markers = JSON.stringify(entry.SourceMarkers);
    expect(markers).toContain(logicalId(stack.api));
    expect(markers).toContain(logicalId(stack.userPoolClient));
    // The asset is the Vite build: index.html and the hashed JS, no source.
    const manifest = JSON.parse(readFileSync(join(outdir, `${stack.artifactId}.assets.json`), 'utf8'));
    const dirs = Object.values(manifest.files as Record<string, Json>)
      .map((f) => join(outdir, f.source.path))
      .filter((p) => existsSync(join(p, 'index.html')));
    expect(dirs).toHaveLength(1);
    const html = readFileSync(join(dirs[0]!, 'index.html'), 'utf8');
    expect(html).toMatch(/<script type="module" crossorigin src="\.\/assets\/index-[\w-]+\.js"><\/script>/);
    expect(existsSync(join(dirs[0]!, 'src'))).toBe(false);
  });

  it('says where the console is', () => {
    expect(template.toJSON().Outputs.ConsoleUrl.Value['Fn::Join'][1]).toEqual(['https://', { 'Fn::GetAtt': [logicalId(stack.console.distribution), 'DomainName'] }, '/']);
  });
});
