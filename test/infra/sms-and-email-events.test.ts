import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';

import { type Grant, WIRING } from '../../events/functions.js';
import { FUNCTIONS, SES_EVENT_INPUT } from '../../events/triggers.js';
import { SES_DETAIL_TYPES } from '../../shared/delivery/email-events.js';
import type { ReferralsStack } from '../../infra/stack.js';
import {
  type Json,
  ALL_FUNCTIONS,
  synthMain,
  logicalId,
  resource,
  ofType,
  statementsOfRole,
  statementsOf,
  allowedActions,
  getAtt,
} from './synth.js';

let stack: ReferralsStack;
let template: Template;
let resources: Record<string, Json>;

beforeAll(() => {
  ({ stack, template, resources } = synthMain());
});

// ------------------------------------------------------------------------------------ SMS cost (issue #6)

describe('SMS account settings and opt-out checks', () => {
  const customResource = (): Json => resource(stack.smsAccountSettings.node.findChild('Resource'));
  const settingsRoleId = () => logicalId(stack.node.findChild('SmsAccountSettingsRole'));

  /** An Fn::Join of strings and parameter Refs, as CloudFormation would resolve it with these values. */
  function joined(value: Json, parameters: Record<string, string>): string {
    if (typeof value === 'string') return value;
    const [separator, parts] = value['Fn::Join'] as [string, Json[]];
    return parts
      .map((p) => {
        if (typeof p === 'string') return p;
        const v = parameters[p.Ref];
        if (v === undefined) throw new Error(`no stand-in for ${JSON.stringify(p)}`);
        return v;
      })
      .join(separator);
  }

  it('SmsMonthlySpendLimitUsd is a Number parameter with no default and a minimum of 1', () => {
    const param = template.toJSON().Parameters.SmsMonthlySpendLimitUsd;
    expect(param).toMatchObject({ Type: 'Number', MinValue: 1 });
    expect(param.Default).toBeUndefined();
  });

  it('a custom resource calls SNS setSMSAttributes with the spend limit and Transactional on create and update, nothing on delete', () => {
    const props = customResource().Properties;
    for (const phase of ['Create', 'Update'] as const) {
      const call = JSON.parse(joined(props[phase], { SmsMonthlySpendLimitUsd: '25' }));
      expect(call, phase).toMatchObject({
        service: 'SNS',
        action: 'setSMSAttributes',
        parameters: { attributes: { MonthlySpendLimit: '25', DefaultSMSType: 'Transactional' } },
        physicalResourceId: { id: 'sns-sms-account-attributes' },
      });
      expect(Object.keys(call.parameters.attributes).sort(), phase).toEqual(['DefaultSMSType', 'MonthlySpendLimit']);
    }
    expect(props.Delete).toBeUndefined();
    expect(props.InstallLatestAwsSdk).toBe(false);
  });

  it('its provider runs as a role of our own: sns:SetSMSAttributes (on "*") and writing its own log group, nothing else, no managed policy', () => {
    const statements = statementsOfRole(settingsRoleId());
    const sns = statements.filter((s) => s.Action.some((a) => a.startsWith('sns:')));
    expect(sns).toEqual([expect.objectContaining({ Effect: 'Allow', Action: ['sns:SetSMSAttributes'], Resource: ['*'] })]);
    const rest = statements.filter((s) => !sns.includes(s));
    expect(rest.flatMap((s) => s.Action).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    const logs = stack.node.findChild('SmsAccountSettingsLogs');
    for (const s of rest) expect(s.Resource).toEqual([getAtt(logs, 'Arn')]);
    expect(resources[settingsRoleId()].Properties.ManagedPolicyArns).toBeUndefined();
    const providers = ofType('AWS::Lambda::Function').filter(([, f]) => JSON.stringify(f.Properties.Role) === JSON.stringify(getAtt(stack.node.findChild('SmsAccountSettingsRole'), 'Arn')));
    expect(providers).toHaveLength(1);
    expect(providers[0]![1].Properties.LoggingConfig).toEqual({ LogGroup: { Ref: logicalId(logs) } });
    // The provider is the only holder of the action.
    for (const key of ALL_FUNCTIONS) expect(allowedActions(key), key).not.toContain('sns:SetSMSAttributes');
  });

  it('the custom resource waits for its policy, so the first call is already allowed', () => {
    const policyId = logicalId(stack.smsAccountSettings.node.findChild('CustomResourcePolicy'));
    expect(customResource().DependsOn).toContain(policyId);
  });

  it('deliver may ask SNS whether a number opted out (sns:CheckIfPhoneNumberIsOptedOut, on "*" as IAM requires), in a policy of its own', () => {
    const check = statementsOf('deliverNotifications').filter((s) => s.Action.includes('sns:CheckIfPhoneNumberIsOptedOut'));
    expect(check).toEqual([expect.objectContaining({ Effect: 'Allow', Action: ['sns:CheckIfPhoneNumberIsOptedOut'], Resource: ['*'] })]);
    const policy = resource(stack.node.findChild('DeliverNotificationsSmsOptOutPolicy'));
    expect(policy.Properties.PolicyDocument.Statement).toHaveLength(1);
    expect(policy.Metadata.cdk_nag.rules_to_suppress).toEqual([
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: expect.stringContaining('no resource type') },
    ]);
    for (const key of ALL_FUNCTIONS.filter((k) => !(WIRING[k].grants as readonly Grant[]).includes('send-sms'))) {
      expect(allowedActions(key), key).not.toContain('sns:CheckIfPhoneNumberIsOptedOut');
    }
  });
});

