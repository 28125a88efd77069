import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One structured logger per function. Log ids and statuses only: never names, phone numbers,
 * email addresses, message texts or whole events (an integration test scans the output).
 */
export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName });
}
