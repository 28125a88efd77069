/**
 * One declaration of every function's trigger, read by both the CDK stack (infra/) and the
 * local runtime (local/), so the two cannot drift.
 *
 * Stream filters use Lambda's filter-criteria pattern syntax. Only INSERTs of the item types a
 * function decides on pass, plus the one MODIFY that means "send now" (a deferred SMS released at
 * 08:00): the functions' other status writes and TTL deletions (REMOVE) never reach them.
 */

import { ROLES, type Role } from '../shared/domain/actor.js';

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
  /** Batches of one shard in flight at once, 1–10, each partition key's records in order (Lambda: ParallelizationFactor). */
  parallelizationFactor: number;
}

export interface HttpRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway HTTP API path, with {param} placeholders. */
  path: string;
}

/**
 * Which municipality a route's request is about, checked once before its handler runs:
 * - `case` / `meeting`: the one of the case or meeting in the path; another municipality's
 *   answers 404, exactly as a case that does not exist (no oracle for its existence);
 * - `municipality`: the `{municipalityId}` in the path; `body`: the JSON body's `municipalityId`
 *   (another municipality's: 403; municipalities are public, so nothing is revealed);
 * - `national`: no municipality (operations; the caller's own identity).
 */
export type RouteScope = 'case' | 'meeting' | 'municipality' | 'body' | 'national';

/** A route of the coordinators' API: who may call it, and what it is scoped to. */
export interface ApiRoute extends HttpRoute {
  roles: readonly Role[];
  scope: RouteScope;
}

/**
 * 'cognito': people sign in to the Cognito user pool and send its access token; API Gateway's JWT
 * authorizer checks it (locally the HTTP server does the same checks against the emulator's
 * pool). The deployment's machine callers (IAM principals, e.g. an SMR integration) reach the
 * same routes through a second API with IAM authorization and are mapped to a role and a
 * municipality. 'none': anyone holding the URL (offices' signed links, verified by the function).
 */
export type HttpTrigger =
  | { kind: 'http'; auth: 'cognito'; routes: readonly ApiRoute[] }
  | { kind: 'http'; auth: 'none'; routes: readonly HttpRoute[] };

/** `"POST /cases"`: the route key API Gateway puts into the event. */
export type RouteKey<R extends HttpRoute> = R extends HttpRoute ? `${R['method']} ${R['path']}` : never;
export const routeKey = (r: HttpRoute) => `${r.method} ${r.path}` as const;

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
  /**
   * What the function is handed instead of the whole event (EventBridge's input transformer):
   * only what it reads, so that an event parked in its DLQ holds no more than that either.
   */
  input?: EventRuleInput;
}

/** An EventBridge input transformer: JSON paths into the event, and the JSON built from them. */
export interface EventRuleInput {
  /** Variable → JSON path (dot notation, as EventBridge takes it). */
  readonly paths: Readonly<Record<string, string>>;
  /** JSON with `<variable>` placeholders, each unquoted: the value is put in as JSON. */
  readonly template: string;
}

/**
 * What email-events is handed of an SES event: the envelope, the event type, the message id, its
 * tags (the intent key) and time, and the bounce's or complaint's codes and time. Never a
 * recipient address, the subject or the headers: SES's event carries all three, and an event the
 * function cannot handle is parked in its DLQ as the function received it. The addresses a bounce
 * or a complaint concerns are the intent's own recipient.
 */
export const SES_EVENT_INPUT: EventRuleInput = {
  paths: {
    version: '$.version',
    id: '$.id',
    detailType: '$.detail-type',
    source: '$.source',
    account: '$.account',
    time: '$.time',
    region: '$.region',
    resources: '$.resources',
    eventType: '$.detail.eventType',
    mailTimestamp: '$.detail.mail.timestamp',
    messageId: '$.detail.mail.messageId',
    tags: '$.detail.mail.tags',
    bounceType: '$.detail.bounce.bounceType',
    bounceSubType: '$.detail.bounce.bounceSubType',
    bounceTimestamp: '$.detail.bounce.timestamp',
    bounceFeedbackId: '$.detail.bounce.feedbackId',
    // The SMTP status of the (one) recipient, a code such as 5.1.1: not its address.
    bounceStatus: '$.detail.bounce.bouncedRecipients[0].status',
    complaintTimestamp: '$.detail.complaint.timestamp',
    complaintFeedbackId: '$.detail.complaint.feedbackId',
    complaintFeedbackType: '$.detail.complaint.complaintFeedbackType',
    complaintSubType: '$.detail.complaint.complaintSubType',
    deliveryTimestamp: '$.detail.delivery.timestamp',
  },
  template: JSON.stringify({
    version: '<version>',
    id: '<id>',
    'detail-type': '<detailType>',
    source: '<source>',
    account: '<account>',
    time: '<time>',
    region: '<region>',
    resources: '<resources>',
    detail: {
      eventType: '<eventType>',
      mail: { timestamp: '<mailTimestamp>', messageId: '<messageId>', tags: '<tags>' },
      bounce: {
        bounceType: '<bounceType>',
        bounceSubType: '<bounceSubType>',
        timestamp: '<bounceTimestamp>',
        feedbackId: '<bounceFeedbackId>',
        status: '<bounceStatus>',
      },
      complaint: {
        timestamp: '<complaintTimestamp>',
        feedbackId: '<complaintFeedbackId>',
        complaintFeedbackType: '<complaintFeedbackType>',
        complaintSubType: '<complaintSubType>',
      },
      delivery: { timestamp: '<deliveryTimestamp>' },
    },
  }).replace(/"(<[A-Za-z]+>)"/g, '$1'),
};

