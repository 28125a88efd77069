/**
 * One declaration of every function's trigger, read by both the CDK stack (infra/) and the
 * local runtime (local/), so the two cannot drift.
 *
 * Stream filters use Lambda's filter-criteria pattern syntax. Only INSERTs of the item types a
 * function decides on pass, plus the one MODIFY that means "send now" (a deferred SMS released at
 * 08:00): the functions' other status writes and TTL deletions (REMOVE) never reach them.
 */

export type FilterPattern = Record<string, unknown>;

export interface StreamTrigger {
  kind: 'dynamodb-stream';
  /** Lambda filter criteria patterns (OR-ed). */
  filters: FilterPattern[];
  batchSize: number;
  /** Lambda's MaximumBatchingWindowInSeconds. */
  maxBatchingWindowSeconds: number;
  /** Retries of a failing batch before it is parked in the DLQ (Lambda: MaximumRetryAttempts). */
  retryAttempts: number;
  /** Records older than this go to the DLQ unprocessed (Lambda: MaximumRecordAgeInSeconds). */
  maxRecordAgeSeconds: number;
  bisectBatchOnError: boolean;
  reportBatchItemFailures: true;
  startingPosition: 'TRIM_HORIZON' | 'LATEST';
}

export interface HttpRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway HTTP API path, with {param} placeholders. */
  path: string;
}

export interface HttpTriggerAuth {
  /**
   * 'iam': coordinators' tooling signs requests (SigV4) and API Gateway's IAM authorizer checks
   * them; locally the HTTP server stands in with a development bearer token. 'none': anyone
   * holding the URL (offices' signed links, verified by the function itself).
   */
  auth: 'iam' | 'none';
}

export interface HttpTrigger extends HttpTriggerAuth {
  kind: 'http';
  routes: HttpRoute[];
}

export interface ScheduleTrigger {
  kind: 'schedule';
  /**
   * EventBridge Scheduler expression: `rate(N minutes)` or `cron(min hour day month weekday year)`,
   * evaluated in `timeZone`. The local scheduler reads the same declaration.
   */
  expression: string;
  timeZone: 'Europe/Belgrade';
  /** Scheduler's own retry policy before the event goes to the schedule's DLQ. */
  retryAttempts: number;
  maxEventAgeSeconds: number;
  /** The payload the schedule sends (Scheduler passes it as the function's event). */
  input: Record<string, unknown>;
}

/**
 * An EventBridge rule on the account's default bus (where AWS services such as SES publish),
 * with the function as its target. EventBridge invokes the function asynchronously: its own
 * retry policy covers handing the event to Lambda; Lambda's retries cover a handler that throws.
 * Either way an event that exhausts them is parked in the function's DLQ.
 */
export interface EventRuleTrigger {
  kind: 'event-rule';
  source: string;
  detailTypes: readonly string[];
  /**
   * Only SES events of the platform's own configuration set: the default bus carries the events
   * of every configuration set in the account that publishes to EventBridge.
   */
  sesConfigurationSetOnly: boolean;
  /** EventBridge's retries when it cannot hand the event to Lambda (throttled, unavailable). */
  retryAttempts: number;
  /** Past this age neither EventBridge nor Lambda tries any more (Lambda allows at most 6 hours). */
  maxEventAgeSeconds: number;
  /** Lambda's retries of an event whose handler threw (asynchronous invocation: 0 to 2). */
  handlerRetryAttempts: 0 | 1 | 2;
}

export type Trigger = StreamTrigger | HttpTrigger | ScheduleTrigger | EventRuleTrigger;

/** The rule's event pattern, built the same way by the CDK stack and the local runtime. */
export function eventPatternOf(trigger: EventRuleTrigger, sesConfigurationSet: string): FilterPattern {
  return {
    source: [trigger.source],
    'detail-type': [...trigger.detailTypes],
    ...(trigger.sesConfigurationSetOnly ? { detail: { mail: { tags: { 'ses:configuration-set': [sesConfigurationSet] } } } } : {}),
  };
}

export interface FunctionDeclaration {
  /** Folder under functions/ holding handler.ts. */
  name: string;
  description: string;
  trigger: Trigger;
  memoryMb: number;
  timeoutSeconds: number;
}

const streamDefaults = {
  kind: 'dynamodb-stream',
  maxBatchingWindowSeconds: 0,
  retryAttempts: 3,
  maxRecordAgeSeconds: 3600,
  bisectBatchOnError: true,
  reportBatchItemFailures: true,
  startingPosition: 'TRIM_HORIZON',
} as const;

