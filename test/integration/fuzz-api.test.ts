import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { isValidPhoneNumber } from 'libphonenumber-js';
import { afterAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { DECLINE_REASONS } from '../../shared/domain/vocabulary.js';
import { signLink, type LinkAction } from '../../shared/links/signed-link.js';
import { signPageToken } from '../../shared/links/page-link.js';
import { parseSigningKey } from '../../shared/links/signing-key.js';
import { inbox, obiliqFamily, snapshot as snapshotOf, stackForFile, TEST_START, type SesEmail, type Snapshot } from './support.js';

/**
 * Issue #7, "Bad input at volume": property-based fuzzing of the HTTP API and of the offices'
 * one-click links against the whole local stack (HTTP server → the same handler modules Lambda
 * runs → DynamoDB Local, SES emulator, SMS sink).
 *
 * Every generated input is bad by construction. Each must get a 4xx (never a 5xx) with a message
 * naming the problem (the field path or the path parameter; for the links, the refusal's status),
 * and must write nothing: after every batch the whole table (items, compared one by one), the SES
 * emulator's store and the SMS sink are exactly as before.
 *
 * Reproduce a failure with FUZZ_SEED=<seed printed below>; FUZZ_RUNS_SCALE scales every numRuns.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_123);
const SCALE = Number(process.env.FUZZ_RUNS_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const counts: Record<string, number> = {};

const directory = bundledDirectory();
const obiliq = directory.municipality('obiliq')!;
const coordinator = obiliq.coordinators[0]!;
const knownMunicipalities = new Set(directory.municipalities().map((m) => m.id));
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

let stack: LocalStack;
let caseId: string;
let referralId: string;
let key: Buffer;
let links: Record<LinkAction, string>;
let before: Snapshot;

// ---------------------------------------------------------------------------------------------
// The "writes nothing" proof: the table item by item, the count DynamoDB reports, the mail and SMS
// ---------------------------------------------------------------------------------------------

const snapshot = () => snapshotOf(stack);

async function expectNothingWritten(): Promise<void> {
  await stack.settle();
  const after = await snapshot();
  expect(after.count).toBe(before.count);
  expect(after.items).toEqual(before.items);
  expect(after.emails).toBe(before.emails);
  expect(after.sms).toBe(before.sms);
}

// ---------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------

interface Reply {
  status: number;
  contentType: string;
  text: string;
  json?: { message?: unknown; errors?: { field: string; message: string }[] };
}

async function send(method: string, path: string, opts: { body?: string; contentType?: string | null; auth?: boolean } = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (opts.auth !== false) headers.authorization = `Bearer ${await stack.pool.token('obiliq-head')}`;
  if (opts.contentType !== null && opts.body !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
  // A body without a content-type: fetch would add text/plain for a string, so send bytes.
  const body = opts.body === undefined ? undefined : opts.contentType === null ? new TextEncoder().encode(opts.body) : opts.body;
  const res = await fetch(`${stack.api.endpoint}${path}`, { method, headers, body });
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  let json: Reply['json'];
  if (contentType.startsWith('application/json')) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { status: res.status, contentType, text, json };
}

const describeReply = (r: Reply) => `${r.status} ${r.contentType} ${r.text.slice(0, 400)}`;

/**
 * A 4xx with a JSON message; each listed problem is about one of the fields that were broken
 * (`fields`: dotted paths; a problem on a child or a parent of a broken path counts).
 */
function expectProblem(r: Reply, fields: string[], statuses: number[] = [400]): void {
  expect(statuses, describeReply(r)).toContain(r.status);
  expect(r.contentType, describeReply(r)).toMatch(/^application\/json/);
  expect(typeof r.json?.message, describeReply(r)).toBe('string');
  const message = r.json!.message as string;
  expect(message.length, describeReply(r)).toBeGreaterThan(0);
  if (!fields.length) return;
  const related = (f: string) => fields.some((m) => f === m || f.startsWith(`${m}.`) || m.startsWith(`${f}.`) || f.split(', ').includes(m));
  if (r.status === 400) {
    expect(r.json!.errors?.length, describeReply(r)).toBeGreaterThan(0);
    for (const e of r.json!.errors!) expect(related(e.field), `${JSON.stringify(e)} not about ${fields.join(' | ')}`).toBe(true);
    expect(fields.some((m) => message.includes(m) || related(message.split(': ')[0]!)), describeReply(r)).toBe(true);
  } else {
    expect(fields.some((m) => message.toLowerCase().includes(m.toLowerCase())), `${describeReply(r)} should name ${fields.join(' | ')}`).toBe(true);
  }
}

// ---------------------------------------------------------------------------------------------
// Mutations of valid bodies: each one leaves the body invalid, whatever else is done to it
// ---------------------------------------------------------------------------------------------

type Path = (string | number)[];
type Mutation = { op: 'set'; path: Path; value: unknown } | { op: 'delete'; path: Path } | { op: 'add'; path: Path; key: string; value: unknown };

const fieldOf = (m: Mutation) => (m.op === 'add' ? [...m.path, m.key] : m.path).map(String).join('.');

function apply(body: unknown, mutations: Mutation[]): unknown {
  const out = structuredClone(body);
  for (const m of mutations) {
    const parentPath = m.op === 'add' ? m.path : m.path.slice(0, -1);
    let parent: any = out;
    for (const p of parentPath) parent = parent !== null && typeof parent === 'object' ? parent[p] : undefined;
    if (parent === null || typeof parent !== 'object') continue; // an ancestor was already broken
    if (m.op === 'add') {
      // An own, enumerable key even for "__proto__": JSON.stringify then sends it as written.
      Object.defineProperty(parent, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
    } else if (m.op === 'delete') {
      delete parent[m.path.at(-1)!];
    } else {
      Object.defineProperty(parent, m.path.at(-1)!, { value: m.value, enumerable: true, writable: true, configurable: true });
    }
  }
  return out;
}

const huge = fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'Ë'.repeat(n));
const unicode = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 });
const notString = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }));
const notNumber = fc.oneof(fc.string({ maxLength: 10 }), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }));
const notBoolean = fc.oneof(fc.constantFrom('true', 'false', 1, 0, null, 'yes', [], {}), fc.integer());
const notObject = fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }));
const notArray = fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean(), fc.constant(null), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }));
/** Keys no schema here knows, among them the ones prototype pollution goes for. */
const extraKey = (known: string[]) =>
  fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__', 'valueOf'), unicode.filter((k) => k.length > 0 && !known.includes(k)));
