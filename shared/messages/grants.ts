import type { GrantSmsTemplateId } from '../domain/template-ids.js';
import type { Language } from '../domain/vocabulary.js';
import { formatDate, normaliseSms, renderPlain, templateOf } from './render.js';
import { familySender, type FamilySmsData } from './visits.js';

/** A grant call, to a household that registered an interest: the family SMS's sender and phone, and what the coordinator typed. */
export interface GrantCallSmsData extends Pick<FamilySmsData, 'category' | 'municipality' | 'coordinatorOffice' | 'coordinatorPhone'> {
  call: 'agriculture';
  /** YYYY-MM-DD, the last day applications are taken. */
  closesOn: string;
  title?: string;
  where?: string;
}

/** The SMS in the reader's language; its sender is the municipality for a foreigner, as every family SMS. */
export function renderGrantCallSms(templateId: GrantSmsTemplateId, data: GrantCallSmsData, lang: Language): string {
  if (!data.closesOn) throw new Error(`${templateId}: needs closesOn (YYYY-MM-DD)`);
  const view = {
    sender: familySender(data, lang),
    coordinatorPhone: data.coordinatorPhone,
    closesOn: formatDate(data.closesOn),
    title: data.title ?? '',
    where: data.where ?? '',
  };
  return normaliseSms(renderPlain(templateOf(templateId, lang).text, view));
}
