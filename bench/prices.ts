/**
 * On-demand list prices, AWS eu-central-1 (Frankfurt), USD, as known to the bench's author on
 * 2026-05 (recorded from the AWS pricing pages below; not fetched at run time). Check them
 * against the pages before quoting a figure: prices change, and the SMS rate is an assumption.
 */
export const PRICES_AS_OF = '2026-05, API Gateway, KMS, CloudWatch Logs and X-Ray 2026-12 (recorded by hand; verify on the source pages)';

export const PRICES = {
  lambda: {
    /** The house construct deploys arm64 (Graviton). */
    perMillionRequests: 0.2,
    perGbSecondArm64: 0.0000133334,
    source: 'https://aws.amazon.com/lambda/pricing/ (eu-central-1, Arm price, first 6 billion GB-s tier)',
  },
  dynamodb: {
    /** On-demand, after the November 2024 price reduction (Frankfurt: half of the earlier $1.525 / $0.305). */
    perMillionWriteRequestUnits: 0.7625,
    perMillionReadRequestUnits: 0.1525,
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/ (eu-central-1, Standard table class)',
    note: 'Stream reads by Lambda event source mappings are free; storage, backups and PITR not included.',
  },
  ses: {
    perThousandEmails: 0.1,
    source: 'https://aws.amazon.com/ses/pricing/ (outbound email; attachments $0.12/GB not included)',
  },
  apiGateway: {
    /** HTTP API, first 300 million requests a month; metered per request up to 512 KB. */
    perMillionHttpRequests: 1.2,
    source: 'https://aws.amazon.com/api-gateway/pricing/ (HTTP APIs, eu-central-1, first 300 million)',
  },
  kms: {
    /** Symmetric key requests (Decrypt, GenerateDataKey); the key itself is a fixed $1 a month. */
    perTenThousandRequests: 0.03,
    perKeyMonth: 1,
    source: 'https://aws.amazon.com/kms/pricing/ (customer managed key: $1/month, requests $0.03 per 10,000)',
  },
  cloudwatchLogs: {
    /**
     * Ingestion (Standard log class). Lambda's logs are billed as vended logs since 2025, whose
     * first tier is taken here to be the same price. Storage is not included: $0.0324/GB-month
     * of compressed data, kept three months by the house construct, a few per cent of ingestion.
     */
    perGbIngested: 0.63,
    /** Counted per log event on top of its message, as CloudWatch Logs sizes a batch. */
    eventOverheadBytes: 26,
    source: 'https://aws.amazon.com/cloudwatch/pricing/ (Logs, Standard ingestion, eu-central-1)',
  },
  xray: {
    /** Every function runs with active tracing (house-function.ts); each invocation records a trace when sampled. */
    perMillionTracesRecorded: 5,
    source: 'https://aws.amazon.com/xray/pricing/ (traces recorded)',
  },
  sms: {
    /**
     * ASSUMPTION. The author does not know the exact SNS / End User Messaging SMS price per
     * segment to Kosovo (+383); 0.08 USD per segment is a placeholder in the range of Balkan
     * outbound SMS prices (and equals the directory's example AWS.SNS.SMS.MaxPrice). Replace it
     * with the price list's figure for XK before using the cost figures.
     */
    perSegmentKosovoUsd: 0.08,
    assumption: true,
    source: 'https://aws.amazon.com/end-user-messaging/pricing/ (SMS, destination Kosovo) - NOT VERIFIED, assumed 0.08 USD/segment',
  },
} as const;
