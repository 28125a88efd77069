import type { Directory } from '../directory/directory.js';
import type { Municipality } from '../directory/schema.js';
import type { SmsOptOutReason } from '../domain/case.js';
import type { Clock } from '../domain/clock.js';
import { isSensitive, type Language, type Need, type PersonCategory, type Trilingual } from '../domain/vocabulary.js';
import { verifyPageToken } from '../links/page-link.js';
import type { SigningKeySource } from '../links/signing-key.js';
import type { CannotComeData } from '../messages/page-answers.js';
import { intentId, intentItem, queuedEmailTo, type IntentItem } from '../store/intent.js';
import { pageAnswerItem, type PageAnswer, type PageAnswerAbout } from '../store/page-answer.js';
import type { CaseRepository, CaseView } from '../store/ports.js';
import type { ReferralItem } from '../store/referral.js';
import { byCodeUnit } from '../domain/order.js';
import { caseCoordinator, firstNameOf } from '../directory/coordinator.js';

/**
 * The returnee page (GET/POST /p/{token}): the household's next steps in its own language, from
 * the SMS's short signed link (links/page-link.ts). It shows the case's referrals in order (office,
 * address, hours, what to bring) and its appointments and deadlines, and takes "I will come" /
 * "I cannot come" for each. "I cannot come" needs the coordinator: it is written with an email to
 * them, through the outbox, in the same transaction as the answer. Pressing a button twice
 * records one answer and tells the coordinator once.
 *
 * What the page may show: the first name of the household's head and of the coordinator, never a
 * family name or a phone number (the link may be forwarded or read over a shoulder); a sensitive
 * referral only as "support arranged", as the private SMS says it. The link expires with the
 * case: a closed or erased case's page is gone (410), whatever the token's own day says; and it
 * stops working while SMS are stopped because the phone is not the household's (LINK_NOT_THEIRS).
 */

export interface ReturneePageDeps {
  cases: Pick<CaseRepository, 'view' | 'answerFromPage'>;
  directory: Pick<Directory, 'municipality'>;
  key: SigningKeySource;
  clock: Clock;
}

export type StepState = 'waiting' | 'open' | 'accepted' | 'done';

export type Step =
  | {
      kind: 'referral';
      /** `ref:<referralId>`: what a button names. */
      id: string;
      need: Need;
      /** Sensitive: no office, no need on the page (the coordinator calls). */
      sensitive: boolean;
      office?: { name: Trilingual; address: Trilingual; hours: Trilingual };
      state: StepState;
      answer?: PageAnswer;
      canAnswer: boolean;
    }
  | {
      kind: 'appointment' | 'deadline';
      /** `appt:<appointmentId>` */
      id: string;
      appointmentId: string;
      title: string;
      /** ISO instant */
      when: string;
      where: string;
      bring?: string;
      version: number;
      answer?: PageAnswer;
      canAnswer: boolean;
    };

export interface PageModel {
  caseId: string;
  language: Language;
  category: PersonCategory;
  /** The head of the household's first name. */
  firstName: string;
  coordinatorFirstName: string;
  coordinatorOffice: Trilingual;
  municipality: Trilingual;
  steps: Step[];
}

/**
 * `withdrawn`: the coordinator said the SMS reached someone else's phone; refused as a link that does
 * not work, in no language of the case, so whoever holds it learns nothing of a case.
 */
export type Refusal = { kind: 'refused'; reason: 'malformed' | 'bad-signature' | 'expired' | 'gone' | 'withdrawn'; language?: Language };

export type PageResult = Refusal | { kind: 'page'; model: PageModel };

export type AnswerResult =
  | Refusal
  | { kind: 'unknown-step'; model: PageModel }
  | { kind: 'recorded' | 'already'; model: PageModel; step: string; answer: PageAnswer };


/** The referrals a household still has before it (inStepOrder); answered-no and cancelled ones are the coordinator's to follow up. */
const SHOWN: Record<string, StepState | undefined> = { waiting: 'waiting', created: 'open', sent: 'open', accepted: 'accepted', completed: 'done' };

/**
 * The household's referrals in the order of its plan: as they were made, those made together
 * (an assessment's, one creation time, ids that are hashes) by their place in it (`position`, the
 * order the household's SMS lists them in: plan-notifications' stepOrder), and a waiting referral
 * right after the one it waits for (`dependsOn`), whatever their places say. The id last only
 * makes the order the same every time.
 */
