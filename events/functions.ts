import type { ENV_NAMES } from '../shared/config/config.js';
import { TABLE } from '../shared/store/table.js';
import { FUNCTIONS, type FunctionDeclaration, type FunctionKey } from './triggers.js';

/**
 * What each function runs with, beside its trigger (events/triggers.ts): the settings its config
 * reads, what it may do on the table, and its other grants. Keyed like FUNCTIONS, and complete
 * (a function without its entry here does not compile). The CDK stack (infra/functions.ts) and
 * the local runtime (local/settings.ts, local/functions.ts) loop over both.
 */

/**
 * What a function may do on the table: item actions on the table, and Query on an index only where
 * named (never Scan, never `index/*`), as DynamoDB action names without `dynamodb:`.
 * TransactWriteItems has no IAM action of its own: its Put/Update/ConditionCheck parts are
 * authorised as PutItem/UpdateItem/ConditionCheckItem.
 */
export interface TableAccess {
  readonly table: readonly string[];
  readonly indexes?: Readonly<Record<string, readonly string[]>>;
}

/**
 * What a function may do beyond the table, by name. The CDK stack turns each into its IAM
 * statements (infra/grants.ts); locally the emulators check no permissions.
 */
export type Grant =
  /** ses:SendEmail from the sender identity, through the configuration set. */
  | 'send-email'
  /** sns:Publish to phone numbers only, and whether a number opted out. */
  | 'send-sms'
  /** The link-signing key's SSM parameter (and the previous key's), decrypted through SSM. */
  | 'read-link-signing-key'
  /** The secret CloudFront sends to the link routes (only where the deployment has CloudFront). */
  | 'read-link-origin-secret'
  /** DeleteItem on address items only, never on a case's. */
  | 'delete-address-items';

export interface FunctionWiring {
  /**
   * Its settings: the environment variables its config schema reads (ENV_NAMES in
   * shared/config/config.ts), each given its value by the CDK stack (infra/settings.ts) and by the
   * local runtime (local/settings.ts): events/settings.ts.
   */
  readonly settings: keyof typeof ENV_NAMES;
  readonly table: TableAccess;
  readonly grants: readonly Grant[];
}

/** A function's whole declaration: its trigger and what it runs with. */
export type DeclaredFunction = FunctionDeclaration & FunctionWiring;

export const WIRING = {
  api: {
    settings: 'api',
    // Cases, referrals, appointments, meetings (minutes count in the same transaction) and the
    // meetings list through the worklist index.
    table: { table: ['GetItem', 'PutItem', 'UpdateItem', 'Query', 'ConditionCheckItem'], indexes: { [TABLE.worklistIndex.name]: ['Query'] } },
    // An operator lifting an address's suppression (POST /operations/addresses/clear) deletes that address's item.
    grants: ['delete-address-items'],
  },
  routeReferrals: {
    settings: 'route',
    // Writes a referral's intents and ladder in one transaction that checks the case's SMS consent
    // and the office's address (ConditionCheckItem), then records what it sent as the deliver function does.
    table: { table: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'ConditionCheckItem'] },
    // The one hop: it sends what it decides (SES, SNS) and signs the office's links as it renders the email.
    grants: ['send-email', 'send-sms', 'read-link-signing-key'],
  },
  deliverNotifications: {
    settings: 'deliver',
    // Claims and records intents; each outcome's audit item is Put in the same transaction.
    table: { table: ['GetItem', 'UpdateItem', 'PutItem'] },
    // It signs the offices' one-click links as it renders their emails (intents keep no token).
    grants: ['send-email', 'send-sms', 'read-link-signing-key'],
  },
  respond: {
    settings: 'respond',
    // Reads the referral a signed link names; records the office's answer with a conditional update and its audit item.
    // The returnee page reads its case's partition (Query) and writes an answer with its audit and intents in one transaction.
    table: { table: ['GetItem', 'Query', 'UpdateItem', 'PutItem'] },
    // It verifies the links, and checks that they came through CloudFront (when the deployment has it).
    grants: ['read-link-signing-key', 'read-link-origin-secret'],
  },
  reactToAnswers: {
    settings: 'react',
    // Reads the answered referral, its case and its coordinator's choices (an acceptance or "done"
    // may wait for the digest); writes notification intents and marks them done;
    // moves the plan's linked measures (a transaction that checks the case is still open).
    table: { table: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'ConditionCheckItem'] },
    grants: [],
  },
  sweepTimers: {
    settings: 'sweep',
    // Reads due timers through the sparse timers index; fires them with conditional writes.
    // Meeting reminders carry a fresh agenda, read from the worklists.
    table: {
      table: ['Query', 'GetItem', 'PutItem', 'UpdateItem', 'ConditionCheckItem'],
      indexes: { [TABLE.timersIndex.name]: ['Query'], [TABLE.worklistIndex.name]: ['Query'] },
    },
    grants: [],
  },
  planMeetings: {
    settings: 'meetings',
    // Writes recurring meetings, each only if absent.
    table: { table: ['PutItem'] },
    grants: [],
  },
  notifyMeetings: {
    settings: 'meetings',
    // Reads the agenda (worklists, counters, a few cases); writes invitations and reminder timers if absent.
    table: { table: ['GetItem', 'PutItem'], indexes: { [TABLE.worklistIndex.name]: ['Query'] } },
    grants: [],
  },
  expireClosedCases: {
    settings: 'retention',
    // Pages through a closed case's partition (keys only) and brings each item's expiresAt forward
    // with a conditional update; the same for the case's SMR-id claim. Nothing else.
    table: { table: ['Query', 'UpdateItem'] },
    grants: [],
  },
  sendDigests: {
    settings: 'digests',
    // Reads the activity feed and worklists, digest choices and a few cases and referrals (and, for
    // a coordinator without a daily digest, whether an answer of the day was emailed); writes digest intents if absent.
    table: { table: ['GetItem', 'PutItem'], indexes: { [TABLE.worklistIndex.name]: ['Query'] } },
    grants: [],
  },
  reportIndicators: {
    settings: 'reports',
    // Reads one counters item per municipality; writes report intents if absent.
    table: { table: ['GetItem', 'PutItem'] },
    grants: [],
  },
  emailEvents: {
    settings: 'emailEvents',
    // Reads the intent an SES event names (and its referral, case, address status); moves the intent
    // from `sent` with its audit item in one transaction, records the address, writes alert intents if absent.
    table: { table: ['GetItem', 'PutItem', 'UpdateItem'] },
    grants: [],
  },
} as const satisfies Record<FunctionKey, FunctionWiring>;

/** Both halves of a function's declaration. */
export function declared(key: FunctionKey): DeclaredFunction {
  return { ...FUNCTIONS[key], ...WIRING[key] };
}

/**
 * The functions that send email or SMS (granted to), by name: each counts its deliveries' outcomes
 * under its own name, so the delivery alarms and dashboards sum over these (with the sweep).
 */
export const SENDING_FUNCTIONS: readonly string[] = (Object.keys(WIRING) as FunctionKey[])
  .filter((key) => (WIRING[key].grants as readonly Grant[]).some((g) => g === 'send-email' || g === 'send-sms'))
  .map((key) => FUNCTIONS[key].name);