const pollution = fc.oneof(fc.constant({ polluted: true, isAdmin: true }), fc.anything({ maxDepth: 2 }));
const add = (path: Path, known: string[]) => fc.record({ op: fc.constant('add' as const), path: fc.constant(path), key: extraKey(known), value: pollution });
const set = (path: Path, value: fc.Arbitrary<unknown>) => value.map((v) => ({ op: 'set' as const, path, value: v }));
const del = (path: Path) => fc.constant({ op: 'delete' as const, path });
const notIn = (allowed: readonly string[]) => fc.oneof(unicode, fc.constantFrom('', ' ', 'CIVIL_REGISTRY', 'sq ', 'null')).filter((s) => !allowed.includes(s));
const pastInstant = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date(TEST_START.getTime() - 60_000), noInvalidDate: true }).map((d) => d.toISOString());
/** Strings that are not an ISO instant with an offset. */
const badInstant = fc.oneof(
  fc.constantFrom('2026-12-01', '2026-12-01T09:00:00', '2026-12-01 09:00:00+01:00', '2026-13-01T09:00:00Z', '2026-02-30T09:00:00Z', '2026-12-01T25:00:00Z', 'tomorrow', '', '+275760-09-13T00:00:00Z', '2026-12-01T09:00:00+25:00'),
  unicode.filter((s) => !/^\d{4}-\d\d-\d\dT/.test(s)),
);

// --- POST /cases ---------------------------------------------------------------------------

const CASE_KEYS = ['smrCaseId', 'municipalityId', 'coordinatorId', 'arrivalDate', 'category', 'preferredLanguage', 'phone', 'consent', 'household'];
const MEMBER_KEYS = ['id', 'givenName', 'familyName', 'birthYear', 'role'];
const member = (i: number) => ({ id: `m${i}`, givenName: 'Ana', familyName: 'Gashi', birthYear: 2000, role: 'other' });

/** Phone strings the schema must refuse (checked with the same library, so never a valid one). */
const badPhone = fc
  .oneof(
    fc.constantFrom('', '12', '+383', '049', '+383 49 555 1234567', '00000000', '+1 555', '049-555-12a', '+999 123 456 789', '+49 151', 'tel:+38349555123', '\u0660\u0664\u0669 555 123'),
    fc.stringMatching(/^\+?[0-9 ]{1,40}$/),
    unicode,
    fc.integer({ min: 1, max: 64 }).map((n) => '4'.repeat(n)),
  )
  .filter((s) => {
    const t = s.trim();
    return !(t.length >= 3 && t.length <= 32 && isValidPhoneNumber(t, 'XK'));
  });

/** Not a calendar date, or one outside what the platform can plan for (the holiday file's years). */
const badDate = fc.oneof(
  fc.constantFrom('2026-02-30', '2026-13-01', '2026-00-10', '2026-11-31', '20261120', '2026-1-5', '2026-11-20T00:00:00Z', '20.11.2026', '', ' 2026-11-20', '2025-02-29'),
  fc.constantFrom('1900-01-01', '1999-12-31', '2035-06-01', '2099-01-01', '9999-12-31', '0000-01-01'),
  unicode,
);

const caseMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constantFrom(...['smrCaseId', 'municipalityId', 'coordinatorId', 'arrivalDate', 'category', 'preferredLanguage', 'consent', 'household'].map((k) => ({ op: 'delete' as const, path: [k] }))),
  del(['consent', 'sms']),
  del(['household', 0, 'givenName']),
  del(['household', 1, 'birthYear']),
  set(['smrCaseId'], fc.oneof(notString, huge, fc.constantFrom('', 'SM', '-SMR-1', 'SMR 2026 0142', 'SMR_2026', 'smr-2026-\u00eb'), unicode.filter((s) => !/^[A-Za-z0-9][A-Za-z0-9/-]{2,39}$/.test(s.trim())))),
  set(['municipalityId'], fc.oneof(notString, huge, notIn([...knownMunicipalities]))),
  set(['coordinatorId'], fc.oneof(notString, huge, notIn(obiliq.coordinators.map((c) => c.id)))),
  set(['arrivalDate'], fc.oneof(notString, badDate)),
  set(['category'], fc.oneof(notString, notIn(['returnee', 'foreigner']))),
  set(['preferredLanguage'], fc.oneof(notString, notIn(['sq', 'sr-Latn', 'sr-Cyrl', 'en']))),
  set(['phone'], fc.oneof(notString, badPhone, huge)),
  set(['consent'], notObject),
  set(['consent', 'sms'], notBoolean),
  set(['consent', 'shareWithOffices'], notBoolean),
  add(['consent'], ['sms', 'shareWithOffices']),
  set(['household'], fc.oneof(notArray, fc.constant([]), fc.constant(Array.from({ length: 31 }, (_, i) => member(i))))),
  set(['household', 0], fc.oneof(notObject, fc.constant([member(0)]))),
  set(['household', 0, 'id'], fc.oneof(notString, fc.constantFrom('', 'P1', 'p 1', 'p_1', 'x'.repeat(21), 'p1\n'), unicode.filter((s) => !/^[a-z0-9-]{1,20}$/.test(s)))),
  set(['household', 1, 'id'], fc.constant('p1')), // a duplicate member id
  set(['household', 0, 'givenName'], fc.oneof(notString, fc.constantFrom('', '   ', '\t\n'), huge)),
  set(['household', 2, 'familyName'], fc.oneof(notString, huge, fc.constant('x'.repeat(81)))),
  set(['household', 0, 'birthYear'], fc.oneof(notNumber, fc.integer({ max: 1899 }), fc.integer({ min: 2101 }), fc.constantFrom(1984.5, -1, 0, 1e21, -0.5, Number.MAX_SAFE_INTEGER + 2))),
  set(['household', 3, 'role'], fc.oneof(notString, notIn(['head', 'spouse', 'child', 'other']))),
  add([], CASE_KEYS),
  add(['household', 0], MEMBER_KEYS),
);