export function inStepOrder<R extends Pick<ReferralItem, 'referralId' | 'createdAt' | 'position' | 'dependsOn'>>(referrals: readonly R[]): R[] {
  const sorted = [...referrals].sort(
    (a, b) => byCodeUnit(a.createdAt, b.createdAt) || (a.position ?? 0) - (b.position ?? 0) || byCodeUnit(a.referralId, b.referralId),
  );
  const listed = new Set(sorted.map((r) => r.referralId));
  const waitsFor = (r: R) => (r.dependsOn !== undefined && r.dependsOn !== r.referralId && listed.has(r.dependsOn) ? r.dependsOn : undefined);
  const out: R[] = [];
  const placed = new Set<string>();
  const place = (r: R) => {
    if (placed.has(r.referralId)) return;
    placed.add(r.referralId);
    out.push(r);
    for (const next of sorted) if (waitsFor(next) === r.referralId) place(next);
  };
  for (const r of sorted) if (waitsFor(r) === undefined) place(r);
  // A chain that loops has no first step: its referrals keep their order, after the rest.
  for (const r of sorted) place(r);
  return out;
}

export function pageModel(view: CaseView, muni: Municipality, now: Date): PageModel {
  const c = view.case;
  const answers = new Map(view.pageAnswers.map((a) => [a.step, a.answer]));
  const head = c.household.find((m) => m.role === 'head') ?? c.household[0];
  const coordinator = caseCoordinator(muni, c);
  const referrals: Step[] = inStepOrder(view.referrals.filter((r) => SHOWN[r.status]))
    .flatMap((r): Step[] => {
      const state = SHOWN[r.status];
      if (!state) return [];
      const office = muni.offices.find((o) => o.id === r.officeId);
      // As the SMS decides it (plan-notifications): the need, the office's kind, the persons' categories.
      const sensitive = office ? isSensitive({ need: r.need, officeKind: office.kind, categories: r.categories }) : true;
      const id = `ref:${r.referralId}`;
      return [
        {
          kind: 'referral',
          id,
          need: r.need,
          sensitive,
          ...(office && !sensitive ? { office: { name: office.name, address: office.address, hours: office.hours } } : {}),
          state,
          ...(answers.has(id) ? { answer: answers.get(id)! } : {}),
          canAnswer: !sensitive && (state === 'open' || state === 'accepted'),
        },
      ];
    });
  const startOfToday = new Date(now.getTime() - 24 * 3600_000).toISOString();
  const appointments: Step[] = view.appointments
    .filter((a) => a.status === 'scheduled' && a.when >= startOfToday)
    .sort((a, b) => byCodeUnit(a.when, b.when))
    .map((a) => {
      const id = `appt:${a.appointmentId}`;
      return {
        kind: a.kind,
        id,
        appointmentId: a.appointmentId,
        title: a.title,
        when: a.when,
        where: a.where,
        ...(a.bring ? { bring: a.bring } : {}),
        version: a.version,
        ...(answers.has(id) ? { answer: answers.get(id)! } : {}),
        // A deadline is something to hand in, not a visit: "I will come" would not fit it.
        canAnswer: a.kind === 'appointment' && a.when > now.toISOString(),
      };
    });
  return {
    caseId: c.caseId,
    language: c.language,
    category: c.category,
    firstName: head ? firstNameOf(head.givenName) : '',
    coordinatorFirstName: coordinator ? firstNameOf(coordinator.name) : '',
    coordinatorOffice: muni.coordinatorOffice,
    municipality: muni.name,
    steps: [...appointments, ...referrals],
  };
}

/**
 * SMS stopped because the phone is not the household's: the number was wrong, or they have no
 * access to it (lost, sold, someone else's). The links already sent sit on that phone, so the page
 * is refused while the opt-out stands; opting back in opens it again, as the same number then gets
 * SMS again. Not for `returnee_asked` (the phone is theirs; they only want no more SMS, and the page
 * sends none) nor `other` (a coordinator who knows the SMS reach a stranger says `wrong_number`).
 */
export const LINK_NOT_THEIRS: ReadonlySet<SmsOptOutReason> = new Set(['wrong_number', 'no_phone_access']);
const linkNotTheirs = (view: CaseView) => view.case.smsOptOut !== undefined && LINK_NOT_THEIRS.has(view.case.smsOptOut.reason);

