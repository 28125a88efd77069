import { describe, expect, it } from 'vitest';
import { bundledDirectory } from '../../../shared/directory/directory.js';
import type { Clock } from '../../../shared/domain/clock.js';
import type { Language } from '../../../shared/domain/vocabulary.js';
import { checkSameOrigin } from '../../../shared/links/same-origin.js';
import { signLink, type LinkAction } from '../../../shared/links/signed-link.js';
import { PAGE_TEXTS } from '../../../shared/pages/page-texts.js';
import { showResponsePage, submitResponse, type RespondDeps } from '../../../shared/referrals/respond.js';
import type { AuditEntry } from '../../../shared/store/audit.js';
import type { CaseItem } from '../../../shared/store/case.js';
import type { ReferralMoveFields } from '../../../shared/store/ports.js';
import type { ReferralItem } from '../../../shared/store/referral.js';

/**
 * The POST to /r/{token} through submitResponse, with in-memory stores: what is recorded (a move
 * of the referral, with its audit entry) and what is not, for each request a browser, a link
 * scanner or another site could send.
 */

const BASE = 'https://links.example.org';
const KEY = Buffer.alloc(32, 7);
const NOW = new Date('2026-11-23T09:00:00Z');
const clock: Clock = { now: () => NOW } as Clock;
const directory = bundledDirectory();
// sq + sr-Latn: the page must speak both.
const office = directory.office('obiliq', 'social_work_centre')!;
const OFFICE_LANGS = office.languages as readonly Language[];

function world(status: ReferralItem['status'] = 'sent') {
  const referral = {
    pk: 'CASE#C1', sk: 'REF#R1', type: 'Referral', caseId: 'C1', referralId: 'R1', municipalityId: 'obiliq',
    officeKind: 'social_work_centre', officeId: office.id, need: 'social_support', personIds: ['p1'], categories: [],
    status, ackDueDate: '2026-11-30', createdAt: '2026-11-23T08:00:00.000Z', sentAt: '2026-11-23T08:00:05.000Z',
  } as unknown as ReferralItem;
  const theCase = {
    pk: 'CASE#C1', sk: 'META', type: 'Case', caseId: 'C1', smrCaseId: 'SMR-UNIT', municipalityId: 'obiliq', coordinatorId: 'obiliq-zkkk-01',
    arrivalDate: '2026-11-20', category: 'returnee', language: 'sq', consent: { sms: true, shareWithOffices: true },
    household: [{ id: 'p1', givenName: 'Arben', familyName: 'Krasniqi', birthYear: 1984, role: 'head' }], status: 'open', createdAt: '', expiresAt: 0,
  } as unknown as CaseItem;
  const moves: { to: string; fields: ReferralMoveFields; audit: AuditEntry }[] = [];
  const referrals: RespondDeps['referrals'] = {
    get: async () => ({ ...referral }),
    move: async (_current: ReferralItem, to: ReferralItem['status'], fields: ReferralMoveFields, audit: AuditEntry) => {
      moves.push({ to, fields, audit });
      referral.status = to;
      return true;
    },
  };
  const cases: RespondDeps['cases'] = { get: async () => theCase };
  const deps: RespondDeps = { referrals, cases, directory, key: { load: async () => ({ current: KEY }) }, clock };
  const token = (action: LinkAction, exp = Math.floor(NOW.getTime() / 1000) + 86_400) => signLink({ caseId: 'C1', referralId: 'R1', action, exp }, KEY);
  return { deps, moves, token, referral };
}

const post = (w: ReturnType<typeof world>, action: LinkAction, form: Record<string, string>, headers: Record<string, string>, exp?: number) => {
  const t = w.token(action, exp);
  return submitResponse(t, form, `/r/${t}`, w.deps, checkSameOrigin(headers, BASE));
};

const GOOD_FORM: Record<LinkAction, Record<string, string>> = {
  accept: { confirm: 'yes' },
  decline: { reason: 'lack_of_capacity' },
  outcome: { outcome: 'done' },
};
const BROWSER: Record<string, string>[] = [{ 'sec-fetch-site': 'same-origin' }, { origin: BASE }, { 'sec-fetch-site': 'same-origin', origin: BASE }];
const NOT_A_BROWSER_ON_THE_PAGE: [string, Record<string, string>][] = [
  ['no Origin, no Sec-Fetch-Site (a scanner)', {}],
  ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
  ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
  ['Sec-Fetch-Site: none', { 'sec-fetch-site': 'none' }],
  ['Sec-Fetch-Site: cross-site with our Origin', { 'sec-fetch-site': 'cross-site', origin: BASE }],
  ['Origin of another site', { origin: 'https://evil.example' }],
  ['Origin: null', { origin: 'null' }],
];

const textOf = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');

describe('POST /r/{token}: what a browser on the page sends is recorded', () => {
  for (const action of ['accept', 'decline', 'outcome'] as const) {
    for (const headers of BROWSER) {
      it(`${action} with ${JSON.stringify(headers)}`, async () => {
        const w = world(action === 'outcome' ? 'accepted' : 'sent');
        const page = await post(w, action, GOOD_FORM[action], headers);
        expect(page.status).toBe(200);
        expect(page.outcome).toBe('moved');
        expect(w.moves).toHaveLength(1);
        expect(w.moves[0]!.audit).toMatchObject({ by: `office:${office.id}`, via: `link:${action}` });
      });
    }
  }
});

