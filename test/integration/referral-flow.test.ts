import { ScanCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { gsmStats, normaliseSms, toGsm7 } from '../../shared/messages/index.js';
import { DEFAULT_SMS_POLICY } from '../../shared/domain/sms-policy.js';
import { call, captureOutput, dynamoDbOf, inbox, lambdaContext, obiliqFamily, parteshFamily, returneePageText, stackForFile, textsTo } from './support.js';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoRepositories } from '../../shared/store/dynamodb-repositories.js';

/**
 * The spine end to end on the local stack: HTTP API → DynamoDB Local → stream → route-referrals
 * → intents → stream → deliver-notifications → SES v2 emulator and SMS sink, through the same
 * handler modules Lambda runs.
 */
let stack: LocalStack;
let output: ReturnType<typeof captureOutput>;
const directory = bundledDirectory();
const obiliq = directory.municipality('obiliq')!;
const partesh = directory.municipality('partesh')!;

async function countItems(): Promise<number> {
  const db = new DynamoDBClient({});
  const out = await db.send(new ScanCommand({ TableName: stack.tableName, Select: 'COUNT' }));
  db.destroy();
  return out.Count ?? 0;
}

stackForFile((s, o) => {
  stack = s;
  output = o;
});

describe('an arrival in Obiliq', () => {
  const family = { ...obiliqFamily('SMR-2026-0142'), coordinatorId: obiliq.coordinators[0]!.id };
  let caseId: string;
  const referralIds: Record<string, string> = {};

  it('registers the case and four referrals', async () => {
    const created = await call(stack, 'POST', '/cases', family);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    caseId = created.body.caseId;
    const referrals = [
      { officeKind: 'civil_registry', need: 'civil_documents' },
      { officeKind: 'employment_office', need: 'job_seeker_registration', personIds: ['p1', 'p2'] },
      { officeKind: 'social_work_centre', need: 'social_support', note: 'Family has no income yet.' },
      { officeKind: 'education_directorate', need: 'school_enrolment', personIds: ['p3', 'p4'] },
    ];
    for (const r of referrals) {
      const res = await call(stack, 'POST', `/cases/${caseId}/referrals`, r);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.ackDueDate).toBe('2026-11-30'); // 5 working days after Monday 23 November
      referralIds[r.officeKind] = res.body.referralId;
    }
    await stack.settle();
  });

  it('emails each office once, in Albanian, with who, what and by when', async () => {
    const emails = (await inbox(stack)).filter((e) => e.subject.includes('SMR-2026-0142'));
    expect(emails).toHaveLength(4);
    for (const kind of ['civil_registry', 'employment_office', 'social_work_centre', 'education_directorate'] as const) {
      const office = directory.office('obiliq', kind)!;
      const mail = emails.filter((e) => e.destination.to.includes(office.email));
      expect(mail, kind).toHaveLength(1);
      const text = mail[0]!.body.text ?? '';
      expect(text).toContain(office.name.sq);
      expect(text).toContain(obiliq.coordinators[0]!.name);
      expect(text).toMatch(/\d{2}\.\d{2}\.\d{4}/); // acknowledge-by date
    }
    const school = emails.find((e) => e.destination.to.includes(directory.office('obiliq', 'education_directorate')!.email))!;
    expect(school.body.text).toContain('Liridon');
    expect(school.body.text).not.toContain('Arben'); // only the children are referred to school
    for (const e of emails) expect(e.subject).not.toContain('Krasniqi');
  });

  it('texts the returnee about every referral, in Albanian, with where to go', async () => {
    const sms = textsTo(stack, '+38349555123');
    // Referrals that reach route-referrals in one batch (made in one sitting, as here) go in one
    // SMS listing them: one message for the four, or more when they came in more batches.
    expect(sms.length).toBeGreaterThanOrEqual(1);
    expect(sms.length).toBeLessThanOrEqual(4);
    const civil = directory.office('obiliq', 'civil_registry')!;
    // The default cost policy: too long for 3 segments with ë and ç, so sent in GSM-7 (ë→e, ç→c).
    const asSent = (t: string) => toGsm7(normaliseSms(t));
    // With the returnee page on (the default): the office in the SMS, its address on the page it links to.
    const toCivil = sms.find((m) => m.message.includes(asSent(civil.name.sq)) && m.message.includes('/p/'));
    expect(toCivil, JSON.stringify(sms.map((m) => m.message))).toBeDefined();
    expect(await returneePageText(toCivil!.message)).toContain(civil.address.sq);
    for (const m of sms) expect(gsmStats(m.message).segments).toBeLessThanOrEqual(DEFAULT_SMS_POLICY.maxSegments);
    expect(sms.every((m) => m.attributes['AWS.SNS.SMS.SMSType'] === 'Transactional')).toBe(true);
  });

  it('shows each referral with its notification status on GET /cases/{id}', async () => {
    const res = await call(stack, 'GET', `/cases/${caseId}`);
    expect(res.status).toBe(200);
    expect(res.body.referrals).toHaveLength(4);
    const emails = await inbox(stack);
    const smsIds = new Set(stack.sms.messages().map((m) => m.messageId));
    for (const r of res.body.referrals) {
      expect(r.status).toBe('sent');
      const email = r.notifications.find((n: any) => n.channel === 'email');
      const sms = r.notifications.find((n: any) => n.channel === 'sms');
      const office = obiliq.offices.find((o) => o.id === r.officeId)!;
      expect(email).toMatchObject({ status: 'sent', template: 'referral.office.email', languages: office.languages, attempts: 1 });
      expect(emails.some((e) => e.messageId === email.providerMessageId)).toBe(true);
      expect(sms).toMatchObject({ status: 'sent', languages: ['sq'], attempts: 1 });
      expect(smsIds.has(sms.providerMessageId)).toBe(true);
      // What went out is counted for the bill: the recorded encoding and segments are the sent text's.
      const sent = stack.sms.messages().find((m) => m.messageId === sms.providerMessageId)!;
      // An SMS that went in another's message (routed together) shares its id; the segments are on the message's first.
      if (sms.mergedInto !== undefined) {
        expect(sms.sms).toBeUndefined();
        continue;
      }
      expect(sms.sms).toMatchObject({ encoding: gsmStats(sent.message).encoding, segments: gsmStats(sent.message).segments });
      expect(sms.sms.segments).toBeLessThanOrEqual(DEFAULT_SMS_POLICY.maxSegments);
    }
    // Never twice: the family got one SMS for each that led a message (the others went in it), each its own.
    const leading = res.body.referrals.flatMap((r: any) => r.notifications.filter((n: any) => n.channel === 'sms' && n.mergedInto === undefined));
    const texts = textsTo(stack, '+38349555123');
    expect(texts).toHaveLength(leading.length);
    expect(new Set(leading.map((n: any) => n.providerMessageId))).toEqual(new Set(texts.map((m) => m.messageId)));
  });
});

