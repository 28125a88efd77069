/**
 * What a use case that acts on a caller's input returns (intake, lifecycle, meetings): the value,
 * or the problem the api turns into a 4xx.
 */

/** A problem with the caller's input, found against the data (directory, case): a 4xx naming the field. */
export type IntakeProblem =
  | { kind: 'invalid'; field: string; message: string }
  | { kind: 'not-found'; message: string }
  | { kind: 'conflict'; field: string; message: string; existingCaseId: string }
  /** Written over something changed since the caller read it: a 409, to read it again. */
  | { kind: 'stale'; field: string; message: string };

export type IntakeResult<T> = { ok: true; value: T } | { ok: false; problem: IntakeProblem };
