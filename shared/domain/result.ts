/**
 * What a use case that acts on a caller's input returns (intake, lifecycle, meetings): the value,
 * or the problem the api turns into a 4xx.
 */

/**
 * Which refusal it is, for a caller that words it in its own language (the console says it in
 * Albanian or Serbian); `message` stays the API's English for every other caller. Only refusals
 * a coordinator meets in ordinary use have one; a caller must fall back to `message` without it.
 */
export type RefusalCode =
  /** The reminder or announcement SMS would take more segments than the municipality allows: values `segments`, `max`. */
  | 'segment-cap'
  /** The text would put a sensitive need into an SMS. */
  | 'sensitive-words'
  | 'not-in-future'
  | 'visit-in-future'
  /** A monitoring visit, call or evaluation dated after today: recorded once it took place. */
  | 'not-yet-happened'
  /** A date before the case's clocks started (its arrival, or a foreigner's status or residence permit). */
  | 'before-case-start'
  /** The home visit falls outside the offices' working time (a weekend, a holiday, after hours). */
  | 'outside-working-time'
  /** Planned further ahead than allowed: value `days`. */
  | 'too-far-ahead'
  | 'visit-recorded'
  | 'call-closed'
  | 'smr-exists'
  | 'changed-meanwhile'
  /** The family's SMS about the last change of a time is being sent: the next change waits a minute for it to end. */
  | 'sms-being-sent'
  | 'same-office'
  | 'not-in-household'
  /** No case of this municipality has this id or SMR id (a meeting's minutes). */
  | 'unknown-case'
  /** A create request's requestId came again with another body: what its first attempt made stands. */
  | 'request-reused';

export interface Refusal {
  code?: RefusalCode;
  values?: Record<string, number>;
}

/** A problem with the caller's input, found against the data (directory, case): a 4xx naming the field. */
export type IntakeProblem =
  | ({ kind: 'invalid'; field: string; message: string } & Refusal)
  | { kind: 'not-found'; message: string }
  /** `existingCaseId`: the case in the way, when there is one (a 409 names it as `caseId`). */
  | ({ kind: 'conflict'; field: string; message: string; existingCaseId?: string } & Refusal)
  /** Written over something changed since the caller read it: a 409, to read it again. */
  | ({ kind: 'stale'; field: string; message: string } & Refusal);

export type IntakeResult<T> = { ok: true; value: T } | { ok: false; problem: IntakeProblem };