describe('cancelling a referral while delivery moves it', () => {
  it('retries once the conditional move finds the referral sent meanwhile, and cancels it (not a false 404)', async () => {
    const created = await call(stack, 'POST', '/cases', { ...obiliqFamily('SMR-2026-CANCEL-RACE'), coordinatorId: obiliq.coordinators[0]!.id });
    const referral = await call(stack, 'POST', `/cases/${created.body.caseId}/referrals`, { officeKind: 'police', need: 'police_assistance' });
    await stack.settle();
    const db = DynamoDBDocumentClient.from(dynamoDbOf(stack));
    const store = dynamoRepositories(db, stack.tableName).referrals;
    const sent = await store.get(created.body.caseId, referral.body.referralId);
    expect(sent?.status).toBe('sent');
    // The first read is stale: it sees the referral as it was before delivery moved it on.
    const reads: string[] = [];
    const realGet = store.get.bind(store);
    store.get = async (caseId, referralId) => {
      const item = await realGet(caseId, referralId);
      reads.push(item!.status);
      return reads.length === 1 ? { ...item!, status: 'created' } : item;
    };
    expect(await store.cancel(created.body.caseId, referral.body.referralId, 'no_longer_needed', new Date().toISOString(), { by: 'user:test', role: 'coordinator' })).toBe(true);
    expect(reads).toEqual(['sent', 'sent']);
    expect((await realGet(created.body.caseId, referral.body.referralId))?.status).toBe('cancelled');
    db.destroy();
  });
});

