import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../web/src/lib/api.js';
import { translator } from '../../../web/src/i18n/index.js';
import { existingCaseOf, fieldRefusals, ofTheMoment, problemText, requestReused, supportCode, uncodedFieldKey } from '../../../web/src/lib/refusals.js';

describe("a form's refusal from the API (web/src/lib/refusals.ts, which said.tsx's refusalOf words)", () => {
  it("is by field, with the console's words where the API gave a code it knows, else the API's", () => {
    const err = new ApiError(400, 'bring: …', { bring: 'the reminder SMS would take 4 segments…', title: 'Too big', when: 'x' }, { bring: { code: 'segment-cap', values: { segments: 4, max: 3 } }, when: { code: 'no-such-code' } });
    expect(fieldRefusals(err)).toEqual([
      { field: 'bring', message: 'the reminder SMS would take 4 segments…', key: 'refusal.segment-cap', values: { segments: 4, max: 3 } },
      { field: 'title', message: 'Too big' },
      { field: 'when', message: 'x' },
    ]);
  });

  it('names no field when the API named only what no form has an input for (the record or version changed meanwhile): the form says it on its own', () => {
    for (const field of ['appointmentId', 'version', 'requestId']) {
      const err = new ApiError(409, `${field}: changed by someone else meanwhile`, { [field]: 'changed by someone else meanwhile' }, { '': { code: 'changed-meanwhile' }, [field]: { code: 'changed-meanwhile' } });
      expect(fieldRefusals(err), field).toEqual([]);
    }
  });

  it("marks no field for a refusal of the moment (the family's SMS being sent), though the API names the time's: the form says it beside itself", () => {
    const visit = new ApiError(409, "at: the family's SMS about the last change is being sent right now; …", { at: "the family's SMS …" }, { '': { code: 'sms-being-sent' }, at: { code: 'sms-being-sent' } });
    const appointment = new ApiError(409, "appointmentId: the family's SMS …", { appointmentId: "the family's SMS …" }, { '': { code: 'sms-being-sent' }, appointmentId: { code: 'sms-being-sent' } });
    for (const err of [visit, appointment]) {
      expect(fieldRefusals(err)).toEqual([]);
      expect(ofTheMoment(err)).toBe(true);
    }
    expect(ofTheMoment(new ApiError(409, 'at: …', { at: '…' }, { '': { code: 'changed-meanwhile' }, at: { code: 'changed-meanwhile' } }))).toBe(false);
    expect(ofTheMoment(new ApiError(0, 'network'))).toBe(false);
  });

  it('keeps a 409 on the input it names (an SMR case id already registered)', () => {
    const err = new ApiError(409, 'smrCaseId: a case with this SMR case id already exists', { smrCaseId: 'a case with this SMR case id already exists' }, { '': { code: 'smr-exists' }, smrCaseId: { code: 'smr-exists' } });
    expect(fieldRefusals(err)).toEqual([{ field: 'smrCaseId', message: 'a case with this SMR case id already exists', key: 'refusal.smr-exists' }]);
  });

  it('names the case an SMR case id is registered under (the form offers to open it), and nothing for any other refusal', () => {
    const smr = (caseId?: string) => new ApiError(409, 'smrCaseId: …', { smrCaseId: '…' }, { '': { code: 'smr-exists' }, smrCaseId: { code: 'smr-exists' } }, caseId);
    expect(existingCaseOf(smr('01KCASE0000000000000000000'))).toBe('01KCASE0000000000000000000');
    // Registered in another municipality: the API names no case.
    expect(existingCaseOf(smr())).toBeUndefined();
    expect(existingCaseOf(new ApiError(409, 'appointmentId: …', {}, { '': { code: 'changed-meanwhile' } }, '01KCASE0000000000000000000'))).toBeUndefined();
    expect(existingCaseOf(new Error('network'))).toBeUndefined();
  });

  it("tells a requestId refused as reused (the form's next request is a new one) from every other refusal", () => {
    expect(requestReused(new ApiError(409, 'requestId: …', { requestId: '…' }, { '': { code: 'request-reused' }, requestId: { code: 'request-reused' } }))).toBe(true);
    expect(requestReused(new ApiError(409, 'appointmentId: …', {}, { '': { code: 'changed-meanwhile' } }))).toBe(false);
    expect(requestReused(new ApiError(0, 'network'))).toBe(false);
  });
});

