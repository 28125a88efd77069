import { createHash } from 'node:crypto';
import type { Actor } from './actor.js';
import { derivedId } from './ids.js';
import type { IntakeProblem, IntakeResult } from './result.js';
import * as z from './zod.js';

/**
 * What a request with a requestId (RequestId in case.ts) names: the id of the item it makes (or, for
 * a change made once, of the change, kept with it), and its body's fingerprint. A retry after a lost
 * answer (a timeout, a dropped connection, a 500 after the write) finds what the first made instead
 * of making it twice, or of being refused because it was made.
 */
export const Requested = z.object({ id: z.string(), requestHash: z.string() });
export type Requested = z.infer<typeof Requested>;

/**
 * The item id and fingerprint of `input`'s request, or undefined without a requestId. The id is
 * scoped to what the item belongs to (a case, a municipality), the caller and the kind of item, so
 * no two callers', cases' or routes' requestIds can ever name the same item. The fingerprint is of
 * the parsed body without the requestId: zod's output lists keys in its schema's order, whatever
 * order the client sent them in.
 */
export function requested(kind: 'referral' | 'appointment' | 'meeting' | 'minutes' | 'follow-up', scope: string, actor: Actor, input: { requestId?: string | undefined }): Requested | undefined {
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
  return sameBody(stored, stored.requestHash, request);
}

/**
 * A create request refused (its time has passed, the case closed, since its first attempt; or its
 * item exists already): a retry of one that made its item answers as `replayed`, else the refusal.
 * Looked for only once refused, so a request that goes through reads nothing more.
 */
export async function unlessMade<T extends { requestHash?: string | undefined }>(
  problem: IntakeProblem,
  request: Requested | undefined,
  made: (id: string) => Promise<T | undefined>,
): Promise<IntakeResult<T> & { created?: false }> {
  const stored = request && (await made(request.id));
  return request && stored ? { ...replayed(stored, request), created: false } : { ok: false, problem };
}

/**
 * A change that can be made once (minutes, a follow-up's outcome) found already made: a retry of
 * the request that made it (`by`, kept with the change) answers as `replayed`, with `value`;
 * undefined when it is not one (no requestId, or another request's change).
 */
export function replayedChange<T>(value: T, by: Requested | undefined, request: Requested | undefined): IntakeResult<T> | undefined {
  return request && by?.id === request.id ? sameBody(value, by.requestHash, request) : undefined;
}

function sameBody<T>(value: T, requestHash: string | undefined, request: Requested): IntakeResult<T> {
  if (requestHash === request.requestHash) return { ok: true, value };
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
