import { createHash } from 'node:crypto';
import type { Actor } from './actor.js';
import { derivedId } from './ids.js';
import type { IntakeResult } from './result.js';

/**
 * What a create request with a requestId (RequestId in case.ts) names: the id of the item it makes,
 * and its body's fingerprint. A retry after a lost answer (a timeout, a dropped connection, a 500
 * after the write) finds what the first made instead of making it twice.
 */
export interface Requested {
  id: string;
  requestHash: string;
}

/**
 * The item id and fingerprint of `input`'s request, or undefined without a requestId. The id is
 * scoped to what the item belongs to (a case, a municipality), the caller and the kind of item, so
 * no two callers', cases' or routes' requestIds can ever name the same item. The fingerprint is of
 * the parsed body without the requestId: zod's output lists keys in its schema's order, whatever
 * order the client sent them in.
 */
export function requested(kind: 'referral' | 'appointment' | 'meeting', scope: string, actor: Actor, input: { requestId?: string | undefined }): Requested | undefined {
  const { requestId, ...body } = input;
  if (!requestId) return undefined;
  return {
    id: derivedId(`request:${kind}:${scope}:${actor.by}:${requestId.toLowerCase()}`),
    requestHash: createHash('sha256').update(JSON.stringify(body), 'utf8').digest('base64url').slice(0, 22),
  };
}

/**
 * What a retried request answers, given the item its first attempt made: that item when the body
 * is the same; 409 naming requestId when the same requestId came with another body (a form edited
 * after an attempt whose answer was lost: what was saved is not what the form now says).
 */
export function replayed<T extends { requestHash?: string | undefined }>(stored: T, request: Requested): IntakeResult<T> {
  if (stored.requestHash === request.requestHash) return { ok: true, value: stored };
  return {
    ok: false,
    problem: {
      kind: 'conflict',
      field: 'requestId',
      message: 'this requestId was already used with a different body, and what that request made stands; send a new requestId to make another',
      code: 'request-reused',
    },
  };
}
