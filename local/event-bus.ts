import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { eventPatternOf, transformEventInput, type EventRuleTrigger } from '../events/triggers.js';
import { matchesPattern, type Pattern } from '../shared/stream/filter-pattern.js';

/**
 * The local stand-in for the account's default EventBridge bus and the rules on it. Locally
 * nothing publishes to it by itself (the SES emulator emits no events), so tests and the demo put
 * events on it, e.g. an SES bounce: every rule declared in events/triggers.ts whose pattern
 * matches invokes its handler module as Lambda's asynchronous invocation would: the first try
 * plus the declared retries (back to back here, a minute or two apart on AWS), then an
 * on-failure record in the function's DLQ.
 */

/** An event as EventBridge delivers it to a target. */
export interface EventBridgeEvent<D = unknown> {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: D;
}

export type EventHandler = (event: EventBridgeEvent, context: Context) => Promise<unknown>;

/** What Lambda sends to an asynchronous invocation's on-failure destination (the request payload included). */
export interface AsyncFailureRecord {
  version: '1.0';
  timestamp: string;
  requestContext: { requestId: string; functionArn: string; condition: 'RetriesExhausted'; approximateInvokeCount: number };
  requestPayload: EventBridgeEvent;
  responseContext: { statusCode: 200; executedVersion: '$LATEST'; functionError: 'Unhandled' };
  /** The error's name only: its message may quote the event. */
  responsePayload: { errorType: string };
}

export interface EventRuleTarget {
  name: string;
  trigger: EventRuleTrigger;
  handler: EventHandler;
  timeoutSeconds: number;
  memoryMb: number;
}

export interface EventDelivery {
  functionName: string;
  attempts: number;
  result?: unknown;
  error?: unknown;
}

export interface LocalEventBusOptions {
  targets: EventRuleTarget[];
  region: string;
  account: string;
  /** The configuration set the SES rules are scoped to (SES_CONFIGURATION_SET). */
  sesConfigurationSet: string;
  now: () => Date;
  onFailure: (record: AsyncFailureRecord) => void;
}

export class LocalEventBus {
  constructor(private readonly opts: LocalEventBusOptions) {}

  /** An event as EventBridge would build it around `detail` (id and time fresh, as for every publication). */
  envelope<D>(source: string, detailType: string, detail: D, resources: string[] = []): EventBridgeEvent<D> {
    return {
      version: '0',
      id: randomUUID(),
      'detail-type': detailType,
      source,
      account: this.opts.account,
      // EventBridge's own precision: whole seconds.
      time: this.opts.now().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: this.opts.region,
      resources,
      detail,
    };
  }

  /** Puts `event` on the bus; each matching rule's function is invoked. Resolves when all are done. */
  async put(event: EventBridgeEvent): Promise<EventDelivery[]> {
    const matching = this.opts.targets.filter((t) => matchesPattern(event, eventPatternOf(t.trigger, this.opts.sesConfigurationSet)));
    return Promise.all(matching.map((t) => this.invokeAsync(t, event)));
  }

  private async invokeAsync(t: EventRuleTarget, original: EventBridgeEvent): Promise<EventDelivery> {
    // What the rule hands the function (its input transformer, as on AWS): also what is parked on failure.
    const event = (t.trigger.input ? transformEventInput(t.trigger.input, original) : original) as EventBridgeEvent;
    const tries = 1 + t.trigger.handlerRetryAttempts;
    let error: unknown;
    for (let attempt = 1; attempt <= tries; attempt++) {
      try {
        // Each try gets its own copy, as each Lambda invocation deserialises the event afresh.
        const result = await t.handler(structuredClone(event), this.context(t));
        return { functionName: t.name, attempts: attempt, result };
      } catch (err) {
        error = err;
      }
    }
    this.opts.onFailure({
      version: '1.0',
      timestamp: this.opts.now().toISOString(),
      requestContext: { requestId: randomUUID(), functionArn: this.functionArn(t), condition: 'RetriesExhausted', approximateInvokeCount: tries },
      requestPayload: event,
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: (error as Error)?.name ?? 'Error' },
    });
    return { functionName: t.name, attempts: tries, error };
  }

  private functionArn(t: EventRuleTarget): string {
    return `arn:aws:lambda:${this.opts.region}:${this.opts.account}:function:${t.name}`;
  }

  private context(t: EventRuleTarget): Context {
    const deadline = Date.now() + t.timeoutSeconds * 1000;
    return {
      callbackWaitsForEmptyEventLoop: false,
      functionName: t.name,
      functionVersion: '$LATEST',
      invokedFunctionArn: this.functionArn(t),
      memoryLimitInMB: String(t.memoryMb),
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/${t.name}`,
      logStreamName: 'local',
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
  }
}

/**
 * EventBridge's pattern matching: the same matcher the stream filters use (the two services share
 * one pattern language), including a field that is itself a list (SES message tags are
 * `{ name: [value] }`), which matches when any element does.
 */
export const matchesEventPattern: (event: unknown, pattern: Pattern) => boolean = matchesPattern;