/**
 * The input transformer as the local runtime applies it: each path's value put in as JSON, and
 * null where the event has no such field (a Delivery event has no bounce). Paths are dot notation
 * from `$` with array indices and no wildcards, which is all SES_EVENT_INPUT uses.
 */
export function transformEventInput(input: EventRuleInput, event: unknown): unknown {
  const valueAt = (path: string): unknown => {
    let v: unknown = event;
    for (const key of path.replace(/^\$\.?/, '').split(/\.|\[(\d+)\]/).filter(Boolean)) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
    return v === undefined ? null : v;
  };
  return JSON.parse(input.template.replace(/<([A-Za-z]+)>/g, (_m, name: string) => JSON.stringify(valueAt(input.paths[name] ?? '$.__none'))));
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
  parallelizationFactor: 1,
} as const;

/**
 * How deliver-notifications retries a throttled or transient provider error: through the table
 * (deferred intent, released by the sweep every 5 minutes), waiting about 2, 4, 8 … minutes up to
 * an hour between attempts, and failing for good after 8 attempts or 24 hours. The SDK's own
 * retries cover the short blips within one attempt.
 */
export const DELIVERY_RETRY = { maxAttempts: 8, baseSeconds: 120, capSeconds: 3600, maxAgeHours: 24 } as const;

/** Who works cases: the municipality's coordinators and its head. */
const STAFF = ['coordinator', 'head'] as const satisfies readonly Role[];
/** Who may read what holds no household data: staff, and the viewers (DRPR, ministry, mayor's office). */
const READERS = ['coordinator', 'head', 'viewer'] as const satisfies readonly Role[];
const OPERATORS = ['operator'] as const satisfies readonly Role[];

