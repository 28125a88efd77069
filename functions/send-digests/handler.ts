import type { Metrics } from '@aws-lambda-powertools/metrics';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { z } from 'zod';
import { documentClient } from '../../shared/aws/clients.js';
import { DigestsConfig, loadConfig } from '../../shared/config/config.js';
import { CoordinatorSettings, sendDigests, type DigestDeps } from '../../shared/digests/digests.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { systemClock } from '../../shared/domain/clock.js';
import { createObservability } from '../../shared/observability/metrics.js';
import { CaseStore } from '../../shared/store/case-store.js';
import { IntentStore } from '../../shared/store/intent-store.js';
import { ReferralStore } from '../../shared/store/referral-store.js';
import { WorklistStore } from '../../shared/store/worklist-store.js';

const DigestEvent = z.object({ task: z.literal('send-digests') });

/** EventBridge Scheduler, 07:30 Kosovo time → the coordinators' digests, each written once. */
export function createHandler(deps: DigestDeps & { metrics: Metrics }) {
  return middy(async (event: unknown) => {
    DigestEvent.parse(event);
    return sendDigests(deps);
  }).use(injectLambdaContext(deps.logger, { resetKeys: true }))
    .use(logMetrics(deps.metrics, { captureColdStartMetric: true }));
}

const config = loadConfig(DigestsConfig);
const db = documentClient();

export const handler = createHandler({
  worklists: new WorklistStore(db, config.TABLE_NAME),
  cases: new CaseStore(db, config.TABLE_NAME),
  referrals: new ReferralStore(db, config.TABLE_NAME),
  intents: new IntentStore(db, config.TABLE_NAME),
  settings: new CoordinatorSettings(db, config.TABLE_NAME),
  directory: bundledDirectory(),
  clock: systemClock,
  retentionDays: config.PERSONAL_DATA_RETENTION_DAYS,
  ...createObservability('send-digests'),
});