// ------------------------------------------------------------------------------------ SES events (email-events)

describe('SES events: configuration-set event destination → EventBridge → email-events', () => {
  const ruleArn = (name: string) => ({
    'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:rule/${name}`]],
  });
  const rule = () => resource(stack.eventRules.emailEvents.rule);

  it("the operator's configuration set publishes bounces, complaints, deliveries, rejections and rendering failures to the default bus", () => {
    template.resourceCountIs('AWS::SES::ConfigurationSetEventDestination', 1);
    const dest = resource(stack.sesEventDestination).Properties;
    expect(dest.ConfigurationSetName).toEqual({ Ref: 'SesConfigurationSetName' });
    expect(dest.EventDestination.Enabled).toBe(true);
    expect([...dest.EventDestination.MatchingEventTypes].sort()).toEqual(['bounce', 'complaint', 'delivery', 'reject', 'renderingFailure']);
    // Nothing about sends, opens or clicks, and nowhere else (no SNS topic, no Firehose, no CloudWatch).
    expect(Object.keys(dest.EventDestination).sort()).toEqual(['Enabled', 'EventBridgeDestination', 'MatchingEventTypes']);
    expect(JSON.stringify(dest.EventDestination.EventBridgeDestination.EventBusArn)).toMatch(/:event-bus\/default"/);
  });

  it('the rule passes only those SES events of this configuration set, on the default bus, to email-events', () => {
    const props = rule().Properties;
    expect(props.EventBusName).toBeUndefined(); // the default bus, the only one SES publishes to
    expect(props.State).toBe('ENABLED');
    expect(props.EventPattern).toEqual({
      source: ['aws.ses'],
      'detail-type': expect.any(Array),
      detail: { mail: { tags: { 'ses:configuration-set': [{ Ref: 'SesConfigurationSetName' }] } } },
    });
    // Every event type the handler reads, and no other.
    expect([...props.EventPattern['detail-type']].sort()).toEqual(Object.values(SES_DETAIL_TYPES).sort());
    expect(props.Targets).toHaveLength(1);
    expect(props.Targets[0].Arn).toEqual(getAtt(stack.functions.emailEvents, 'Arn'));
  });

  it('the target hands the function only what it reads (the declared input transformer): no address, subject or header path', () => {
    const target = rule().Properties.Targets[0];
    expect(target.Input).toBeUndefined();
    expect(target.InputTransformer).toEqual({ InputPathsMap: { ...SES_EVENT_INPUT.paths }, InputTemplate: SES_EVENT_INPUT.template });
    const paths = Object.values(target.InputTransformer.InputPathsMap as Record<string, string>);
    // No field that holds an address, the subject or a header, nor an object that contains one.
    expect(paths.filter((p) => /emailAddress|complainedRecipients|\.recipients|destination|headers|subject|mail\.source/i.test(p))).toEqual([]);
    const containers = ['$', '$.detail', '$.detail.mail', '$.detail.bounce', '$.detail.bounce.bouncedRecipients', '$.detail.bounce.bouncedRecipients[0]', '$.detail.complaint', '$.detail.delivery'];
    expect(paths.filter((p) => containers.includes(p))).toEqual([]);
    // Every placeholder of the template is a declared variable.
    const used = [...(target.InputTransformer.InputTemplate as string).matchAll(/<([A-Za-z]+)>/g)].map((m) => m[1]);
    expect(new Set(used)).toEqual(new Set(Object.keys(SES_EVENT_INPUT.paths)));
  });

  it("the target's retries are bounded and an event EventBridge cannot hand over goes to the function's KMS-encrypted DLQ", () => {
    const trigger = FUNCTIONS.emailEvents.trigger;
    const target = rule().Properties.Targets[0];
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: trigger.retryAttempts, MaximumEventAgeInSeconds: trigger.maxEventAgeSeconds });
    expect(trigger.retryAttempts).toBeLessThanOrEqual(10);
    const dlq = stack.deadLetterQueues.emailEvents;
    expect(target.DeadLetterConfig).toEqual({ Arn: getAtt(dlq, 'Arn') });
    expect(resource(dlq).Properties).toEqual({ KmsMasterKeyId: getAtt(stack.dataKey, 'Arn'), MessageRetentionPeriod: 14 * 24 * 3600 });
    // Only EventBridge, only for this rule, may send to it (besides the function's own failure destination).
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: logicalId(dlq) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Condition: { ArnEquals: { 'aws:SourceArn': getAtt(stack.eventRules.emailEvents.rule, 'Arn') } },
          }),
        ]),
      },
    });
    // The data key lets EventBridge encrypt for that queue, for events of this one rule only.
    const keyStatements = resource(stack.dataKey).Properties.KeyPolicy.Statement as Json[];
    const forEvents = keyStatements.filter((s) => JSON.stringify(s.Principal).includes('events.amazonaws.com'));
    expect(forEvents).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Condition: { ArnEquals: { 'aws:SourceArn': ruleArn(rule().Properties.Name) } },
      }),
    ]);
    expect(stack.resolve(stack.eventRules.emailEvents.ruleArn)).toEqual(ruleArn(rule().Properties.Name));
  });

  it("a handler that keeps failing is retried by Lambda a bounded number of times, then parked in the same DLQ", () => {
    const trigger = FUNCTIONS.emailEvents.trigger;
    const configs = ofType('AWS::Lambda::EventInvokeConfig').filter(([, c]) => c.Properties.FunctionName.Ref === logicalId(stack.functions.emailEvents));
    expect(configs).toHaveLength(1);
    expect(configs[0]![1].Properties).toEqual({
      FunctionName: { Ref: logicalId(stack.functions.emailEvents) },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: trigger.handlerRetryAttempts,
      MaximumEventAgeInSeconds: trigger.maxEventAgeSeconds,
      DestinationConfig: { OnFailure: { Destination: getAtt(stack.deadLetterQueues.emailEvents, 'Arn') } },
    });
  });

  it('EventBridge may invoke email-events only from its own rule', () => {
    const fnArn = JSON.stringify(getAtt(stack.functions.emailEvents, 'Arn'));
    const perms = ofType('AWS::Lambda::Permission').map(([, p]) => p.Properties).filter((p) => p.Principal === 'events.amazonaws.com');
    expect(perms).toHaveLength(1);
    expect(JSON.stringify(perms[0].FunctionName)).toBe(fnArn);
    expect(perms[0].Action).toBe('lambda:InvokeFunction');
    expect(perms[0].SourceArn).toEqual(getAtt(stack.eventRules.emailEvents.rule, 'Arn'));
  });

  it('parks what fails in its own DLQ only, and reads no index', () => {
    // Its table actions and grants, as declared: wiring.test.ts and table-and-iam.test.ts.
    const sqs = statementsOf('emailEvents').filter((s) => s.Action.some((a) => a.startsWith('sqs:')));
    expect(sqs.flatMap((s) => s.Resource)).toEqual([getAtt(stack.deadLetterQueues.emailEvents, 'Arn')]);
    expect(JSON.stringify(statementsOf('emailEvents'))).not.toContain('/index/');
  });
});
