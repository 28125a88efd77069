/**
 * `npm run demo`: a scripted arrival in Obiliq (a family of four: civil documents, job-seeker
 * registration, social support, school enrolment) and one in Partesh (Serbian-speaking), played
 * through the HTTP API like a coordinator would, against the running local stack
 * (`npm start`) or one it starts itself. Prints what was sent to whom. All names are fictional.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { bundledDirectory } from '../shared/directory/directory.js';
import { emulatorClient, signInWithPassword, decodePayload } from './cognito/sign-in.js';
import { LOCAL_COGNITO_DIR, readUsersFile, usersFilePath } from './cognito/users-file.js';
import { startLocalStack, type LocalStack } from './stack.js';

// Local runs happen on Node 20 (Lambda runs 22); the SDK's reminder about that is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const API = process.env.DEMO_API ?? 'http://localhost:3000';
const INBOX = process.env.DEMO_INBOX ?? 'http://localhost:8005';
const SMS = process.env.DEMO_SMS ?? 'http://localhost:4567';

async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(500) });
    return true;
  } catch {
    return false;
  }
}

/**
 * Each coordinator signs in as themselves (the demo users `npm start` seeds): the Obiliq
 * coordinator works the Obiliq family, the Partesh coordinator the Partesh one, and neither could
 * touch the other's case. `signIn` returns a user's access token.
 */
type Who = 'obiliq-coordinator' | 'partesh-coordinator';
let signIn: (who: Who) => Promise<string> = async (who) => {
  const file = readUsersFile(usersFilePath(join(process.cwd(), LOCAL_COGNITO_DIR)));
  const user = file?.users[who];
  if (!file || !user) throw new Error(`no local user pool in ${LOCAL_COGNITO_DIR}: run npm start first`);
  const client = emulatorClient(file.endpoint, file.region);
  try {
    return (await signInWithPassword(client, file.clientId, user.email, user.password)).accessToken;
  } finally {
    client.destroy();
  }
};
const tokens = new Map<Who, Promise<string>>();
const tokenOf = (who: Who) => tokens.get(who) ?? tokens.set(who, signIn(who)).get(who)!;

async function get(url: string, who: Who): Promise<Record<string, any>> {
  return (await fetch(url, { headers: { authorization: `Bearer ${await tokenOf(who)}` } })).json() as Promise<Record<string, any>>;
}

/** A coordinator's request; the line it prints says who did what (their sign-in's user id, never a name). */
async function post(api: string, path: string, body: unknown, who: Who): Promise<Record<string, any>> {
  const token = await tokenOf(who);
  const res = await fetch(`${api}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  const json = (await res.json()) as Record<string, any>;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${json.message}`);
  process.stdout.write(`  👤 ${who} (user ${String(decodePayload(token).sub).slice(0, 8)}…): POST ${path.replace(/[0-9A-Z]{26}/g, '…')} → ${res.status}\n`);
  return json;
}

const directory = bundledDirectory();
const run = Date.now().toString(36).toUpperCase();
const arrivals = [
  {
    title: 'Obiliq: the Krasniqi family (4) returns from Germany',
    case: {
      smrCaseId: `SMR-DEMO-${run}-1`,
      municipalityId: 'obiliq',
      coordinatorId: directory.municipality('obiliq')!.coordinators[0]!.id,
      arrivalDate: new Date().toISOString().slice(0, 10),
      category: 'returnee',
      preferredLanguage: 'sq',
      phone: '049 555 123',
      consent: { sms: true, shareWithOffices: true },
      household: [
        { id: 'p1', givenName: 'Arben', familyName: 'Krasniqi', birthYear: 1984, role: 'head' },
        { id: 'p2', givenName: 'Drita', familyName: 'Krasniqi', birthYear: 1987, role: 'spouse' },
        { id: 'p3', givenName: 'Liridon', familyName: 'Krasniqi', birthYear: 2015, role: 'child' },
        { id: 'p4', givenName: 'Vlora', familyName: 'Krasniqi', birthYear: 2018, role: 'child' },
      ],
    },
    referrals: [
      { officeKind: 'civil_registry', need: 'civil_documents', note: 'Children born in Germany; birth certificates to be registered.' },
      { officeKind: 'employment_office', need: 'job_seeker_registration', personIds: ['p1', 'p2'] },
      { officeKind: 'social_work_centre', need: 'social_support' },
      { officeKind: 'education_directorate', need: 'school_enrolment', personIds: ['p3', 'p4'], note: 'Both children need Albanian language support.' },
    ],
  },
  {
    title: 'Partesh: the Stojković household (2) returns, Serbian-speaking, German phone number',
    case: {
      smrCaseId: `SMR-DEMO-${run}-2`,
      municipalityId: 'partesh',
      coordinatorId: directory.municipality('partesh')!.coordinators[0]!.id,
      arrivalDate: new Date().toISOString().slice(0, 10),
      category: 'returnee',
      preferredLanguage: 'sr-Latn',
      phone: '+49 151 23456789',
      consent: { sms: true, shareWithOffices: true },
      household: [
        { id: 'p1', givenName: 'Dragana', familyName: 'Stojković', birthYear: 1979, role: 'head' },
        { id: 'p2', givenName: 'Miloš', familyName: 'Stojković', birthYear: 2012, role: 'child' },
      ],
    },
    referrals: [
      { officeKind: 'civil_registry', need: 'civil_documents' },
      { officeKind: 'education_directorate', need: 'school_enrolment', personIds: ['p2'] },
    ],
  },
];