/** Valid by construction (unicode names, a fresh SMR id): noise the validation must not mind. */
const validCaseNoise = fc.record({
  smr: fc.integer({ min: 0, max: 1e9 }).map((n) => `SMR-FUZZ-${n}`),
  givenName: unicode.filter((s) => s.trim().length >= 1 && s.trim().length <= 80),
  familyName: fc.constantFrom('Krasniqi', 'Stojković', 'Стојковић', 'Gashi-Berisha', "O'Neill", '山田'),
});

// --- The other bodies ------------------------------------------------------------------------

const REFERRAL_KEYS = ['officeKind', 'need', 'personIds', 'categories', 'note', 'dependsOn'];
const OFFICE_KINDS = ['civil_registry', 'employment_office', 'social_work_centre', 'education_directorate', 'vocational_training', 'health', 'mental_health', 'housing', 'police', 'cso'];
const NEEDS = ['civil_documents', 'job_seeker_registration', 'social_support', 'school_enrolment', 'vocational_training', 'health_care', 'psychosocial_support', 'housing', 'police_assistance', 'specialised_service'];
const validReferral = { officeKind: 'civil_registry', need: 'civil_documents', personIds: ['p1'], categories: ['single_parent'], note: 'Needs new ID cards.' };
const randomUlid = fc.stringMatching(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);

const referralMutation: fc.Arbitrary<Mutation> = fc.oneof(
  del(['officeKind']),
  del(['need']),
  set(['officeKind'], fc.oneof(notString, notIn(OFFICE_KINDS), huge)),
  set(['need'], fc.oneof(notString, notIn(NEEDS))),
  set(['personIds'], fc.oneof(notArray, fc.constant([]), fc.constant(Array.from({ length: 31 }, () => 'p1')), fc.constant(['']), fc.array(fc.integer(), { minLength: 1, maxLength: 3 }))),
  set(['personIds', 0], fc.oneof(fc.constantFrom('p99', 'P1', 'p1 ', ''), unicode.filter((s) => !['p1', 'p2', 'p3', 'p4'].includes(s)), notString)),
  set(['categories'], fc.oneof(notArray, fc.constant(Array.from({ length: 9 }, () => 'single_parent')), fc.array(notIn(['single_parent', 'drug_user']), { minLength: 1, maxLength: 3 }))),
  set(['note'], fc.oneof(notString, fc.integer({ min: 501, max: 50_000 }).map((n) => 'ç'.repeat(n)))),
  set(['dependsOn'], fc.oneof(notString, randomUlid, randomUlid.map((s) => s.toLowerCase()), unicode)),
  add([], REFERRAL_KEYS),
);

const validAppointment = { kind: 'appointment', when: '2026-12-01T09:30:00+01:00', title: 'Regjistrimi si punëkërkues', where: 'Zyra e punësimit, Obiliq', bring: 'Letërnjoftimi' };
const appointmentMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constantFrom(...['kind', 'when', 'title', 'where'].map((k) => ({ op: 'delete' as const, path: [k] }))),
  set(['kind'], fc.oneof(notString, notIn(['appointment', 'deadline']))),
  set(['when'], fc.oneof(notString, badInstant, pastInstant)),
  set(['title'], fc.oneof(notString, fc.constantFrom('', '   '), fc.constant('t'.repeat(81)), huge)),
  set(['where'], fc.oneof(notString, fc.constantFrom('', ' '), fc.constant('w'.repeat(121)))),
  set(['bring'], fc.oneof(notString, fc.constantFrom('', ' '), fc.constant('b'.repeat(121)))),
  add([], ['kind', 'when', 'title', 'where', 'bring']),
);

const validOptOut = { optedOut: true, reason: 'returnee_asked' };
const optOutMutation: fc.Arbitrary<Mutation> = fc.oneof(
  del(['optedOut']),
  del(['reason']), // opting out needs a reason
  set(['optedOut'], notBoolean),
  set(['reason'], fc.oneof(notString, notIn(['returnee_asked', 'wrong_number', 'no_phone_access', 'other']))),
  add([], ['optedOut', 'reason']),
);

const validMeeting = {
  municipalityId: 'obiliq',
  convenerId: coordinator.id,
  title: 'Takim i koordinimit',
  start: '2026-12-01T10:00:00+01:00',
  end: '2026-12-01T11:00:00+01:00',
  location: 'Komuna e Obiliqit, salla 2',
  invitees: [obiliq.offices[0]!.id],
};
const knownInvitees = [...obiliq.coordinators.map((c) => c.id), ...obiliq.offices.map((o) => o.id), ...obiliq.contacts.map((c) => c.id)];
const meetingMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constantFrom(...Object.keys(validMeeting).map((k) => ({ op: 'delete' as const, path: [k] }))),
  set(['municipalityId'], fc.oneof(notString, notIn([...knownMunicipalities]))),
  set(['convenerId'], fc.oneof(notString, notIn(obiliq.coordinators.map((c) => c.id)))),
  set(['title'], fc.oneof(notString, fc.constantFrom('', 'ab', '  ab  '), fc.constant('t'.repeat(141)))),
  set(['start'], fc.oneof(notString, badInstant, pastInstant)),
  set(['end'], fc.oneof(notString, badInstant, fc.constantFrom('2026-12-01T09:59:59+01:00', '2026-12-01T10:00:00+01:00', '2026-12-01T09:00:00Z'))),
  set(['location'], fc.oneof(notString, fc.constantFrom('', 'x', '  x '), fc.constant('l'.repeat(201)))),
  set(['invitees'], fc.oneof(notArray, fc.constant([]), fc.constant(Array.from({ length: 61 }, () => knownInvitees[0]!)), fc.array(notIn(knownInvitees), { minLength: 1, maxLength: 3 }))),
  add([], Object.keys(validMeeting)),
);

