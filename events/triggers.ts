/**
 * One declaration of every function's trigger, read by both the CDK stack (infra/) and the
 * local runtime (local/), so the two cannot drift.
 *
 * Stream filters use Lambda's filter-criteria pattern syntax. Only INSERTs of the item types a
 * function decides on pass: the functions' own status writes (MODIFY) and TTL deletions (REMOVE)
 * never reach them.
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

export interface HttpTrigger {
  kind: 'http';
  routes: HttpRoute[];
}

export type Trigger = StreamTrigger | HttpTrigger;

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

export const FUNCTIONS = {
  api: {
    name: 'api',
    description: 'Intake HTTP API: cases and referrals',
    trigger: {
      kind: 'http',
      routes: [
        { method: 'POST', path: '/cases' },
        { method: 'GET', path: '/cases/{caseId}' },
        { method: 'POST', path: '/cases/{caseId}/referrals' },
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
      filters: [{ eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['Referral'] } } } }],
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
      ],
      batchSize: 10,
    },
    memoryMb: 512,
    timeoutSeconds: 30,
  },
} as const satisfies Record<string, FunctionDeclaration>;

export type FunctionKey = keyof typeof FUNCTIONS;