/**
 * Two Obiliq offices answer by clicking the links in their email, as a browser would: the civil
 * registry opens its page (GET changes nothing), accepts, and later reports the documents issued;
 * the employment office declines for lack of capacity. The coordinator hears of the decline at once
 * and of the acceptance and "done" in the next morning's daily digest (the directory's default);
 * the family gets an SMS when the registry accepts.
 */
async function officesAnswer(inbox: string, sms: string): Promise<void> {
  const emails = ((await (await fetch(`${inbox}/store`)).json()) as { emails: any[] }).emails;
  const linksOf = (to: string) => {
    const mail = emails.find((e) => e.destination.to.includes(to) && e.subject.includes(arrivals[0]!.case.smrCaseId));
    const urls: string[] = mail?.body.text.match(/https?:\/\/[^\s]+\/r\/[A-Za-z0-9_.-]+/g) ?? [];
    const byAction: Record<string, string> = {};
    for (const u of urls) byAction[JSON.parse(Buffer.from(u.split('/r/')[1]!.split('.')[0]!, 'base64url').toString('utf8')).action] = u;
    return byAction;
  };
  const click = async (label: string, url: string, form?: Record<string, string>) => {
    const res = form
      ? // What a browser sends from the link's own page: the same-origin headers the respond function asks for.
        await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(url).origin, 'sec-fetch-site': 'same-origin' },
          body: new URLSearchParams(form).toString(),
        })
      : await fetch(url);
    const title = /<title>([^<]*)<\/title>/.exec(await res.text())?.[1] ?? '';
    process.stdout.write(`  ${label}: HTTP ${res.status} "${title.replace(/\s+/g, ' ').slice(0, 90)}"\n`);
  };
  const registry = directory.office('obiliq', 'civil_registry')!;
  const employment = directory.office('obiliq', 'employment_office')!;
  const civil = linksOf(registry.email);
  const jobs = linksOf(employment.email);
  const seenMail = emails.length;
  const seenSms = ((await (await fetch(`${sms}/_sms`)).json()) as { messages: unknown[] }).messages.length;
  process.stdout.write('\n🖱  Offices answer with one click:\n');
  await click(`${registry.id} opens "accept"`, civil.accept!);
  await click(`${registry.id} ticks "we take this referral" and confirms`, civil.accept!, { confirm: 'yes' });
  await click(`${registry.id} clicks again`, civil.accept!, { confirm: 'yes' });
  await click(`${employment.id} declines`, jobs.decline!, { reason: 'lack_of_capacity', note: 'No job counsellor until January' });
  await click(`${registry.id} reports the outcome`, civil.outcome!, { outcome: 'done', note: 'ID cards and birth registrations issued' });
  await new Promise((r) => setTimeout(r, 1500));
  const after = ((await (await fetch(`${inbox}/store`)).json()) as { emails: any[] }).emails.slice(seenMail);
  const texts = ((await (await fetch(`${sms}/_sms`)).json()) as { messages: any[] }).messages.slice(seenSms);
  for (const e of after) process.stdout.write(`    ✉ → ${e.destination.to.join(', ')}: ${e.subject}\n`);
  for (const t of texts) process.stdout.write(`    ✆ → ${t.phoneNumber}: ${t.message}\n`);
}