describe('a refusal the console has no words for (problemText, supportCode)', () => {
  // The API's message is English, for a developer, and may hold what was typed.
  const message = 'version: a brand-new reason Mira Krasniqi typed';
  const conflict = new ApiError(409, message, { version: 'a brand-new reason' }, { '': { code: 'brand-new-code' }, version: { code: 'brand-new-code' } });
  const uncoded = new ApiError(409, message);
  const invalid = new ApiError(400, message);
  const tooMany = new ApiError(429, 'Too Many Requests');

  it('is said kindly in the language shown, without the API’s message', () => {
    const said = (lang: 'sq' | 'sr-Latn' | 'sr-Cyrl' | 'en') => [conflict, uncoded, invalid, tooMany].map((e) => problemText(translator(lang), e));
    const changed = {
      sq: 'Kjo është ndryshuar ndërkohë, ose ekziston tashmë. Ju lutemi ringarkoni faqen dhe kontrolloni.',
      'sr-Latn': 'Ovo je u međuvremenu izmenjeno, ili već postoji. Molimo osvežite stranicu i proverite.',
      'sr-Cyrl': 'Ово је у међувремену измењено, или већ постоји. Молимо освежите страницу и проверите.',
      en: 'This was changed meanwhile, or it exists already. Please reload the page and check.',
    };
    const notAccepted = {
      sq: 'Platforma nuk mund ta pranonte këtë. Ju lutemi kontrolloni të dhënat që keni shkruar dhe provoni përsëri.',
      'sr-Latn': 'Platforma ovo nije mogla da prihvati. Molimo proverite unete podatke i pokušajte ponovo.',
      'sr-Cyrl': 'Платформа ово није могла да прихвати. Молимо проверите унете податке и покушајте поново.',
      en: 'The platform could not accept this. Please check what you entered and try again.',
    };
    // Throttled: nothing to check, a moment later it goes.
    const busy = {
      sq: 'Diçka nuk shkoi mirë nga ana jonë. Ju lutemi provoni përsëri pas pak.',
      'sr-Latn': 'Nešto nije u redu na našoj strani. Molimo pokušajte ponovo za trenutak.',
      'sr-Cyrl': 'Нешто није у реду на нашој страни. Молимо покушајте поново за тренутак.',
      en: 'Something went wrong on our side. Please try again in a moment.',
    };
    for (const lang of ['sq', 'sr-Latn', 'sr-Cyrl', 'en'] as const) {
      expect(said(lang), lang).toEqual([changed[lang], changed[lang], notAccepted[lang], busy[lang]]);
    }
  });

  it("a field's refusal without a code: changed meanwhile on a 409 (another value would be refused the same), else check the field", () => {
    // An office answered by its link while the coordinator recorded its answer by phone.
    const answered = new ApiError(409, 'answer: this referral is already accepted; it cannot be declined now', { answer: 'this referral is already accepted' });
    expect(uncodedFieldKey(answered)).toBe('error.conflict');
    expect(uncodedFieldKey(new ApiError(400, message, { members: 'Invalid input' }))).toBe('error.fieldRefused');
    expect(uncodedFieldKey(new Error('not an answer of the API'))).toBe('error.fieldRefused');
  });

  it('still says a refusal it knows in its own words, and a server error as one', () => {
    const t = translator('sq');
    expect(problemText(t, new ApiError(409, message, {}, { '': { code: 'sms-being-sent' } }))).toMatch(/^Kjo ende nuk është bërë/);
    expect(problemText(t, new ApiError(502, message))).toBe('Diçka nuk shkoi mirë nga ana jonë. Ju lutemi provoni përsëri pas pak.');
  });

  it('names its status and code for support, never the message, and nothing where the console has words', () => {
    expect([conflict, uncoded, invalid, tooMany].map(supportCode)).toEqual(['409 brand-new-code', '409', '400', '429']);
    expect(supportCode(new ApiError(409, message, {}, { '': { code: 'sms-being-sent' } }))).toBeUndefined();
    expect(supportCode(new ApiError(404, message))).toBeUndefined();
    expect(supportCode(new ApiError(0, 'network'))).toBeUndefined();
  });
});
