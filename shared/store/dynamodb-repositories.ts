import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AddressStore } from './address-store.js';
import { AppointmentStore } from './appointment-store.js';
import { CaseStore } from './case-store.js';
import { CaseFileStore } from './case-file-store.js';
import { CoordinatorSettingsStore } from './coordinator-settings-store.js';
import { IndicatorStore } from './indicator-store.js';
import { IntentStore } from './intent-store.js';
import { MeetingStore } from './meeting-store.js';
import type { Repositories } from './ports.js';
import { ReferralStore } from './referral-store.js';
import { RetentionStore } from './retention-store.js';
import { TimerStore } from './timer-store.js';
import { WorklistStore } from './worklist-store.js';

/**
 * The repositories over one DynamoDB table, all sharing its document client. A function builds
 * them once at cold start and hands each use case the ones it takes; the stores hold no state
 * but the read counters their reports quote.
 */
export function dynamoRepositories(db: DynamoDBDocumentClient, table: string): Repositories {
  return {
    cases: new CaseStore(db, table),
    caseFile: new CaseFileStore(db, table),
    referrals: new ReferralStore(db, table),
    intents: new IntentStore(db, table),
    timers: new TimerStore(db, table),
    appointments: new AppointmentStore(db, table),
    meetings: new MeetingStore(db, table),
    worklists: new WorklistStore(db, table),
    indicators: new IndicatorStore(db, table),
    addresses: new AddressStore(db, table),
    settings: new CoordinatorSettingsStore(db, table),
    retention: new RetentionStore(db, table),
  };
}