describe('an arrival in Partesh (Serbian-speaking, no consent to share)', () => {
  const family = { ...parteshFamily('SMR-2026-0777'), coordinatorId: partesh.coordinators[0]!.id };

  it('sends one bilingual email without names, and a Serbian SMS to the German number', async () => {
    const created = await call(stack, 'POST', '/cases', family);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const ref = await call(stack, 'POST', `/cases/${created.body.caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' });
    expect(ref.status).toBe(201);
    await stack.settle();

    const office = directory.office('partesh', 'civil_registry')!;
    expect(office.languages).toEqual(expect.arrayContaining(['sq', 'sr-Latn']));
    const emails = (await inbox(stack)).filter((e) => e.subject.includes('SMR-2026-0777'));
    expect(emails).toHaveLength(1);
    const text = emails[0]!.body.text ?? '';
    expect(text).toContain(office.name.sq);
    expect(text).toContain(office.name.sr);
    expect(text).not.toContain('Stojković');
    expect(text).not.toContain('Dragana');

    const sms = textsTo(stack, '+4915123456789');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.message).toContain(toGsm7(normaliseSms(office.name.sr)));
    expect(await returneePageText(sms[0]!.message)).toMatch(/Ponesite|Понесите/); // what to bring, in Serbian, on the page the SMS links to
  });
});

describe('consent and sensitive needs', () => {
  it('sends no SMS without consent and records why', async () => {
    const family = { ...obiliqFamily(), coordinatorId: obiliq.coordinators[0]!.id, consent: { sms: false, shareWithOffices: true } };
    const created = await call(stack, 'POST', '/cases', family);
    const before = stack.sms.messages().length;
    await call(stack, 'POST', `/cases/${created.body.caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' });
    await stack.settle();
    expect(stack.sms.messages().length).toBe(before);
    const view = await call(stack, 'GET', `/cases/${created.body.caseId}`);
    const sms = view.body.referrals[0].notifications.find((n: any) => n.channel === 'sms');
    expect(sms).toMatchObject({ status: 'skipped', skipReason: 'no_sms_consent' });
  });

  it('keeps a psycho-social referral out of the subject and the SMS', async () => {
    const family = { ...obiliqFamily('SMR-2026-0999'), coordinatorId: obiliq.coordinators[0]!.id, phone: '+383 45 987 654' };
    const created = await call(stack, 'POST', '/cases', family);
    await call(stack, 'POST', `/cases/${created.body.caseId}/referrals`, {
      officeKind: 'mental_health',
      need: 'psychosocial_support',
      personIds: ['p2'],
      categories: ['domestic_violence_victim'],
    });
    await stack.settle();
    const mental = directory.office('obiliq', 'mental_health')!;
    const email = (await inbox(stack)).find((e) => e.subject.includes('SMR-2026-0999'))!;
    expect(email.destination.to).toEqual([mental.email]);
    expect(email.subject).not.toMatch(/psiko|dhun|mendor|violence|mental/i);
    expect(email.subject).not.toContain(mental.name.sq);
    const sms = textsTo(stack, '+38345987654');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.message).not.toContain(mental.name.sq);
    expect(sms[0]!.message).not.toMatch(/psiko|dhun|mendor|shëndet/i);
  });
});

describe('bad input gets a clear 4xx and writes nothing', () => {
  it.each([
    ['missing field', (f: any) => ({ ...f, municipalityId: undefined }), 'municipalityId'],
    ['unknown municipality', (f: any) => ({ ...f, municipalityId: 'prizren' }), 'municipalityId'],
    ['bad phone', (f: any) => ({ ...f, phone: '12' }), 'phone'],
    ['bad date', (f: any) => ({ ...f, arrivalDate: '2026-13-45' }), 'arrivalDate'],
    ['bad language', (f: any) => ({ ...f, preferredLanguage: 'de' }), 'preferredLanguage'],
    ['unknown field', (f: any) => ({ ...f, nationalId: '123' }), 'nationalId'],
    ['bad member', (f: any) => ({ ...f, household: [{ ...f.household[0], birthYear: 'x' }] }), 'household.0.birthYear'],
    ['unknown coordinator', (f: any) => ({ ...f, coordinatorId: 'nobody' }), 'coordinatorId'],
  ])('POST /cases with %s → 400 naming the field', async (_label, mutate, field) => {
    const before = await countItems();
    const res = await call(stack, 'POST', '/cases', mutate({ ...obiliqFamily(), coordinatorId: obiliq.coordinators[0]!.id }));
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(field);
    expect(await countItems()).toBe(before);
  });

  it('rejects malformed JSON and a missing content type', async () => {
    const before = await countItems();
    expect((await call(stack, 'POST', '/cases', undefined, '{"smrCaseId": ')).body.message).toContain('body');
    const res = await fetch(`${stack.api.endpoint}/cases`, { method: 'POST', body: '{}', headers: { authorization: `Bearer ${await stack.pool.token('obiliq-head')}` } });
    expect(res.status).toBe(415);
    expect(await countItems()).toBe(before);
  });

  it('answers 401 without a token and with one that is not a token of the pool, writing nothing', async () => {
    const before = await countItems();
    const body = JSON.stringify({ ...obiliqFamily(), coordinatorId: obiliq.coordinators[0]!.id });
    const none = await fetch(`${stack.api.endpoint}/cases`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(none.status).toBe(401);
    expect(((await none.json()) as { message: string }).message).toContain('authorization');
    const wrong = await fetch(`${stack.api.endpoint}/cases`, { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect(await countItems()).toBe(before);
  });

  it('answers 409 for a second case with the same SMR id', async () => {
    const family = { ...obiliqFamily('SMR-2026-DUP'), coordinatorId: obiliq.coordinators[0]!.id };
    const first = await call(stack, 'POST', '/cases', family);
    expect(first.status).toBe(201);
    // Its welcome SMS delivered (and on record) first.
    await stack.settle();
    const before = await countItems();
    const again = await call(stack, 'POST', '/cases', family);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ caseId: first.body.caseId });
    expect(await countItems()).toBe(before);
  });

  it('404 for an unknown case, 400 for an office kind or person the case does not have', async () => {
    const before = await countItems();
    expect((await call(stack, 'GET', '/cases/01JZZZZZZZZZZZZZZZZZZZZZZZ')).status).toBe(404);
    expect((await call(stack, 'POST', '/cases/01JZZZZZZZZZZZZZZZZZZZZZZZ/referrals', { officeKind: 'police', need: 'police_assistance' })).status).toBe(404);
    // No consent to SMS: its welcome SMS is written skipped, and nothing is delivered meanwhile.
    const family = { ...obiliqFamily(), coordinatorId: obiliq.coordinators[0]!.id, consent: { sms: false, shareWithOffices: true } };
    const created = await call(stack, 'POST', '/cases', family);
    const afterCase = await countItems();
    // The case, its SMR-id claim, its audit entry, its five timers (visit ×2, monitoring, evaluation,
    // closure) and its welcome SMS (skipped); the quarter's counters item exists already (earlier
    // cases), so it is updated, not added.
    expect(afterCase).toBe(before + 3 + 5 + 1);
    const badPerson = await call(stack, 'POST', `/cases/${created.body.caseId}/referrals`, { officeKind: 'police', need: 'police_assistance', personIds: ['p1', 'p9'] });
    expect(badPerson.status).toBe(400);
    expect(badPerson.body.message).toContain('personIds.1');
    const badKind = await call(stack, 'POST', `/cases/${created.body.caseId}/referrals`, { officeKind: 'embassy', need: 'police_assistance' });
    expect(badKind.status).toBe(400);
    expect(badKind.body.message).toContain('officeKind');
    expect(await countItems()).toBe(afterCase);
  });
});

describe('the stream consumers', () => {
  it('send nothing again when the same batches are redelivered', async () => {
    await stack.settle();
    const emails = (await inbox(stack)).length;
    const sms = stack.sms.messages().length;
    const routed = stack.invocations.filter((i) => i.functionName === 'route-referrals');
    const delivered = stack.invocations.filter((i) => i.functionName === 'deliver-notifications');
    expect(routed.length).toBeGreaterThan(0);
    expect(delivered.length).toBeGreaterThan(0);
    for (const inv of routed) {
      const out = await stack.handlers.routeReferrals(structuredClone(inv.event), lambdaContext('route-referrals'));
      expect(out).toEqual({ batchItemFailures: [] });
    }
    for (const inv of delivered) {
      const out = await stack.handlers.deliverNotifications(structuredClone(inv.event), lambdaContext('deliver-notifications'));
      expect(out).toEqual({ batchItemFailures: [] });
    }
    await stack.settle();
    expect((await inbox(stack)).length).toBe(emails);
    expect(stack.sms.messages().length).toBe(sms);
  });

  it('ignore TTL deletions and status updates', async () => {
    const inv = stack.invocations.find((i) => i.functionName === 'route-referrals')!;
    const record = inv.event.Records[0]!;
    const ttlRemove = {
      ...record,
      eventName: 'REMOVE' as const,
      userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
      dynamodb: { ...record.dynamodb, OldImage: record.dynamodb!.NewImage, NewImage: undefined },
    };
    const modify = { ...record, eventName: 'MODIFY' as const, dynamodb: { ...record.dynamodb, OldImage: record.dynamodb!.NewImage } };
    const before = await countItems();
    const out = await stack.handlers.routeReferrals({ Records: [ttlRemove, modify] }, lambdaContext('route-referrals'));
    expect(out).toEqual({ batchItemFailures: [] });
    expect(await countItems()).toBe(before);
  });

  it('park a malformed record in the DLQ after bounded retries, without holding up the others', async () => {
    const db = new DynamoDBClient({});
    const { PutItemCommand } = await import('@aws-sdk/client-dynamodb');
    // A referral image the route function cannot accept (no caseId, unknown need)...
    await db.send(
      new PutItemCommand({
        TableName: stack.tableName,
        Item: { pk: { S: 'CASE#POISON' }, sk: { S: 'REF#POISON' }, type: { S: 'Referral' }, status: { S: 'created' }, need: { S: 'teleportation' } },
      }),
    );
    db.destroy();
    // ...followed by a good referral, which must still go out.
    const family = { ...obiliqFamily('SMR-2026-AFTER-POISON'), coordinatorId: obiliq.coordinators[0]!.id };
    const created = await call(stack, 'POST', '/cases', family);
    await call(stack, 'POST', `/cases/${created.body.caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' });
    await stack.settle();
    const parked = stack.dlq.filter((m) => m.records.some((r) => r.key === 'CASE#POISON REF#POISON'));
    expect(parked).toHaveLength(1);
    expect(parked[0]!.records).toHaveLength(1);
    expect(parked[0]!.requestContext.condition).toBe('RetryAttemptsExhausted');
    const poisonAttempts = stack.invocations.filter(
      (i) => i.functionName === 'route-referrals' && i.event.Records.length === 1 && JSON.stringify(i.event.Records[0]!.dynamodb!.Keys).includes('POISON'),
    );
    expect(poisonAttempts.length).toBe(1 + 3); // first try + retryAttempts from the declaration
    expect((await inbox(stack)).filter((e) => e.subject.includes('SMR-2026-AFTER-POISON'))).toHaveLength(1);
  });
});

describe('logs', () => {
  it('carry no names, phone numbers or email addresses', async () => {
    await stack.settle();
    const logs = output.text();
    expect(logs).toContain('notification sent'); // the functions did log
    const forbidden = [
      'Arben', 'Drita', 'Liridon', 'Vlora', 'Krasniqi', 'Dragana', 'Stojković',
      '+38349555123', '49555123', '+4915123456789', '15123456789', '+38345987654',
      ...obiliq.offices.map((o) => o.email), ...partesh.offices.map((o) => o.email),
      ...obiliq.coordinators.flatMap((c) => [c.email, c.phone, c.name]),
      ...partesh.coordinators.flatMap((c) => [c.email, c.phone, c.name]),
    ];
    for (const f of forbidden) expect(logs, `logs contain "${f}"`).not.toContain(f);
    expect(logs).not.toMatch(/[\w.+-]+@[\w-]+\.(example\.org|test)/);
  });
});
