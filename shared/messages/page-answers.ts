import type { Language, Need, Trilingual } from '../domain/vocabulary.js';
import { NEED_LABELS } from './labels.js';
import { composeEmail, formatDateTime, localName, type RenderedEmail } from './render.js';

/**
 * What the coordinator is told when the household pressed "I cannot come" on its returnee page:
 * which step (an appointment or deadline with its time, or an office to visit and why) and when
 * they answered. The case reference only: no name, no number.
 */
export interface CannotComeData {
  caseId: string;
  smrCaseId: string;
  step: { kind: 'appointment' | 'deadline'; title: string; when: string } | { kind: 'referral'; office: Trilingual; need: Need };
  /** ISO instant */
  answeredAt: string;
}

export function renderCannotComeEmail(data: CannotComeData, languages: readonly Language[]): RenderedEmail {
  if (!data.step || !data.smrCaseId) throw new Error('case.coordinator.cannot_come: needs CannotComeData (smrCaseId, step, answeredAt)');
  const step = data.step;
  return composeEmail('case.coordinator.cannot_come', languages, (lang) => ({
    smrCaseId: data.smrCaseId,
    caseId: data.caseId,
    what: step.kind === 'referral' ? `${localName(step.office, lang)} (${NEED_LABELS[lang][step.need]})` : step.title,
    when: step.kind === 'referral' ? '' : formatDateTime(step.when),
    answeredAt: formatDateTime(data.answeredAt),
  }));
}
