import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBRecord } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FUNCTIONS } from '../../../events/triggers.js';
import * as z from '../../../shared/domain/zod.js';
import { createObservability } from '../../../shared/observability/metrics.js';
import { createStreamHandler } from '../../../shared/stream/stream-handler.js';

/**
 * A stream record that fails is logged by what finds it again (event id, sequence number, its key's
 * ids, its type), never by the personal data its image or a key part could hold: through the
 * wiring every stream function shares, one record at a time and a batch at a time.
 */

const EMAIL = 'arber.krasniqi@mail.example.org';
const PHONE = '+38344123456';
const CASE_ID = '01JCASE0000000000000000000';
const SOURCE = '01JREF00000000000000000000';
// A hand-made (or mistaken) key whose recipient part is an address: the log must not carry it.
const SK = `NOTE#${SOURCE}#referral.office#${EMAIL}`;

const record: DynamoDBRecord = {
  eventID: 'c0ffee01',
  eventName: 'INSERT',
  eventSource: 'aws:dynamodb',
  awsRegion: 'eu-central-1',
  dynamodb: {
    Keys: marshall({ pk: `CASE#${CASE_ID}`, sk: SK }) as never,
    NewImage: marshall({ pk: `CASE#${CASE_ID}`, sk: SK, type: 'Intent', status: 'queued', recipient: PHONE, name: 'Arbër Krasniqi' }) as never,
    SequenceNumber: '000000000000000000042',
    StreamViewType: 'NEW_AND_OLD_IMAGES',
  },
};
const context = { functionName: 'test', awsRequestId: 'r', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;
const refused = () => Object.assign(new Error(`refused ${EMAIL} ${PHONE}`), { name: 'ConditionalCheckFailedException' });

let saved: string | undefined;
beforeEach(() => {
  saved = process.env.POWERTOOLS_METRICS_DISABLED;
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});
afterEach(() => {
  if (saved === undefined) delete process.env.POWERTOOLS_METRICS_DISABLED;
  else process.env.POWERTOOLS_METRICS_DISABLED = saved;
  vi.restoreAllMocks();
});

/** The handler's failure log lines, as the logger was handed them. */
async function failureLog(handling: { handle: () => Promise<unknown> } | { handleBatch: (items: unknown[]) => Promise<PromiseSettledResult<unknown>[]> }) {
  const { logger, metrics } = createObservability('failure-log-test');
  const error = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
  const handler = createStreamHandler({ logger, metrics, image: z.object({ pk: z.string() }), filters: FUNCTIONS.deliverNotifications.trigger.filters, ...handling });
  const response = await handler({ Records: [record] }, context);
  expect(response.batchItemFailures).toEqual([{ itemIdentifier: '000000000000000000042' }]);
  return error.mock.calls.filter(([message]) => message === 'record failed');
}

describe('a failed stream record is logged by its ids, without personal data', () => {
  for (const [how, handling] of [
    ['one record at a time', { handle: () => Promise.reject(refused()) }],
    ['a batch at a time', { handleBatch: async (items: unknown[]) => items.map((): PromiseSettledResult<unknown> => ({ status: 'rejected', reason: refused() })) }],
  ] as const) {
    it(how, async () => {
      const lines = await failureLog(handling);
      expect(lines).toHaveLength(1);
      expect(lines[0]![1]).toEqual({
        eventID: 'c0ffee01',
        eventName: 'INSERT',
        sequenceNumber: '000000000000000000042',
        key: `CASE#${CASE_ID} NOTE#${SOURCE}#referral.office#<email>`,
        type: 'Intent',
        error: 'ConditionalCheckFailedException',
      });
      const logged = JSON.stringify(lines);
      for (const personal of [EMAIL, 'mail.example.org', PHONE, 'Krasniqi']) expect(logged).not.toContain(personal);
    });
  }
});
