import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { DynamoDBRecord } from 'aws-lambda';
import { documentClient } from '../../shared/aws/clients.js';
import { loadConfig, MeetingsConfig } from '../../shared/config/config.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { systemClock } from '../../shared/domain/clock.js';
import { notifyMeeting, type NotifyMeetingDeps } from '../../shared/meetings/notify.js';
import { createObservability } from '../../shared/observability/metrics.js';
import { MeetingItem } from '../../shared/store/meeting.js';
import { dynamoRepositories } from '../../shared/store/dynamodb-repositories.js';
import { createStreamHandler } from '../../shared/stream/stream-handler.js';
import { FUNCTIONS } from '../../events/triggers.js';

/**
 * A change to a scheduled meeting (the declared filters) must also be a new version: the pattern
 * language cannot compare the old and new sequence, and a write that left the version as it was
 * (none does today) must not send the invitees the same notices again.
 */
function newVersion(record: DynamoDBRecord): boolean {
  return record.eventName !== 'MODIFY' || record.dynamodb?.OldImage?.sequence?.N !== record.dynamodb?.NewImage?.sequence?.N;
}

/** A new meeting, or one moved or cancelled (the declared filters) → invitations, updates or cancellations. */
export function createHandler(deps: NotifyMeetingDeps & { metrics: Metrics }) {
  return createStreamHandler({
    logger: deps.logger,
    metrics: deps.metrics,
    image: MeetingItem,
    filters: FUNCTIONS.notifyMeetings.trigger.filters,
    alsoRequires: newVersion,
    handle: (m) => notifyMeeting(m, deps),
  });
}

const config = loadConfig(MeetingsConfig);
const { cases, indicators, intents, timers, worklists } = dynamoRepositories(documentClient(), config.TABLE_NAME);

export const handler = createHandler({
  intents,
  timers,
  worklistDeps: {
    worklists,
    indicators,
    cases,
  },
  directory: bundledDirectory(),
  clock: systemClock,
  retentionDays: config.PERSONAL_DATA_RETENTION_DAYS,
  ...createObservability('notify-meetings'),
});
