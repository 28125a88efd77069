import type { ENV_NAMES } from '../shared/config/config.js';
import { ADDRESS_PK_PREFIX } from '../shared/store/address.js';
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
 *
 * `keys`: the partition keys it may touch, as IAM `StringLike` patterns (`CASE#*`) on
 * `dynamodb:LeadingKeys` (`ForAllValues`): the CDK stack puts them on the grant, and the local
 * runtime refuses any other key as AWS would (local/table-access.ts). On an index the leading key
 * is the index's own partition key (a worklist's `listKey`, a timer's `dueBucket`).
 */
export interface TableAccess {
  readonly table: readonly string[];
  readonly keys: readonly string[];
  /** Further actions on the table, each only on its own partitions. */
  readonly also?: readonly ItemAccess[];
  readonly indexes?: Readonly<Record<string, IndexAccess>>;
}

export interface ItemAccess {
  readonly actions: readonly string[];
  readonly keys: readonly string[];
}

export type IndexAccess = ItemAccess;

/** The table's partitions (shared/store/owner.ts, case.ts, address.ts), as `keys` name them. */
const CASES = 'CASE#*';
const MEETINGS = 'MEET#*';
const MUNICIPALITIES = 'MUNI#*';
const ADDRESSES = `${ADDRESS_PK_PREFIX}*`;
const SMR_CLAIMS = 'SMR#*';
/** The sweep's cursor (shared/store/timer.ts sweepCursorKey): one item, its partition to itself. */
const SWEEP_CURSOR = 'SWEEP';
/** Intents and timers live in their owner's partition: a case's, a meeting's or a municipality's. */
const OWNERS = [CASES, MEETINGS, MUNICIPALITIES];

