import { DeliveryError, type DeliveryErrorKind } from './ports.js';

/** Sorts an AWS SDK error by its name (the service's error code) and HTTP status. */
export function classifyProviderError(err: unknown, nonRetryable: ReadonlySet<string>, throttled: ReadonlySet<string>): DeliveryError {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: { throttling?: boolean } };
  const code = e?.name ?? 'UnknownError';
  const status = e?.$metadata?.httpStatusCode;
  let kind: DeliveryErrorKind;
  if (throttled.has(code) || status === 429 || e?.$retryable?.throttling) kind = 'throttled';
  else if (nonRetryable.has(code) || (status !== undefined && status >= 400 && status < 500)) kind = 'non-retryable';
  else kind = 'transient';
  return new DeliveryError(kind, code);
}