const mutated = (valid: unknown, mutation: fc.Arbitrary<Mutation>) =>
  fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => ({ body: apply(valid, ms), fields: [...new Set(ms.map(fieldOf))] }));

/** A whole property: fast-check with the fixed seed, counted for the summary. */
async function check<T>(name: string, arb: fc.Arbitrary<T>, numRuns: number, predicate: (t: T) => Promise<void>): Promise<void> {
  counts[name] = 0;
  const started = Date.now();
  await fc.assert(
    fc.asyncProperty(arb, async (t) => {
      counts[name]!++;
      await predicate(t);
    }),
    { seed: SEED, numRuns, endOnFailure: true },
  );
  console.log(`[fuzz] ${name}: ${numRuns} cases (${counts[name]} runs) in ${Date.now() - started} ms, seed ${SEED}`);
  await expectNothingWritten();
}

// ---------------------------------------------------------------------------------------------

function linksIn(mail: SesEmail): Record<LinkAction, string> {
  const out: Record<string, string> = {};
  for (const u of new Set((mail.body.text ?? '').match(/\/r\/[A-Za-z0-9_.-]+/g) ?? [])) {
    const token = u.slice(3);
    out[JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')).action] = token;
  }
  return out as Record<LinkAction, string>;
}

stackForFile(async (s) => {
  console.log(`[fuzz] seed ${SEED} (FUZZ_SEED to change), runs scale ${SCALE}`);
  stack = s;
  const created = await send('POST', '/cases', { body: JSON.stringify({ ...obiliqFamily('SMR-FUZZ-BASE'), coordinatorId: coordinator.id }) });
  expect(created.status, created.text).toBe(201);
  caseId = (created.json as any).caseId;
  const ref = await send('POST', `/cases/${caseId}/referrals`, { body: JSON.stringify({ officeKind: 'civil_registry', need: 'civil_documents' }) });
  expect(ref.status, ref.text).toBe(201);
  referralId = (ref.json as any).referralId;
  await stack.settle();
  const mail = (await inbox(stack)).find((e) => e.subject.includes('SMR-FUZZ-BASE') && (e.body.text ?? '').includes('/r/'))!;
  links = linksIn(mail);
  // The key file is written when the first link is signed (by deliver-notifications, just now).
  key = parseSigningKey(readFileSync(stack.env.LINK_SIGNING_KEY_FILE!, 'utf8'), 'test');
  expect(Object.keys(links).sort()).toEqual(['accept', 'decline', 'outcome']);
  before = await snapshot();
  console.log(`[fuzz] baseline: ${before.count} items, ${before.emails} emails, ${before.sms} SMS`);
}, { logLevel: 'ERROR' });

afterAll(() => {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`[fuzz] seed ${SEED}: ${total} generated cases in all: ${JSON.stringify(counts)}`);
});

describe('the intake API refuses bad bodies with a 4xx naming the field, and writes nothing', () => {
  it('POST /cases: mutated valid bodies', async () => {
    await check('POST /cases', validCaseNoise.chain((noise) => {
      const valid = { ...obiliqFamily(noise.smr), coordinatorId: coordinator.id };
      valid.household[1] = { ...valid.household[1]!, givenName: noise.givenName, familyName: noise.familyName };
      return mutated(valid, caseMutation);
    }), runs(300), async ({ body, fields }) => {
      expectProblem(await send('POST', '/cases', { body: JSON.stringify(body) }), fields);
    });
  });

  it('POST /cases/{id}/referrals', async () => {
    await check('POST /cases/{id}/referrals', mutated(validReferral, referralMutation), runs(150), async ({ body, fields }) => {
      expectProblem(await send('POST', `/cases/${caseId}/referrals`, { body: JSON.stringify(body) }), fields);
    });
  });

  it('POST /cases/{id}/appointments and PUT …/appointments/{id}', async () => {
    await check('POST /cases/{id}/appointments', fc.tuple(mutated(validAppointment, appointmentMutation), fc.boolean(), randomUlid), runs(100), async ([{ body, fields }, put, appointmentId]) => {
      if (put) {
        // A reschedule (which takes no kind) of an appointment that does not exist: the body is
        // checked first; a body that happens to be fine then finds nothing. Either way nothing moves.
        const b = body !== null && typeof body === 'object' && !Array.isArray(body) ? { ...(body as object) } : body;
        if (b && typeof b === 'object') delete (b as Record<string, unknown>).kind;
        const r = await send('PUT', `/cases/${caseId}/appointments/${appointmentId}`, { body: JSON.stringify(b) });
        if (r.status === 404) expectProblem(r, ['appointment', 'case'], [404]);
        else expectProblem(r, fields.filter((f) => f !== 'kind'));
      } else {
        expectProblem(await send('POST', `/cases/${caseId}/appointments`, { body: JSON.stringify(body) }), fields);
      }
    });
  });

  it('PUT /cases/{id}/sms-opt-out', async () => {
    await check('PUT /cases/{id}/sms-opt-out', mutated(validOptOut, optOutMutation), runs(80), async ({ body, fields }) => {
      expectProblem(await send('PUT', `/cases/${caseId}/sms-opt-out`, { body: JSON.stringify(body) }), fields);
    });
  });

  it('POST /meetings', async () => {
    await check('POST /meetings', mutated(validMeeting, meetingMutation), runs(120), async ({ body, fields }) => {
      expectProblem(await send('POST', '/meetings', { body: JSON.stringify(body) }), fields);
    });
  });
});