/**
 * How deliver-notifications retries a throttled or transient provider error: through the table
 * (deferred intent, released by the sweep every 5 minutes), waiting about 2, 4, 8 … minutes up to
 * an hour between attempts, and failing for good after 8 attempts or 24 hours. The SDK's own
 * retries cover the short blips within one attempt.
 */
export const DELIVERY_RETRY = { maxAttempts: 8, baseSeconds: 120, capSeconds: 3600, maxAgeHours: 24 } as const;

export const FUNCTIONS = {
  api: {
    name: 'api',
    description: 'Intake HTTP API: cases and referrals',
    trigger: {
      kind: 'http',
      auth: 'iam',
      routes: [
        { method: 'POST', path: '/cases' },
        { method: 'GET', path: '/cases/{caseId}' },
        { method: 'POST', path: '/cases/{caseId}/referrals' },
        { method: 'POST', path: '/cases/{caseId}/referrals/{referralId}/cancel' },
        { method: 'POST', path: '/cases/{caseId}/assessment' },
        { method: 'POST', path: '/cases/{caseId}/home-visit' },
        { method: 'POST', path: '/cases/{caseId}/appointments' },
        { method: 'PUT', path: '/cases/{caseId}/appointments/{appointmentId}' },
        { method: 'DELETE', path: '/cases/{caseId}/appointments/{appointmentId}' },
        { method: 'POST', path: '/cases/{caseId}/close' },
        { method: 'PUT', path: '/cases/{caseId}/sms-opt-out' },
        { method: 'GET', path: '/municipalities/{municipalityId}/follow-ups' },
        { method: 'POST', path: '/municipalities/{municipalityId}/follow-ups/{followUpId}' },
        { method: 'GET', path: '/municipalities/{municipalityId}/meetings' },
        { method: 'POST', path: '/meetings' },
        { method: 'GET', path: '/meetings/{meetingId}' },
        { method: 'PUT', path: '/meetings/{meetingId}' },
        { method: 'DELETE', path: '/meetings/{meetingId}' },
        { method: 'POST', path: '/meetings/{meetingId}/minutes' },
        { method: 'PUT', path: '/municipalities/{municipalityId}/coordinators/{coordinatorId}/digest' },
        { method: 'GET', path: '/municipalities/{municipalityId}/indicators/{quarter}' },
      ],
    },
    memoryMb: 512,
    timeoutSeconds: 10,
  },
  routeReferrals: {
    name: 'route-referrals',
    description: 'Decides who must be told about a new referral and writes notification intents',
    trigger: {
      ...streamDefaults,
      filters: [
        { eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['Referral'] }, status: { S: ['created'] } } } },
        // A referral that waited for another one is released (waiting → created).
        { eventName: ['MODIFY'], dynamodb: { OldImage: { status: { S: ['waiting'] } }, NewImage: { type: { S: ['Referral'] }, status: { S: ['created'] } } } },
      ],
      batchSize: 10,
    },
    memoryMb: 512,
    timeoutSeconds: 30,
  },
  deliverNotifications: {
    name: 'deliver-notifications',
    description: 'Delivers queued notification intents by email (SES v2) and SMS (SNS)',
    trigger: {
      ...streamDefaults,
      filters: [
        { eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['Intent'] }, status: { S: ['queued'] } } } },
        // A deferred SMS released by the sweep at 08:00 (deferred → queued).
        {
          eventName: ['MODIFY'],
          dynamodb: { OldImage: { status: { S: ['deferred'] } }, NewImage: { type: { S: ['Intent'] }, status: { S: ['queued'] } } },
        },
      ],
      batchSize: 10,
    },
    memoryMb: 512,
    timeoutSeconds: 30,
  },
  respond: {
    name: 'respond',
    description: "Offices' one-click answers: signed links open a page (GET) and confirm (POST)",
    trigger: {
      kind: 'http',
      // Offices never log in: the signed, expiring link is the credential, checked by the function.
      auth: 'none',
      routes: [
        { method: 'GET', path: '/r/{token}' },
        { method: 'POST', path: '/r/{token}' },
      ],
    },
    memoryMb: 512,
    timeoutSeconds: 10,
  },
  reactToAnswers: {
    name: 'react-to-answers',
    description: "Tells the coordinator (and on acceptance the returnee) about an office's answer",
    trigger: {
      ...streamDefaults,
      // A referral whose status just moved to an answer: created/sent → any answer, accepted → an
      // outcome. Two patterns, so that a write that leaves an accepted referral accepted (its
      // expiry after the case closes, say) does not invoke the function for nothing.
      filters: [
        {
          eventName: ['MODIFY'],
          dynamodb: {
            OldImage: { status: { S: ['created', 'sent'] } },
            NewImage: { type: { S: ['Referral'] }, status: { S: ['accepted', 'declined', 'completed', 'not_completed'] } },
          },
        },
        {
          eventName: ['MODIFY'],
          dynamodb: {
            OldImage: { status: { S: ['accepted'] } },
            NewImage: { type: { S: ['Referral'] }, status: { S: ['completed', 'not_completed'] } },
          },
        },
      ],
      batchSize: 10,
    },
    memoryMb: 512,
    timeoutSeconds: 30,
  },
  sweepTimers: {
    name: 'sweep-timers',
    description: 'Fires due timers (reminders, escalations, deferred SMS) from the sparse timers index',
    trigger: {
      kind: 'schedule',
      expression: 'rate(5 minutes)',
      timeZone: 'Europe/Belgrade',
      retryAttempts: 2,
      maxEventAgeSeconds: 600,
      input: { task: 'sweep-timers' },
    },
    memoryMb: 512,
    timeoutSeconds: 60,
  },
  planMeetings: {
    name: 'plan-meetings',
    description: "Puts the directory's recurring coordination meetings of the coming weeks on the calendar",
    trigger: {
      kind: 'schedule',
      expression: 'cron(0 6 * * ? *)',
      timeZone: 'Europe/Belgrade',
      retryAttempts: 2,
      maxEventAgeSeconds: 3600,
      input: { task: 'plan-meetings' },
    },
    memoryMb: 256,
    timeoutSeconds: 60,
  },
  notifyMeetings: {
    name: 'notify-meetings',
    description: 'Invites to a new meeting, or updates or cancels it, with calendar entries, agendas and reminders',
    trigger: {
      ...streamDefaults,
      filters: [
        { eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['Meeting'] }, status: { S: ['scheduled'] } } } },
        // Rescheduled (a new sequence) or cancelled; minutes (scheduled → held) tell no one.
        { eventName: ['MODIFY'], dynamodb: { OldImage: { status: { S: ['scheduled'] } }, NewImage: { type: { S: ['Meeting'] }, status: { S: ['scheduled', 'cancelled'] } } } },
      ],
      batchSize: 5,
    },
    memoryMb: 512,
    timeoutSeconds: 60,
  },
  expireClosedCases: {
    name: 'expire-closed-cases',
    description: "Sets a closed case's personal data to expire the retention period after its closure",
    trigger: {
      ...streamDefaults,
      // Only the closing itself (open → closed): the function's own expiry writes on the closed
      // case (closed → closed), every other item's MODIFY and TTL deletions (REMOVE) do not pass.
      filters: [
        {
          eventName: ['MODIFY'],
          dynamodb: { OldImage: { status: { S: [{ 'anything-but': ['closed'] }] } }, NewImage: { type: { S: ['Case'] }, status: { S: ['closed'] } } },
        },
      ],
      // Each record pages through a whole case partition, one conditional update per item.
      batchSize: 5,
    },
    memoryMb: 256,
    timeoutSeconds: 120,
  },
  sendDigests: {
    name: 'send-digests',
    description: "Coordinators' daily (when something changed) and Monday weekly digests",
    trigger: {
      kind: 'schedule',
      expression: 'cron(30 7 * * ? *)',
      timeZone: 'Europe/Belgrade',
      retryAttempts: 2,
      maxEventAgeSeconds: 3600,
      input: { task: 'send-digests' },
    },
    memoryMb: 512,
    timeoutSeconds: 120,
  },
  reportIndicators: {
    name: 'report-indicators',
    description: "The plans' quarterly indicator report, on the first working day of each quarter",
    trigger: {
      kind: 'schedule',
      expression: 'cron(0 7 * * ? *)',
      timeZone: 'Europe/Belgrade',
      retryAttempts: 2,
      maxEventAgeSeconds: 3600,
      input: { task: 'report-indicators' },
    },
    memoryMb: 256,
    timeoutSeconds: 60,
  },
  emailEvents: {
    name: 'email-events',
    description: 'SES bounces, complaints and deliveries: the intent\'s fate, the address\'s status, the coordinators\' alert',
    trigger: {
      kind: 'event-rule',
      source: 'aws.ses',
      // SES's EventBridge detail-types for the event types the configuration set publishes.
      detailTypes: ['Email Bounced', 'Email Complaint Received', 'Email Delivered', 'Email Rejected', 'Email Rendering Failed'],
      sesConfigurationSetOnly: true,
      retryAttempts: 10,
      maxEventAgeSeconds: 6 * 3600,
      handlerRetryAttempts: 2,
    },
    memoryMb: 256,
    timeoutSeconds: 30,
  },
} as const satisfies Record<string, FunctionDeclaration>;

export type FunctionKey = keyof typeof FUNCTIONS;
