import { RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';

import type { FunctionKey } from '../events/triggers.js';
import { TABLE } from '../shared/store/table.js';
import type { TableAccess } from './constructs/house-function.js';

/**
 * DynamoDB actions each function may perform: item actions on the table, and Query on an index
 * only where named (never Scan, never `index/*`). TransactWriteItems has no IAM action of its
 * own: its Put/Update/ConditionCheck parts are authorised as PutItem/UpdateItem/ConditionCheckItem.
 */
export const TABLE_ACCESS = {
  // Cases, referrals, appointments, meetings (minutes count in the same transaction) and the
  // meetings list through the worklist index.
  api: { table: ['GetItem', 'PutItem', 'UpdateItem', 'Query', 'ConditionCheckItem'], indexes: { [TABLE.worklistIndex.name]: ['Query'] } },
  routeReferrals: { table: ['GetItem', 'Query', 'PutItem', 'UpdateItem'] },
  // Claims and records intents; each outcome's audit item is Put in the same transaction.
  deliverNotifications: { table: ['GetItem', 'UpdateItem', 'PutItem'] },
  // Reads the referral a signed link names; records the office's answer with a conditional update and its audit item.
  respond: { table: ['GetItem', 'UpdateItem', 'PutItem'] },
  // Reads the answered referral and its case; writes notification intents and marks them done.
  reactToAnswers: { table: ['GetItem', 'Query', 'PutItem', 'UpdateItem'] },
  // Reads due timers through the sparse timers index; fires them with conditional writes.
  // Meeting reminders carry a fresh agenda, read from the worklists.
  sweepTimers: {
    table: ['Query', 'GetItem', 'PutItem', 'UpdateItem', 'ConditionCheckItem'],
    indexes: { [TABLE.timersIndex.name]: ['Query'], [TABLE.worklistIndex.name]: ['Query'] },
  },
  // Writes recurring meetings, each only if absent.
  planMeetings: { table: ['PutItem'] },
  // Reads the agenda (worklists, counters, a few cases); writes invitations and reminder timers if absent.
  notifyMeetings: { table: ['GetItem', 'PutItem'], indexes: { [TABLE.worklistIndex.name]: ['Query'] } },
  // Reads the activity feed and worklists, digest choices and a few cases and referrals; writes digest intents if absent.
  sendDigests: { table: ['GetItem', 'PutItem'], indexes: { [TABLE.worklistIndex.name]: ['Query'] } },
  // Reads one counters item per municipality; writes report intents if absent.
  reportIndicators: { table: ['GetItem', 'PutItem'] },
  // Pages through a closed case's partition (keys only) and brings each item's expiresAt forward
  // with a conditional update; the same for the case's SMR-id claim. Nothing else.
  expireClosedCases: { table: ['Query', 'UpdateItem'] },
  // Reads the intent an SES event names (and its referral, case, address status); moves the intent
  // from `sent` with its audit item in one transaction, records the address, writes alert intents if absent.
  emailEvents: { table: ['GetItem', 'PutItem', 'UpdateItem'] },
} as const satisfies Record<FunctionKey, TableAccess>;

/** The single table and the key that encrypts it, its stream and the dead-letter queues. */
export function dataAtRest(stack: Stack): { dataKey: Key; table: Table } {
  const dataKey = new Key(stack, 'DataKey', {
    description: 'Encrypts the referrals table, its stream and the dead-letter queues',
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });

  const table = new Table(stack, 'Table', {
    partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
    sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    stream: StreamViewType.NEW_AND_OLD_IMAGES,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    encryption: TableEncryption.CUSTOMER_MANAGED,
    encryptionKey: dataKey,
    timeToLiveAttribute: TABLE.ttlAttribute,
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  table.addGlobalSecondaryIndex({
    indexName: TABLE.timersIndex.name,
    partitionKey: { name: TABLE.timersIndex.partitionKey, type: AttributeType.STRING },
    sortKey: { name: TABLE.timersIndex.sortKey, type: AttributeType.STRING },
  });
  table.addGlobalSecondaryIndex({
    indexName: TABLE.worklistIndex.name,
    partitionKey: { name: TABLE.worklistIndex.partitionKey, type: AttributeType.STRING },
    sortKey: { name: TABLE.worklistIndex.sortKey, type: AttributeType.STRING },
  });
  return { dataKey, table };
}
