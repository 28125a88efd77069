/**
 * On-demand list prices, AWS eu-central-1 (Frankfurt), USD, as known to the bench's author on
 * 2026-05 (recorded from the AWS pricing pages below; not fetched at run time). Check them
 * against the pages before quoting a figure: prices change, and the SMS rate is an assumption.
 */
export const PRICES_AS_OF = '2026-05 (recorded by hand; verify on the source pages)';

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
