import type { DynamoDBRecord } from 'aws-lambda';
import { keyForLog } from '../store/key-for-log.js';

/**
 * What tells an operator which stream record failed, and nothing personal: its event id and
 * sequence number (to find it in the stream, or in a parked batch's range), its key as
 * `keyForLog` shows it, and its item type (a code: the function's filters passed only declared types).
 */
export function recordForLog(record: DynamoDBRecord): { eventID?: string; eventName?: string; sequenceNumber?: string; key: string; type?: string } {
  const keys = record.dynamodb?.Keys;
  const image = record.dynamodb?.NewImage ?? record.dynamodb?.OldImage;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    sequenceNumber: record.dynamodb?.SequenceNumber,
    // Read as strings, not unmarshalled: logging a failure must not throw on a malformed key.
    key: keyForLog(keys && { pk: keys.pk?.S, sk: keys.sk?.S }),
    type: image?.type?.S,
  };
}