describe('POST /r/{token} from anything but the link’s own page: 403 in the office’s languages, nothing recorded', () => {
  for (const action of ['accept', 'decline', 'outcome'] as const) {
    for (const [name, headers] of NOT_A_BROWSER_ON_THE_PAGE) {
      it(`${action}: ${name}`, async () => {
        const w = world(action === 'outcome' ? 'accepted' : 'sent');
        const page = await post(w, action, GOOD_FORM[action], headers);
        expect(page.status).toBe(403);
        expect(page.outcome).toMatch(/^cross-site:/);
        expect(w.moves).toEqual([]);
        const text = textOf(page.html);
        for (const l of OFFICE_LANGS) {
          expect(text).toContain(PAGE_TEXTS[l].refusal['cross-site'].title);
          expect(text).toContain(PAGE_TEXTS[l].refusal['cross-site'].todo);
        }
        expect([...page.html.matchAll(/<section lang="([^"]+)">/g)].map((m) => m[1])).toEqual(OFFICE_LANGS);
        expect(page.html).not.toContain('<form');
      });
    }
  }

  it('says what to do in plain words', async () => {
    const page = await post(world(), 'accept', GOOD_FORM.accept, {});
    const text = textOf(page.html);
    expect(text).toContain('Ju lutemi hapni lidhjen nga mesazhi i referimit në shfletuesin tuaj dhe shtypni butonin në faqe.');
    expect(text).toContain('Molimo vas da link iz poruke o upućivanju otvorite u svom pregledaču i pritisnete dugme na stranici.');
  });

  it('checks the link first: a forged or expired link gets its own answer, whatever the headers', async () => {
    const w = world();
    expect((await submitResponse('garbage', GOOD_FORM.accept, '/r/garbage', w.deps, checkSameOrigin({}, BASE))).status).toBe(400);
    expect((await post(w, 'accept', GOOD_FORM.accept, {}, Math.floor(NOW.getTime() / 1000) - 1)).status).toBe(410);
    expect(w.moves).toEqual([]);
  });
});

describe('POST accept without the ticked box: 400, the form again saying what to tick, nothing recorded', () => {
  for (const form of [{}, { confirm: '' }, { confirm: 'on' }, { confirm: 'no' }, { confirmed: 'yes' }, { reason: 'lack_of_capacity' }] as Record<string, string>[]) {
    it(JSON.stringify(form), async () => {
      const w = world();
      const page = await post(w, 'accept', form, { 'sec-fetch-site': 'same-origin' });
      expect(page.status).toBe(400);
      expect(page.outcome).toBe('unconfirmed');
      expect(w.moves).toEqual([]);
      expect(page.html).toContain('role="alert"');
      expect(page.html).toMatch(/<input type="checkbox" id="confirm" name="confirm" value="yes" required aria-invalid="true"/);
      const text = textOf(page.html);
      for (const l of OFFICE_LANGS) expect(text).toContain(PAGE_TEXTS[l].acceptConfirmLabel);
      expect(text).toContain('shënoni kutinë');
      expect(text).toContain('označite polje');
    });
  }

  it('a cross-site POST with the box ticked is still refused (403), and one without it too', async () => {
    const w = world();
    expect((await post(w, 'accept', {}, {})).status).toBe(403);
    expect((await post(w, 'accept', GOOD_FORM.accept, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect(w.moves).toEqual([]);
  });

  it('a second accept with the box ticked is a harmless repeat', async () => {
    const w = world();
    expect((await post(w, 'accept', GOOD_FORM.accept, { origin: BASE })).outcome).toBe('moved');
    const again = await post(w, 'accept', GOOD_FORM.accept, { origin: BASE });
    expect(again.status).toBe(200);
    expect(again.outcome).toBe('repeat');
    expect(w.moves).toHaveLength(1);
  });
});

describe('POST decline for "another reason" without a note: 400, the form again with the choice kept, nothing recorded', () => {
  for (const note of [undefined, '', '   \n ']) {
    it(`note ${JSON.stringify(note)}`, async () => {
      const w = world();
      const page = await post(w, 'decline', { reason: 'other', ...(note === undefined ? {} : { note }) }, { origin: BASE });
      expect(page.status).toBe(400);
      expect(page.outcome).toBe('note-required');
      expect(w.moves).toEqual([]);
      expect(page.html).toContain('<option value="other" selected>');
      expect(page.html).toMatch(/<textarea id="note"[^>]*aria-invalid="true"/);
      const text = textOf(page.html);
      for (const l of OFFICE_LANGS) expect(text).toContain(PAGE_TEXTS[l].declineNoteMissing);
      // The note is now asked for: its label says so, not "optional".
      const label = page.html.slice(page.html.indexOf('<label for="note">'), page.html.indexOf('</label>', page.html.indexOf('<label for="note">')));
      for (const l of OFFICE_LANGS) {
        expect(label).toContain(PAGE_TEXTS[l].required);
        expect(label).not.toContain(PAGE_TEXTS[l].optional);
      }
    });
  }

  it('with the note it is recorded, and the note reaches the move; another reason needs none', async () => {
    const w = world();
    expect((await post(w, 'decline', { reason: 'other', note: 'Familja jeton jashtë komunës' }, { origin: BASE })).outcome).toBe('moved');
    expect(w.moves[0]).toMatchObject({ to: 'declined', fields: { declineReason: 'other', answerNote: 'Familja jeton jashtë komunës' } });
    const v = world();
    expect((await post(v, 'decline', { reason: 'lack_of_capacity' }, { origin: BASE })).outcome).toBe('moved');
  });
});

describe('GET /r/{token} is unchanged', () => {
  it('shows the accept form with the unticked box and records nothing', async () => {
    const w = world();
    const t = w.token('accept');
    const page = await showResponsePage(t, `/r/${t}`, w.deps);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<input type="checkbox" id="confirm" name="confirm" value="yes" required>');
    expect(w.moves).toEqual([]);
  });
});
