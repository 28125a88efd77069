import type { Actor } from '../../domain/actor.js';
import type { CoordinatorChoices } from '../../domain/digest.js';
import { addressHash, AddressItem, addressKey, type AddressEvent, type AddressStatus } from '../address.js';
import { choicesOf, choicesUpdate, coordinatorSettingsKey } from '../coordinator-settings.js';
import type { AddressRepository, CoordinatorSettingsRepository } from '../ports.js';
import { compareKeys, setFields, type MemoryTable } from './table.js';

export class MemoryAddresses implements AddressRepository {
  constructor(private readonly table: MemoryTable) {}

  async record(address: string, event: AddressEvent): Promise<boolean> {
    const hash = addressHash(address);
    return this.table.tryWrite({
      update: addressKey(hash),
      // `<=`: the same event delivered again rewrites the same values.
      if: (c) => typeof c?.lastEventAt !== 'string' || compareKeys(c.lastEventAt, event.at) <= 0,
      change: (a) => {
        Object.assign(a, { type: 'Address', addressHash: hash, status: event.status, lastEventAt: event.at, lastMessageId: event.messageId, codes: event.codes });
        a.since ??= event.at;
      },
    });
  }

  async get(address: string): Promise<AddressItem | undefined> {
    const item = this.table.get(addressKey(addressHash(address)));
    return item ? AddressItem.parse(item) : undefined;
  }

  async isSuppressed(address: string): Promise<AddressStatus | undefined> {
    return (await this.get(address))?.status;
  }

  async clear(address: string): Promise<AddressStatus | undefined> {
    const key = addressKey(addressHash(address));
    const old = this.table.get(key);
    this.table.write({ delete: key });
    return old ? AddressItem.parse(old).status : undefined;
  }
}

export class MemorySettings implements CoordinatorSettingsRepository {
  constructor(private readonly table: MemoryTable) {}

  async choices(municipalityId: string, coordinatorId: string): Promise<CoordinatorChoices> {
    return choicesOf(this.table.get(coordinatorSettingsKey(municipalityId, coordinatorId)));
  }

  async setChoices(municipalityId: string, coordinatorId: string, choices: CoordinatorChoices, at: string, actor: Actor): Promise<void> {
    const fields = choicesUpdate(coordinatorId, choices, at, actor);
    this.table.write({ update: coordinatorSettingsKey(municipalityId, coordinatorId), change: (item) => setFields(item, fields) });
  }
}