async function open(token: string, deps: ReturneePageDeps): Promise<Refusal | { view: CaseView; muni: Municipality }> {
  const verified = verifyPageToken(token, await deps.key.load(), Math.floor(deps.clock.now().getTime() / 1000));
  if (!verified.ok) {
    if (verified.reason !== 'expired') return { kind: 'refused', reason: verified.reason };
    // Genuine but out of date: its case, if still there, only says which language to answer in.
    const view = await deps.cases.view(verified.caseId);
    return { kind: 'refused', reason: 'expired', ...(view && !linkNotTheirs(view) ? { language: view.case.language } : {}) };
  }
  const view = await deps.cases.view(verified.caseId);
  // Before "gone": a stranger holding the link learns neither that the case closed nor its language.
  if (view && linkNotTheirs(view)) return { kind: 'refused', reason: 'withdrawn' };
  const muni = view ? deps.directory.municipality(view.case.municipalityId) : undefined;
  if (!view || !muni || view.case.status === 'closed') return { kind: 'refused', reason: 'gone', ...(view ? { language: view.case.language } : {}) };
  return { view, muni };
}

/** GET: the page. Reads one partition; changes nothing. */
export async function showReturneePage(token: string, deps: ReturneePageDeps): Promise<PageResult> {
  const opened = await open(token, deps);
  if ('kind' in opened) return opened;
  return { kind: 'page', model: pageModel(opened.view, opened.muni, deps.clock.now()) };
}

/** How often an answer is tried again when another answer to the same step came first. */
const ANSWER_ATTEMPTS = 3;

/** POST: records "I will come" (`yes`) or "I cannot come" (`no`) for one step of the page. */
export async function answerReturneePage(token: string, form: { step: string; answer: PageAnswer }, deps: ReturneePageDeps): Promise<AnswerResult> {
  for (let attempt = 1; ; attempt++) {
    const opened = await open(token, deps);
    if ('kind' in opened) return opened;
    const { view, muni } = opened;
    const now = deps.clock.now();
    const model = pageModel(view, muni, now);
    const step = model.steps.find((s) => s.id === form.step && s.canAnswer);
    if (!step) return { kind: 'unknown-step', model };
    const previous = view.pageAnswers.find((a) => a.step === form.step);
    if (previous?.answer === form.answer) return { kind: 'already', model, step: form.step, answer: form.answer };
    const changes = (previous?.changes ?? 0) + 1;
    const item = pageAnswerItem({
      caseId: view.case.caseId,
      step: form.step,
      answer: form.answer,
      changes,
      at: now.toISOString(),
      expiresAt: view.case.expiresAt,
      municipalityId: view.case.municipalityId,
      ...aboutOf(view, step),
    });
    const intents = form.answer === 'no' ? [cannotComeIntent(view, muni, step, changes, now)] : [];
    const written = await deps.cases.answerFromPage(item, previous?.changes, intents);
    if (written === 'recorded') {
      const after = { ...view, pageAnswers: [...view.pageAnswers.filter((a) => a.step !== form.step), item] };
      return { kind: 'recorded', model: pageModel(after, muni, now), step: form.step, answer: form.answer };
    }
    if (written === 'closed') return linkNotTheirs(view) ? { kind: 'refused', reason: 'withdrawn' } : { kind: 'refused', reason: 'gone', language: view.case.language };
    // Another answer came first (a double press): read again; the same answer is then "already".
    if (attempt >= ANSWER_ATTEMPTS) throw new Error('returnee page: the answer kept changing under us');
  }
}

/** Which step, in codes, for the coordinator's cannot-come list (a referral no longer in the view: none). */
function aboutOf(view: CaseView, step: Step): { about?: PageAnswerAbout } {
  if (step.kind !== 'referral') return { about: { kind: step.kind, when: step.when } };
  const r = view.referrals.find((x) => `ref:${x.referralId}` === step.id);
  return r ? { about: { kind: 'referral', officeKind: r.officeKind, need: r.need } } : {};
}

/** The coordinator's email about an "I cannot come": its id carries the answer's count, so a retry writes it once. */
function cannotComeIntent(view: CaseView, muni: Municipality, step: Step, changes: number, now: Date): IntentItem {
  const c = view.case;
  const coordinator = caseCoordinator(muni, c);
  const sourceId = `${c.caseId}#page#${step.id}`;
  const data: CannotComeData = {
    caseId: c.caseId,
    smrCaseId: c.smrCaseId,
    step: step.kind === 'referral' ? { kind: 'referral', office: step.office!.name, need: step.need } : { kind: step.kind, title: step.title, when: step.when },
    answeredAt: now.toISOString(),
  };
  return intentItem(
    { caseId: c.caseId },
    {
      intentId: intentId(sourceId, 'page.cannot_come', String(changes)),
      caseId: c.caseId,
      municipalityId: c.municipalityId,
      sourceId,
      purpose: 'page.cannot_come',
      template: 'case.coordinator.cannot_come',
      ...queuedEmailTo(coordinator),
      data: data as unknown as Record<string, unknown>,
      createdAt: now.toISOString(),
      expiresAt: c.expiresAt,
    },
  );
}
