import { beforeAll, describe, expect, it } from 'vitest';
import { SENDING_FUNCTIONS } from '../../events/functions.js';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { METRIC, METRICS_NAMESPACE } from '../../shared/observability/metric-names.js';
import { call, captureOutput, inbox, obiliqFamily, stackForFile } from './support.js';

/**
 * The functions' own CloudWatch metrics (Powertools, EMF on stdout, as Lambda's log stream
 * carries them to CloudWatch): what the dashboard and the DeliveryFailures / DeliveryUnconfirmed
 * alarms read. Driven through the real handlers of the local stack, with metrics switched on.
 */
let stack: LocalStack;
let output: ReturnType<typeof captureOutput>;
const obiliq = bundledDirectory().municipality('obiliq')!;
const coordinator = obiliq.coordinators[0]!;
const office = obiliq.offices.find((o) => o.kind === 'civil_registry')!;
/** The clients that send make one attempt per call (shared/aws/clients.ts): one throttle reaches the platform's retry. */
const SDK_ATTEMPTS = 1;

interface Emf {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
  service: string;
  [metric: string]: unknown;
}

/** Every EMF document printed so far. */
function emf(): Emf[] {
  return output
    .text()
    .split('\n')
    .filter((l) => l.includes('"_aws"'))
    .map((l) => JSON.parse(l) as Emf);
}

/** The sum of one metric over all EMF documents of one function (a value may be one number or a list). */
function total(service: string, metric: string): number {
  let sum = 0;
  for (const doc of emf()) {
    if (doc.service !== service || !(metric in doc)) continue;
    const v = doc[metric] as number | number[];
    sum += Array.isArray(v) ? v.reduce((a, b) => a + b, 0) : v;
  }
  return sum;
}

/** The sum of one delivery metric over the functions that send (route-referrals since the one hop, deliver-notifications). */
const bySenders = (metric: string): number => SENDING_FUNCTIONS.reduce((sum, service) => sum + total(service, metric), 0);

stackForFile((s, o) => {
  stack = s;
  output = o;
}, { logLevel: 'ERROR', emitMetrics: true });

describe('the functions emit their metrics', () => {
  let caseId: string;
  let smsSegments: number;
  let emailsInEmulator: number;

  beforeAll(async () => {
    const created = await call(stack, 'POST', '/cases', { ...obiliqFamily('SMR-METRICS-1'), coordinatorId: coordinator.id, phone: '049 555 401' });
    caseId = created.body.caseId;
    // The case's welcome SMS goes out; then the referral's SMS is throttled once: one retry scheduled, then sent.
    await stack.settle();
    stack.sms.failPublishes(SDK_ATTEMPTS, undefined, { phoneNumber: '+38349555401' });
    expect((await call(stack, 'POST', `/cases/${caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' })).status).toBe(201);
    // A refused request is not counted as a created referral.
    expect((await call(stack, 'POST', `/cases/${caseId}/referrals`, { officeKind: 'nowhere' })).status).toBe(400);
    await stack.settle();
    const deferred = (await call(stack, 'GET', `/cases/${caseId}`)).body.referrals[0].notifications.find((n: { channel: string }) => n.channel === 'sms');
    expect(deferred.status).toBe('deferred');
    await stack.advanceTo(new Date(deferred.notBefore));
    const sms = (await call(stack, 'GET', `/cases/${caseId}`)).body.referrals[0].notifications.find((n: { channel: string }) => n.channel === 'sms');
    expect(sms.status).toBe('sent');
    const welcome = (await call(stack, 'GET', `/cases/${caseId}`)).body.notifications.find((n: { purpose: string }) => n.purpose === 'case.welcome');
    smsSegments = sms.sms.segments + welcome.sms.segments;
    emailsInEmulator = (await inbox(stack)).length;
  });

  it('every document is valid EMF in the Referrals namespace, with the function as its one dimension', () => {
    const docs = emf();
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) {
      const [directive] = doc._aws.CloudWatchMetrics;
      expect(directive!.Namespace).toBe(METRICS_NAMESPACE);
      expect(directive!.Dimensions).toEqual([['service']]);
      for (const m of directive!.Metrics) expect(doc[m.Name], m.Name).toBeDefined();
    }
  });

  it('api counts the case and the referral it created, not the refused request', () => {
    expect(total('api', METRIC.casesRegistered)).toBe(1);
    expect(total('api', METRIC.referralsCreated)).toBe(1);
  });

  it('the sending functions (route-referrals, deliver-notifications) count the emails, the SMS, its segments and the throttled attempt', () => {
    // Every email the emulator accepted (the office's and the coordinator's), counted once each.
    expect(emailsInEmulator).toBeGreaterThanOrEqual(1);
    expect(bySenders(METRIC.emailSent)).toBe(emailsInEmulator);
    // The welcome SMS and the referral's.
    expect(bySenders(METRIC.smsSent)).toBe(2);
    expect(smsSegments).toBeGreaterThan(0);
    expect(bySenders(METRIC.smsSegmentsSent)).toBe(smsSegments);
    expect(bySenders(METRIC.deliveryRetryScheduled)).toBe(1);
    expect(bySenders(METRIC.emailFailed) + bySenders(METRIC.smsFailed)).toBe(0);
    // The stream consumers say how many records failed in each invocation: none here.
    expect(total('deliver-notifications', METRIC.recordsFailed)).toBe(0);
    expect(emf().some((d) => d.service === 'deliver-notifications' && METRIC.recordsFailed in d)).toBe(true);
  });

  it('sweep-timers counts the deferred SMS it released', () => {
    expect(total('sweep-timers', METRIC.deliveriesReleased)).toBeGreaterThanOrEqual(1);
  });

  it('a final failure is counted by channel', async () => {
    stack.sms.failPublishes(1, { status: 400, code: 'InvalidParameter' }, { phoneNumber: '+38349555402' });
    const created = await call(stack, 'POST', '/cases', { ...obiliqFamily('SMR-METRICS-2'), coordinatorId: coordinator.id, phone: '049 555 402' });
    await call(stack, 'POST', `/cases/${created.body.caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' });
    await stack.settle();
    expect(bySenders(METRIC.smsFailed)).toBe(1);
    expect(bySenders(METRIC.emailFailed)).toBe(0);
  });

  it('respond counts a recorded answer and a refused link', async () => {
    const mail = (await inbox(stack)).find((m) => m.destination.to.includes(office.email) && m.subject.includes('SMR-METRICS-1'))!;
    const accept = (mail.body.text ?? '').match(/http:\/\/localhost:\d+\/r\/[A-Za-z0-9_.-]+/g)!.find((u) => {
      const claims = JSON.parse(Buffer.from(u.split('/r/')[1]!.split('.')[0]!, 'base64url').toString('utf8')) as { action: string };
      return claims.action === 'accept';
    })!;
    // As a browser posts the page's form: same origin, the confirmation box ticked.
    const post = (url: string) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(url).origin, 'sec-fetch-site': 'same-origin' }, body: 'confirm=yes' });
    expect((await post(accept)).status).toBe(200);
    expect((await post(`${accept.slice(0, -4)}AAAA`)).status).toBeGreaterThanOrEqual(400);
    expect(total('respond', METRIC.referralAnswersRecorded)).toBe(1);
    expect(total('respond', METRIC.responseLinksRefused)).toBe(1);
    await stack.settle();
  });

  it('no metric document carries personal data', () => {
    const docs = JSON.stringify(emf());
    for (const secret of ['049 555 401', '+38349555401', '38349555401', office.email, coordinator.email, 'Krasniqi', 'Arben']) {
      expect(docs).not.toContain(secret);
    }
  });
});
