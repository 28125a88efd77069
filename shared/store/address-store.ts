import { DeleteCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { addressHash, AddressItem, addressKey, type AddressEvent, type AddressStatus } from './address.js';
import type { AddressRepository } from './ports.js';
import { wrote } from './wrote.js';

/**
 * Which email addresses must not be mailed any more, and why. Every write is keyed by the
 * address's hash and states the whole outcome, so a redelivered SES event writes the same item
 * again; an event older than the one on record is ignored.
 */
export class AddressStore implements AddressRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * Records that `address` bounced for good or complained. False when a newer event is already on
   * record (SES events can arrive out of order); the status then stays as the newer one says.
   */
  async record(address: string, event: AddressEvent): Promise<boolean> {
    const hash = addressHash(address);
    return wrote(
      this.db,
      new UpdateCommand({
        TableName: this.table,
        Key: addressKey(hash),
        UpdateExpression:
          'SET #type = :type, addressHash = :hash, #status = :status, since = if_not_exists(since, :at), lastEventAt = :at, lastMessageId = :m, codes = :codes',
        // `<=`: the same event delivered again rewrites the same values.
        ConditionExpression: 'attribute_not_exists(lastEventAt) OR lastEventAt <= :at',
        ExpressionAttributeNames: { '#type': 'type', '#status': 'status' },
        ExpressionAttributeValues: { ':type': 'Address', ':hash': hash, ':status': event.status, ':at': event.at, ':m': event.messageId, ':codes': event.codes },
      }),
    );
  }

  /** The item for `address`, if SES ever reported it. */
  async get(address: string): Promise<AddressItem | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: addressKey(addressHash(address)), ConsistentRead: true }));
    return out.Item ? AddressItem.parse(out.Item) : undefined;
  }

  /**
   * Why no email may go to `address`, or undefined when it may. Read by the deliver function just
   * before it sends; a strongly consistent read, so a bounce recorded a moment ago already counts.
   */
  async isSuppressed(address: string): Promise<AddressStatus | undefined> {
    return (await this.get(address))?.status;
  }

  /**
   * An operator corrected the address in the directory, or the office fixed its mailbox: email may
   * go to it again. Returns the status it had (undefined: there was nothing to clear).
   */
  async clear(address: string): Promise<AddressStatus | undefined> {
    const out = await this.db.send(new DeleteCommand({ TableName: this.table, Key: addressKey(addressHash(address)), ReturnValues: 'ALL_OLD' }));
    return out.Attributes ? AddressItem.parse(out.Attributes).status : undefined;
  }
}