describe('malformed JSON, bodies that are not objects, and wrong content types', () => {
  /** Routes with a body, each with a body that would be accepted (and written) as JSON. */
  const routes = () => [
    { method: 'POST', path: '/cases', valid: { ...obiliqFamily('SMR-FUZZ-CT'), coordinatorId: coordinator.id } },
    { method: 'POST', path: `/cases/${caseId}/referrals`, valid: validReferral },
    { method: 'POST', path: `/cases/${caseId}/appointments`, valid: validAppointment },
    { method: 'PUT', path: `/cases/${caseId}/sms-opt-out`, valid: validOptOut },
    { method: 'POST', path: `/cases/${caseId}/referrals/${referralId}/cancel`, valid: { reason: 'other' } },
    { method: 'POST', path: `/cases/${caseId}/assessment`, valid: { members: [] } },
    { method: 'POST', path: `/cases/${caseId}/assessment/preview`, valid: { members: [] } },
    { method: 'POST', path: '/meetings', valid: validMeeting },
    { method: 'PUT', path: `/municipalities/obiliq/coordinators/${coordinator.id}/digest`, valid: { digest: 'weekly' } },
  ];
  const JSON_TYPE = /^application\/json\b/i;
  const notJsonType = fc.oneof(
    fc.constantFrom('text/plain', 'text/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/jsonx', 'application/javascript', 'json', '*/*', 'application/ json'),
    fc.tuple(fc.stringMatching(/^[a-z]{1,12}$/), fc.stringMatching(/^[a-z0-9.+-]{1,20}$/)).map(([a, b]) => `${a}/${b}`),
  ).filter((t) => !JSON_TYPE.test(t));
  const notJson = (valid: unknown) =>
    fc.oneof(
      fc.nat().map((n) => JSON.stringify(valid).slice(0, n % JSON.stringify(valid).length)), // truncated
      fc.tuple(fc.nat(), fc.constantFrom('}', '{', ',', '"', "'", '\\', 'undefined', 'NaN', '\u0000', '//', ']')).map(([n, junk]) => {
        const t = JSON.stringify(valid);
        const i = n % t.length;
        return t.slice(0, i) + junk + t.slice(i);
      }),
      fc.constantFrom('', ' ', '{', "{'a':1}", '{"a":1,}', 'NaN', '{"a":01}', '\ufeff{}', '[1,2', 'nul'),
      fc.string({ maxLength: 40 }),
    ).filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    });
  /** JSON that parses but is not an object: the schema must say "body". */
  const notObjectJson = fc.oneof(fc.constantFrom('null', 'true', '0', '"x"', '[]', '[{}]', '1e400', '-0'), fc.jsonValue({ maxDepth: 1 }).filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)).map((v) => JSON.stringify(v)));

  it('answers 400 "body" for JSON that does not parse or is not an object, 415 for any other content type', async () => {
    const kinds = fc.oneof(
      fc.record({ kind: fc.constant('not-json' as const), route: fc.nat(), seed: fc.nat() }),
      fc.record({ kind: fc.constant('not-object' as const), route: fc.nat(), body: notObjectJson }),
      fc.record({ kind: fc.constant('content-type' as const), route: fc.nat(), type: fc.option(notJsonType, { nil: null }) }),
    );
    type Case = { kind: 'not-json' | 'not-object' | 'content-type'; r: ReturnType<typeof routes>[number]; body: string; type?: string | null };
    const arb: fc.Arbitrary<Case> = kinds.chain((k): fc.Arbitrary<Case> => {
      const r = routes()[k.route % routes().length]!;
      if (k.kind === 'not-json') return notJson(r.valid).map((body) => ({ kind: k.kind, r, body }));
      if (k.kind === 'not-object') return fc.constant({ kind: k.kind, r, body: k.body });
      return fc.constant({ kind: k.kind, r, body: JSON.stringify(r.valid), type: k.type });
    });
    await check('bodies and content types', arb, runs(140), async (k) => {
      if (k.kind === 'content-type') {
        // The valid body would be written as JSON: sent as anything else it must be refused unread.
        expectProblem(await send(k.r.method, k.r.path, { body: k.body, contentType: k.type ?? null }), ['content-type'], [415]);
      } else {
        const r = await send(k.r.method, k.r.path, { body: k.body });
        expectProblem(r, ['body'], [400]);
      }
    });
  });
});

