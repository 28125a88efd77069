// Names only, no imports: the CDK stack reads them for the dashboard and alarms.

/** CloudWatch namespace of the platform's own metrics: the functions emit into it, the dashboard and alarms read from it. */
export const METRICS_NAMESPACE = 'Referrals';

/**
 * The platform's business and delivery metrics (EMF, one dimension: `service`, the function's
 * name). Names say the channel rather than a `channel` dimension: a flush of one invocation
 * carries one dimension set, and a batch holds emails and SMS together.
 */
export const METRIC = {
  emailSent: 'EmailSent',
  smsSent: 'SmsSent',
  /** Segments billed by SNS for the SMS sent (after the municipality's cost policy). */
  smsSegmentsSent: 'SmsSegmentsSent',
  /** A final failure: on the intent, in the call-or-visit list. Also from the sweep (an intent never taken up). */
  emailFailed: 'EmailFailed',
  smsFailed: 'SmsFailed',
  /** A throttled or transient provider error, deferred for a later attempt with backoff. */
  deliveryRetryScheduled: 'DeliveryRetryScheduled',
  /**
   * A send whose outcome is unknown (the attempt died holding the lease, or the provider gave no
   * clear answer): never resent, flagged. Emitted by deliver-notifications and by the sweep.
   */
  deliveryUnconfirmed: 'DeliveryUnconfirmed',
  /** Stream records that failed in an invocation (retried, then parked in the DLQ). */
  recordsFailed: 'RecordsFailed',
  emailBouncedPermanently: 'EmailBouncedPermanently',
  emailComplained: 'EmailComplained',
  emailDelivered: 'EmailDelivered',
  casesRegistered: 'CasesRegistered',
  referralsCreated: 'ReferralsCreated',
  /** An office's answer (accept, decline, outcome) recorded through a response link. */
  referralAnswersRecorded: 'ReferralAnswersRecorded',
  /** A response link refused: expired, forged, tampered with, or for a referral that moved on. */
  responseLinksRefused: 'ResponseLinksRefused',
  timersFired: 'TimersFired',
  /** A due timer or index item that failed to fire in a sweep: tried again later, quarantined after a few. */
  timersFailed: 'TimersFailed',
  /** A timer that kept failing, taken out of the sweep for an operator (npm run cli -- timers quarantined). */
  timersQuarantined: 'TimersQuarantined',
  deliveriesReleased: 'DeliveriesReleased',
  /** A queued intent whose stream record was lost, put back on the stream by the sweep. */
  deliveriesRequeued: 'DeliveriesRequeued',
  /**
   * Whole months ahead the holiday file covers (report-indicators, every morning): a gauge, not a
   * count. The HolidayCalendarRunway alarm asks for years to be added below 24.
   */
  holidayCalendarRunwayMonths: 'HolidayCalendarRunwayMonths',
  /** A request that planned a year the holiday file lacks with weekends only (api): the file is overdue. */
  holidayYearsAssumed: 'HolidayYearsAssumed',
} as const;
export type MetricName = (typeof METRIC)[keyof typeof METRIC];
