import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';

import { FUNCTIONS } from '../../events/triggers.js';
import type { ReferralsStack } from '../../infra/stack.js';
import {
  type Json,
  ALL_FUNCTIONS,
  STREAM_FUNCTIONS,
  synthMain,
  logicalId,
  resource,
  ofType,
  getAtt,
} from './synth.js';

let stack: ReferralsStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synthMain());
});

// ------------------------------------------------------------------------------------ operations (issue #7)

describe('operations: alarms to OpsAlarms, the Referrals dashboard', () => {
  const topicRef = () => ({ Ref: logicalId(stack.operations.topic) });
  const alarmProps = (alarm: IConstruct): Json => resource(alarm).Properties;
  /** The one MetricStat of a single-metric alarm. */
  const metricOf = (alarm: IConstruct): Json => {
    const metrics = alarmProps(alarm).Metrics as Json[] | undefined;
    if (metrics) {
      expect(metrics).toHaveLength(1);
      return { ...metrics[0].MetricStat.Metric, Period: metrics[0].MetricStat.Period, Stat: metrics[0].MetricStat.Stat };
    }
    const p = alarmProps(alarm);
    return { Namespace: p.Namespace, MetricName: p.MetricName, Dimensions: p.Dimensions, Period: p.Period, Stat: p.Statistic };
  };
  function expectAlarm(alarm: IConstruct, threshold: number, treatMissingData = 'notBreaching', periods = 1) {
    const p = alarmProps(alarm);
    expect(p.Threshold).toBe(threshold);
    expect(p.ComparisonOperator).toBe('GreaterThanThreshold');
    expect(p.EvaluationPeriods).toBe(periods);
    expect(p.DatapointsToAlarm).toBe(periods);
    expect(p.TreatMissingData).toBe(treatMissingData);
    expect(p.AlarmActions).toEqual([topicRef()]);
    expect(p.AlarmDescription).toContain('Do:');
    expect(p.AlarmDescription).toContain('Runbook: README.md');
  }

  it('the OpsAlarms topic is KMS-encrypted with a rotating key CloudWatch may use, TLS only, and this account\'s alarms may publish', () => {
    const topic = resource(stack.operations.topic).Properties;
    expect(topic.KmsMasterKeyId).toEqual(getAtt(stack.operations.topicKey, 'Arn'));
    expect(resource(stack.operations.topicKey).Properties.EnableKeyRotation).toBe(true);
    const keyStatements = resource(stack.operations.topicKey).Properties.KeyPolicy.Statement as Json[];
    expect(keyStatements).toContainEqual(
      expect.objectContaining({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
    );
    const policy = ofType('AWS::SNS::TopicPolicy').find(([, p]) => JSON.stringify(p.Properties.Topics) === JSON.stringify([topicRef()]));
    const statements = policy![1].Properties.PolicyDocument.Statement as Json[];
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Condition: expect.objectContaining({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }) }),
    );
  });

  it('OpsAlarmEmail (empty by default) is subscribed by email only when set', () => {
    template.hasParameter('OpsAlarmEmail', { Type: 'String', Default: '' });
    const sub = resource(stack.operations.emailSubscription);
    expect(sub.Properties).toMatchObject({ Protocol: 'email', Endpoint: { Ref: 'OpsAlarmEmail' }, TopicArn: topicRef() });
    const conditionId = stack.getLogicalId(stack.operations.emailCondition);
    expect(sub.Condition).toBe(conditionId);
    expect(template.toJSON().Conditions[conditionId]).toEqual({ 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'OpsAlarmEmail' }, ''] }] });
    const pattern = new RegExp(template.toJSON().Parameters.OpsAlarmEmail.AllowedPattern);
    expect(pattern.test('')).toBe(true);
    expect(pattern.test('ops@example.org')).toBe(true);
    expect(pattern.test('not an address')).toBe(false);
  });

  it('every alarm of the stack notifies the topic and nothing else; one per DLQ, stream consumer and function (errors, throttles), SES, SMS, delivery outcomes, timers and the holiday calendar', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm');
    const dlqs = Object.keys(stack.deadLetterQueues).length;
    expect(alarms).toHaveLength(dlqs + STREAM_FUNCTIONS.length + 2 * ALL_FUNCTIONS.length + 3 + 2 + 2 + 2);
    for (const [id, a] of alarms) {
      expect(a.Properties.AlarmActions, id).toEqual([topicRef()]);
      expect(a.Properties.OKActions, id).toBeUndefined();
    }
  });

  it.each(ALL_FUNCTIONS.filter((k) => FUNCTIONS[k].trigger.kind !== 'http'))(
    '%s: its DLQ alarms on ApproximateNumberOfMessagesVisible > 0 (maximum over 5 minutes)',
    (key) => {
      const queue = stack.deadLetterQueues[key as keyof typeof stack.deadLetterQueues];
      const alarm = stack.operations.alarms.dlq[key]!;
      expectAlarm(alarm, 0);
      expect(metricOf(alarm)).toEqual({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: getAtt(queue, 'QueueName') }],
        Period: 300,
        Stat: 'Maximum',
      });
      expect(alarmProps(alarm).AlarmDescription).toContain('dlq redrive');
    },
  );

  it.each(STREAM_FUNCTIONS)('%s: IteratorAge alarm at 10 minutes (maximum over 5 minutes)', (key) => {
    const alarm = stack.operations.alarms.iteratorAge[key]!;
    expectAlarm(alarm, 10 * 60 * 1000);
    expect(metricOf(alarm)).toEqual({
      Namespace: 'AWS/Lambda',
      MetricName: 'IteratorAge',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(stack.functions[key]) } }],
      Period: 300,
      Stat: 'Maximum',
    });
    expect(Object.keys(stack.operations.alarms.iteratorAge).sort()).toEqual([...STREAM_FUNCTIONS].sort());
  });

  it.each(ALL_FUNCTIONS)('%s: Errors > 0 and Throttles > 0 (sum over 5 minutes), missing data not breaching', (key) => {
    for (const [which, metricName] of [['errors', 'Errors'], ['throttles', 'Throttles']] as const) {
      const alarm = stack.operations.alarms[which][key]!;
      expectAlarm(alarm, 0);
      expect(metricOf(alarm)).toEqual({
        Namespace: 'AWS/Lambda',
        MetricName: metricName,
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(stack.functions[key]) } }],
        Period: 300,
        Stat: 'Sum',
      });
    }
  });

  it('SES reputation: account-level bounce rate > 5% and complaint rate > 0.1%', () => {
    const { sesBounceRate, sesComplaintRate } = stack.operations.alarms;
    expectAlarm(sesBounceRate, 0.05);
    expectAlarm(sesComplaintRate, 0.001);
    expect(metricOf(sesBounceRate)).toMatchObject({ Namespace: 'AWS/SES', MetricName: 'Reputation.BounceRate', Stat: 'Maximum' });
    expect(metricOf(sesComplaintRate)).toMatchObject({ Namespace: 'AWS/SES', MetricName: 'Reputation.ComplaintRate', Stat: 'Maximum' });
    expect(metricOf(sesBounceRate).Dimensions).toBeUndefined();
    expect(metricOf(sesComplaintRate).Dimensions).toBeUndefined();
  });

  it('SMS spend: the month-to-date spend as a percentage of SmsMonthlySpendLimitUsd, alarmed above 80', () => {
    const alarm = stack.operations.alarms.smsSpend;
    expectAlarm(alarm, 80);
    const metrics = alarmProps(alarm).Metrics as Json[];
    const expression = metrics.find((m) => m.Expression);
    const spent = metrics.find((m) => m.MetricStat);
    expect(spent).toMatchObject({
      Id: 'spent',
      ReturnData: false,
      MetricStat: { Metric: { Namespace: 'AWS/SNS', MetricName: 'SMSMonthToDateSpentUSD' }, Stat: 'Maximum' },
    });
    expect(spent.MetricStat.Metric.Dimensions).toBeUndefined();
    expect(expression.ReturnData).toBe(true);
    expect(expression.Expression).toEqual({ 'Fn::Join': ['', ['100 * spent / ', { Ref: 'SmsMonthlySpendLimitUsd' }]] });
    // As CloudWatch will evaluate it with a 25 USD limit: 20.01 USD spent is 80.04% → ALARM.
    const evaluated = (expression.Expression['Fn::Join'][1] as Json[]).map((p) => (typeof p === 'string' ? p : '25')).join('');
    expect(evaluated).toBe('100 * spent / 25');
  });

  /** The sum a math alarm evaluates, and each metric it adds, by id: [metric name, the emitting function, period]. */
  function expectSum(alarm: IConstruct, expression: string, parts: Record<string, [string, string, number]>) {
    const metrics = alarmProps(alarm).Metrics as Json[];
    expect(metrics.find((m) => m.Expression)).toMatchObject({ Expression: expression, ReturnData: true });
    expect(metrics.filter((m) => m.MetricStat)).toHaveLength(Object.keys(parts).length);
    for (const [id, [name, service, period]] of Object.entries(parts)) {
      expect(metrics.find((m) => m.Id === id), id).toMatchObject({
        ReturnData: false,
        MetricStat: { Metric: { Namespace: 'Referrals', MetricName: name, Dimensions: [{ Name: 'service', Value: service }] }, Stat: 'Sum', Period: period },
      });
    }
  }

  it('delivery outcomes from the functions\' own metrics: final failures above 20 an hour, any unconfirmed send, whichever function ended the delivery', () => {
    const { deliveryFailures, deliveryUnconfirmed } = stack.operations.alarms;
    expectAlarm(deliveryFailures, 20);
    expectAlarm(deliveryUnconfirmed, 0);
    // Both functions that send (route-referrals since the one hop, deliver-notifications) and the
    // sweep, which ends deliveries too: a lapsed lease (unconfirmed), an intent never taken up (failed).
    expectSum(deliveryUnconfirmed, 'deliveryUnconfirmed0 + deliveryUnconfirmed1 + deliveryUnconfirmed2', {
      deliveryUnconfirmed0: ['DeliveryUnconfirmed', 'route-referrals', 300],
      deliveryUnconfirmed1: ['DeliveryUnconfirmed', 'deliver-notifications', 300],
      deliveryUnconfirmed2: ['DeliveryUnconfirmed', 'sweep-timers', 300],
    });
    expectSum(deliveryFailures, 'emailFailed0 + emailFailed1 + emailFailed2 + smsFailed0 + smsFailed1 + smsFailed2', {
      emailFailed0: ['EmailFailed', 'route-referrals', 3600],
      emailFailed1: ['EmailFailed', 'deliver-notifications', 3600],
      emailFailed2: ['EmailFailed', 'sweep-timers', 3600],
      smsFailed0: ['SmsFailed', 'route-referrals', 3600],
      smsFailed1: ['SmsFailed', 'deliver-notifications', 3600],
      smsFailed2: ['SmsFailed', 'sweep-timers', 3600],
    });
  });

  it('timers: a failure in two sweeps in a row, and any quarantined timer, alarm with the runbook\'s commands', () => {
    const { timersFailed, timersQuarantined } = stack.operations.alarms;
    expectAlarm(timersFailed, 0, 'notBreaching', 2);
    expect(metricOf(timersFailed)).toMatchObject({ Namespace: 'Referrals', MetricName: 'TimersFailed', Dimensions: [{ Name: 'service', Value: 'sweep-timers' }], Stat: 'Sum', Period: 300 });
    expectAlarm(timersQuarantined, 0);
    expect(metricOf(timersQuarantined)).toMatchObject({ Namespace: 'Referrals', MetricName: 'TimersQuarantined', Dimensions: [{ Name: 'service', Value: 'sweep-timers' }], Stat: 'Sum', Period: 300 });
    for (const alarm of [timersFailed, timersQuarantined]) expect(alarmProps(alarm).AlarmDescription).toContain('npm run cli -- timers quarantined');
  });

  it('each function emits its metrics into the namespace the dashboard and alarms read', () => {
    for (const [id, fn] of ofType('AWS::Lambda::Function')) {
      const env = fn.Properties.Environment?.Variables ?? {};
      if (!env.POWERTOOLS_SERVICE_NAME) continue;
      expect(env.POWERTOOLS_METRICS_NAMESPACE, id).toBe('Referrals');
      expect(env.POWERTOOLS_METRICS_DISABLED, id).toBeUndefined();
    }
  });

  it('the Referrals dashboard has the alarms, per-function, stream, DLQ, SES and SMS widgets, and the functions\' own metrics', () => {
    const dashboard = resource(stack.operations.dashboard).Properties;
    expect(dashboard.DashboardName).toBe('Referrals');
    const body = JSON.stringify(stack.resolve(dashboard.DashboardBody));
    for (const text of [
      'Invocations',
      'Errors',
      'Duration p99',
      'p99',
      'IteratorAge',
      'ApproximateNumberOfMessagesVisible',
      'AWS/SES',
      'Reputation.BounceRate',
      'Reputation.ComplaintRate',
      'NumberOfNotificationsFailed',
      'SMSSuccessRate',
      'SMSMonthToDateSpentUSD',
    ]) {
      expect(body, text).toContain(text);
    }
    // Every alarm is on its alarm-status widget.
    for (const [id] of ofType('AWS::CloudWatch::Alarm')) expect(body, id).toContain(id);
    // The platform's own (Powertools) metrics, each read per emitting function (dimension service).
    for (const [metric, service] of [
      ['CasesRegistered', 'api'],
      ['ReferralsCreated', 'api'],
      ['ReferralAnswersRecorded', 'respond'],
      ['ResponseLinksRefused', 'respond'],
      ['EmailSent', 'deliver-notifications'],
      ['SmsSent', 'deliver-notifications'],
      ['SmsSegmentsSent', 'deliver-notifications'],
      ['EmailFailed', 'deliver-notifications'],
      ['SmsFailed', 'deliver-notifications'],
      ['DeliveryRetryScheduled', 'deliver-notifications'],
      ['DeliveryUnconfirmed', 'deliver-notifications'],
      ['EmailBouncedPermanently', 'email-events'],
      ['EmailComplained', 'email-events'],
      ['TimersFired', 'sweep-timers'],
      ['TimersFailed', 'sweep-timers'],
      ['TimersQuarantined', 'sweep-timers'],
      ['DeliveriesReleased', 'sweep-timers'],
      ['DeliveriesRequeued', 'sweep-timers'],
      ['DeliveryUnconfirmed', 'sweep-timers'],
    ]) {
      // (the body is JSON inside a JSON string: its quotes are escaped)
      expect(body, metric).toContain(`[\\"Referrals\\",\\"${metric}\\",\\"service\\",\\"${service}\\"`);
    }
  });
});
