import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Actor } from '../domain/actor.js';
import { DIGEST_CHOICES, type DigestChoice } from '../domain/digest.js';
import { coordinatorSettingsKey } from './coordinator-settings.js';
import type { CoordinatorSettingsRepository } from './ports.js';

/** A coordinator's own choices, set through the API; the directory's defaults stand where there are none. */
export class CoordinatorSettingsStore implements CoordinatorSettingsRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async digestChoice(municipalityId: string, coordinatorId: string): Promise<DigestChoice | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: coordinatorSettingsKey(municipalityId, coordinatorId), ConsistentRead: true }));
    const v = out.Item?.digest;
    // Read leniently: a value that is no (longer a) choice leaves the directory's default in force.
    return (DIGEST_CHOICES as readonly unknown[]).includes(v) ? (v as DigestChoice) : undefined;
  }

  async setDigest(municipalityId: string, coordinatorId: string, digest: DigestChoice, at: string, actor: Actor): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...coordinatorSettingsKey(municipalityId, coordinatorId), type: 'CoordinatorSettings', coordinatorId, digest, updatedAt: at, updatedBy: actor.by, updatedByRole: actor.role },
      }),
    );
  }
}