describe('junk path parameters and query strings', () => {
  /** Path parameters that are no id of ours, sent percent-encoded (well-formed escapes). */
  const junkId = fc
    .oneof(
      unicode,
      fc.stringMatching(/^[0-9A-Za-z]{26}$/).map((s) => s.toLowerCase()),
      fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{25}[ILOU]$/),
      fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{20,25}$|^[0-9A-HJKMNP-TV-Z]{27,30}$/),
      fc.constantFrom('%', '%25', '%2F', 'a/b', 'a?b', 'a#b', "' OR 1=1 --", '<script>', '${jndi:x}', '\u0000', ' ', 'null', 'undefined', '__proto__', 'constructor', '😀'.repeat(30)),
      fc.integer({ min: 200, max: 4000 }).map((n) => 'A'.repeat(n)),
    )
    .filter((s) => s.length > 0 && !ULID.test(s) && !/^\.+$/.test(s));
  const param = (s: string) => encodeURIComponent(s);

  it('answers 400/404 naming the parameter, for every route with one', async () => {
    const target = fc.oneof(
      fc.record({ junk: junkId, route: fc.nat() }),
      // Well-formed ULIDs of nothing: looked up, not found, nothing written.
      fc.record({ junk: randomUlid, route: fc.nat() }),
    );
    const cases = (j: string) => [
      { method: 'GET', path: `/cases/${param(j)}`, names: ['case'] },
      { method: 'POST', path: `/cases/${param(j)}/referrals`, body: validReferral, names: ['case'] },
      { method: 'POST', path: `/cases/${param(j)}/appointments`, body: validAppointment, names: ['case'] },
      { method: 'PUT', path: `/cases/${param(j)}/sms-opt-out`, body: validOptOut, names: ['case'] },
      { method: 'POST', path: `/cases/${param(j)}/close`, names: ['case'] },
      { method: 'POST', path: `/cases/${param(j)}/home-visit`, names: ['case'] },
      { method: 'POST', path: `/cases/${param(j)}/home-visit/plan`, body: { at: '2026-12-01T10:00:00+01:00' }, names: ['case'] },
      { method: 'POST', path: `/cases/${param(j)}/assessment`, body: { members: [] }, names: ['case'] },
      { method: 'POST', path: `/cases/${param(j)}/assessment/preview`, body: { members: [] }, names: ['case'] },
      { method: 'PUT', path: `/cases/${caseId}/appointments/${param(j)}`, body: { title: 'x' }, names: ['appointment'] },
      { method: 'DELETE', path: `/cases/${caseId}/appointments/${param(j)}`, names: ['appointment'] },
      { method: 'POST', path: `/cases/${caseId}/referrals/${param(j)}/cancel`, body: { reason: 'other' }, names: ['referral'] },
      { method: 'GET', path: `/meetings/${param(j)}`, names: ['meeting'] },
      { method: 'PUT', path: `/meetings/${param(j)}`, body: { start: '2026-12-02T10:00:00+01:00' }, names: ['meeting'] },
      { method: 'DELETE', path: `/meetings/${param(j)}`, names: ['meeting'] },
      { method: 'POST', path: `/meetings/${param(j)}/minutes`, body: { held: true }, names: ['meeting'] },
      { method: 'GET', path: `/municipalities/${param(j)}/meetings`, names: ['municipality'] },
      { method: 'GET', path: `/municipalities/${param(j)}/follow-ups`, names: ['municipality'] },
      { method: 'GET', path: `/municipalities/${param(j)}/today`, names: ['municipality'] },
      { method: 'GET', path: `/municipalities/${param(j)}/cases`, names: ['municipality'] },
      { method: 'GET', path: `/municipalities/obiliq/cases?after=${param(j)}`, names: ['after'] },
      { method: 'GET', path: `/municipalities/obiliq/cases?limit=${param(j)}`, names: ['limit'] },
      { method: 'GET', path: `/municipalities/obiliq/meetings?from=${param(j)}`, names: ['from'] },
      { method: 'GET', path: `/municipalities/obiliq/meetings?days=${param(j)}`, names: ['days'] },
      { method: 'GET', path: `/municipalities/obiliq/indicators/${param(j)}`, names: ['quarter'] },
      { method: 'GET', path: `/municipalities/${param(j)}/indicators/2026-Q4`, names: ['municipality'] },
      { method: 'POST', path: `/municipalities/${param(j)}/grant-calls`, body: { call: 'agriculture', closesOn: '2027-01-29' }, names: ['municipality'] },
      { method: 'PUT', path: `/municipalities/obiliq/coordinators/${param(j)}/digest`, body: { digest: 'none' }, names: ['coordinator'] },
      { method: 'POST', path: `/municipalities/obiliq/follow-ups/${param(j)}`, body: { outcome: 'visited' }, names: ['follow-up'] },
      // A follow-up id that decodes to a key in the real case's partition: still nothing to close.
      { method: 'POST', path: `/municipalities/obiliq/follow-ups/${Buffer.from(`CASE#${caseId}\n${j}`).toString('base64url')}`, body: { outcome: 'unreachable' }, names: ['follow-up'] },
    ];
    await check('path parameters', target, runs(180), async ({ junk, route }) => {
      const all = cases(junk);
      const c = all[route % all.length]!;
      const n = Number(junk);
      if (c.names[0] === 'days' && Number.isInteger(n) && n >= 1 && n <= 400) return; // a fine number of days, not junk
      if (c.names[0] === 'limit' && Number.isInteger(n) && n >= 1 && n <= 100) return; // a fine page size
      const r = await send(c.method, c.path, c.body ? { body: JSON.stringify(c.body) } : {});
      expectProblem(r, c.names, [400, 404]);
    });
  });
});

