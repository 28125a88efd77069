/**
 * The single table's shape, declared once: the CDK stack and the local runtime both build the
 * table from this, so DynamoDB Local has the same keys, index and TTL attribute as AWS.
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; personal data and intent bodies expire through it. */
  ttlAttribute: 'expiresAt',
  /**
   * Sparse time-bucket index for timers (later issue): only items that carry `dueBucket`
   * (e.g. "2026-11-23T14") are in it, so a sweep reads only what is due.
   */
  timersIndex: { name: 'timers', partitionKey: 'dueBucket', sortKey: 'dueAt' },
  /**
   * Sparse, overloaded worklist index: an item is in it while it carries `listKey` (see `lists`
   * in worklist.ts: a municipality's referrals awaiting acknowledgement, declined ones, open cases,
   * appointments, failed notifications, meetings, and each day's activity feed).
   */
  worklistIndex: { name: 'worklist', partitionKey: 'listKey', sortKey: 'listSort' },
} as const;
