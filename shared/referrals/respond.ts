import type { Directory } from '../directory/directory.js';
import type { Clock } from '../domain/clock.js';
import { transition, type ReferralEvent, type ReferralState } from '../domain/referral-state.js';
import type { OfficeLanguage } from '../domain/vocabulary.js';
import { verifyLink, type LinkAction, type LinkClaims } from '../links/signed-link.js';
import type { SameOriginVerdict } from '../links/same-origin.js';
import type { SigningKeySource } from '../links/signing-key.js';
import {
  AcceptForm,
  confirmPage,
  DeclineForm,
  donePage,
  OutcomeForm,
  refusalPage,
  REFUSAL_HTTP_STATUS,
  type ReferralSummary,
  type RefusalReason,
} from '../pages/response-page.js';
import type { CaseItem } from '../store/case.js';
import type { ReferralItem } from '../store/referral.js';
import { answerReferral, type AnswerDeps } from './answer.js';
import { caseCoordinator } from '../directory/coordinator.js';

export interface RespondDeps extends AnswerDeps {
  directory: Directory;
  key: SigningKeySource;
  clock: Clock;
}

export interface Page {
  status: number;
  html: string;
  /** For the log: what happened, never who. */
  outcome: string;
}

const refuse = (reason: RefusalReason, languages: OfficeLanguage[] = [], extra: Partial<Parameters<typeof refusalPage>[0]> = {}): Page => ({
  status: REFUSAL_HTTP_STATUS[reason],
  html: refusalPage({ reason, languages, ...extra }),
  outcome: reason,
});

/**
 * A closed case's links answer as those of a case whose data is gone (the not-found page): nothing
 * left to do, no names, in the office's languages with whom to ask; nothing is recorded.
 */
const closedCase = (languages: OfficeLanguage[], contact: Context['contact']): Page => ({ ...refuse('not-found', languages, { coordinatorContact: contact }), outcome: 'case-closed' });

interface Context {
  claims: LinkClaims;
  referral: ReferralItem;
  theCase: CaseItem;
  languages: OfficeLanguage[];
  summary: ReferralSummary;
  contact: { name: string; email: string; phone: string };
}

async function open(token: string, deps: RespondDeps): Promise<Context | Page> {
  const verified = verifyLink(token, await deps.key.load(), Math.floor(deps.clock.now().getTime() / 1000));
  if (!verified.ok) {
    // An expired link's claims are genuine (signature checked): use them only to say, in the
    // office's language, whom to ask for a new link. Nothing is done with them.
    if (verified.reason === 'expired' && 'claims' in verified && verified.claims) {
      const known = await load(verified.claims, deps);
      if (!('html' in known)) return refuse('expired', known.languages, { coordinatorContact: known.contact });
    }
    return refuse(verified.reason);
  }
  return load(verified.claims, deps);
}

async function load(claims: LinkClaims, deps: RespondDeps): Promise<Context | Page> {
  const [referral, theCase] = await Promise.all([deps.referrals.get(claims.caseId, claims.referralId), deps.cases.get(claims.caseId)]);
  const muni = theCase ? deps.directory.municipality(theCase.municipalityId) : undefined;
  const office = muni?.offices.find((o) => o.id === referral?.officeId);
  if (!referral || !theCase || !muni || !office) return refuse('not-found');
  const coordinator = caseCoordinator(muni, theCase);
  const contact = { name: coordinator.name, email: coordinator.email, phone: coordinator.phone };
  if (theCase.status === 'closed') return closedCase([...office.languages], contact);
  const summary: ReferralSummary = {
    smrCaseId: theCase.smrCaseId,
    municipality: muni.name,
    coordinatorOffice: muni.coordinatorOffice,
    coordinator: contact,
    office: { kind: office.kind, name: office.name },
    need: referral.need,
    sentDate: (referral.sentAt ?? referral.createdAt).slice(0, 10),
    dueDate: referral.ackDueDate,
    status: referral.status,
    // The same rule as the email: names only with the person's consent to share.
    ...(theCase.consent.shareWithOffices
      ? { persons: theCase.household.filter((m) => referral.personIds.includes(m.id)).map((m) => ({ givenName: m.givenName, familyName: m.familyName, birthYear: m.birthYear })) }
      : {}),
  };
  return { claims, referral, theCase, languages: [...office.languages], summary, contact };
}