describe("the offices' links: forged, truncated, bit-flipped, expired tokens get a 4xx page and change nothing", () => {
  const DOMAIN = 'referral-link.v1.';
  const sign = (payload: string, k: Buffer) => `${payload}.${createHmac('sha256', k).update(DOMAIN + payload, 'utf8').digest().toString('base64url')}`;
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
  const action = fc.constantFrom<LinkAction>('accept', 'decline', 'outcome');
  const nowS = Math.floor(TEST_START.getTime() / 1000);

  const token = fc.oneof(
    fc.record({ kind: fc.constant('truncated'), action, n: fc.nat() }).map((t) => ({ ...t, token: links[t.action].slice(0, 1 + (t.n % (links[t.action].length - 1))), expect: [400, 403] })),
    fc.record({ kind: fc.constant('bit-flipped'), action, i: fc.nat(), bit: fc.integer({ min: 0, max: 6 }) }).map((t) => {
      const l = links[t.action];
      const i = t.i % l.length;
      return { ...t, token: l.slice(0, i) + String.fromCharCode(l.charCodeAt(i) ^ (1 << t.bit)) + l.slice(i + 1), expect: [400, 403] };
    }),
    fc.record({ kind: fc.constant('spliced'), a: action, b: action }).filter((t) => t.a !== t.b).map((t) => ({ ...t, token: `${links[t.a].split('.')[0]}.${links[t.b].split('.')[1]}`, expect: [403] })),
    fc.record({ kind: fc.constant('other-key'), action, k: fc.uint8Array({ minLength: 32, maxLength: 64 }) }).map((t) => ({
      ...t,
      token: signLink({ caseId, referralId, action: t.action, exp: nowS + 86_400 }, Buffer.from(t.k)),
      expect: [403],
    })),
    fc.record({ kind: fc.constant('expired'), action, age: fc.integer({ min: 0, max: 10 * 365 * 86_400 }) }).map((t) => ({
      ...t,
      token: signLink({ caseId, referralId, action: t.action, exp: nowS - t.age }, key),
      expect: [410],
    })),
    fc.record({ kind: fc.constant('unknown-referral'), action, id: randomUlid }).map((t) => ({ ...t, token: signLink({ caseId, referralId: t.id, action: t.action, exp: nowS + 86_400 }, key), expect: [404] })),
    // Signed with the real key but claims the verifier does not accept: never acted on.
    fc.record({
      kind: fc.constant('bad-claims'),
      payload: fc.oneof(
        fc.constantFrom('', 'null', '[]', '{}', 'not json', '{"__proto__":{"ok":true}}'),
        fc.record({ caseId: fc.constant(caseId), referralId: fc.constant(referralId), action: fc.constantFrom('accept', 'delete', 'ACCEPT', 'accept '), exp: fc.oneof(fc.constant(nowS + 86_400), fc.constantFrom('9999999999', -1, 1.5, 1e300)), v: fc.constantFrom(1, 2, '1'), extra: fc.option(fc.constant('x'), { nil: undefined }) }).map((c) => JSON.stringify(c)).filter((s) => !s.includes('"action":"accept","exp":' + (nowS + 86_400) + ',"v":1}')),
      ),
    }).map((t) => ({ ...t, token: sign(b64(t.payload), key), expect: [400] })),
    fc.record({ kind: fc.constant('garbage'), s: fc.oneof(unicode, fc.integer({ min: 1025, max: 6000 }).map((n) => 'A'.repeat(n)), fc.constantFrom('garbage', '.', '..x', 'a.b.c', 'x=', '%00')) }).filter((t) => !/^\.+$/.test(t.s)).map((t) => ({ ...t, token: t.s, expect: [400, 403] })),
  ).filter((t) => t.token.length > 0 && !Object.values(links).includes(t.token) && !/^\.+$/.test(t.token));

  const form = fc.oneof(
    fc.constant(''),
    fc.constantFrom('reason=client_refused', 'outcome=done', 'reason=other&note=x', 'confirm=yes'),
    fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }), { maxKeys: 4 }).map((d) => new URLSearchParams(d).toString()),
  );

  // Who POSTs: a browser on the link's page (Sec-Fetch-Site, or only Origin in an older browser),
  // or anything else (a link scanner sends neither header; another site, or a subdomain of ours).
  type Sender = 'browser' | 'older-browser' | 'scanner' | 'cross-site' | 'same-site' | 'typed' | 'foreign-origin' | 'null-origin' | 'api-address';
  const fromThePage = fc.constantFrom<Sender>('browser', 'older-browser');
  const notFromThePage = fc.constantFrom<Sender>('scanner', 'cross-site', 'same-site', 'typed', 'foreign-origin', 'null-origin', 'api-address');
  const sender = fc.oneof(fromThePage, notFromThePage);
  // The links' origin (PUBLIC_BASE_URL, http://localhost:<port>), as a browser on their page sends it.
  const headersOf = (s: Sender): Record<string, string> =>
    ({
      browser: { 'sec-fetch-site': 'same-origin', origin: new URL(stack.env.PUBLIC_BASE_URL!).origin },
      'older-browser': { origin: new URL(stack.env.PUBLIC_BASE_URL!).origin },
      scanner: {},
      'cross-site': { 'sec-fetch-site': 'cross-site', origin: 'https://mail-scanner.example' },
      'same-site': { 'sec-fetch-site': 'same-site', origin: 'http://other.localhost' },
      typed: { 'sec-fetch-site': 'none' },
      'foreign-origin': { origin: 'https://evil.example' },
      'null-origin': { origin: 'null' },
      // 127.0.0.1 is another origin than the links' localhost
      'api-address': { origin: stack.api.endpoint },
    })[s];
  const postForm = (s: Sender, body: string): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headersOf(s) }, body });

  it('GET and POST /r/{token}', async () => {
    // The link is checked before the sender, so a bad link gets its own answer whoever POSTs it.
    await check('/r/{token} tampered', fc.tuple(token, fc.boolean(), form, sender), runs(220), async ([t, post, body, who]) => {
      const res = await fetch(`${stack.api.endpoint}/r/${encodeURIComponent(t.token)}`, post ? postForm(who, body) : {});
      const html = await res.text();
      const detail = `${t.kind} ${post ? `POST (${who})` : 'GET'} ${JSON.stringify(t.token.slice(0, 120))} → ${res.status}`;
      expect(t.expect, detail).toContain(res.status);
      expect(res.headers.get('content-type') ?? '', detail).toMatch(/^text\/html/);
      expect(html, detail).toMatch(/<html/i);
    });
  });

  it('POST from the page with a genuine link and a form that does not fit (accept without its box): 400 (or 413), nothing recorded', async () => {
    const badForm = fc.oneof(
      fc.record({ which: fc.constant<LinkAction>('accept'), reason: fc.option(notIn(['yes']), { nil: undefined }), note: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }) }),
      fc.record({ which: fc.constant<LinkAction>('decline'), reason: fc.option(notIn(DECLINE_REASONS), { nil: undefined }), note: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }) }),
      fc.record({ which: fc.constant<LinkAction>('decline'), reason: fc.constantFrom(...DECLINE_REASONS), note: fc.integer({ min: 501, max: 2000 }).map((n) => 'ж'.repeat(n)) }),
      fc.record({ which: fc.constant<LinkAction>('outcome'), reason: fc.option(notIn(['done', 'not_done']), { nil: undefined }), note: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }) }),
      fc.record({ which: fc.constantFrom<LinkAction>('decline', 'outcome'), reason: fc.constant(undefined), note: fc.integer({ min: 9000, max: 20_000 }).map((n) => 'n'.repeat(n)) }),
    );
    await check('/r/{token} bad forms', fc.tuple(badForm, fromThePage), runs(80), async ([f, who]) => {
      const fields: Record<string, string> = {};
      if (f.reason !== undefined) fields[{ accept: 'confirm', decline: 'reason', outcome: 'outcome' }[f.which]] = f.reason;
      if (f.note !== undefined) fields.note = f.note;
      const body = new URLSearchParams(fields).toString();
      const res = await fetch(`${stack.api.endpoint}/r/${links[f.which]}`, postForm(who, body));
      await res.text();
      expect([400, 413], `${f.which} (${who}) ${body.slice(0, 80)} → ${res.status}`).toContain(res.status);
    });
  });

  it('POST with a genuine link and a form that fits, but not from the page (a scanner, another site): 403 page, nothing recorded', async () => {
    const goodForm = fc.oneof(
      fc.record({ which: fc.constant<LinkAction>('accept'), fields: fc.constant<Record<string, string>>({ confirm: 'yes' }) }),
      fc.record({ which: fc.constant<LinkAction>('decline'), fields: fc.record({ reason: fc.constantFrom(...DECLINE_REASONS), note: fc.string({ maxLength: 30 }) }) }),
      fc.record({ which: fc.constant<LinkAction>('outcome'), fields: fc.record({ outcome: fc.constantFrom('done', 'not_done'), note: fc.string({ maxLength: 30 }) }) }),
    );
    await check('/r/{token} not from the page', fc.tuple(goodForm, notFromThePage), runs(60), async ([f, who]) => {
      const res = await fetch(`${stack.api.endpoint}/r/${links[f.which]}`, postForm(who, new URLSearchParams(f.fields).toString()));
      const html = await res.text();
      const detail = `${f.which} (${who}) → ${res.status}`;
      expect(res.status, detail).toBe(403);
      expect(res.headers.get('content-type') ?? '', detail).toMatch(/^text\/html/);
      expect(html, detail).toContain('lang="sq"');
      expect(html, detail).not.toContain('<form');
    });
  });

  it('GET with the genuine links shows the page and changes nothing (mail scanners prefetch)', async () => {
    for (const a of ['accept', 'decline', 'outcome'] as const) {
      const res = await fetch(`${stack.api.endpoint}/r/${links[a]}`);
      expect(res.status).toBe(200);
      await res.text();
    }
    await expectNothingWritten();
  });
});