/**
 * An office that answers by phone, and a referral that would have waited for ever. Vocational
 * training for Arben waits for the social work centre; the centre phones to say it cannot take the
 * case, and the coordinator records that on its behalf (the same path as a click, no email back
 * to them). The waiting referral is put to the coordinator at once (an email and the follow-ups),
 * and they send it now.
 */
async function phoneAndWaiting(api: string, inbox: string, caseId: string): Promise<void> {
  const who: Who = 'obiliq-coordinator';
  const view = await get(`${api}/cases/${caseId}`, who);
  const centre = (view.referrals as any[]).find((r) => r.officeKind === 'social_work_centre');
  if (!centre) return;
  process.stdout.write('\n☎  An office answers by phone; a waiting referral is not left waiting:\n');
  const training = await post(api, `/cases/${caseId}/referrals`, { officeKind: 'vocational_training', need: 'vocational_training', personIds: ['p1'], dependsOn: centre.referralId, requestId: randomUUID() }, who);
  process.stdout.write(`  vocational training ${training.status}, for the social work centre's referral\n`);
  const seenMail = ((await (await fetch(`${inbox}/store`)).json()) as { emails: unknown[] }).emails.length;
  await post(api, `/cases/${caseId}/referrals/${centre.referralId}/answer`, { answer: 'decline', reason: 'not_eligible', note: 'Phoned: not eligible for assistance' }, who);
  await new Promise((r) => setTimeout(r, 1500));
  for (const e of ((await (await fetch(`${inbox}/store`)).json()) as { emails: any[] }).emails.slice(seenMail)) process.stdout.write(`    ✉ → ${e.destination.to.join(', ')}: ${e.subject}\n`);
  const blocked = (await get(`${api}/municipalities/obiliq/follow-ups`, who)).blockedReferrals as any[];
  for (const b of blocked.filter((x) => x.caseId === caseId)) process.stdout.write(`    ☰ follow-up: ${b.need} waits for a referral ${b.because}; choices ${b.choices.join(', ')}\n`);
  const seen = ((await (await fetch(`${inbox}/store`)).json()) as { emails: unknown[] }).emails.length;
  await post(api, `/cases/${caseId}/referrals/${training.referralId}/release`, {}, who);
  await new Promise((r) => setTimeout(r, 1500));
  for (const e of ((await (await fetch(`${inbox}/store`)).json()) as { emails: any[] }).emails.slice(seen)) process.stdout.write(`    ✉ → ${e.destination.to.join(', ')}: ${e.subject}\n`);
}

/**
 * Then nobody answers: the offices let their deadlines pass. The Stojković household had its home
 * visit; the Krasniqi family did not, and has an appointment at the employment office in three
 * days. The local clock jumps from due time to due time (POST /_local/clock), so three weeks
 * pass in seconds and every reminder goes out at its minute.
 */
