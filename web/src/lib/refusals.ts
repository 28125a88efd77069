import { refusalKey, type MessageKey, type T } from '../i18n/index.js';
import { ApiError } from './api.js';

/** One field's refusal from the API: the console's words for it (`key`, `values`) where the API gave a known code. */
export interface FieldRefusal {
  field: string;
  message: string;
  key?: MessageKey;
  values?: Record<string, number>;
}

/**
 * What a 409 may name that no form has an input for (the record and its version that changed
 * meanwhile): left to the form's fallback field, or no one would see it.
 */
const NOT_INPUTS = /^(version|sequence|appointmentId|meetingId|referralId|caseId|requestId)$/;

/**
 * Refusals of the moment, not of anything typed: the family's SMS that the change would replace is
 * being sent (the API names the time's field). A field marked wrong would have the coordinator
 * change it, and be refused again; the same change goes through once that SMS is out.
 */
const OF_THE_MOMENT: ReadonlySet<string> = new Set(['sms-being-sent']);

export function ofTheMoment(err: unknown): boolean {
  const code = err instanceof ApiError ? err.refusals['']?.code : undefined;
  return code !== undefined && OF_THE_MOMENT.has(code);
}

/** The API's refusals by field, of the fields a form may show; none when it named no such field, or refused the moment. */
export function fieldRefusals(err: unknown): FieldRefusal[] {
  if (!(err instanceof ApiError) || ofTheMoment(err)) return [];
  return Object.entries(err.fields)
    .filter(([field]) => !NOT_INPUTS.test(field))
    .map(([field, message]) => {
      const refusal = err.refusals[field];
      const key = refusal && refusalKey(refusal.code);
      return key ? { field, message, key, ...(refusal.values ? { values: refusal.values } : {}) } : { field, message };
    });
}

/**
 * The case an SMR case id is registered under already, when the API says so (the registration's
 * first attempt went through, its answer lost): the form offers to open it rather than have the
 * coordinator register the family again under an altered id.
 */
export function existingCaseOf(err: unknown): string | undefined {
  return err instanceof ApiError && err.status === 409 && err.refusals['']?.code === 'smr-exists' ? err.caseId : undefined;
}

/** A form's requestId came back refused as reused: what its first attempt made stands, and the form's next request is a new one. */
export function requestReused(err: unknown): boolean {
  return err instanceof ApiError && err.status === 409 && err.refusals['']?.code === 'request-reused';
}

/**
 * What went wrong with a load or an action, in the console's words. A refusal the console has no
 * words for (a code it does not know, or none) is said in general terms: the API's message is in
 * English and written for a developer, so it is never shown (supportCode names it for support).
 */
export function problemText(t: T, e: unknown): string {
  if (!(e instanceof ApiError)) return t('error.server');
  if (e.status === 0) return t('error.network');
  if (e.status === 401) return t('error.signedOut');
  if (e.status === 403) return t('error.forbidden');
  if (e.status === 404) return t('error.notFound');
  const refusal = e.refusals[''];
  const key = refusal && refusalKey(refusal.code);
  if (key) return t(key, refusal.values);
  if (e.status === 409) return t('error.conflict');
  // Throttled (API Gateway's 429): nothing the coordinator entered is wrong; a moment later it goes.
  if (e.status === 429) return t('error.server');
  if (e.status >= 400 && e.status < 500) return t('error.refused');
  return t('error.server');
}

/**
 * How to word a field's refusal without a code the console knows: a 409 says the thing changed
 * meanwhile (an office answered by its link while the coordinator recorded its answer by phone),
 * which a reload shows and another value would not mend; any other says to check the field.
 */
export const uncodedFieldKey = (e: unknown): 'error.conflict' | 'error.fieldRefused' => (e instanceof ApiError && e.status === 409 ? 'error.conflict' : 'error.fieldRefused');

/**
 * The answer's status and code (`409 some-code`) where problemText could only say it in general
 * terms: for the notice's title, so support can tell which refusal it was. Codes and statuses are
 * no personal data; the API's message may hold what was typed, so it is left out.
 */
export function supportCode(e: unknown): string | undefined {
  if (!(e instanceof ApiError) || e.status < 400 || [401, 403, 404].includes(e.status)) return undefined;
  const code = e.refusals['']?.code;
  if (code && refusalKey(code)) return undefined;
  return code ? `${e.status} ${code}` : String(e.status);
}
