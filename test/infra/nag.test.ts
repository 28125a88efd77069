import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { App, type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { CfnRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, NagRuleCompliance, rules, ServerlessChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';

import { declared } from '../../events/functions.js';
import { FUNCTIONS, type HttpTrigger } from '../../events/triggers.js';
import type { LinkWafStack } from '../../infra/link-waf-stack.js';
import { pascalCase } from '../../infra/naming.js';
import type { ReferralsStack } from '../../infra/stack.js';
import {
  type Json,
  ALL_FUNCTIONS,
  HTTP_FUNCTIONS,
  synthMain,
  resource,
} from './synth.js';

let app: App;
let stack: ReferralsStack;
let wafStack: LinkWafStack;
let assembly: CloudAssembly;
let resources: Record<string, Json>;

beforeAll(() => {
  ({ app, stack, wafStack, assembly, resources } = synthMain());
});

// ------------------------------------------------------------------------------------ cdk-nag

describe('cdk-nag AwsSolutions and Serverless', () => {
  it.each([
    ['AwsSolutions', () => new AwsSolutionsChecks(undefined, { verbose: true })],
    ['Serverless', () => new ServerlessChecks(undefined, { verbose: true })],
  ] as const)('%s: reports no unacknowledged error or warning', (_pack, make) => {
    const report = make().validateScope(app);
    expect(report.violations.map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources[0]?.constructPath}`)).toEqual([]);
    // The same, as written by synthesis (all plugins, including CloudFormation's own rules).
    const file = join(assembly.directory, 'validation-report.json');
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written.pluginReports.flatMap((p: Json) => p.violations ?? [])).toEqual([]);
    // No CDK annotation either (deprecations, validation warnings), in either stack.
    for (const s of [stack, wafStack]) {
      expect(Annotations.fromStack(s).findError('*', Match.anyValue())).toEqual([]);
      expect(Annotations.fromStack(s).findWarning('*', Match.anyValue())).toEqual([]);
    }
    // The packs looked at the link WAF stack too (it is in the same app).
    expect(app.node.children).toContain(wafStack);
  });

  it('is live: an unencrypted, TLS-optional queue is flagged', () => {
    const probe = new Stack(undefined, 'NagProbe');
    new Queue(probe, 'Plain', { encryption: QueueEncryption.UNENCRYPTED });
    const ids = new AwsSolutionsChecks().validateScope(probe).violations.map((v) => v.ruleName);
    expect(ids).toEqual(expect.arrayContaining(['AwsSolutions-SQS2', 'AwsSolutions-SQS3', 'AwsSolutions-SQS4']));
  });

  it('acknowledges only these findings, each on its resource with a reason (none stack-wide)', () => {
    const acks: Record<string, string[]> = {};
    for (const node of app.node.findAll()) {
      for (const entry of node.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
          expect(String(reason).length, `${node.node.path} ${id}`).toBeGreaterThan(60);
          (acks[node.node.path.replace(`${stack.stackName}/`, '')] ??= []).push(id.replace(/^annotation::/i, ''));
        }
      }
    }
    expect(acks[stack.node.path]).toBeUndefined();
    const roleWithDlq = [
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
    ];
    // One APIG4 per route resource without authorization (never on the API, the stage or the function).
    const openRoutes = Object.fromEntries(
      HTTP_FUNCTIONS.filter((k) => (FUNCTIONS[k].trigger as HttpTrigger).auth === 'none')
        .flatMap((k) => stack.httpRoutes[k])
        .map((route) => [route.node.defaultChild!.node.path.replace(`${stack.stackName}/`, ''), ['AwsSolutions-APIG4']]),
    );
    const fnAcks = ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion', 'Serverless-LambdaDLQ'];
    const dlqAcks = ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy'];
    // Each declared function, its role, its DLQ (all but the HTTP functions) and its SMS policies.
    const perFunction = Object.fromEntries(
      ALL_FUNCTIONS.flatMap((key) => {
        const { trigger, grants } = declared(key);
        const id = pascalCase(key);
        return [
          // PassThrough tracing (events/tracing.ts) on all but the HTTP functions.
          [`${id}Function`, trigger.kind === 'http' ? fnAcks : [...fnAcks, 'Serverless-LambdaTracing']],
          [`${id}FunctionRole`, trigger.kind === 'http' ? ['AwsSolutions-IAM5[Resource::*]'] : roleWithDlq],
          ...(trigger.kind === 'http' ? [] : [[`${id}Dlq`, dlqAcks]]),
          ...(grants.includes('send-sms') ? [[`${id}SmsPolicy`, ['AwsSolutions-IAM5[Resource::*]']], [`${id}SmsOptOutPolicy`, ['AwsSolutions-IAM5[Resource::*]']]] : []),
        ];
      }),
    );
    // The console (infra/console.ts): its bucket, distribution, and the deployments' provider and role.
    const provider = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))!;
    const idOf = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as CfnElement);
    const consoleAcks = {
      ConsoleBucket: ['AwsSolutions-S1'],
      ConsoleDistribution: ['AwsSolutions-CFR1', 'AwsSolutions-CFR2', 'AwsSolutions-CFR3', 'AwsSolutions-CFR4'],
      ConsoleDeploymentRole: [
        'Action::s3:GetBucket*',
        'Action::s3:GetObject*',
        'Action::s3:List*',
        'Action::s3:Abort*',
        'Action::s3:DeleteObject*',
        'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
        `Resource::<${idOf(stack.console.bucket)}.Arn>/*`,
        'Resource::*',
        `Resource::<${stack.getLogicalId(stack.node.findChild('ConsoleDeploymentLogs').node.defaultChild as CfnElement)}.Arn>:*`,
      ].map((f) => `AwsSolutions-IAM5[${f}]`),
      [provider.node.id]: ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion', 'Serverless-LambdaDLQ', 'Serverless-LambdaTracing'],
    };
    // Nothing in the link WAF stack needs one.
    expect(Object.keys(acks).filter((path) => path.startsWith(`${wafStack.stackName}/`))).toEqual([]);
    expect(acks).toEqual({
      // MFA optional and no Plus plan: the suite's app has no deployment file, so the defaults.
      'UserPool/Resource': ['AwsSolutions-COG2', 'AwsSolutions-COG8'],
      LinkDistribution: ['AwsSolutions-CFR1', 'AwsSolutions-CFR3', 'AwsSolutions-CFR4'],
      LinkOriginSecret: ['AwsSolutions-SMG4'],
      AWS679f53fac002430cb0da5b7982bd2287: ['Serverless-LambdaDLQ', 'Serverless-LambdaTracing'],
      'Operations/AlarmEmail': ['Serverless-SNSRedrivePolicy'],
      ...perFunction,
      'SmsAccountSettings/CustomResourcePolicy': ['AwsSolutions-IAM5[Resource::*]'],
      LinkSigningKeyReadPolicy: ['AwsSolutions-IAM5[Resource::*]'],
      ...openRoutes,
      ...consoleAcks,
    });
  });

  it('the routes without authorization are flagged (APIG4) and acknowledged only on those route resources', () => {
    // APIG4's own rule, without the acknowledgements: exactly the signed-link routes fail it.
    const flagged = app.node
      .findAll()
      .filter((c): c is CfnRoute => c instanceof CfnRoute)
      .filter((route) => rules.apigw.APIGWAuthorization(route) === NagRuleCompliance.NON_COMPLIANT)
      .map((route) => route.node.path.replace(`${stack.stackName}/`, ''))
      .sort();
    expect(flagged).toEqual([
      'HttpApi/GET--p--{token}--calendar--{appointmentId}/Resource',
      'HttpApi/GET--p--{token}/Resource',
      'HttpApi/GET--r--{token}/Resource',
      'HttpApi/POST--p--{token}/Resource',
      'HttpApi/POST--r--{token}/Resource',
    ]);
    for (const route of HTTP_FUNCTIONS.flatMap((k) => stack.httpRoutes[k])) {
      const cfn = resource(route);
      const routeKey: string = cfn.Properties.RouteKey;
      const suppressed = cfn.Metadata?.cdk_nag?.rules_to_suppress ?? [];
      if (cfn.Properties.AuthorizationType === 'JWT') {
        expect(suppressed, routeKey).toEqual([]);
        continue;
      }
      expect(suppressed).toEqual([{ id: 'AwsSolutions-APIG4', reason: expect.any(String) }]);
      const reason: string = suppressed[0].reason;
      expect(reason).toContain(routeKey);
      for (const why of ['never log in', 'HMAC-signed', 'expiring', 'GET only shows the page and never changes state', 'AWS WAF per-source-IP rate limit', 'Cognito access token']) {
        expect(reason).toContain(why);
      }
      // What the token is bound to: the offices' links to one referral, the returnee page to one case.
      expect(reason).toContain(routeKey.includes(' /p/') ? 'single case' : 'single referral');
    }
    // Not on the API, the stage, the integration or the Lambda permissions.
    for (const [id, r] of Object.entries(resources)) {
      if (r.Type === 'AWS::ApiGatewayV2::Route') continue;
      const ids = (r.Metadata?.cdk_nag?.rules_to_suppress ?? []).map((x: Json) => x.id);
      expect(ids, id).not.toContain('AwsSolutions-APIG4');
    }
  });

  it('writes each acknowledgement and its reason into the template for audit', () => {
    const smsPolicy = resource(stack.node.findChild('DeliverNotificationsSmsPolicy'));
    expect(smsPolicy.Metadata.cdk_nag.rules_to_suppress).toEqual([
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: expect.stringContaining('phone number') },
    ]);
    expect(resource(stack.linkSigningKeyReadPolicy).Metadata.cdk_nag.rules_to_suppress).toEqual([
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: expect.stringMatching(/kms:ViaService.*kms:EncryptionContext:PARAMETER_ARN/) },
    ]);
  });
});
