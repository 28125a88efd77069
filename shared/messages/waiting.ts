import { isSensitive, type Language, type Need, type OfficeKind, type Trilingual } from '../domain/vocabulary.js';
import type { ReferralAnswerData } from './answers.js';
import { NEED_LABELS } from './labels.js';
import { composeEmail, formatDate, localName, referralHeader, type RenderedEmail } from './render.js';
import { srLatnToCyrl } from './translit.js';

/** What became of the referral a waiting one depended on: it will not be completed now. */
export const BLOCKED_BECAUSE = ['declined', 'cancelled', 'not_completed'] as const;
export type BlockedBecause = (typeof BLOCKED_BECAUSE)[number];

/**
 * What `referral.coordinator.blocked` is rendered with: a waiting referral (office, need) and the
 * prerequisite it waited for, which was declined, cancelled or reported not done.
 */
export interface BlockedReferralData extends Pick<ReferralAnswerData, 'referralId' | 'smrCaseId' | 'caseId' | 'municipality' | 'coordinatorOffice' | 'coordinatorName' | 'office' | 'need'> {
  prerequisite: { office: { kind: OfficeKind; name: Trilingual }; need: Need; status: BlockedBecause };
  /** ISO instant the prerequisite stopped (its answer or cancellation). */
  blockedAt: string;
}

type LatinLanguage = Exclude<Language, 'sr-Cyrl'>;
const STATUS_LABELS: Record<LatinLanguage, Record<BlockedBecause, string>> = {
  sq: { declined: 'zyra e refuzoi', cancelled: 'u anulua', not_completed: 'zyra raportoi se nuk u krye' },
  'sr-Latn': { declined: 'kancelarija ga je odbila', cancelled: 'otkazano je', not_completed: 'kancelarija je javila da nije obavljeno' },
  en: { declined: 'the office declined it', cancelled: 'it was cancelled', not_completed: 'the office reported it not done' },
};

const statusLabel = (lang: Language, s: BlockedBecause) => (lang === 'sr-Cyrl' ? srLatnToCyrl(STATUS_LABELS['sr-Latn'][s]) : STATUS_LABELS[lang][s]);

function fail(what: string): never {
  throw new Error(`referral.coordinator.blocked: ${what}`);
}

/** To the case's coordinator: decide about a referral that would otherwise wait for ever. */
export function renderBlockedEmail(data: BlockedReferralData, languages: readonly Language[]): RenderedEmail {
  if (data === null || typeof data !== 'object' || !data.office || !data.prerequisite?.office || !data.municipality) {
    fail('needs BlockedReferralData (office, need, prerequisite, municipality, …)');
  }
  if (!NEED_LABELS.en[data.need] || !NEED_LABELS.en[data.prerequisite.need]) fail(`unknown need ${JSON.stringify(data.need)} or ${JSON.stringify(data.prerequisite.need)}`);
  if (!(BLOCKED_BECAUSE as readonly unknown[]).includes(data.prerequisite.status)) fail(`status must be one of ${BLOCKED_BECAUSE.join(', ')}`);
  // As in every coordinator notice: a sensitive need is named nowhere in the email.
  const sensitive = isSensitive({ need: data.need, officeKind: data.office.kind });
  const preSensitive = isSensitive({ need: data.prerequisite.need, officeKind: data.prerequisite.office.kind });
  return composeEmail('referral.coordinator.blocked', languages, (lang) => {
    const header = referralHeader(data, lang, sensitive);
    return {
      ...header,
      needLabel: header.subjectNeed,
      caseId: data.caseId,
      coordinatorName: data.coordinatorName,
      prerequisiteOffice: localName(data.prerequisite.office.name, lang),
      prerequisiteNeed: preSensitive ? '' : NEED_LABELS[lang][data.prerequisite.need],
      statusLabel: statusLabel(lang, data.prerequisite.status),
      blockedDate: formatDate(data.blockedAt),
    };
  });
}
