import type { Language, Trilingual } from '../domain/vocabulary.js';
import { ALERT_TEMPLATE_IDS, type AlertTemplateId } from '../domain/template-ids.js';
import { composeEmail, formatDateTime, localName, type RenderedEmail } from './render.js';
import { srLatnToCyrl } from './translit.js';

/** Which kind of the platform's messages an alert is about, for the coordinator's eyes. */
export const MESSAGE_KINDS = ['referral', 'reminder', 'notice', 'meeting', 'digest', 'report', 'other'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * What `alert.address_undeliverable` is rendered with: an address that bounced for good
 * (`bounce`) or whose owner marked our email as spam (`complaint`).
 */
export interface AddressAlertData {
  reason: 'bounce' | 'complaint';
  /** The address itself: the coordinator needs it to have the directory corrected. */
  address: string;
  /** Its owner as the directory names it (office, contact, coordinator), when known. */
  who?: Trilingual;
  messageKind: MessageKind;
  /** The case the message was about, if any. */
  smrCaseId?: string;
  /** When the message went out (ISO), if known. */
  sentAt?: string;
  /** When SES reported the bounce or complaint (ISO). */
  reportedAt: string;
  /** The mail server's codes, e.g. "Permanent / General (5.1.1)". */
  code?: string;
  municipality: Trilingual;
}

const ALERT_IDS: ReadonlySet<string> = new Set(ALERT_TEMPLATE_IDS);
export function isAlertTemplate(id: string): id is AlertTemplateId {
  return ALERT_IDS.has(id);
}

/** The kind of message a template sends, from its id (the catalogue's naming). */
export function messageKindOf(templateId: string): MessageKind {
  if (templateId === 'referral.office.email') return 'referral';
  if (templateId === 'referral.office.reminder' || templateId === 'referral.head.escalation') return 'reminder';
  if (/^(referral|visit|case)\.coordinator\./.test(templateId)) return 'notice';
  if (templateId.startsWith('meeting.')) return 'meeting';
  if (templateId === 'digest.coordinator') return 'digest';
  if (templateId === 'report.quarterly') return 'report';
  return 'other';
}

type LatinLanguage = Exclude<Language, 'sr-Cyrl'>;
const KIND_LABELS: Record<LatinLanguage, Record<MessageKind, string>> = {
  sq: {
    referral: 'referimi për zyrën',
    reminder: 'kujtesa ose përshkallëzimi për zyrën',
    notice: 'njoftimi për koordinatorin',
    meeting: 'ftesa ose kujtesa për takim',
    digest: 'përmbledhja për koordinatorin',
    report: 'raporti tremujor',
    other: 'njoftim nga platforma',
  },
  'sr-Latn': {
    referral: 'upućivanje kancelariji',
    reminder: 'podsetnik ili eskalacija kancelariji',
    notice: 'obaveštenje koordinatoru',
    meeting: 'poziv ili podsetnik za sastanak',
    digest: 'pregled za koordinatora',
    report: 'tromesečni izveštaj',
    other: 'obaveštenje sa platforme',
  },
  en: {
    referral: 'referral to the office',
    reminder: 'reminder or escalation to the office',
    notice: 'notice to the coordinator',
    meeting: 'meeting invitation or reminder',
    digest: "coordinator's digest",
    report: 'quarterly report',
    other: 'platform notice',
  },
};

export function messageKindLabel(lang: Language, kind: MessageKind): string {
  return lang === 'sr-Cyrl' ? srLatnToCyrl(KIND_LABELS['sr-Latn'][kind]) : KIND_LABELS[lang][kind];
}

function fail(what: string): never {
  throw new Error(`alert.address_undeliverable: ${what}`);
}

/** The alert to one coordinator, in each of the given languages (one section per language). */
export function renderAddressAlert(data: AddressAlertData, languages: readonly Language[]): RenderedEmail {
  if (data === null || typeof data !== 'object') fail('needs AddressAlertData');
  if (data.reason !== 'bounce' && data.reason !== 'complaint') fail(`reason must be bounce or complaint, got ${JSON.stringify(data.reason)}`);
  if (typeof data.address !== 'string' || !data.address.trim()) fail('needs the address');
  if (!(MESSAGE_KINDS as readonly unknown[]).includes(data.messageKind)) fail(`unknown message kind ${JSON.stringify(data.messageKind)}`);
  if (!data.municipality) fail('needs the municipality');
  const address = data.address.trim();
  const sentAt = data.sentAt ? formatDateTime(data.sentAt) : '';
  const reportedAt = formatDateTime(data.reportedAt);
  return composeEmail('alert.address_undeliverable', languages, (lang) => {
    const who = data.who ? localName(data.who, lang) : '';
    return {
      isBounce: data.reason === 'bounce',
      isComplaint: data.reason === 'complaint',
      target: who || address,
      who,
      address,
      messageKind: messageKindLabel(lang, data.messageKind),
      isReferral: data.messageKind === 'referral',
      smrCaseId: data.smrCaseId ?? '',
      sentAt,
      reportedAt,
      code: data.code ?? '',
      municipality: localName(data.municipality, lang),
    };
  });
}
