import { appointmentItem, type AppointmentItem } from '../../shared/store/appointment.js';
import { caseItem, type CaseItem } from '../../shared/store/case.js';
import { intentItem, type IntentItem } from '../../shared/store/intent.js';
import { meetingItem, type MeetingItem } from '../../shared/store/meeting.js';
import { referralItem, type ReferralItem } from '../../shared/store/referral.js';
import { timerItem, type TimerItem } from '../../shared/store/timer.js';
import type { Actor } from '../../shared/domain/actor.js';

/**
 * Items as the use cases build them (through the entities' builders), small enough to read in a
 * test: each names only what its test is about and takes the rest from here.
 */

/** Monday 23 November 2026, 10:00 in Kosovo. */
export const AT = '2026-11-23T09:00:00.000Z';
export const EXPIRES = 2_000_000_000;
export const ACTOR: Actor = { by: 'user:coordinator-1', role: 'coordinator' };

export function aCase(caseId: string, fields: Partial<CaseItem> = {}): CaseItem {
  return caseItem({
    caseId,
    smrCaseId: `SMR-${caseId}`,
    municipalityId: 'obiliq',
    coordinatorId: 'obiliq-zkkk-01',
    arrivalDate: '2026-11-20',
    category: 'returnee',
    language: 'sq',
    phone: '+38349555123',
    consent: { sms: true, shareWithOffices: true },
    household: [{ id: 'p1', givenName: 'Arben', familyName: 'Krasniqi', birthYear: 1984, role: 'head' }],
    status: 'open',
    createdAt: AT,
    expiresAt: EXPIRES,
    ...fields,
  });
}

export function aReferral(caseId: string, referralId: string, fields: Partial<ReferralItem> = {}): ReferralItem {
  return referralItem({
    caseId,
    referralId,
    municipalityId: 'obiliq',
    smrCaseId: `SMR-${caseId}`,
    officeKind: 'social_work_centre',
    officeId: 'obiliq-qps',
    need: 'social_support',
    personIds: ['p1'],
    categories: [],
    status: 'created',
    ackDueDate: '2026-11-30',
    createdAt: AT,
    expiresAt: EXPIRES,
    ...fields,
  });
}

export function anIntent(caseId: string, intentId: string, fields: Partial<IntentItem> = {}): IntentItem {
  return intentItem({ caseId }, {
    intentId,
    caseId,
    municipalityId: 'obiliq',
    purpose: 'referral.office',
    channel: 'email',
    template: 'referral.office.email',
    languages: ['sq'],
    recipient: 'office@obiliq.example.org',
    data: { smrCaseId: `SMR-${caseId}` },
    status: 'queued',
    attempts: 0,
    createdAt: AT,
    expiresAt: EXPIRES,
    ...fields,
  });
}

export function aTimer(caseId: string, timerId: string, dueAt: string, fields: Partial<TimerItem> = {}): TimerItem {
  return timerItem({ caseId }, {
    timerId,
    caseId,
    kind: 'case.monitoring',
    subjectId: caseId,
    occurrence: 1,
    dueAt,
    dueBucket: dueAt.slice(0, 13),
    status: 'pending',
    createdAt: AT,
    expiresAt: EXPIRES,
    ...fields,
  });
}

export function anAppointment(caseId: string, appointmentId: string, when: string, fields: Partial<AppointmentItem> = {}): AppointmentItem {
  return appointmentItem({
    appointmentId,
    caseId,
    kind: 'appointment',
    when,
    title: 'Civil registry',
    where: 'Town hall',
    version: 1,
    status: 'scheduled',
    createdAt: AT,
    updatedAt: AT,
    expiresAt: EXPIRES,
    ...fields,
  });
}

export function aMeeting(meetingId: string, start: string, fields: Partial<MeetingItem> = {}): MeetingItem {
  return meetingItem({
    meetingId,
    municipalityId: 'obiliq',
    kind: 'ad_hoc',
    title: 'A case that needs a solution',
    start,
    end: new Date(Date.parse(start) + 3_600_000).toISOString(),
    location: { sq: 'Komuna', sr: 'Opština', en: 'Town hall' },
    convenerId: 'obiliq-zkkk-01',
    invitees: ['obiliq-zkkk-01'],
    uid: `${meetingId}@test`,
    sequence: 0,
    status: 'scheduled',
    createdAt: AT,
    updatedAt: AT,
    ...fields,
  });
}
