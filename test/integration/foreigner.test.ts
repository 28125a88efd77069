import { describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { returnWordsIn } from '../contract/return-words.js';
import { call, inbox, isCoordinationMail, parteshFamily, returneePageText, stackForFile, type SesEmail } from './support.js';

/**
 * A foreigner in Partesh (the plan's integration of foreigners) through the real API handler,
 * streams and deliver function: the clocks count from the day the protection was granted, not
 * from arrival, and nothing the case sends speaks of return. The stack starts Monday 23 November
 * 2026, 10:00 in Kosovo.
 */
let stack: LocalStack;
const partesh = bundledDirectory().municipality('partesh')!;
const coordinator = partesh.coordinators[0]!;
const PHONE = '+4915123456700';

stackForFile((s) => (stack = s));

/** In Kosovo since April; subsidiary protection granted on Sunday 22 November. */
const foreigner = (smr: string, extra: Record<string, unknown> = {}) => ({
  ...parteshFamily(smr),
  coordinatorId: coordinator.id,
  category: 'foreigner',
  arrivalDate: '2026-04-02',
  permitDate: '2026-11-22',
  permit: 'subsidiary_protection',
  phone: '+49 151 23456700',
  consent: { sms: true, shareWithOffices: true },
  ...extra,
});

const mailsAbout = async (smr: string) => (await inbox(stack)).filter((e) => !isCoordinationMail(e) && (e.subject.includes(smr) || (e.body.text ?? '').includes(smr)));
const whole = (e: SesEmail) => `${e.subject}\n${e.body.text ?? ''}\n${e.body.html ?? ''}`;

describe("a foreigner's case", () => {
  let caseId: string;

  it('is registered with its permit; the 72-hour visit is due 72 hours after the permit day began, not after arrival', async () => {
    const res = await call(stack, 'POST', '/cases', foreigner('SMR-FOREIGN-1'));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    caseId = res.body.caseId;
    const view = (await call(stack, 'GET', `/cases/${caseId}`)).body;
    expect(view).toMatchObject({ category: 'foreigner', arrivalDate: '2026-04-02', permitDate: '2026-11-22', permit: 'subsidiary_protection' });
    const due = Object.fromEntries((view.upcoming as { kind: string; dueAt: string }[]).map((t) => [t.kind, t.dueAt]));
    // 22 November 00:00 in Kosovo is 21 November 23:00 UTC: + 48 h and + 72 h.
    expect(due['visit.reminder']).toBe('2026-11-23T23:00:00.000Z');
    expect(due['visit.escalation']).toBe('2026-11-24T23:00:00.000Z');
    expect(due['case.closure']?.slice(0, 10)).toBe('2028-05-22');
  });

  it('refuses a permit on a returnee, naming the field', async () => {
    const res = await call(stack, 'POST', '/cases', { ...parteshFamily('SMR-FOREIGN-X'), coordinatorId: coordinator.id, permitDate: '2026-11-22' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('permitDate');
  });

  it("its referral's email to the office and SMS to the person name the permit and never return", async () => {
    const ref = await call(stack, 'POST', `/cases/${caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' });
    expect(ref.status, JSON.stringify(ref.body)).toBe(201);
    await stack.settle();
    const office = partesh.offices.find((o) => o.kind === 'civil_registry')!;
    const emails = (await mailsAbout('SMR-FOREIGN-1')).filter((e) => e.destination.to.includes(office.email));
    expect(emails).toHaveLength(1);
    // Partesh's civil registry reads Albanian and Serbian: one email with both.
    expect(whole(emails[0]!)).toContain('mbrojtje plotësuese');
    expect(whole(emails[0]!)).toContain('supsidijarna zaštita');
    expect(whole(emails[0]!)).toContain('22.11.2026');
    expect(returnWordsIn(whole(emails[0]!))).toEqual([]);
    const texts = stack.sms.messages().filter((m) => m.phoneNumber === PHONE).map((m) => m.message);
    expect(texts.length).toBeGreaterThanOrEqual(1);
    for (const t of texts) expect(returnWordsIn(t), t).toEqual([]);
    // Signed by the municipality: not the office for Communities and Returns, whose abbreviation holds no return word.
    for (const t of texts) expect(t, t).toMatch(/^(Opština Parteš|Opstina Partes): /);
    for (const t of texts) expect(t, t).not.toMatch(/OKZP|ZKKK|Returns/);
    // What to bring (the permit) is on the returnee page the SMS links to, which never speaks of return either.
    const page = await returneePageText(texts.find((t) => t.includes('/p/'))!);
    expect(page).toMatch(/dozvol/i);
    expect(returnWordsIn(page)).toEqual([]);
  });

  it('reminds the coordinator of the visit 48 hours after the permit day began, in words of status and permit', async () => {
    await stack.advance(Date.parse('2026-11-23T23:10:00Z') - stack.clock.now().getTime());
    await stack.settle();
    const reminders = (await mailsAbout('SMR-FOREIGN-1')).filter((e) => e.destination.to.includes(coordinator.email) && /72/.test(e.body.text ?? ''));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.body.text).toContain('dobijanja statusa ili dozvole boravka');
    expect(reminders[0]!.body.text).toContain('do kraja 24.11.2026');
    expect(returnWordsIn(whole(reminders[0]!))).toEqual([]);
    // Nothing the case sent, to anyone, speaks of return.
    for (const e of await mailsAbout('SMR-FOREIGN-1')) expect(returnWordsIn(whole(e)), e.subject).toEqual([]);
  });
});
