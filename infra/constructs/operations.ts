import { ArnFormat, CfnCondition, type CfnParameter, Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  SearchExpression,
  Stats,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { type CfnSubscription, Subscription, SubscriptionProtocol, Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

import { METRIC, METRICS_NAMESPACE, type MetricName } from '../../shared/observability/metric-names.js';
import { SENDING_FUNCTIONS } from '../../events/functions.js';
import type { HouseFunction } from './house-function.js';

/** Where every alarm description points: the runbook in the README. */
export const RUNBOOK = 'README.md, section "On AWS", runbook';

/** A stream consumer falling this far behind is alarmed (Lambda IteratorAge, maximum over 5 minutes). */
export const ITERATOR_AGE_ALARM_MS = 10 * 60 * 1000;
/** SES reviews an account at a 5% bounce rate and a 0.1% complaint rate: alarm there. */
export const SES_BOUNCE_RATE_ALARM = 0.05;
export const SES_COMPLAINT_RATE_ALARM = 0.001;
/** Percent of SmsMonthlySpendLimitUsd at which the month's SMS spend is alarmed. */
export const SMS_SPEND_ALARM_PERCENT = 80;
/** Final delivery failures (emails + SMS) in one hour above which something systemic is suspected. */
export const DELIVERY_FAILURES_ALARM_PER_HOUR = 20;
/**
 * Consecutive 5-minute periods with a timer failure before TimersFailed alarms: one failed sweep
 * item can be a blip (it is tried again), two sweeps in a row mean something keeps failing.
 */
export const TIMERS_FAILED_ALARM_PERIODS = 2;

/**
 * Months ahead the holiday file must cover: a case's clocks run 18 months from its arrival, and
 * an announced return is registered up to 12 months ahead; below 24 the next year is due (a
 * Government's calendar and the Eid dates take weeks to confirm).
 */
export const HOLIDAY_RUNWAY_ALARM_MONTHS = 24;

const FIVE_MINUTES = Duration.minutes(5);

export interface OperationsProps {
  /** Every house function, by declaration key; each gets an Errors and a Throttles alarm. */
  readonly functions: Readonly<Record<string, HouseFunction>>;
  /** The keys of `functions` fed by the table's stream; each gets an IteratorAge alarm. */
  readonly streamFunctions: readonly string[];
  /** Every dead-letter queue, by the key of the function it belongs to. */
  readonly deadLetterQueues: Readonly<Record<string, IQueue>>;
  /** The Number parameter holding the account's SNS MonthlySpendLimit (USD). */
  readonly smsMonthlySpendLimit: CfnParameter;
  /** A String parameter: an email address subscribed to the alarms topic, or empty for none. */
  readonly alarmEmail: CfnParameter;
}

/**
 * What an operator watches on AWS: one KMS-encrypted SNS topic every alarm notifies (with an
 * optional email subscription), alarms on the DLQs, the stream consumers' iterator age, each
 * function's errors and throttles, the account's SES reputation and the month's SMS spend, and
 * the `Referrals` dashboard. Every alarm description says what it means and what to do.
 */
export class Operations extends Construct {
  readonly topic: Topic;
  readonly topicKey: Key;
  /** Present only when OpsAlarmEmail is not empty (a CfnCondition). */
  readonly emailSubscription: Subscription;
  readonly emailCondition: CfnCondition;
  readonly dashboard: Dashboard;
  readonly alarms: {
    readonly dlq: Record<string, Alarm>;
    readonly iteratorAge: Record<string, Alarm>;
    readonly errors: Record<string, Alarm>;
    readonly throttles: Record<string, Alarm>;
    readonly sesBounceRate: Alarm;
    readonly sesComplaintRate: Alarm;
    readonly smsSpend: Alarm;
    readonly deliveryFailures: Alarm;
    readonly deliveryUnconfirmed: Alarm;
    readonly timersFailed: Alarm;
    readonly timersQuarantined: Alarm;
    readonly holidayRunway: Alarm;
    readonly holidayYearsAssumed: Alarm;
  };

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const stack = Stack.of(this);

    // ------------------------------------------------------------ the topic
    // A key of its own: CloudWatch cannot use the AWS-managed aws/sns key, and the data key
    // (personal data) should not be usable by CloudWatch.
    this.topicKey = new Key(this, 'TopicKey', {
      description: 'Encrypts the OpsAlarms topic (CloudWatch alarm notifications)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.topicKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'LetCloudWatchAlarmsPublishToTheEncryptedTopic',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new Topic(this, 'OpsAlarms', {
      topicName: `${stack.stackName}-OpsAlarms`,
      displayName: 'Referrals operations alarms',
      masterKey: this.topicKey,
      enforceSSL: true,
    });
    // The topic has a policy of its own (enforceSSL), which replaces SNS's default one: say that
    // this account's CloudWatch alarms may publish.
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'LetThisAccountsAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
          StringEquals: { 'aws:SourceAccount': stack.account },
        },
      }),
    );
    this.emailCondition = new CfnCondition(this, 'HasAlarmEmail', {
      expression: Fn.conditionNot(Fn.conditionEquals(props.alarmEmail.valueAsString, '')),
    });
    this.emailSubscription = new Subscription(this, 'AlarmEmail', {
      topic: this.topic,
      protocol: SubscriptionProtocol.EMAIL,
      endpoint: props.alarmEmail.valueAsString,
    });
    (this.emailSubscription.node.defaultChild as CfnSubscription).cfnOptions.condition = this.emailCondition;
    const action = new SnsAction(this.topic);

    const alarm = (alarmId: string, metric: IMetric, threshold: number, description: string, periods = 1): Alarm => {
      const a = new Alarm(this, alarmId, {
        metric,
        threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: periods,
        datapointsToAlarm: periods,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: `${description} Runbook: ${RUNBOOK}.`,
      });
      a.addAlarmAction(action);
      return a;
    };

    // ------------------------------------------------------------ DLQs
    const dlq: Record<string, Alarm> = {};
    const dlqDepth: Record<string, Metric> = {};
    for (const [key, queue] of Object.entries(props.deadLetterQueues)) {
      const fnName = props.functions[key]?.declaration.name ?? key;
      dlqDepth[key] = queue.metricApproximateNumberOfMessagesVisible({ statistic: Stats.MAXIMUM, period: FIVE_MINUTES, label: fnName });
      dlq[key] = alarm(
        `${pascal(key)}DlqNotEmpty`,
        dlqDepth[key],
        0,
        `A failed batch or event of ${fnName} is parked in its dead-letter queue (ApproximateNumberOfMessagesVisible > 0). ` +
          `Do: "npm run cli -- dlq list --queue-url <${pascal(key)}DlqUrl output>", fix the cause (the function's logs around the first arrival), ` +
          'then "dlq redrive --all"; past the stream\'s 24-hour retention see "npm run cli -- dlq help".',
      );
    }

    // ------------------------------------------------------------ stream consumers
    const iteratorAge: Record<string, Alarm> = {};
    const iteratorAgeMetrics: Metric[] = [];
    for (const key of props.streamFunctions) {
      const fn = props.functions[key]!;
      const metric = fn.metric('IteratorAge', { statistic: Stats.MAXIMUM, period: FIVE_MINUTES, label: fn.declaration.name });
      iteratorAgeMetrics.push(metric);
      iteratorAge[key] = alarm(
        `${pascal(key)}IteratorAge`,
        metric,
        ITERATOR_AGE_ALARM_MS,
        `${fn.declaration.name} is more than ${ITERATOR_AGE_ALARM_MS / 60_000} minutes behind the table's stream (Lambda IteratorAge, maximum over 5 minutes). ` +
          'Records older than an hour go to its DLQ unprocessed. Do: check its Errors, Throttles and Duration on the Referrals dashboard and its logs; ' +
          'a batch that keeps failing is retried (bisected) and then parked; fix the cause and watch the age fall.',
      );
    }

    // ------------------------------------------------------------ every function
    const errors: Record<string, Alarm> = {};
    const throttles: Record<string, Alarm> = {};
    for (const [key, fn] of Object.entries(props.functions)) {
      const name = fn.declaration.name;
      errors[key] = alarm(
        `${pascal(key)}Errors`,
        fn.metricErrors({ statistic: Stats.SUM, period: FIVE_MINUTES }),
        0,
        `${name} failed an invocation (Lambda Errors, sum over 5 minutes > 0: the handler threw or timed out). ` +
          `Do: read its log group (errors carry ids, never personal data); ${FAILURE_PATH[fn.declaration.trigger.kind]}`,
      );
      throttles[key] = alarm(
        `${pascal(key)}Throttles`,
        fn.metricThrottles({ statistic: Stats.SUM, period: FIVE_MINUTES }),
        0,
        `${name} was throttled (Lambda Throttles, sum over 5 minutes > 0): the account's or region's concurrency is exhausted. ` +
          'Do: look for a runaway caller or a flood on the API (the dashboard\'s invocations), and if the load is real request a higher Lambda concurrency quota.',
      );
    }

    // ------------------------------------------------------------ SES reputation (account level)
    const sesMetric = (metricName: string, statistic: string, period = FIVE_MINUTES) =>
      new Metric({ namespace: 'AWS/SES', metricName, statistic, period, label: metricName });
    const bounceRate = sesMetric('Reputation.BounceRate', Stats.MAXIMUM, Duration.hours(1));
    const complaintRate = sesMetric('Reputation.ComplaintRate', Stats.MAXIMUM, Duration.hours(1));
    const sesBounceRate = alarm(
      'SesBounceRate',
      bounceRate,
      SES_BOUNCE_RATE_ALARM,
      `The account's SES bounce rate is above ${SES_BOUNCE_RATE_ALARM * 100}% (AWS/SES Reputation.BounceRate; SES puts the account under review at 5% and may pause sending at 10%). ` +
        'Do: find the bounced addresses (email-events marks them undeliverable; coordinators get alert.address_undeliverable), correct the directory\'s office addresses, and check the SES reputation dashboard.',
    );
    const sesComplaintRate = alarm(
      'SesComplaintRate',
      complaintRate,
      SES_COMPLAINT_RATE_ALARM,
      `The account's SES complaint rate is above ${SES_COMPLAINT_RATE_ALARM * 100}% (AWS/SES Reputation.ComplaintRate; SES puts the account under review at 0.1%). ` +
        'Do: see which addresses complained (suppressed as "complained"), ask the municipality whether those offices should receive the emails at all, and check the SES reputation dashboard.',
    );

    // ------------------------------------------------------------ SMS spend
    // An alarm threshold is a plain number, and CloudFormation has no arithmetic to take 80% of a
    // Number parameter; metric math can: the spend as a percentage of SmsMonthlySpendLimitUsd
    // (the parameter's value written into the expression at deploy), alarmed at a fixed 80.
    const smsSpent = new Metric({ namespace: 'AWS/SNS', metricName: 'SMSMonthToDateSpentUSD', statistic: Stats.MAXIMUM, period: FIVE_MINUTES, label: 'SMS spent this month (USD)' });
    const smsSpendPercent = new MathExpression({
      expression: `100 * spent / ${props.smsMonthlySpendLimit.valueAsString}`,
      usingMetrics: { spent: smsSpent },
      period: FIVE_MINUTES,
      label: '% of SmsMonthlySpendLimitUsd',
    });
    const smsSpend = alarm(
      'SmsSpend',
      smsSpendPercent,
      SMS_SPEND_ALARM_PERCENT,
      `This month's SMS spend passed ${SMS_SPEND_ALARM_PERCENT}% of SmsMonthlySpendLimitUsd (AWS/SNS SMSMonthToDateSpentUSD). At 100% SNS stops sending SMS for the rest of the month ` +
        '(each refused SMS becomes a call-or-visit follow-up). Do: check for a loop or an unexpected volume (deliver-notifications invocations, "npm run cli -- templates" segment counts); ' +
        'if the volume is real, raise the quota with AWS Support and redeploy with a higher SmsMonthlySpendLimitUsd.',
    );

    // ------------------------------------------------------------ the platform's own metrics (Powertools, EMF)
    const sweepName = props.functions.sweepTimers?.declaration.name ?? 'sweep-timers';
    const app = (metricName: MetricName, service: string, period = FIVE_MINUTES, statistic: string = Stats.SUM) =>
      new Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: { service }, statistic, period, label: metricName });
    // Every function granted a send records its deliveries' outcomes under its own name: the
    // deliver function, and route-referrals since the one hop. Read from the wiring (SENDING_FUNCTIONS), so a function
    // that starts sending is in the alarms without anyone remembering to add it.
    const deployed = new Set(Object.values(props.functions).map((fn) => fn.declaration.name));
    const senders = SENDING_FUNCTIONS.filter((name) => deployed.has(name));
    /** Metrics summed over the senders (and the sweep, where it ends deliveries too): one expression, flat, as an alarm takes at most 10 metrics. */
    const summed = (metricNames: readonly MetricName[], label: string, period: Duration, withSweep: boolean) => {
      const services = withSweep ? [...senders, sweepName] : senders;
      const usingMetrics = Object.fromEntries(metricNames.flatMap((metricName) => services.map((service, n) => [`${metricName[0]!.toLowerCase()}${metricName.slice(1)}${n}`, app(metricName, service, period)])));
      return new MathExpression({ expression: Object.keys(usingMetrics).join(' + '), usingMetrics, period, label });
    };
    // The senders and the sweep all end deliveries: an attempt's outcome, or one the sweep
    // reconciles (a lapsed lease: unconfirmed; an intent never taken up: failed).
    const failuresPerHour = summed([METRIC.emailFailed, METRIC.smsFailed], 'final delivery failures / hour', Duration.hours(1), true);
    const unconfirmed = summed([METRIC.deliveryUnconfirmed], 'unconfirmed sends', FIVE_MINUTES, true);
    // Single failures are normal (a wrong number, a full mailbox) and reach the coordinators as
    // follow-ups; many in an hour mean a provider, template or directory problem.
    const deliveryFailures = alarm(
      'DeliveryFailures',
      failuresPerHour,
      DELIVERY_FAILURES_ALARM_PER_HOUR,
      `More than ${DELIVERY_FAILURES_ALARM_PER_HOUR} emails and SMS failed for good within an hour (Referrals EmailFailed + SmsFailed, from every function that sends — deliver-notifications, route-referrals — and sweep-timers). Each is already a call-or-visit follow-up; this many suggests a common cause. ` +
        'Do: group the failures by code in the sending functions\' logs ("notification failed for good"): SegmentCapExceeded → shorten the texts or raise the directory\'s sms.maxSegments; ' +
        'AddressUndeliverable → correct the directory; attempts-exhausted or age-exceeded → a provider outage or quota (SES sending quota, SNS spend limit); ' +
        'NotTakenUp (sweep-timers\' "delivery never taken up") → deliver-notifications did not get its stream records for hours: its IteratorAge, Errors and DLQ.',
    );
    const deliveryUnconfirmed = alarm(
      'DeliveryUnconfirmed',
      unconfirmed,
      0,
      'Whether an email or SMS went out is unknown: a send attempt died holding its lease (found by a redelivery or by the sweep at the lease\'s end), or the provider gave no clear answer ' +
        '(a timeout, a 5xx, a dropped connection). It was marked unconfirmed rather than sent again (Referrals DeliveryUnconfirmed > 0, the sending functions + sweep-timers) and is in the ' +
        'municipality\'s follow-up list; for an SMS the coordinator was emailed. Do: the sending functions\' logs ("provider gave no clear answer" with the code, or errors and timeouts ' +
        'around that time); many at once point at a provider incident (AWS Health Dashboard for SES/SNS in the region).',
    );
    const timersFailed = alarm(
      'TimersFailed',
      app(METRIC.timersFailed, sweepName),
      0,
      `A due timer or delivery kept failing in the sweep (Referrals TimersFailed > 0 in ${TIMERS_FAILED_ALARM_PERIODS} consecutive 5-minute periods). A failing timer is tried again with a growing wait and ` +
        'quarantined after a few attempts, so the sweep goes on with the rest. Do: sweep-timers\' logs ("due item failed": its type, kind and error name); fix the cause ' +
        '(e.g. a year missing from the holidays file), then "npm run cli -- timers quarantined" and "timers retry" for any that were quarantined.',
      TIMERS_FAILED_ALARM_PERIODS,
    );
    const timersQuarantined = alarm(
      'TimersQuarantined',
      app(METRIC.timersQuarantined, sweepName),
      0,
      'A timer (a reminder, an escalation, a case\'s clock) failed every attempt and was quarantined: it will not fire until an operator acts (Referrals TimersQuarantined > 0). ' +
        'Do: "npm run cli -- timers quarantined" (ids, kind, error, never personal data), fix the cause from sweep-timers\' logs, then "npm run cli -- timers retry <pk> <sk>" ' +
        '(it fires at the next sweep); tell the case\'s coordinator if its moment has passed.',
    );

    // ------------------------------------------------------------ the holiday calendar's runway
    // report-indicators says every morning how many whole months ahead the bundled holiday file
    // reaches; the lowest value of a day below the threshold alarms. A gauge has no "greater
    // than", so this alarm is built here rather than with alarm().
    const reportName = props.functions.reportIndicators?.declaration.name ?? 'report-indicators';
    const runwayMonths = app(METRIC.holidayCalendarRunwayMonths, reportName, Duration.days(1), Stats.MINIMUM);
    const holidayRunway = new Alarm(this, 'HolidayCalendarRunway', {
      metric: runwayMonths,
      threshold: HOLIDAY_RUNWAY_ALARM_MONTHS,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription:
        `The bundled holiday file (shared/domain/data/holidays.json) covers less than ${HOLIDAY_RUNWAY_ALARM_MONTHS} months ahead (Referrals HolidayCalendarRunwayMonths, daily minimum, from report-indicators). ` +
        'A case\'s clocks reach 18 months past its arrival; a year the file lacks is then planned with weekends only. Do: "npm run cli -- holidays draft <next year>", check its Eid dates against the ' +
        `Government's decision, add it to the file (with its "sources" entry), npm run test:unit, deploy. Runbook: ${RUNBOOK}.`,
    });
    holidayRunway.addAlarmAction(action);
    const holidayYearsAssumed = alarm(
      'HolidayYearsAssumed',
      app(METRIC.holidayYearsAssumed, props.functions.api?.declaration.name ?? 'api', Duration.hours(1)),
      0,
      'The API planned a case or referral into a year the holiday file lacks, with weekends only (Referrals HolidayYearsAssumed > 0 in an hour; the api log\'s warning names the year). ' +
        'The runway alarm was missed. Do: add the year ("npm run cli -- holidays draft <year>", check the Eid dates, the file\'s "sources"), deploy; the clocks already planned ring on a working ' +
        'morning all the same, perhaps on that year\'s holidays: tell the coordinators.',
    );

    this.alarms = {
      dlq,
      iteratorAge,
      errors,
      throttles,
      sesBounceRate,
      sesComplaintRate,
      smsSpend,
      deliveryFailures,
      deliveryUnconfirmed,
      timersFailed,
      timersQuarantined,
      holidayRunway,
      holidayYearsAssumed,
    };

    // ------------------------------------------------------------ the dashboard
    const fns = Object.values(props.functions);
    const perFunction = (title: string, metric: (fn: HouseFunction) => IMetric) =>
      new GraphWidget({ title, width: 8, height: 6, left: fns.map(metric) });
    const allAlarms = [
      ...Object.values(dlq),
      ...Object.values(iteratorAge),
      ...Object.values(errors),
      ...Object.values(throttles),
      sesBounceRate,
      sesComplaintRate,
      smsSpend,
      deliveryFailures,
      deliveryUnconfirmed,
      timersFailed,
      timersQuarantined,
      holidayRunway,
      holidayYearsAssumed,
    ];
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: 'Referrals',
      defaultInterval: Duration.days(1),
    });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# Referrals\nAlarms notify the OpsAlarms topic; what to do is in each alarm's description and in ${RUNBOOK}. The "${METRICS_NAMESPACE}" graphs are the functions' own metrics (Powertools, EMF).`,
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(new AlarmStatusWidget({ title: 'Alarms', alarms: allAlarms, width: 24, height: 6 }));
    const name = (key: string, fallback: string) => props.functions[key]?.declaration.name ?? fallback;
    this.dashboard.addWidgets(
      new GraphWidget({
        title: `${METRICS_NAMESPACE}: cases, referrals, office answers (sum / 5 min)`,
        width: 8,
        height: 6,
        left: [app(METRIC.casesRegistered, name('api', 'api')), app(METRIC.referralsCreated, name('api', 'api')), app(METRIC.referralAnswersRecorded, name('respond', 'respond'))],
        right: [app(METRIC.responseLinksRefused, name('respond', 'respond'))],
      }),
      new GraphWidget({
        title: `${METRICS_NAMESPACE}: emails and SMS sent, retried, failed (sum / 5 min)`,
        width: 8,
        height: 6,
        left: [METRIC.emailSent, METRIC.smsSent, METRIC.deliveryRetryScheduled].map((m) => summed([m], m, FIVE_MINUTES, false)),
        right: [METRIC.emailFailed, METRIC.smsFailed, METRIC.deliveryUnconfirmed].map((m) => summed([m], m, FIVE_MINUTES, false)),
      }),
      new GraphWidget({
        title: `${METRICS_NAMESPACE}: SMS segments billed, SES events, timers (sum / 5 min)`,
        width: 8,
        height: 6,
        left: [summed([METRIC.smsSegmentsSent], METRIC.smsSegmentsSent, FIVE_MINUTES, false), app(METRIC.timersFired, name('sweepTimers', 'sweep-timers')), app(METRIC.deliveriesReleased, name('sweepTimers', 'sweep-timers'))],
        right: [
          app(METRIC.emailBouncedPermanently, name('emailEvents', 'email-events')),
          app(METRIC.emailComplained, name('emailEvents', 'email-events')),
          app(METRIC.timersFailed, sweepName),
          app(METRIC.timersQuarantined, sweepName),
          app(METRIC.deliveriesRequeued, sweepName),
          app(METRIC.deliveryUnconfirmed, sweepName),
        ],
      }),
    );
    this.dashboard.addWidgets(
      perFunction('Invocations (sum / 5 min)', (fn) => fn.metricInvocations({ statistic: Stats.SUM, period: FIVE_MINUTES, label: fn.declaration.name })),
      perFunction('Errors (sum / 5 min)', (fn) => fn.metricErrors({ statistic: Stats.SUM, period: FIVE_MINUTES, label: fn.declaration.name })),
      perFunction('Duration p99 (ms)', (fn) => fn.metricDuration({ statistic: Stats.percentile(99), period: FIVE_MINUTES, label: fn.declaration.name })),
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Stream iterator age (max, ms)', width: 12, height: 6, left: iteratorAgeMetrics, leftAnnotations: [{ value: ITERATOR_AGE_ALARM_MS, label: 'alarm' }] }),
      new GraphWidget({ title: 'DLQ depth (messages visible, max)', width: 12, height: 6, left: Object.values(dlqDepth) }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'SES (account): sends, deliveries, bounces, complaints',
        width: 12,
        height: 6,
        left: ['Send', 'Delivery', 'Bounce', 'Complaint', 'Reject'].map((m) => sesMetric(m, Stats.SUM)),
      }),
      new GraphWidget({
        title: 'SES reputation (account)',
        width: 12,
        height: 6,
        left: [bounceRate, complaintRate],
        leftAnnotations: [
          { value: SES_BOUNCE_RATE_ALARM, label: 'bounce alarm' },
          { value: SES_COMPLAINT_RATE_ALARM, label: 'complaint alarm' },
        ],
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'SMS delivered / failed (SNS, direct to phone numbers)',
        width: 8,
        height: 6,
        left: [
          new SearchExpression({
            expression: "SEARCH('{AWS/SNS,PhoneNumber} MetricName=\"NumberOfNotificationsDelivered\" OR MetricName=\"NumberOfNotificationsFailed\"', 'Sum', 300)",
            label: '',
          }),
        ],
      }),
      new GraphWidget({
        title: 'SMS success rate (SNS, by country and type)',
        width: 8,
        height: 6,
        left: [new SearchExpression({ expression: "SEARCH('{AWS/SNS,Country,SMSType} MetricName=\"SMSSuccessRate\"', 'Average', 300)", label: '' })],
      }),
      new GraphWidget({
        title: 'SMS spend this month',
        width: 8,
        height: 6,
        left: [smsSpent],
        right: [smsSpendPercent],
        rightAnnotations: [{ value: SMS_SPEND_ALARM_PERCENT, label: 'alarm (% of limit)' }],
      }),
    );
  }
}

const FAILURE_PATH: Record<HouseFunction['declaration']['trigger']['kind'], string> = {
  http: 'the caller got a 5xx; API Gateway\'s access log (routeKey, status) shows which route.',
  'dynamodb-stream':
    'the mapping retries the batch (bisecting) up to 3 times and then parks it in the function\'s DLQ (its own alarm); redrive with "npm run cli -- dlq redrive" once fixed.',
  schedule:
    'EventBridge Scheduler invokes it asynchronously: Lambda retries twice, then parks the run in the function\'s DLQ (its on-failure destination); after fixing the cause, npm run cli -- dlq redrive runs it again with its schedule input.',
  'event-rule':
    'Lambda retries the SES event twice and then parks it in the function\'s DLQ (its own alarm); redrive with "npm run cli -- dlq redrive" once fixed.',
};

/** routeReferrals → RouteReferrals. */
function pascal(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}
