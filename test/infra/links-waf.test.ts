import { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';

import { FUNCTIONS, type FunctionKey, type HttpTrigger } from '../../events/triggers.js';
import { COMMON_RULE_SET, LINK_RATE_RULE_NAME, LINK_WEB_ACL_ARN_OUTPUT, type LinkWafStack } from '../../infra/link-waf-stack.js';
import { LINK_WAF_STACK_NAME } from '../../infra/referrals-app.js';
import { LINK_PATH_PATTERN, RETURNEE_PAGE_PATH_PATTERN, type ReferralsStack } from '../../infra/stack.js';
import { ORIGIN_VERIFY_HEADER } from '../../shared/links/origin-verify.js';
import {
  type Json,
  ALL_FUNCTIONS,
  HTTP_FUNCTIONS,
  LINK_KEY_READERS,
  grantedTo,
  synthMain,
  type Variant,
  variant,
  violationsOf,
  logicalId,
  resource,
  statementsOf,
  getAtt,
} from './synth.js';

let stack: ReferralsStack;
let wafStack: LinkWafStack;
let template: Template;

beforeAll(() => {
  ({ stack, wafStack, template } = synthMain());
});

// ------------------------------------------------------------------------------------ link WAF (issue #13)

describe('offices\' links behind CloudFront and AWS WAF', () => {
  const waf = () => Template.fromStack(wafStack).toJSON();
  const distribution = () => resource(stack.links!.distribution).Properties.DistributionConfig;

  it('the web ACL lives in its own us-east-1 stack (CLOUDFRONT scope) and outputs its ARN', () => {
    expect(wafStack.stackName).toBe(LINK_WAF_STACK_NAME);
    expect(wafStack.region).toBe('us-east-1');
    const acls = Object.values(waf().Resources).filter((r: Json) => r.Type === 'AWS::WAFv2::WebACL') as Json[];
    expect(acls).toHaveLength(1);
    expect(Object.keys(waf().Resources)).toHaveLength(1);
    expect(acls[0].Properties).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
    expect(waf().Outputs[LINK_WEB_ACL_ARN_OUTPUT].Value).toEqual({ 'Fn::GetAtt': ['LinkWebAcl', 'Arn'] });
    // The main stack stays env-agnostic; it is deployed after the WAF stack.
    expect(stack.resolve(stack.region)).toEqual({ Ref: 'AWS::Region' });
    expect(stack.dependencies).toContain(wafStack);
  });

  it('blocks a source IP over LinkRateLimitPer5Minutes (default 300) in 5 minutes, then applies AWS\'s common rule set', () => {
    const acl = (Object.values(waf().Resources) as Json[])[0].Properties;
    expect(acl.Rules.map((r: Json) => r.Name)).toEqual([LINK_RATE_RULE_NAME, COMMON_RULE_SET]);
    expect(acl.Rules[0]).toMatchObject({
      Priority: 0,
      Action: { Block: {} },
      Statement: { RateBasedStatement: { AggregateKeyType: 'IP', EvaluationWindowSec: 300, Limit: { Ref: 'LinkRateLimitPer5Minutes' } } },
    });
    expect(acl.Rules[0].Statement.RateBasedStatement.ForwardedIPConfig).toBeUndefined();
    expect(waf().Parameters.LinkRateLimitPer5Minutes).toMatchObject({ Type: 'Number', Default: 300, MinValue: 10 });
    expect(acl.Rules[1]).toMatchObject({
      Priority: 1,
      OverrideAction: { None: {} },
      Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: COMMON_RULE_SET } },
    });
    // Metrics, but no sampled requests: a sampled link URI would be a kept credential.
    for (const visibility of [acl.VisibilityConfig, ...acl.Rules.map((r: Json) => r.VisibilityConfig)]) {
      expect(visibility).toMatchObject({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: false });
    }
  });

  it('the distribution carries the web ACL (read from the WAF stack\'s output) and serves /r/* and /p/* from the HTTP API: HTTPS only, no cache, every viewer header but Host, every method', () => {
    // The links' and the console's (infra/console.ts).
    template.resourceCountIs('AWS::CloudFront::Distribution', 2);
    const d = distribution();
    expect(d.WebACLId).toEqual({ 'Fn::GetStackOutput': { StackName: LINK_WAF_STACK_NAME, Region: 'us-east-1', OutputName: LINK_WEB_ACL_ARN_OUTPUT } });
    expect(d.Origins).toHaveLength(1);
    const origin = d.Origins[0];
    expect(origin.DomainName).toEqual({ 'Fn::Join': ['', [{ Ref: logicalId(stack.api) }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]] });
    expect(origin.CustomOriginConfig).toEqual({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    // The offices' links and the returnee page, alike.
    expect(d.CacheBehaviors.map((b: { PathPattern: string }) => b.PathPattern)).toEqual([LINK_PATH_PATTERN, RETURNEE_PAGE_PATH_PATTERN]);
    for (const b of d.CacheBehaviors) {
      expect(b).toMatchObject({
        TargetOriginId: origin.Id,
        ViewerProtocolPolicy: 'https-only',
        CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
        OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
      });
      expect([...b.AllowedMethods].sort()).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
    }
    // They cover every route that takes no sign-in (offices' links, the returnee page), and no other
    // (CloudFront's * matches any characters, / included).
    const asRegExps = d.CacheBehaviors.map((b: { PathPattern: string }) => new RegExp(`^${b.PathPattern.replace(/\*/g, '.+')}$`));
    for (const key of HTTP_FUNCTIONS) {
      const trigger = FUNCTIONS[key].trigger as HttpTrigger;
      for (const route of trigger.routes) expect(asRegExps.some((r: RegExp) => r.test(route.path)), route.path).toBe(trigger.auth === 'none');
    }
    // Anything else: 404 from a CloudFront function, before the API.
    expect(d.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: getAtt(stack.links!.notFound, 'FunctionARN') }],
    });
    expect(resource(stack.links!.notFound).Properties.FunctionCode).toContain('statusCode: 404');
    expect(template.toJSON().Outputs.LinkBaseUrl.Value).toEqual({ 'Fn::Join': ['', ['https://', getAtt(stack.links!.distribution, 'DomainName')]] });
  });

  it('CloudFront sends the stack\'s generated origin secret as x-origin-verify (a dynamic reference, never the value); respond gets its ARN and may read that one secret', () => {
    const secretId = logicalId(stack.links!.originSecret);
    expect(resource(stack.links!.originSecret).Properties.GenerateSecretString).toMatchObject({ ExcludePunctuation: true });
    expect(resource(stack.links!.originSecret).Properties.GenerateSecretString.PasswordLength).toBeGreaterThanOrEqual(32);
    expect(distribution().Origins[0].OriginCustomHeaders).toEqual([
      // The header respond checks.
      { HeaderName: ORIGIN_VERIFY_HEADER, HeaderValue: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']] } },
    ]);
    expect(resource(stack.functions.respond).Properties.Environment.Variables.LINK_ORIGIN_SECRET_ARN).toEqual({ Ref: secretId });
    for (const key of ALL_FUNCTIONS) {
      const reads = statementsOf(key).filter((s) => s.Action.some((a) => a.startsWith('secretsmanager:')));
      if (!grantedTo('read-link-origin-secret').includes(key)) {
        expect(reads, key).toEqual([]);
        expect(resource(stack.functions[key]).Properties.Environment.Variables.LINK_ORIGIN_SECRET_ARN, key).toBeUndefined();
        continue;
      }
      expect(reads.map((s) => ({ Effect: s.Effect, Action: [...s.Action].sort(), Resource: s.Resource }))).toEqual([
        { Effect: 'Allow', Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'], Resource: [{ Ref: secretId }] },
      ]);
    }
  });

  describe('with linkWaf: false', () => {
    let v: Variant;
    beforeAll(() => {
      v = variant({ linkWaf: false });
    });

    it('no WAF stack, no CloudFront, no origin secret: the links go straight to the HTTP API, and respond checks no origin header; cdk-nag clean', () => {
      expect(v.linkWaf).toBeUndefined();
      expect(v.app.node.tryFindChild(LINK_WAF_STACK_NAME)).toBeUndefined();
      expect(v.stack.links).toBeUndefined();
      for (const type of ['AWS::CloudFront::Function', 'AWS::SecretsManager::Secret', 'AWS::WAFv2::WebACL']) v.template.resourceCountIs(type, 0);
      // The one distribution left is the console's (infra/console.ts), with no link route.
      v.template.resourceCountIs('AWS::CloudFront::Distribution', 1);
      expect(JSON.stringify(v.resources[v.stack.getLogicalId(v.stack.console.distribution.node.defaultChild as CfnElement)])).not.toContain(LINK_PATH_PATTERN);
      expect(v.template.toJSON().Outputs.LinkBaseUrl).toBeUndefined();
      const envOf = (key: FunctionKey) => v.resources[v.stack.getLogicalId(v.stack.functions[key].node.defaultChild as CfnElement)].Properties.Environment.Variables;
      const apiEndpoint = { 'Fn::GetAtt': [v.stack.getLogicalId(v.stack.api.node.defaultChild as CfnElement), 'ApiEndpoint'] };
      for (const key of LINK_KEY_READERS) expect(envOf(key).PUBLIC_BASE_URL, key).toEqual(apiEndpoint);
      for (const key of ALL_FUNCTIONS) expect(envOf(key).LINK_ORIGIN_SECRET_ARN, key).toBeUndefined();
      expect(JSON.stringify(v.resources)).not.toContain('secretsmanager:');
      // The link routes keep their own throttle and their reasoned APIG4, without claiming a WAF.
      const linkRoutes = Object.values(v.resources).filter((r: Json) => r.Type === 'AWS::ApiGatewayV2::Route' && r.Properties.AuthorizationType === 'NONE') as Json[];
      expect(linkRoutes).toHaveLength(FUNCTIONS.respond.trigger.routes.length);
      for (const r of linkRoutes) expect(r.Metadata.cdk_nag.rules_to_suppress[0].reason).not.toContain('WAF');
      expect(violationsOf(v.assembly.directory)).toEqual([]);
    });
  });
});
