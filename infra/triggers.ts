import { Duration, type Stack, Validations } from 'aws-cdk-lib';
import type { HttpRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';

import { eventPatternOf, FUNCTIONS, type FunctionKey } from '../events/triggers.js';
import { type EventRuleInvocation, invokeOnEvents } from './constructs/event-rule.js';
import type { HouseFunction, ScheduledInvocation } from './constructs/house-function.js';
import { addHttpRoutes, type RouteTargets } from './http-api.js';
import { pascalCase } from './naming.js';

type KeysOfKind<Kind extends string> = {
  [K in FunctionKey]: (typeof FUNCTIONS)[K]['trigger']['kind'] extends Kind ? K : never;
}[FunctionKey];
/** Functions fed by the table's stream. */
export type StreamFunctionKey = KeysOfKind<'dynamodb-stream'>;
/** Functions invoked by EventBridge Scheduler. */
export type ScheduledFunctionKey = KeysOfKind<'schedule'>;

/** Functions invoked through the HTTP API. */
export type HttpFunctionKey = KeysOfKind<'http'>;
/** Functions invoked by an EventBridge rule (SES events). */
export type EventRuleFunctionKey = KeysOfKind<'event-rule'>;
/** Functions with a dead-letter queue: every one not invoked through the HTTP API. */
export type DlqFunctionKey = StreamFunctionKey | ScheduledFunctionKey | EventRuleFunctionKey;

const DLQ_RETENTION = Duration.days(14);

/** What wiring the declared triggers made. */
export interface Triggers {
  /** The routes of each HTTP function, as declared (events/triggers.ts). */
  readonly httpRoutes: Record<HttpFunctionKey, HttpRoute[]>;
  /** One DLQ per stream, scheduled or event-rule function. */
  readonly deadLetterQueues: Record<DlqFunctionKey, Queue>;
  /** One EventBridge rule per event-rule function. */
  readonly eventRules: Record<EventRuleFunctionKey, EventRuleInvocation>;
  /** One schedule (and its invoking role) per scheduled function. */
  readonly schedules: Record<ScheduledFunctionKey, ScheduledInvocation>;
}

/** Triggers, from the declarations: each function's stream, schedule, routes or event rule, in FUNCTIONS' order. */
export function wireTriggers(
  stack: Stack,
  { functions, table, dataKey, routeTargets, configurationSetName }: {
    functions: Record<FunctionKey, HouseFunction>;
    table: ITable;
    /** Encrypts the DLQs. */
    dataKey: IKey;
    routeTargets: RouteTargets;
    configurationSetName: string;
  },
): Triggers {
  const httpRoutesByFunction: Partial<Record<FunctionKey, HttpRoute[]>> = {};
  const deadLetterQueues: Partial<Record<FunctionKey, Queue>> = {};
  const schedules: Partial<Record<FunctionKey, ScheduledInvocation>> = {};
  const eventRules: Partial<Record<FunctionKey, EventRuleInvocation>> = {};
  for (const key of Object.keys(FUNCTIONS) as FunctionKey[]) {
    const fn = functions[key];
    const id = pascalCase(key);
    switch (fn.declaration.trigger.kind) {
      case 'dynamodb-stream': {
        const dlq = deadLetterQueue(stack, dataKey, `${id}Dlq`, 'the on-failure destination of a stream event source mapping');
        fn.subscribeToStream(table, dlq);
        deadLetterQueues[key] = dlq;
        break;
      }
      case 'schedule': {
        const dlq = deadLetterQueue(stack, dataKey, `${id}Dlq`, 'the dead-letter queue of an EventBridge Scheduler schedule');
        schedules[key] = fn.invokeOnSchedule(dlq);
        deadLetterQueues[key] = dlq;
        break;
      }
      case 'http':
        httpRoutesByFunction[key] = addHttpRoutes(routeTargets, id, fn);
        break;
      case 'event-rule': {
        const dlq = deadLetterQueue(stack, dataKey, `${id}Dlq`, 'the dead-letter queue of an EventBridge rule target and of the function\'s asynchronous invocations');
        eventRules[key] = invokeOnEvents(fn, dlq, eventPatternOf(fn.declaration.trigger, configurationSetName));
        deadLetterQueues[key] = dlq;
        break;
      }
    }
  }
  return {
    httpRoutes: httpRoutesByFunction as Record<HttpFunctionKey, HttpRoute[]>,
    deadLetterQueues: deadLetterQueues as Record<DlqFunctionKey, Queue>,
    eventRules: eventRules as Record<EventRuleFunctionKey, EventRuleInvocation>,
    schedules: schedules as Record<ScheduledFunctionKey, ScheduledInvocation>,
  };
}

/** One DLQ per stream or scheduled function: KMS-encrypted with the data key, TLS only, kept 14 days. */
function deadLetterQueue(stack: Stack, dataKey: IKey, id: string, role: string): Queue {
  const queue = new Queue(stack, id, {
    encryption: QueueEncryption.KMS,
    encryptionMasterKey: dataKey,
    enforceSSL: true,
    retentionPeriod: DLQ_RETENTION,
  });
  const reason = `This queue IS a dead-letter queue (${role}); a DLQ of a DLQ would only move the same records one hop further.`;
  Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason }, { id: 'Serverless-SQSRedrivePolicy', reason });
  return queue;
}