async function timePasses(api: string, inbox: string, sms: string, caseIds: string[]): Promise<void> {
  const [obiliqCase, parteshCase] = caseIds as [string, string];
  const clockNow = async () => new Date(((await (await fetch(`${api}/_local/clock`)).json()) as { now: string }).now);
  const start = await clockNow();
  const appointmentDay = localDate(new Date(start.getTime() + 3 * 86_400_000));
  await post(api, `/cases/${parteshCase}/home-visit`, {}, 'partesh-coordinator');
  const appt = await post(api, `/cases/${obiliqCase}/appointments`, {
    kind: 'appointment',
    when: new Date(`${appointmentDay}T09:30:00+01:00`).toISOString(),
    title: 'Regjistrimi si punëkërkues',
    where: 'Zyra e Punësimit, Obiliq',
    bring: 'letërnjoftimin dhe diplomat',
    requestId: randomUUID(),
  }, 'obiliq-coordinator');
  process.stdout.write(`\n⏩ Time passes. Home visit recorded in Partesh; appointment ${appt.appointmentId} on ${appointmentDay} 09:30 in Obiliq; the other offices do not answer.\n`);

  let seenMail = ((await (await fetch(`${inbox}/store`)).json()) as { emails: unknown[] }).emails.length;
  let seenSms = ((await (await fetch(`${sms}/_sms`)).json()) as { messages: unknown[] }).messages.length;
  // Day by day, midnight to midnight in Kosovo, so each message shows under the day it went out.
  const firstMidnight = new Date(`${localDate(new Date(start.getTime() + 86_400_000))}T00:00:00+01:00`);
  for (let d = 0; d < 18; d++) {
    const target = new Date(firstMidnight.getTime() + d * 86_400_000);
    await fetch(`${api}/_local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceTo: target.toISOString() }) });
    const emails = ((await (await fetch(`${inbox}/store`)).json()) as { emails: any[] }).emails;
    const texts = ((await (await fetch(`${sms}/_sms`)).json()) as { messages: any[] }).messages;
    const newMail = emails.slice(seenMail);
    const newSms = texts.slice(seenSms);
    seenMail = emails.length;
    seenSms = texts.length;
    if (newMail.length + newSms.length === 0) continue;
    process.stdout.write(`  ${day(new Date(target.getTime() - 1))}:\n`);
    // Meeting mail and digests are summarised in the coordination part below.
    const coordination = newMail.filter((e) => kindOf(e) !== 'case and referral notices');
    for (const e of newMail) if (!coordination.includes(e)) process.stdout.write(`    ✉ → ${e.destination.to.join(', ')}: ${e.subject}\n`);
    if (coordination.length > 0) process.stdout.write(`    ✉ (+ ${coordination.length} meeting and digest emails)\n`);
    for (const t of newSms) process.stdout.write(`    ✆ → ${t.phoneNumber}: ${t.message}\n`);
  }
  const view = await get(`${api}/cases/${obiliqCase}`, 'obiliq-coordinator');
  const flagged = view.referrals.filter((r: any) => r.flaggedAt).length;
  process.stdout.write(`  → ${flagged} of ${view.referrals.length} Obiliq referrals flagged for the coordinator to call (the answered ones are not chased).\n`);
}

const day = (d: Date) => d.toLocaleDateString('en-GB', { timeZone: 'Europe/Belgrade', weekday: 'short', day: '2-digit', month: 'short' });
const localDate = (d: Date) => d.toLocaleString('sv-SE', { timeZone: 'Europe/Belgrade' }).slice(0, 10);

/** What kind of coordination mail an email is, from its calendar or CSV attachment and its subject's first words. */
function kindOf(e: { subject: string; attachments?: { contentType: string }[] }): string {
  const ics = e.attachments?.find((a) => a.contentType.startsWith('text/calendar'));
  if (e.attachments?.some((a) => a.contentType.startsWith('text/csv'))) return 'quarterly report (.csv)';
  if (ics && /method=CANCEL/.test(ics.contentType)) return 'meeting cancelled (.ics)';
  if (ics && /^(Kujtesë|Podsetnik|Подсетник|Reminder):/.test(e.subject)) return 'meeting reminder (.ics)';
  if (ics && /^(Ftesë|Poziv|Позив|Invitation):/.test(e.subject)) return 'meeting invitation (.ics)';
  if (ics) return 'meeting update (.ics)';
  if (/procesverbal|zapisnik|записник|minutes/i.test(e.subject)) return 'minutes request';
  if (/^(Përmbledhja|Dnevni|Nedeljni|Дневни|Недељни|Daily digest|Weekly digest)/.test(e.subject)) return 'coordinator digest';
  return 'case and referral notices';
}

/**
 * A quarter of coordination: the recurring meetings from the directory and one ad-hoc meeting,
 * their invitations (with calendar entries), reminders and minutes; the coordinators' digests;
 * then the quarterly indicator report on the next quarter's first working day.
 */
async function coordinationQuarter(api: string, inbox: string): Promise<void> {
  const now = new Date(((await (await fetch(`${api}/_local/clock`)).json()) as { now: string }).now);
  const obiliq = directory.municipality('obiliq')!;
  const inTenDays = localDate(new Date(now.getTime() + 10 * 86_400_000));
  const meeting = await post(api, '/meetings', {
    municipalityId: 'obiliq',
    convenerId: obiliq.coordinators[0]!.id,
    title: 'Familjet e kthyera: dokumentet dhe regjistrimi në shkollë',
    start: `${inTenDays}T10:00:00+01:00`,
    end: `${inTenDays}T11:00:00+01:00`,
    location: 'Salla e mbledhjeve, Komuna e Obiliqit',
    invitees: [obiliq.offices.find((o) => o.kind === 'civil_registry')!.id, obiliq.offices.find((o) => o.kind === 'education_directorate')!.id, obiliq.contacts.find((c) => c.role === 'international')!.id],
    requestId: randomUUID(),
  }, 'obiliq-coordinator');
  process.stdout.write(`\n▶ Coordination: an ad-hoc meeting on ${inTenDays} 10:00 (${meeting.meetingId}); the directory's monthly, quarterly and yearly meetings come by themselves.\n`);

  // To the first working day of the next quarter, 09:00 in Kosovo, a week at a time.
  const month = Number(localDate(now).slice(5, 7));
  const year = Number(localDate(now).slice(0, 4));
  const nextQuarterMonth = Math.floor((month - 1) / 3) * 3 + 4;
  const nextQuarter = nextQuarterMonth > 12 ? `${year + 1}-01` : `${year}-${String(nextQuarterMonth).padStart(2, '0')}`;
  const end = new Date(`${nextQuarter}-08T09:00:00+01:00`);
  let seen = ((await (await fetch(`${inbox}/store`)).json()) as { emails: unknown[] }).emails.length;
  const tally = new Map<string, number>();
  const shown = new Set<string>();
  let minutesDone = false;
  for (let t = now.getTime() + 7 * 86_400_000; ; t += 7 * 86_400_000) {
    // The last week may be short: never stop twice on the same day.
    const target = new Date(t + 86_400_000 > end.getTime() ? end.getTime() : t);
    await fetch(`${api}/_local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceTo: target.toISOString() }) });
    if (!minutesDone && target.getTime() > Date.parse(`${inTenDays}T12:00:00+01:00`)) {
      // The convener answers the minutes request: held, two cases discussed (counted for the quarter).
      await post(api, `/meetings/${meeting.meetingId}/minutes`, { held: true, casesDiscussed: arrivals.filter((a) => a.case.municipalityId === 'obiliq').map((a) => a.case.smrCaseId) }, 'obiliq-coordinator');
      minutesDone = true;
    }
    const emails = ((await (await fetch(`${inbox}/store`)).json()) as { emails: any[] }).emails;
    const fresh = emails.slice(seen);
    seen = emails.length;
    const week = new Map<string, number>();
    for (const e of fresh) {
      const k = kindOf(e);
      week.set(k, (week.get(k) ?? 0) + 1);
      tally.set(k, (tally.get(k) ?? 0) + 1);
    }
    process.stdout.write(`  until ${day(target)}: ${[...week].map(([k, n]) => `${n} × ${k}`).join(', ') || 'nothing'}\n`);
    for (const e of fresh) {
      const k = kindOf(e);
      // One example of each kind; for digests one daily and one weekly ("Përmbledhja ditore / javore").
      const example = k === 'coordinator digest' ? `${k} ${e.subject.split(' ')[1]}` : k;
      if (k === 'case and referral notices' || shown.has(example)) continue;
      shown.add(example);
      process.stdout.write(`    e.g. ✉ → ${e.destination.to.join(', ')}: ${e.subject}\n`);
      for (const a of e.attachments ?? []) {
        const text = Buffer.from(a.content, 'base64').toString('utf8');
        const lines = a.contentType.startsWith('text/calendar')
          ? [text.split('\r\n').find((l: string) => l.startsWith('METHOD')), ...text.split('BEGIN:VEVENT')[1]!.split('\r\n').filter((l: string) => /^(UID|SEQUENCE|DTSTART|STATUS)/.test(l))]
          : text.replace(/^\uFEFF/, '').split('\r\n').slice(0, 4);
        process.stdout.write(`         📎 ${a.filename} (${a.contentType}): ${lines.join(' | ')}\n`);
      }
    }
    if (target.getTime() >= end.getTime()) break;
  }
  process.stdout.write(`  → over the quarter: ${[...tally].map(([k, n]) => `${n} × ${k}`).join(', ')}\n`);
  process.stdout.write(`  Inbox with every message and its attachments: ${inbox}/\n`);
}

let own: LocalStack | undefined;
let api = API;
let inbox = INBOX;
let sms = SMS;
if (!(await reachable(`${API}/cases/health`))) {
  process.stdout.write('No local stack answering on ' + API + ': starting one for the demo…\n');
  own = await startLocalStack({ logLevel: 'WARN' });
  const pool = own.pool;
  signIn = (who) => pool.token(who);
  api = own.api.endpoint;
  inbox = own.ses.endpoint;
  sms = own.sms.endpoint;
}

try {
  const since = Math.floor(Date.now() / 1000) - 1;
  const caseIds: string[] = [];
  const owner = new Map<string, Who>();
  for (const a of arrivals) {
    process.stdout.write(`\n▶ ${a.title}\n`);
    const who: Who = a.case.municipalityId === 'obiliq' ? 'obiliq-coordinator' : 'partesh-coordinator';
    const c = await post(api, '/cases', a.case, who);
    caseIds.push(c.caseId);
    owner.set(c.caseId, who);
    process.stdout.write(`  case ${c.caseId} (SMR ${a.case.smrCaseId})\n`);
    // The other municipality's coordinator cannot see this case: 404, as if it did not exist.
    const other: Who = who === 'obiliq-coordinator' ? 'partesh-coordinator' : 'obiliq-coordinator';
    const peek = await fetch(`${api}/cases/${c.caseId}`, { headers: { authorization: `Bearer ${await tokenOf(other)}` } });
    process.stdout.write(`  👤 ${other}: GET /cases/… → ${peek.status} (not their municipality)\n`);
    for (const r of a.referrals) {
      const ref = await post(api, `/cases/${c.caseId}/referrals`, { ...r, requestId: randomUUID() }, who);
      process.stdout.write(`  referral → ${ref.officeId} (${r.need}), acknowledge by ${ref.ackDueDate}\n`);
    }
  }

  // Wait until every referral's notifications have settled.
  const deadline = Date.now() + 30_000;
  let views: Record<string, any>[] = [];
  for (;;) {
    views = await Promise.all(caseIds.map((id) => get(`${api}/cases/${id}`, owner.get(id)!)));
    const pending = views.flatMap((v) => v.referrals.flatMap((r: any) => r.notifications)).filter((n: any) => ['queued', 'sending'].includes(n.status));
    const complete = views.every((v) => v.referrals.every((r: any) => r.notifications.length === 2));
    if ((complete && pending.length === 0) || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 200));
  }

  const emails = ((await (await fetch(`${inbox}/store?since=${since}`)).json()) as { emails: any[] }).emails;
  const texts = ((await (await fetch(`${sms}/_sms`)).json()) as { messages: any[] }).messages;
  process.stdout.write(`\n✉  Emails to offices (${emails.length}):\n`);
  for (const e of emails) process.stdout.write(`  → ${e.destination.to.join(', ')}\n    ${e.subject}\n`);
  process.stdout.write(`\n✆  SMS to returnees (${texts.length}):\n`);
  for (const t of texts) process.stdout.write(`  → ${t.phoneNumber}\n    ${t.message.replace(/\n/g, '\n    ')}\n`);
  process.stdout.write('\n☰  Notification status per referral:\n');
  for (const v of views) {
    for (const r of v.referrals) {
      const line = r.notifications.map((n: any) => `${n.channel} ${n.status}${n.sms ? ` (${n.sms.encoding}, ${n.sms.segments} seg)` : ''}${n.notBefore ? ` until ${n.notBefore}` : ''}`).join(' · ');
      process.stdout.write(`  ${v.smrCaseId} ${r.officeId}: referral ${r.status} · ${line}\n`);
    }
  }
  await officesAnswer(inbox, sms);
  await phoneAndWaiting(api, inbox, caseIds[0]!);
  await timePasses(api, inbox, sms, caseIds);
  await coordinationQuarter(api, inbox);
  process.stdout.write(`\nInbox: ${inbox}/   SMS: ${sms}/_sms\n`);
} finally {
  await own?.stop();
}
