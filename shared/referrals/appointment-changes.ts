import type { Directory } from '../directory/directory.js';
import type { AppointmentChangeSmsData } from '../messages/appointment-changes.js';
import type { AppointmentItem } from '../store/appointment.js';
import type { CaseItem } from '../store/case.js';
import { intentId, type IntentItem } from '../store/intent.js';
import type { ChangeNotice } from '../store/ports.js';
import { caseCoordinator } from '../directory/coordinator.js';
import { familySms } from './home-visit.js';
import { knownTime, type Known } from './known-time.js';

/**
 * The family hears when an appointment it may be acting on moves or is called off: otherwise,
 * after an evening reminder of the old time, it goes on the wrong day. The SMS is decided with the
 * change and written in its transaction (never lost), goes through the outbox like any other (held
 * in quiet hours, ended Stale once its time has passed), and its id carries the appointment's
 * version, so a retry writes nothing twice and the next change replaces it while still unsent (knownTime).
 */

/**
 * How near an old time must be for the family to hear of its change although no SMS named it: the
 * evening reminder goes at 18:00 the day before, up to 30 hours ahead, and a family that learned
 * the time from the coordinator or the page arranges the trip (transport from a village, a day
 * off, someone to come along) a day or two before. Further ahead, the new time's own reminders
 * tell the family, and an SMS for every change would teach them to ignore ours.
 */
export const NEAR_HOURS = 48;

/** An SMS that went out, may have, or still will: the family was (or is being) told what it says. */
const TOLD: ReadonlySet<IntentItem['status']> = new Set(['queued', 'deferred', 'sending', 'sent', 'unconfirmed']);

/** Whether an SMS about this appointment (a reminder of any version, or an earlier change) reached the family or is on its way. */
function familyTold(intents: readonly IntentItem[], appointmentId: string): boolean {
  return intents.some((i) => i.channel === 'sms' && TOLD.has(i.status) && (i.sourceId ?? '').startsWith(`${appointmentId}#`));
}

function worthTelling(theCase: CaseItem, current: AppointmentItem, intents: readonly IntentItem[], now: Date): boolean {
  // Appointments only: a family that goes on the wrong day goes for nothing. A legal deadline moved
  // later is met anyway; moved earlier, its own reminders name the new day (no template says "moved").
  if (theCase.status === 'closed' || current.kind !== 'appointment' || current.status !== 'scheduled') return false;
  const at = Date.parse(current.when);
  const near = at > now.getTime() && at <= now.getTime() + NEAR_HOURS * 3_600_000;
  return near || familyTold(intents, current.appointmentId);
}

function changeSms(theCase: CaseItem, a: AppointmentItem, kind: 'moved' | 'cancelled', fields: Pick<AppointmentChangeSmsData, 'start' | 'previousStart'>, directory: Pick<Directory, 'municipality'>, now: Date): IntentItem[] {
  const muni = directory.municipality(theCase.municipalityId);
  if (!muni) return [];
  // A move's SMS is about the version it makes: its id ends in it, as the reminders' do, so the next
  // change replaces it while unsent (knownOf). A cancellation's must outlive the cancelling of
  // everything pending about the appointment (ids starting `<appointmentId>#`) that comes with it.
  const source = kind === 'moved' ? `${a.appointmentId}#appointment.moved#${a.version}` : `${a.caseId}#appointment.cancelled#${a.appointmentId}`;
  const data: AppointmentChangeSmsData = {
    category: theCase.category,
    municipality: muni.name,
    coordinatorOffice: muni.coordinatorOffice,
    coordinatorPhone: caseCoordinator(muni, theCase).phone,
    ...fields,
  };
  const sms = familySms(theCase, { intentId: intentId(source, `appointment.${kind}`), sourceId: source, purpose: `appointment.${kind}`, template: `appointment.returnee.${kind}`, data }, now);
  // Once the time it names has passed, the SMS would only confuse: delivery ends it Stale and tells the coordinator.
  return [sms.status === 'skipped' ? sms : { ...sms, staleAt: fields.start }];
}

/** The time the family knows (knownTime): the current one, or the time before its move's SMS still unsent. */
function knownOf(intents: readonly IntentItem[], current: AppointmentItem, now: Date): Known<string> {
  const last = intents.find((i) => i.sourceId === `${current.appointmentId}#appointment.moved#${current.version}`);
  return knownTime(last, current.when, (held) => (typeof held.data.previousStart === 'string' ? held.data.previousStart : current.when), now);
}

/**
 * The "appointment moved" SMS for a reschedule from `current` to `next`: only when the time
 * changes from the one the family knows and it was told of it or it is near. `intents`: the case's,
 * as read before the change.
 */
export function appointmentMovedSms(theCase: CaseItem, intents: readonly IntentItem[], current: AppointmentItem, next: AppointmentItem, directory: Pick<Directory, 'municipality'>, now: Date): ChangeNotice | 'sending' {
  const told = knownOf(intents, current, now);
  if (told === 'sending') return told;
  const { known, replaces } = told;
  if (Date.parse(known) === Date.parse(next.when) || !worthTelling(theCase, current, intents, now)) return { intents: [], replaces };
  return { intents: changeSms(theCase, next, 'moved', { start: next.when, previousStart: known }, directory, now), replaces };
}

/** The "appointment cancelled" SMS for deleting `current`, on the same terms, naming the time the family knows. */
export function appointmentCancelledSms(theCase: CaseItem, intents: readonly IntentItem[], current: AppointmentItem, directory: Pick<Directory, 'municipality'>, now: Date): ChangeNotice | 'sending' {
  const told = knownOf(intents, current, now);
  if (told === 'sending') return told;
  const { known, replaces } = told;
  // Past the time the family knows, the SMS would be stale as it is written: nothing to tell.
  if (!worthTelling(theCase, current, intents, now) || Date.parse(known) <= now.getTime()) return { intents: [], replaces };
  return { intents: changeSms(theCase, current, 'cancelled', { start: known }, directory, now), replaces };
}
