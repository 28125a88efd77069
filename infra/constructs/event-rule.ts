import { Duration, Stack } from 'aws-cdk-lib';
import { Rule, RuleTargetInput, type EventPattern, type IRule, type RuleTargetInputProperties } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

import type { EventRuleInput, FilterPattern } from '../../events/triggers.js';
import type { HouseFunction } from './house-function.js';

export interface EventRuleInvocation {
  readonly rule: Rule;
  /** The rule's ARN, spelled out from its name (the data key's policy names it without a dependency cycle). */
  readonly ruleArn: string;
}

/**
 * Has an EventBridge rule on the account's default bus invoke the function exactly as its
 * declaration says (an `event-rule` trigger): the pattern, EventBridge's retry policy and event
 * age, and `dlq` for an event EventBridge could not hand over. EventBridge invokes Lambda
 * asynchronously, so a handler that throws is retried by Lambda itself: its asynchronous
 * invocation gets the declared retries, the same event age and the same `dlq` as its on-failure
 * destination. Nothing is dropped silently either way.
 *
 * The rule has a fixed name (`<stack>-<function>`): the DLQ is encrypted with a key whose policy
 * must let EventBridge use it for this rule only, and naming the rule's ARN through a reference
 * would make the key depend on the rule, which depends on the queue, which depends on the key.
 */
export function invokeOnEvents(fn: HouseFunction, dlq: IQueue, pattern: FilterPattern): EventRuleInvocation {
  const trigger = fn.declaration.trigger;
  if (trigger.kind !== 'event-rule') {
    throw new Error(`${fn.node.path}: ${fn.declaration.name} is not declared as an event-rule function`);
  }
  // Created beside the function, like its log group, role and schedule.
  const scope = fn.node.scope as Construct;
  const id = fn.node.id;
  const stack = Stack.of(fn);
  const ruleName = `${stack.stackName}-${fn.declaration.name}`.slice(0, 64);
  const ruleArn = stack.formatArn({ service: 'events', resource: 'rule', resourceName: ruleName });
  const maxEventAge = Duration.seconds(trigger.maxEventAgeSeconds);

  const rule = new Rule(scope, `${id}Rule`, {
    ruleName,
    description: fn.declaration.description,
    eventPattern: toEventPattern(pattern),
  });
  rule.addTarget(
    new LambdaFunction(fn, {
      retryAttempts: trigger.retryAttempts,
      maxEventAge,
      deadLetterQueue: dlq,
      ...(trigger.input ? { event: new DeclaredInput(trigger.input) } : {}),
    }),
  );
  fn.configureAsyncInvoke({ retryAttempts: trigger.handlerRetryAttempts, maxEventAge, onFailure: new SqsDestination(dlq) });

  if (dlq.encryptionMasterKey) {
    // EventBridge parks an undeliverable event with its own service principal (no role), so the
    // key policy must let it encrypt for this queue; only for events of this rule.
    dlq.encryptionMasterKey.addToResourcePolicy(
      new PolicyStatement({
        sid: `LetEventBridgeParkEventsOf${id}`,
        principals: [new ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { ArnEquals: { 'aws:SourceArn': ruleArn } },
      }),
    );
  }
  return { rule, ruleArn };
}

/** The declared input transformer as it is (the local runtime applies the very same one). */
class DeclaredInput extends RuleTargetInput {
  constructor(private readonly input: EventRuleInput) {
    super();
  }
  bind(_rule: IRule): RuleTargetInputProperties {
    return { inputPathsMap: { ...this.input.paths }, inputTemplate: this.input.template };
  }
}

/** The declaration's pattern is in EventBridge's own JSON; CDK spells `detail-type` as `detailType`. */
function toEventPattern(pattern: FilterPattern): EventPattern {
  const { 'detail-type': detailType, ...rest } = pattern;
  return { ...rest, ...(detailType === undefined ? {} : { detailType }) } as EventPattern;
}