/** A probe event for the link's action, to ask the state machine whether it still applies. */
function probe(action: LinkAction): ReferralEvent {
  return action === 'accept' ? { type: 'accept' } : action === 'decline' ? { type: 'decline', reason: 'other' } : { type: 'outcome', outcome: 'done' };
}

/** GET: shows the referral and the confirm form. Never changes anything (mail scanners prefetch links). */
export async function showResponsePage(token: string, formAction: string, deps: RespondDeps): Promise<Page> {
  const ctx = await open(token, deps);
  if ('html' in ctx) return ctx;
  const { claims, referral, languages, summary, contact } = ctx;
  const t = transition(referral.status as ReferralState, probe(claims.action));
  // An outcome page stays open after "done" so "not done" can still be chosen, and vice versa.
  if (t.kind === 'refused' && !(claims.action === 'outcome' && (referral.status === 'completed' || referral.status === 'not_completed'))) {
    return refuse('invalid-transition', languages, { currentStatus: referral.status, coordinatorContact: contact });
  }
  if (t.kind === 'repeat' && claims.action !== 'outcome') {
    return { status: 200, html: donePage({ action: claims.action, summary, languages, repeated: true }), outcome: 'already-answered' };
  }
  return { status: 200, html: confirmPage({ action: claims.action, summary, languages, formAction }), outcome: 'form' };
}

/**
 * POST: records the office's answer. A second click changes nothing and says so. Only a POST
 * from the link's own page in a browser (`sameOrigin`, links/same-origin.ts) records anything;
 * any other gets a 403 page in the office's languages saying to open the link and press the
 * button. The link is checked first, so that page can be in the office's languages, and a
 * forged or expired link still gets its own answer.
 */
export async function submitResponse(
  token: string,
  form: Record<string, string>,
  formAction: string,
  deps: RespondDeps,
  sameOrigin: SameOriginVerdict,
): Promise<Page> {
  const ctx = await open(token, deps);
  if ('html' in ctx) return ctx;
  const { claims, referral, theCase, languages, summary, contact } = ctx;
  if (!sameOrigin.ok) return { ...refuse('cross-site', languages, { coordinatorContact: contact }), outcome: `cross-site:${sameOrigin.why}` };
  let event: ReferralEvent;
  if (claims.action === 'accept') {
    // The box must be ticked (a scanner submitting the form as it finds it does not tick it).
    if (!AcceptForm.safeParse(form).success) {
      return { status: 400, html: confirmPage({ action: 'accept', summary, languages, formAction, problem: 'unconfirmed' }), outcome: 'unconfirmed' };
    }
    event = { type: 'accept' };
  } else {
    const parsed = claims.action === 'decline' ? DeclineForm.safeParse(form) : OutcomeForm.safeParse(form);
    if (!parsed.success) {
      // The browser enforces the required fields; a hand-made request gets the form again.
      return { status: 400, html: confirmPage({ action: claims.action, summary, languages, formAction }), outcome: 'invalid-form' };
    }
    const v = parsed.data as { reason?: string; outcome?: 'done' | 'not_done'; note?: string };
    if (claims.action === 'decline' && v.reason === 'other' && !v.note) {
      return { status: 400, html: confirmPage({ action: 'decline', summary, languages, formAction, problem: 'note-required', values: v }), outcome: 'note-required' };
    }
    event =
      claims.action === 'decline'
        ? { type: 'decline', reason: v.reason!, ...(v.note ? { note: v.note } : {}) }
        : { type: 'outcome', outcome: v.outcome!, ...(v.note ? { note: v.note } : {}) };
  }
  const out = await answerReferral(claims.caseId, claims.referralId, event, deps, undefined, { referral, theCase });
  if (out.kind === 'not-found') return refuse('not-found');
  if (out.kind === 'closed') return closedCase(languages, contact);
  const now = { ...summary, status: out.referral.status };
  if (out.kind === 'refused') return refuse('invalid-transition', languages, { currentStatus: out.referral.status, coordinatorContact: contact });
  return { status: 200, html: donePage({ action: claims.action, summary: now, languages, repeated: out.kind === 'repeat' }), outcome: out.kind };
}
