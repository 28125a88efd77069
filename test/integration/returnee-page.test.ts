import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import ICAL from 'ical.js';
import { afterAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { pageText } from '../../shared/pages/returnee-page.js';
import { dynamoRepositories } from '../../shared/store/dynamodb-repositories.js';
import type { Repositories } from '../../shared/store/ports.js';
import { call, inbox, lambdaContext, obiliqFamily, stackForFile } from './support.js';

/**
 * The returnee page on the local stack (DynamoDB Local, the SES emulator, the SMS sink), through the
 * respond handler module Lambda runs, fed with API Gateway's payload-2.0 events: the SMS carries the
 * page's link; the page shows the steps; the calendar file downloads; "I cannot come", pressed
 * twice, is recorded once and reaches the coordinator as one email.
 */
let stack: LocalStack;
let db: DynamoDBDocumentClient;
let repos: Repositories;
const obiliq = bundledDirectory().municipality('obiliq')!;
const coordinator = obiliq.coordinators[0]!;
const office = obiliq.offices.find((o) => o.kind === 'employment_office')!;
const SMR = 'SMR-PAGE-1';
let caseId: string;
let appointmentId: string;
let token: string;

stackForFile(async (s) => {
  stack = s;
  db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  repos = dynamoRepositories(db, stack.tableName);
  const created = await call(stack, 'POST', '/cases', { ...obiliqFamily(SMR), coordinatorId: coordinator.id, phone: '049 555 777' });
  expect(created.status).toBe(201);
  caseId = created.body.caseId;
  expect((await call(stack, 'POST', `/cases/${caseId}/referrals`, { officeKind: 'employment_office', need: 'job_seeker_registration' })).status).toBe(201);
  const appt = await call(stack, 'POST', `/cases/${caseId}/appointments`, { kind: 'appointment', when: '2026-11-26T09:30:00Z', title: 'Regjistrimi si punëkërkues', where: 'Zyra e Punësimit, Rr. Adem Jashari', bring: 'letërnjoftimin' });
  expect(appt.status).toBe(201);
  appointmentId = appt.body.appointmentId;
  await stack.settle();
}, { logLevel: 'ERROR' });
afterAll(() => db?.destroy());

/** What a browser makes of the escaped markup. */
const decoded = (html: string) => html.replace(/&#x2F;/g, '/').replace(/&#39;/g, "'").replace(/&#x3D;/g, '=');
const answersOnRecord = async () => (await repos.cases.view(caseId))!.audit.filter((a) => a.event === 'case.page_answered').map((a) => a.detail?.answer);

/** An HTTP API (payload format 2.0) event for the respond function, as API Gateway builds it. */
function event(method: 'GET' | 'POST', routePath: string, rawPath: string, params: Record<string, string>, body?: Record<string, string>, headers: Record<string, string> = {}): APIGatewayProxyEventV2 {
  const host = new URL(stack.env.PUBLIC_BASE_URL!).host;
  const now = stack.clock.now();
  return {
    version: '2.0',
    routeKey: `${method} ${routePath}`,
    rawPath,
    rawQueryString: '',
    headers: { host, 'user-agent': 'Opera/9.80 (J2ME/MIDP; Opera Mini/4.2)', ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...headers },
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: host,
      domainPrefix: 'local',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'Opera/9.80 (J2ME/MIDP; Opera Mini/4.2)' },
      requestId: randomUUID(),
      routeKey: `${method} ${routePath}`,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    pathParameters: params,
    // API Gateway hands a form body base64-encoded.
    ...(body ? { body: Buffer.from(new URLSearchParams(body).toString()).toString('base64'), isBase64Encoded: true } : { isBase64Encoded: false }),
  };
}

const respond = async (e: APIGatewayProxyEventV2) => (await stack.handlers.respond(e, lambdaContext('respond'))) as APIGatewayProxyStructuredResultV2;
const page = (t = token) => respond(event('GET', '/p/{token}', `/p/${t}`, { token: t }));
const answer = (step: string, a: 'yes' | 'no', headers: Record<string, string> = { 'sec-fetch-site': 'same-origin' }) =>
  respond(event('POST', '/p/{token}', `/p/${token}`, { token }, { step, answer: a }, headers));
const cannotCome = async () => (await inbox(stack)).filter((m) => m.destination.to.includes(coordinator.email) && m.subject.includes(SMR) && /Nuk mund t/.test(m.subject));

describe('the returnee page through the respond handler', () => {
  it('the referral SMS carries the page link, in one GSM-7 segment', async () => {
    const texts = stack.sms.messages().filter((m) => m.message.includes('/p/'));
    const mine = texts.find((m) => m.phoneNumber === '+38349555777');
    expect(mine, JSON.stringify(stack.sms.messages().map((m) => m.message))).toBeDefined();
    const url = mine!.message.match(/(http:\/\/localhost:\d+)\/p\/([A-Za-z0-9_.-]+)/)!;
    expect(url[1]).toBe(stack.env.PUBLIC_BASE_URL);
    token = url[2]!;
    expect(token.startsWith(`${caseId}.`)).toBe(true);
    // What delivery recorded for the bill: one segment.
    const sent = (await repos.cases.view(caseId))!.intents.filter((i) => i.channel === 'sms' && i.status === 'sent');
    expect(sent.some((i) => i.sms?.segments === 1 && i.sms.encoding === 'GSM-7'), JSON.stringify(sent.map((i) => i.sms))).toBe(true);
  });

  it('GET shows the steps in Albanian: the appointment with its calendar file, the office with address and hours; no family name or phone', async () => {
    const res = await page();
    expect(res.statusCode).toBe(200);
    expect(res.headers!['Content-Type']).toMatch(/^text\/html/);
    expect(res.headers!['Content-Security-Policy']).toContain("default-src 'none'");
    const html = decoded(res.body!);
    expect(html).toContain('Arben');
    expect(html).not.toContain('Krasniqi');
    expect(html).not.toMatch(/\+383|049 555/);
    expect(html).toContain(office.name.sq);
    expect(html).toContain(office.hours.sq);
    expect(html).toContain('Regjistrimi si punëkërkues');
    expect(html).toContain(`/p/${token}/calendar/${appointmentId}`);
    expect(html).not.toMatch(/<script/i);

    const ics = await respond(event('GET', '/p/{token}/calendar/{appointmentId}', `/p/${token}/calendar/${appointmentId}`, { token, appointmentId }));
    expect(ics.statusCode).toBe(200);
    expect(ics.headers!['Content-Type']).toContain('text/calendar');
    expect(ics.headers!['Content-Disposition']).toBe(`attachment; filename="${appointmentId}.ics"`);
    const vevent = new ICAL.Component(ICAL.parse(ics.body!)).getFirstSubcomponent('vevent')!;
    expect((vevent.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe('2026-11-26T09:30:00.000Z');
  });

  it('"I cannot come", pressed twice, is recorded once and reaches the coordinator as one email', async () => {
    const step = `appt:${appointmentId}`;
    const first = await answer(step, 'no');
    expect(first.statusCode).toBe(200);
    expect(decoded(first.body!)).toContain(pageText('recordedNo', 'sq'));
    const second = await answer(step, 'no');
    expect(second.statusCode).toBe(200);
    expect(decoded(second.body!)).toContain(pageText('already', 'sq'));
    await stack.settle();
    const mails = await cannotCome();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body.text).toContain('Regjistrimi si punëkërkues');
    expect(mails[0]!.body.text).not.toMatch(/Krasniqi|Arben|\+383/);
    expect(await answersOnRecord()).toEqual(['no']);
  });

  it('"I cannot come" is on the console\'s follow-up list of the case\'s municipality, until a coordinator there marks it handled', async () => {
    const listed = async (muni = 'obiliq', as = 'obiliq-coordinator') => {
      const res = await call(stack, 'GET', `/municipalities/${muni}/follow-ups`, undefined, undefined, as);
      expect(res.status).toBe(200);
      return (res.body.cannotCome as { followUpId: string; caseId: string; smrCaseId?: string; step: string; about?: unknown }[]).filter((e) => e.caseId === caseId);
    };
    const [entry] = await listed();
    expect(entry).toMatchObject({ smrCaseId: SMR, step: `appt:${appointmentId}`, about: { kind: 'appointment', when: '2026-11-26T09:30:00.000Z' } });
    // Another municipality neither sees it nor can close it, even through its own list's route.
    expect(await listed('partesh', 'partesh-coordinator')).toEqual([]);
    expect((await call(stack, 'GET', '/municipalities/obiliq/follow-ups', undefined, undefined, 'partesh-coordinator')).status).toBe(403);
    expect((await call(stack, 'POST', `/municipalities/partesh/follow-ups/${entry!.followUpId}`, { outcome: 'reached_by_phone' }, undefined, 'partesh-coordinator')).status).toBe(404);
    // A viewer may not; a bad outcome is a 400 naming the field.
    expect((await call(stack, 'POST', `/municipalities/obiliq/follow-ups/${entry!.followUpId}`, { outcome: 'reached_by_phone' }, undefined, 'obiliq-viewer')).status).toBe(403);
    const bad = await call(stack, 'POST', `/municipalities/obiliq/follow-ups/${entry!.followUpId}`, { outcome: 'called' }, undefined, 'obiliq-coordinator');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('outcome');

    const done = await call(stack, 'POST', `/municipalities/obiliq/follow-ups/${entry!.followUpId}`, { outcome: 'reached_by_phone' }, undefined, 'obiliq-coordinator');
    expect(done).toMatchObject({ status: 200, body: { followUpId: entry!.followUpId, outcome: 'reached_by_phone' } });
    expect(await listed()).toEqual([]);
    expect((await call(stack, 'POST', `/municipalities/obiliq/follow-ups/${entry!.followUpId}`, { outcome: 'visited' }, undefined, 'obiliq-coordinator')).status).toBe(404);
    // On record, as the coordinator who called.
    const audit = (await repos.cases.view(caseId))!.audit.filter((a) => a.event === 'followup.done');
    expect(audit).toEqual([expect.objectContaining({ by: `user:${stack.pool.user('obiliq-coordinator').sub}`, byRole: 'coordinator', detail: { outcome: 'reached_by_phone', answer: 'no' } })]);
  });

  it('"I will come" from an older browser (no Sec-Fetch-Site, no Origin) is recorded; from another site nothing is', async () => {
    const before = await cannotCome();
    const other = await answer(`appt:${appointmentId}`, 'yes', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' });
    expect(other.statusCode).toBe(403);
    const yes = await answer(`appt:${appointmentId}`, 'yes', {});
    expect(yes.statusCode).toBe(200);
    expect(decoded(yes.body!)).toContain(pageText('recordedYes', 'sq'));
    await stack.settle();
    expect(await cannotCome()).toHaveLength(before.length);
    expect(await answersOnRecord()).toEqual(['no', 'yes']);
  });

  it('once the coordinator marks the number wrong, the link works no more and records nothing; opted back in, it does again', async () => {
    expect((await call(stack, 'PUT', `/cases/${caseId}/sms-opt-out`, { optedOut: true, reason: 'wrong_number' })).status).toBe(200);
    const before = await answersOnRecord();
    for (const res of [await page(), await answer(`appt:${appointmentId}`, 'no')]) {
      expect(res.statusCode).toBe(404);
      // The page for a link that does not work, in all three languages: nothing of the case, not even its language.
      for (const lang of ['sq', 'sr-Latn', 'en'] as const) expect(decoded(res.body!)).toContain(pageText('invalidBody', lang));
      expect(decoded(res.body!)).not.toMatch(/Regjistrimi|Arben/);
    }
    expect(await answersOnRecord()).toEqual(before);
    expect((await call(stack, 'PUT', `/cases/${caseId}/sms-opt-out`, { optedOut: false })).status).toBe(200);
    expect((await page()).statusCode).toBe(200);
  });

  it('a forged link gets a kind 404 page; a closed case\'s link a 410', async () => {
    const forged = await page(`${caseId}.AAAAAAAAAAAAAAAA`);
    expect(forged.statusCode).toBe(404);
    expect(decoded(forged.body!)).toContain(pageText('invalidBody', 'sq'));
    expect((await call(stack, 'POST', `/cases/${caseId}/close`, { outcome: 'sustainably_reintegrated', finalAssessment: 'settled: work and school' })).status).toBe(200);
    const gone = await page();
    expect(gone.statusCode).toBe(410);
    expect(decoded(gone.body!)).toContain(pageText('goneTitle', 'sq'));
  });
});