/** The worklist index's lists (shared/store/worklist.ts `lists`), as its `keys` name them. */
const LIST = {
  awaitingAck: 'ACK#*',
  declined: 'DECLINED#*',
  blocked: 'BLOCKED#*',
  openCases: 'OPEN#*',
  appointments: 'APPT#*',
  failed: 'FAILED#*',
  cannotCome: 'CANNOT#*',
  measuresDue: 'MEASURES#*',
  meetings: 'MEET#*',
  feed: 'FEED#*',
} as const;
/** What a meeting's agenda reads (shared/meetings/agenda.ts). */
const AGENDA_LISTS = [LIST.awaitingAck, LIST.declined, LIST.failed, LIST.measuresDue, LIST.openCases];
/** The timers index's buckets: an hour, `2026-11-23T14` (shared/domain/calendar.ts dueBucket). */
const DUE_BUCKETS = '????-??-??T??';

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
    // Every partition: cases and their SMR-id claims, meetings, a municipality's settings and counters, addresses' status.
    // The console's lists, and the agendas it previews; never the digests' activity feed.
    table: {
      table: ['GetItem', 'PutItem', 'UpdateItem', 'Query', 'ConditionCheckItem'],
      keys: [...OWNERS, SMR_CLAIMS, ADDRESSES],
      indexes: {
        [TABLE.worklistIndex.name]: {
          actions: ['Query'],
          keys: [...AGENDA_LISTS, LIST.blocked, LIST.appointments, LIST.cannotCome, LIST.meetings],
        },
      },
    },
    // An operator lifting an address's suppression (POST /operations/addresses/clear) deletes that address's item.
    grants: ['delete-address-items'],
  },
  routeReferrals: {
    settings: 'route',
    // Writes a referral's intents and ladder in one transaction that checks the case's SMS consent
    // and the office's address (ConditionCheckItem), then records what it sent as the deliver function does.
    // The case's partition (its referrals, intents and ladder), and the office's address status.
    table: { table: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'ConditionCheckItem'], keys: [CASES, ADDRESSES] },
    // The one hop: it sends what it decides (SES, SNS) and signs the office's links as it renders the email.
    grants: ['send-email', 'send-sms', 'read-link-signing-key'],
  },
  deliverNotifications: {
    settings: 'deliver',
    // Claims and records intents; each outcome's audit item is Put in the same transaction, and a
    // failure listed for a call checks its case is not closed (ConditionCheckItem).
    // Reads the case's other SMS due now (Query) to send a household's as one, and their referrals (one Query);
    // for a home visit's calendar cancellation, the visit's notices (one Query: was the office invited?).
    // Intents of any owner, and the addresses' status.
    table: { table: ['GetItem', 'Query', 'UpdateItem', 'PutItem', 'ConditionCheckItem'], keys: [...OWNERS, ADDRESSES] },
    // It signs the offices' one-click links as it renders their emails (intents keep no token).
    grants: ['send-email', 'send-sms', 'read-link-signing-key'],
  },
  respond: {
    settings: 'respond',
    // Reads the referral a signed link names; records the office's answer with a conditional update and its audit item.
    // The returnee page reads its case's partition (Query) and writes an answer with its audit and intents in one transaction.
    // Internet-facing, so its case's partition, and of its municipality's only the indicator
    // counters an answer moves in the same transaction (UpdateItem).
    table: { table: ['GetItem', 'Query', 'UpdateItem', 'PutItem'], keys: [CASES], also: [{ actions: ['UpdateItem'], keys: [MUNICIPALITIES] }] },
    // It verifies the links, and checks that they came through CloudFront (when the deployment has it).
    grants: ['read-link-signing-key', 'read-link-origin-secret'],
  },
  reactToAnswers: {
    settings: 'react',
    // Reads the answered referral, its case and its coordinator's choices (an acceptance or "done"
    // may wait for the digest); writes notification intents and marks them done;
    // moves the plan's linked measures (a transaction that checks the case is still open). All in the
    // case's partition, but the coordinators' choices, in the municipality's.
    table: { table: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'ConditionCheckItem'], keys: [CASES, MUNICIPALITIES] },
    grants: [],
  },
  sweepTimers: {
    settings: 'sweep',
    // Reads due timers through the sparse timers index; fires them with conditional writes.
    // Meeting reminders carry a fresh agenda, read from the worklists.
    // Timers and their intents live with their owners; the offices' addresses a ladder rung would
    // email are checked for suppression; where the last sweep stopped (SWEEP).
    table: {
      table: ['Query', 'GetItem', 'PutItem', 'UpdateItem', 'ConditionCheckItem'],
      keys: [...OWNERS, ADDRESSES, SWEEP_CURSOR],
      indexes: {
        [TABLE.timersIndex.name]: { actions: ['Query'], keys: [DUE_BUCKETS] },
        [TABLE.worklistIndex.name]: { actions: ['Query'], keys: AGENDA_LISTS },
      },
    },
    grants: [],
  },
  planMeetings: {
    settings: 'meetings',
    // Writes recurring meetings, each only if absent.
    table: { table: ['PutItem'], keys: [MEETINGS] },
    grants: [],
  },
  notifyMeetings: {
    settings: 'meetings',
    // Reads the agenda (worklists, counters, a few cases); writes invitations and reminder timers if absent.
    table: {
      table: ['GetItem', 'PutItem'],
      keys: OWNERS,
      indexes: { [TABLE.worklistIndex.name]: { actions: ['Query'], keys: AGENDA_LISTS } },
    },
    grants: [],
  },
  expireClosedCases: {
    settings: 'retention',
    // Pages through a closed case's partition (keys only) and brings each item's expiresAt forward
    // with a conditional update; the same for the case's SMR-id claim. Nothing else.
    table: { table: ['Query', 'UpdateItem'], keys: [CASES, SMR_CLAIMS] },
    grants: [],
  },
  sendDigests: {
    settings: 'digests',
    // Reads the activity feed and worklists, digest choices and a few cases and referrals (and, for
    // a coordinator without a daily digest, whether an answer of the day was emailed); writes digest intents if absent.
    // A case's monitoring records (Query) tell whether the month's record is still due.
    table: {
      table: ['GetItem', 'Query', 'PutItem'],
      keys: [CASES, MUNICIPALITIES],
      indexes: {
        [TABLE.worklistIndex.name]: {
          actions: ['Query'],
          keys: [LIST.feed, LIST.awaitingAck, LIST.appointments, LIST.blocked, LIST.failed, LIST.measuresDue, LIST.openCases],
        },
      },
    },
    grants: [],
  },
  reportIndicators: {
    settings: 'reports',
    // Reads one counters item per municipality; writes report intents if absent.
    table: { table: ['GetItem', 'PutItem'], keys: [MUNICIPALITIES] },
    grants: [],
  },
  emailEvents: {
    settings: 'emailEvents',
    // Reads the intent an SES event names (and its referral, case, address status); moves the intent
    // from `sent` with its audit item in one transaction (a failure listed for a call checks its case
    // is not closed: ConditionCheckItem), records the address, writes alert intents if absent.
    table: { table: ['GetItem', 'PutItem', 'UpdateItem', 'ConditionCheckItem'], keys: [...OWNERS, ADDRESSES] },
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
