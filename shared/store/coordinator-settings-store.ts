import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Actor } from '../domain/actor.js';
import type { CoordinatorChoices } from '../domain/digest.js';
import { choicesOf, choicesUpdate, coordinatorSettingsKey } from './coordinator-settings.js';
import { setFields } from './expressions.js';
import type { CoordinatorSettingsRepository } from './ports.js';

/** A coordinator's own choices, set through the API; the directory's defaults stand where there are none. */
export class CoordinatorSettingsStore implements CoordinatorSettingsRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async choices(municipalityId: string, coordinatorId: string): Promise<CoordinatorChoices> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: coordinatorSettingsKey(municipalityId, coordinatorId), ConsistentRead: true }));
    return choicesOf(out.Item);
  }

  async setChoices(municipalityId: string, coordinatorId: string, choices: CoordinatorChoices, at: string, actor: Actor): Promise<void> {
    // An update, not a put: choosing one thing leaves the other choice as it was.
    const { set, names, values } = setFields(choicesUpdate(coordinatorId, choices, at, actor));
    await this.db.send(
      new UpdateCommand({ TableName: this.table, Key: coordinatorSettingsKey(municipalityId, coordinatorId), UpdateExpression: set, ExpressionAttributeNames: names, ExpressionAttributeValues: values }),
    );
  }
}
