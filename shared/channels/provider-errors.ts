import { DeliveryError, type DeliveryErrorKind } from './ports.js';

/**
 * Node's errors for a connection that was never made: the request cannot have reached the
 * provider, so nothing was sent. Any other failure without an answer (a reset, a timeout once
 * connected, a broken pipe) may come after the provider took the message.
 */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * What the call was: `send` hands a message over (SendEmail, Publish), so an answer that does not
 * say "refused" leaves open whether it went out; `read` changes nothing (the opt-out check), so
 * every failure of it may be tried again.
 */
export type ProviderCall = 'send' | 'read';

/**
 * Sorts an AWS SDK error by its name (the service's error code), HTTP status and Node error code.
 * A refusal (throttling, any other 4xx) says the message was not taken: `throttled` or
 * `non-retryable`. A send without a clear answer (5xx, a dropped or timed-out connection, a success
 * without a message id) is `ambiguous`: the provider may have taken it, and resending could deliver
 * it twice. A connection never made is `transient`.
 */
export function classifyProviderError(err: unknown, nonRetryable: ReadonlySet<string>, throttled: ReadonlySet<string>, call: ProviderCall = 'send'): DeliveryError {
  const e = err as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; $retryable?: { throttling?: boolean } };
  const code = e?.name ?? 'UnknownError';
  const status = e?.$metadata?.httpStatusCode;
  let kind: DeliveryErrorKind;
  if (throttled.has(code) || status === 429 || e?.$retryable?.throttling) kind = 'throttled';
  else if (nonRetryable.has(code) || (status !== undefined && status >= 400 && status < 500)) kind = 'non-retryable';
  else if (call === 'read' || (status === undefined && NEVER_CONNECTED.has(e?.code ?? ''))) kind = 'transient';
  else kind = 'ambiguous';
  return new DeliveryError(kind, code);
}
