import type { Repositories } from '../ports.js';
import { MemoryAddresses, MemorySettings } from './addresses.js';
import { MemoryAppointments } from './appointments.js';
import { MemoryCases } from './cases.js';
import { MemoryCaseFile } from './case-file.js';
import { MemoryIntents } from './intents.js';
import { MemoryMeetings } from './meetings.js';
import { MemoryReferrals } from './referrals.js';
import { MemoryRetention } from './retention.js';
import { MemoryTable } from './table.js';
import { MemoryTimers } from './timers.js';
import { MemoryIndicators, MemoryWorklists } from './worklists.js';

/**
 * The repositories over one table in memory, keeping the promises of ports.ts as the DynamoDB
 * adapters keep them and storing the very items they store (both write what the entities say).
 * For tests, and for tools that want the use cases without DynamoDB Local: nothing a function
 * bundles imports it (test/unit/architecture/store-boundary.test.ts). `table` is there for a test
 * that must see what is stored, as an end-to-end test reads the table.
 */
export function inMemoryRepositories(table = new MemoryTable()): Repositories & { table: MemoryTable } {
  return {
    table,
    cases: new MemoryCases(table),
    caseFile: new MemoryCaseFile(table),
    referrals: new MemoryReferrals(table),
    intents: new MemoryIntents(table),
    timers: new MemoryTimers(table),
    appointments: new MemoryAppointments(table),
    meetings: new MemoryMeetings(table),
    worklists: new MemoryWorklists(table),
    indicators: new MemoryIndicators(table),
    addresses: new MemoryAddresses(table),
    settings: new MemorySettings(table),
    retention: new MemoryRetention(table),
  };
}

export { MemoryTable } from './table.js';
