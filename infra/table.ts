import { RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';

import { TABLE } from '../shared/store/table.js';

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