describe('the returnee page (GET/POST /p/{token}, the calendar file) refuses bad links and forms with a page, never a 500, and writes nothing', () => {
  /** The page link in the base case's SMS. */
  const pageToken = () => {
    const sms = stack.sms.messages().find((m) => m.message.includes('/p/'))!;
    return sms.message.match(/\/p\/([A-Za-z0-9_.-]+)/)![1]!;
  };
  const days = () => Math.floor(stack.clock.now().getTime() / 86_400_000);
  const pageTokens = () => {
    const genuine = pageToken();
    return fc.oneof(
      // One character of the genuine token changed: its MAC no longer holds.
      fc.record({ kind: fc.constant('tampered'), at: fc.nat({ max: genuine.length - 1 }), c: fc.constantFrom('A', 'z', '0', '_', '-', '.') })
        .map((t) => ({ ...t, token: genuine.slice(0, t.at) + t.c + genuine.slice(t.at + 1), expect: [404] }))
        .filter((t) => t.token !== genuine),
      // Signed with the real key: for a case that does not exist (gone), or a day gone by (expired).
      fc.record({ kind: fc.constant('unknown-case'), id: randomUlid }).map((t) => ({ ...t, token: signPageToken(t.id, days() + 30, key), expect: [410] })),
      fc.record({ kind: fc.constant('expired'), back: fc.integer({ min: 1, max: 900 }) }).map((t) => ({ ...t, token: signPageToken(caseId, days() - t.back, key), expect: [410] })),
      fc.record({ kind: fc.constant('garbage'), s: fc.oneof(unicode, fc.integer({ min: 82, max: 3000 }).map((n) => 'A'.repeat(n)), fc.constantFrom('x', 'a.b', `${caseId}.`, `${caseId}.${'A'.repeat(17)}`)) }).map((t) => ({ ...t, token: t.s, expect: [404] })),
      // A path of dots is another path once the URL is normalised: not the page's route.
    ).filter((t) => t.token.length > 0 && !/^\.+$/.test(t.token));
  };
  const pageSender = fc.constantFrom<Record<string, string>>({ 'sec-fetch-site': 'same-origin' }, {}, { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' });
  const pageForm = fc.oneof(
    fc.constant(''),
    fc.record({ step: fc.oneof(fc.string({ maxLength: 20 }), randomUlid.map((u) => `appt:${u}`), randomUlid.map((u) => `ref:${u}`)), answer: fc.oneof(fc.constantFrom('yes', 'no', 'maybe', ''), fc.string({ maxLength: 5 })) }).map((f) => new URLSearchParams(f).toString()),
    fc.integer({ min: 1100, max: 5000 }).map((n) => `step=${'a'.repeat(n)}&answer=no`),
  );

  it('tampered, unknown, expired and garbage tokens: GET (page or calendar) and POST', async () => {
    await check('/p/{token} bad links', fc.tuple(pageTokens(), fc.constantFrom('GET', 'POST', 'CAL'), pageForm, pageSender), runs(200), async ([t, how, body, who]) => {
      const path = `/p/${encodeURIComponent(t.token)}${how === 'CAL' ? '/calendar/01JD7ZQ4Y8K2M3N4P5Q6R7S8T9' : ''}`;
      const res = await fetch(`${stack.api.endpoint}${path}`, how === 'POST' ? { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...who }, body } : {});
      const html = await res.text();
      const detail = `${t.kind} ${how} ${JSON.stringify(t.token.slice(0, 80))} → ${res.status}`;
      // A POST from another site is refused before its link is looked at.
      expect(how === 'POST' && who.origin ? [403] : t.expect, detail).toContain(res.status);
      expect(res.headers.get('content-type') ?? '', detail).toMatch(/^text\/html/);
      expect(html, detail).toMatch(/<html/i);
      expect(html, detail).not.toContain('<form');
    });
  });

  it('the genuine link with a form that names no step of the page, or no answer: 400 or 409, the page again, nothing recorded', async () => {
    const genuine = pageToken();
    await check('/p/{token} bad forms', fc.tuple(pageForm, fc.constantFrom<Record<string, string>>({ 'sec-fetch-site': 'same-origin' }, {})), runs(80), async ([body, who]) => {
      const res = await fetch(`${stack.api.endpoint}/p/${genuine}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...who }, body });
      const html = await res.text();
      expect([400, 409], `${body.slice(0, 60)} → ${res.status}`).toContain(res.status);
      expect(html).toContain('<form');
    });
  });
});