export const FUNCTIONS = {
  api: {
    name: 'api',
    description: "Coordinators' API: cases, referrals, appointments, meetings, follow-ups, digests, indicators",
    trigger: {
      kind: 'http',
      auth: 'cognito',
      routes: [
        { method: 'POST', path: '/cases', roles: STAFF, scope: 'body' },
        { method: 'GET', path: '/cases/{caseId}', roles: STAFF, scope: 'case' },
        { method: 'POST', path: '/cases/{caseId}/referrals', roles: STAFF, scope: 'case' },
        { method: 'POST', path: '/cases/{caseId}/referrals/{referralId}/cancel', roles: STAFF, scope: 'case' },
        // What an office said by phone, recorded by the coordinator on its behalf.
        { method: 'POST', path: '/cases/{caseId}/referrals/{referralId}/answer', roles: STAFF, scope: 'case' },
        // A waiting referral sent now, or referred elsewhere (its prerequisite will not be completed).
        { method: 'POST', path: '/cases/{caseId}/referrals/{referralId}/release', roles: STAFF, scope: 'case' },
        { method: 'POST', path: '/cases/{caseId}/assessment', roles: STAFF, scope: 'case' },
        { method: 'POST', path: '/cases/{caseId}/assessment/preview', roles: STAFF, scope: 'case' },
        { method: 'POST', path: '/cases/{caseId}/home-visit', roles: STAFF, scope: 'case' },
        { method: 'POST', path: '/cases/{caseId}/home-visit/plan', roles: STAFF, scope: 'case' },
        // The planned visit called off: the invitees get the calendar's cancellation.
        { method: 'DELETE', path: '/cases/{caseId}/home-visit/plan', roles: STAFF, scope: 'case' },
        { method: 'POST', path: '/cases/{caseId}/appointments', roles: STAFF, scope: 'case' },
        { method: 'PUT', path: '/cases/{caseId}/appointments/{appointmentId}', roles: STAFF, scope: 'case' },
        { method: 'DELETE', path: '/cases/{caseId}/appointments/{appointmentId}', roles: STAFF, scope: 'case' },
        { method: 'POST', path: '/cases/{caseId}/close', roles: STAFF, scope: 'case' },
        { method: 'GET', path: '/cases/{caseId}/assessments', roles: STAFF, scope: 'case' },
        { method: 'PUT', path: '/cases/{caseId}/plan', roles: STAFF, scope: 'case' },
        { method: 'POST', path: '/cases/{caseId}/monitoring', roles: STAFF, scope: 'case' },
        { method: 'PUT', path: '/cases/{caseId}/sms-opt-out', roles: STAFF, scope: 'case' },
        { method: 'GET', path: '/municipalities/{municipalityId}/follow-ups', roles: STAFF, scope: 'municipality' },
        { method: 'POST', path: '/municipalities/{municipalityId}/follow-ups/{followUpId}', roles: STAFF, scope: 'municipality' },
        { method: 'GET', path: '/municipalities/{municipalityId}/worklists', roles: READERS, scope: 'municipality' },
        // The worklists line by line: they name cases, so staff only.
        { method: 'GET', path: '/municipalities/{municipalityId}/today', roles: STAFF, scope: 'municipality' },
        { method: 'GET', path: '/municipalities/{municipalityId}/cases', roles: STAFF, scope: 'municipality' },
        { method: 'GET', path: '/municipalities/{municipalityId}/meetings', roles: READERS, scope: 'municipality' },
        { method: 'POST', path: '/meetings', roles: STAFF, scope: 'body' },
        { method: 'GET', path: '/meetings/{meetingId}', roles: READERS, scope: 'meeting' },
        { method: 'PUT', path: '/meetings/{meetingId}', roles: STAFF, scope: 'meeting' },
        { method: 'DELETE', path: '/meetings/{meetingId}', roles: STAFF, scope: 'meeting' },
        { method: 'POST', path: '/meetings/{meetingId}/minutes', roles: STAFF, scope: 'meeting' },
        // A coordinator may see and change their own choices only (checked by the route); a head anyone's.
        { method: 'GET', path: '/municipalities/{municipalityId}/coordinators/{coordinatorId}/digest', roles: STAFF, scope: 'municipality' },
        { method: 'PUT', path: '/municipalities/{municipalityId}/coordinators/{coordinatorId}/digest', roles: STAFF, scope: 'municipality' },
        { method: 'GET', path: '/municipalities/{municipalityId}/indicators/{quarter}', roles: READERS, scope: 'municipality' },
        { method: 'POST', path: '/municipalities/{municipalityId}/grant-calls', roles: STAFF, scope: 'municipality' },
        { method: 'POST', path: '/operations/addresses/status', roles: OPERATORS, scope: 'national' },
        { method: 'POST', path: '/operations/addresses/clear', roles: OPERATORS, scope: 'national' },
        // The caller's own identity: it names no municipality but the caller's.
        { method: 'GET', path: '/me', roles: ROLES, scope: 'national' },
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
    description: "Offices' one-click answers and the returnee page: signed links open a page (GET) and confirm (POST)",
    trigger: {
      kind: 'http',
      // Offices and households never log in: the signed, expiring link is the credential, checked by the function.
      auth: 'none',
      routes: [
        { method: 'GET', path: '/r/{token}' },
        { method: 'POST', path: '/r/{token}' },
        // The returnee page (the SMS's short link): next steps, "I will come" / "I cannot come", and an .ics per appointment.
        { method: 'GET', path: '/p/{token}' },
        { method: 'POST', path: '/p/{token}' },
        { method: 'GET', path: '/p/{token}/calendar/{appointmentId}' },
      ],
    },
    memoryMb: 512,
    timeoutSeconds: 10,
  },
  reactToAnswers: {
    name: 'react-to-answers',
    description: "Tells the coordinator (and on acceptance the returnee) about an office's answer; releases or flags the referrals waiting for it",
    trigger: {
      ...streamDefaults,
      // A referral whose status just moved to an answer: created/sent → any answer, accepted → an
      // outcome. Two patterns for the answers, so that a write that leaves an accepted referral accepted (its
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
        // Cancelled or withdrawn (once accepted) by the coordinator: tells nobody, but what waited
        // for it must not wait for ever, and its plan measure is nobody's any more.
        {
          eventName: ['MODIFY'],
          dynamodb: {
            OldImage: { status: { S: ['waiting', 'created', 'sent', 'accepted'] } },
            NewImage: { type: { S: ['Referral'] }, status: { S: ['cancelled'] } },
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
      input: SES_EVENT_INPUT,
    },
    memoryMb: 256,
    timeoutSeconds: 30,
  },
} as const satisfies Record<string, FunctionDeclaration>;

export type FunctionKey = keyof typeof FUNCTIONS;
