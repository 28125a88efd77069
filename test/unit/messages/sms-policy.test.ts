import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SAMPLES } from '../../../shared/messages/samples.js';
import { bundledDirectory, BUNDLED_DIRECTORY_FILES, directoryFrom, parseMunicipality } from '../../../shared/directory/directory.js';
import { isSensitive, Language, Need, type OfficeKind } from '../../../shared/domain/vocabulary.js';
import {
  CATALOGUE,
  gsmStats,
  isGsm7,
  localName,
  renderAny,
  srLatnToCyrl,
  toGsm7,
  type AppointmentSmsData,
  type ReferralAcceptedSmsData,
  type ReferralSmsData,
} from '../../../shared/messages/index.js';
import { APPOINTMENT_CHANGE_SMS_TEMPLATE_IDS, REMINDER_SMS_TEMPLATE_IDS, TEMPLATE_IDS, VISIT_SMS_TEMPLATE_IDS, WELCOME_SMS_TEMPLATE_IDS, type TemplateId } from '../../../shared/domain/template-ids.js';
import { DEFAULT_SMS_POLICY, SmsPolicy, SmsSenderId, type SmsLetters } from '../../../shared/domain/sms-policy.js';
import { applySmsPolicy } from '../../../shared/messages/sms-policy.js';
import { SegmentedMessage } from 'sms-segments-calculator';
import { GRANT_CALL_TEXT_MAX } from '../../../shared/domain/grant-call.js';

/** A policy whose `auto` keeps the letters up to the cap (the cap's own mechanics, apart from the returnee page's). */
function policy(letters: SmsLetters, maxSegments: number): SmsPolicy {
  return { maxSegments, keepLettersUpTo: maxSegments, letters: { sq: letters, 'sr-Latn': letters, 'sr-Cyrl': letters, en: letters } };
}

// Sizes at the UCS-2 boundaries: 70 units in one segment, 134 (2 × 67) in two.
const UCS2_ONE = 'ë'.repeat(70);
const UCS2_TWO = 'ë'.repeat(71);
const UCS2_TWO_FULL = 'ë'.repeat(134);
const UCS2_THREE = 'ë'.repeat(135);

describe('applySmsPolicy', () => {
  it('auto keeps the letters of a UCS-2 text that fits the cap, up to its last unit', () => {
    for (const [text, cap] of [[UCS2_ONE, 1], [UCS2_TWO, 2], [UCS2_TWO_FULL, 2], [UCS2_THREE, 3]] as const) {
      const r = applySmsPolicy(text, 'sq', policy('auto', cap));
      expect(r, `${text.length} units, cap ${cap}`).toEqual({
        text,
        stats: { encoding: 'UCS-2', characters: text.length, segments: cap },
        transliterated: false,
        withinCap: true,
      });
    }
  });

  it('auto transliterates a UCS-2 text one unit over the cap', () => {
    for (const [text, cap] of [[UCS2_TWO, 1], [UCS2_THREE, 2]] as const) {
      const r = applySmsPolicy(text, 'sq', policy('auto', cap));
      expect(r.text).toBe('e'.repeat(text.length));
      expect(r).toMatchObject({ transliterated: true, withinCap: true, stats: { encoding: 'GSM-7', characters: text.length, segments: 1 } });
    }
  });

  it('gsm7 always transliterates, even a text that would fit as written', () => {
    const r = applySmsPolicy('Përshëndetje', 'sq', policy('gsm7', 10));
    expect(r).toEqual({ text: 'Pershendetje', stats: { encoding: 'GSM-7', characters: 12, segments: 1 }, transliterated: true, withinCap: true });
    expect(applySmsPolicy('Ћао, Ђорђе', 'sr-Cyrl', policy('gsm7', 1)).text).toBe('Cao, Djordje');
  });

  it('keep never transliterates: over the cap it stays as written and is not within it', () => {
    const r = applySmsPolicy(UCS2_THREE, 'sr-Latn', policy('keep', 2));
    expect(r).toEqual({ text: UCS2_THREE, stats: { encoding: 'UCS-2', characters: 135, segments: 3 }, transliterated: false, withinCap: false });
    expect(applySmsPolicy(UCS2_ONE, 'sr-Latn', policy('keep', 1)).withinCap).toBe(true);
  });

  it('over the cap after the policy → withinCap false (auto and gsm7 alike)', () => {
    // 307 GSM-7 characters: 3 segments however it is written.
    const long = 'ë'.repeat(307);
    for (const letters of ['auto', 'gsm7'] as const) {
      const r = applySmsPolicy(long, 'sq', policy(letters, 2));
      expect(r, letters).toMatchObject({ transliterated: true, withinCap: false, stats: { encoding: 'GSM-7', segments: 3 } });
    }
    // Already GSM-7: nothing to transliterate, nothing changes, still over.
    const english = 'a'.repeat(307);
    expect(applySmsPolicy(english, 'en', policy('auto', 2))).toEqual({
      text: english,
      stats: { encoding: 'GSM-7', characters: 307, segments: 3 },
      transliterated: false,
      withinCap: false,
    });
  });

  it('auto keeps the letters up to one segment with the returnee page on (the default), two with it off, and as set', () => {
    expect(applySmsPolicy(UCS2_ONE, 'sq', DEFAULT_SMS_POLICY)).toMatchObject({ transliterated: false, stats: { encoding: 'UCS-2', segments: 1 } });
    expect(applySmsPolicy(UCS2_TWO, 'sq', DEFAULT_SMS_POLICY)).toMatchObject({ transliterated: true, stats: { encoding: 'GSM-7', segments: 1 } });
    const off: SmsPolicy = { ...DEFAULT_SMS_POLICY, returneePage: false };
    expect(applySmsPolicy(UCS2_TWO_FULL, 'sq', off)).toMatchObject({ transliterated: false, stats: { encoding: 'UCS-2', segments: 2 } });
    expect(applySmsPolicy(UCS2_THREE, 'sq', off)).toMatchObject({ transliterated: true, stats: { encoding: 'GSM-7', segments: 1 } });
    expect(applySmsPolicy(UCS2_THREE, 'sq', { ...DEFAULT_SMS_POLICY, keepLettersUpTo: 3 })).toMatchObject({ transliterated: false, stats: { segments: 3 } });
    // Never above the cap: the cap still decides what may go.
    expect(applySmsPolicy(UCS2_TWO, 'sq', { ...off, maxSegments: 1, keepLettersUpTo: 5 })).toMatchObject({ transliterated: true, withinCap: true });
  });

  it('uses the rule of the message language only', () => {
    const mixed: SmsPolicy = { maxSegments: 1, letters: { sq: 'keep', 'sr-Latn': 'gsm7', 'sr-Cyrl': 'auto', en: 'auto' } };
    expect(applySmsPolicy(UCS2_TWO, 'sq', mixed).transliterated).toBe(false);
    expect(applySmsPolicy('čaj', 'sr-Latn', mixed).text).toBe('caj');
    expect(applySmsPolicy('чај', 'sr-Cyrl', mixed).text).toBe('чај');
  });

  it('counts exactly: an emoji takes two UCS-2 units (sms-segments-calculator would count it as one character)', () => {
    const text = `${'ë'.repeat(69)}😀`; // 71 units: 2 segments
    expect(applySmsPolicy(text, 'sq', policy('keep', 1))).toMatchObject({ withinCap: false, stats: { characters: 71, segments: 2 } });
    // The policy leaves emoji to toGsm7, which writes "?" for what GSM-7 lacks.
    expect(applySmsPolicy(text, 'sq', policy('auto', 1)).text).toBe(`${'e'.repeat(69)}?`);
  });
});

describe('SmsPolicy schema', () => {
  it('accepts the default policy and a full one', () => {
    expect(SmsPolicy.parse(DEFAULT_SMS_POLICY)).toEqual(DEFAULT_SMS_POLICY);
    expect(SmsPolicy.parse({ ...policy('gsm7', 10), senderId: 'Obiliq', maxPriceUsd: 0.05 })).toMatchObject({ senderId: 'Obiliq', maxPriceUsd: 0.05 });
  });

  it('refuses a cap outside 1..10, a missing language, an unknown letters rule or key', () => {
    const bad: unknown[] = [
      policy('auto', 0),
      policy('auto', 11),
      policy('auto', 2.5),
      { maxSegments: 2, letters: { sq: 'auto', 'sr-Latn': 'auto', en: 'auto' } },
      { maxSegments: 2, letters: { ...policy('auto', 2).letters, sq: 'cheap' } },
      { ...policy('auto', 2), maxSegment: 3 },
      { ...policy('auto', 2), maxPriceUsd: 0 },
      { ...policy('auto', 2), maxPriceUsd: -1 },
    ];
    for (const b of bad) expect(SmsPolicy.safeParse(b).success, JSON.stringify(b)).toBe(false);
  });

  it('sender ID: 3–11 letters and digits, at least one letter', () => {
    for (const ok of ['ZKKK', 'Obiliq', 'OKZP2026', 'A12', 'Abcdefghijk']) expect(SmsSenderId.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['AB', 'Abcdefghijkl', '12345', 'ZKKK Obiliq', 'Obilić', 'Obiliq-1', '']) expect(SmsSenderId.safeParse(bad).success, bad).toBe(false);
  });

  it('the default policy is frozen: nobody can loosen it for everyone at run time', () => {
    expect(Object.isFrozen(DEFAULT_SMS_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SMS_POLICY.letters)).toBe(true);
  });
});

describe('the directory\'s SMS policy', () => {
  const partesh = (): Record<string, unknown> =>
    JSON.parse(readFileSync(fileURLToPath(new URL(`../../../${BUNDLED_DIRECTORY_FILES[1]}`, import.meta.url)), 'utf8'));

  it('the bundled municipalities set none (no sender ID is confirmed for Kosovo): they get the default', () => {
    for (const m of bundledDirectory().municipalities()) {
      expect(m.sms, m.id).toBeUndefined();
      expect(bundledDirectory().smsPolicy(m.id), m.id).toBe(DEFAULT_SMS_POLICY);
    }
  });

  it('an unknown or absent municipality gets the default too, so no SMS goes out without a cap', () => {
    expect(bundledDirectory().smsPolicy('nowhere')).toBe(DEFAULT_SMS_POLICY);
    expect(bundledDirectory().smsPolicy(undefined)).toBe(DEFAULT_SMS_POLICY);
  });

  it('a municipality\'s own policy is parsed from its entry and returned for it only', () => {
    const own = { maxSegments: 2, letters: { sq: 'gsm7', 'sr-Latn': 'auto', 'sr-Cyrl': 'gsm7', en: 'keep' }, senderId: 'Partesh', maxPriceUsd: 0.08 };
    const d = directoryFrom([parseMunicipality({ ...partesh(), sms: own }, 'partesh.json'), bundledDirectory().municipality('obiliq')!]);
    expect(d.smsPolicy('partesh')).toEqual(own);
    expect(d.smsPolicy('obiliq')).toBe(DEFAULT_SMS_POLICY);
  });

  it('an invalid policy in a directory file names the field', () => {
    const bad = { ...partesh(), sms: { ...DEFAULT_SMS_POLICY, senderId: 'Parteš' } };
    expect(() => parseMunicipality(bad, 'partesh.json')).toThrow(/^partesh\.json: sms\.senderId: /);
    const noCap = { ...partesh(), sms: { letters: DEFAULT_SMS_POLICY.letters } };
    expect(() => parseMunicipality(noCap, 'partesh.json')).toThrow(/partesh\.json: sms\.maxSegments: /);
  });
});

// ---------------------------------------------------------------------------------------------
// The catalogue under the default policy, with real data
// ---------------------------------------------------------------------------------------------

const SMS_TEMPLATE_IDS = TEMPLATE_IDS.filter((id) => CATALOGUE[id].en.subject === undefined);
const directory = bundledDirectory();

/**
 * What an SMS intent could carry, from the bundled directory (longer than the samples): every
 * office with every need (a coordinator picks both), and the municipality's longest coordinator
 * phone number (the one the text names).
 */
function referralData(): { data: ReferralSmsData; officeKind: OfficeKind }[] {
  return directory.municipalities().flatMap((m) => {
    const coordinatorPhone = m.coordinators.map((c) => c.phone).reduce((a, b) => (b.length > a.length ? b : a));
    return m.offices.flatMap((o) =>
      Need.options.map((need) => ({
        officeKind: o.kind,
        data: { coordinatorOffice: m.coordinatorOffice, coordinatorPhone, office: { name: o.name, address: o.address, hours: o.hours }, need },
      })),
    );
  });
}

/**
 * The coordinator's free text for reminders: the samples' title and bring-list, and as `where`
 * the sample's, each office's real address, and its name and address together (the longest a
 * coordinator is likely to type), in the returnee's language.
 */
function reminderData(id: TemplateId, lang: Language): AppointmentSmsData[] {
  const sample = SAMPLES[id](lang) as unknown as AppointmentSmsData;
  const inLang = (s: string) => (lang === 'sr-Cyrl' ? srLatnToCyrl(s) : s);
  return directory.municipalities().flatMap((m) => [
    { ...sample, coordinatorOffice: m.coordinatorOffice },
    ...m.offices.flatMap((o) => {
      const address = inLang(localName(o.address, lang === 'sr-Cyrl' ? 'sr-Latn' : lang));
      const name = inLang(localName(o.name, lang === 'sr-Cyrl' ? 'sr-Latn' : lang));
      return [address, `${name}, ${address}`].map((where) => ({ ...sample, coordinatorOffice: m.coordinatorOffice, where }));
    }),
  ]);
}

/**
 * The family's SMS (the visit planned or moved, the welcome): every coordinator of every
 * municipality, for a returnee and a foreigner where the template is for both, on the weekday
 * with the longest phrase in each language (Wednesday, Thursday).
 */
function familyData(id: TemplateId): Record<string, unknown>[] {
  const categories = id === 'case.returnee.welcome' ? ['returnee'] : id === 'case.foreigner.welcome' ? ['foreigner'] : ['returnee', 'foreigner'];
  return directory.municipalities().flatMap((m) =>
    m.coordinators.flatMap((c) =>
      categories.flatMap((category) =>
        ['2026-11-25T14:45:00Z', '2026-11-26T14:45:00Z'].map((start) => ({
          category,
          municipality: m.name,
          coordinatorOffice: m.coordinatorOffice,
          coordinatorPhone: c.phone,
          coordinatorName: c.name.split(' ')[0],
          start,
        })),
      ),
    ),
  );
}

/** Every piece of data each SMS template is rendered with. Keyed by id: a new SMS template without data fails below. */
const DATA: Record<string, (lang: Language) => Record<string, unknown>[]> = {
  // The planner sends the standard text only when nothing is sensitive (need or office kind).
  'referral.returnee.sms': () => referralData().filter((r) => !isSensitive({ need: r.data.need, officeKind: r.officeKind })).map((r) => ({ ...r.data })),
  'referral.returnee.sms.private': () => referralData().map((r) => ({ ...r.data })),
  'referral.returnee.accepted': () =>
    referralData()
      .filter((r) => !isSensitive({ need: r.data.need, officeKind: r.officeKind }))
      .map((r) => ({ ...r.data, sensitive: false, officeKind: r.officeKind }) satisfies ReferralAcceptedSmsData),
  ...Object.fromEntries(REMINDER_SMS_TEMPLATE_IDS.map((id) => [id, (lang: Language) => reminderData(id, lang) as unknown as Record<string, unknown>[]])),
  ...Object.fromEntries([...VISIT_SMS_TEMPLATE_IDS, ...WELCOME_SMS_TEMPLATE_IDS].map((id) => [id, () => familyData(id)])),
  ...Object.fromEntries(APPOINTMENT_CHANGE_SMS_TEMPLATE_IDS.map((id) => [id, () => familyData(id).map((d) => ({ ...d, previousStart: '2026-11-24T14:45:00Z' }))])),
  // Two referrals of the same municipality as one message with the returnee page's link (without
  // it, or with more steps, delivery splits the steps into the fewest SMS under the cap).
  'household.returnee.sms': () => {
    const standard = referralData().filter((r) => !isSensitive({ need: r.data.need, officeKind: r.officeKind }));
    return standard.slice(1).map((r, k) => ({
      municipality: r.data.coordinatorOffice,
      coordinatorOffice: r.data.coordinatorOffice,
      coordinatorPhone: r.data.coordinatorPhone,
      parts: [standard[k]!, r].map((p) => ({ template: 'referral.returnee.sms', data: { ...p.data } })),
      pageUrl: 'https://referrals.example.org/p/01JD7ZQ4Y8K2M3N4P5Q6R7S8T9.AE2k8Qz1cVb7XmN0',
    }));
  },
  // Without the coordinator's free text, and with both at their longest (GRANT_CALL_TEXT_MAX).
  'grant.returnee.call': () =>
    familyData('grant.returnee.call').flatMap(({ start: _start, coordinatorName: _name, ...d }) => [
      { ...d, call: 'agriculture', closesOn: '2027-01-29' },
      { ...d, call: 'agriculture', closesOn: '2027-01-29', title: 'ë'.repeat(GRANT_CALL_TEXT_MAX.title), where: 'ç'.repeat(GRANT_CALL_TEXT_MAX.where) },
    ]),
};

/** Every distinct text per template and language, rendered once (about 3,000 renders). */
let rendered: Map<TemplateId, Record<Language, string[]>> | undefined;
function renderedTexts(): Map<TemplateId, Record<Language, string[]>> {
  rendered ??= new Map(
    SMS_TEMPLATE_IDS.map((id) => [
      id,
      Object.fromEntries(Language.options.map((lang) => [lang, [...new Set(DATA[id]!(lang).map((d) => renderAny(id, d, [lang]).sms!))]])) as Record<Language, string[]>,
    ]),
  );
  return rendered;
}

interface Cell {
  texts: number;
  /** Most segments of any text as written, and of what the policy sends. */
  asWritten: number;
  underPolicy: number;
  transliterated: number;
  overCap: string[];
}

function measure(p: SmsPolicy = DEFAULT_SMS_POLICY): Map<string, Record<Language, Cell>> {
  const table = new Map<string, Record<Language, Cell>>();
  for (const [id, byLang] of renderedTexts()) {
    const row = {} as Record<Language, Cell>;
    for (const lang of Language.options) {
      const cell: Cell = { texts: 0, asWritten: 0, underPolicy: 0, transliterated: 0, overCap: [] };
      for (const text of byLang[lang]) {
        const r = applySmsPolicy(text, lang, p);
        cell.texts++;
        cell.asWritten = Math.max(cell.asWritten, gsmStats(text).segments);
        cell.underPolicy = Math.max(cell.underPolicy, r.stats.segments);
        if (r.transliterated) cell.transliterated++;
        if (!r.withinCap) cell.overCap.push(`${r.stats.segments} segments: ${r.text}`);
      }
      row[lang] = cell;
    }
    table.set(id, row);
  }
  return table;
}

function printTable(table: Map<string, Record<Language, Cell>>): void {
  const header = ['template', ...Language.options];
  const rows = [...table].map(([id, row]) => [id, ...Language.options.map((l) => `${row[l].asWritten} → ${row[l].underPolicy}  (${row[l].transliterated}/${row[l].texts})`)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  console.log(
    [
      `SMS segments per template and language under DEFAULT_SMS_POLICY (at most ${DEFAULT_SMS_POLICY.maxSegments}; letters ${Language.options.map((l) => `${l} ${DEFAULT_SMS_POLICY.letters[l]}`).join(', ')}),`,
      'rendered with the bundled directory (every office with every need) and, for reminders, the samples with real addresses.',
      'Cell: most segments as written → most under the policy (texts transliterated / texts rendered).',
      line(header),
      line(widths.map((w) => '-'.repeat(w))),
      ...rows.map(line),
    ].join('\n'),
  );
}

describe('the catalogue under DEFAULT_SMS_POLICY', () => {
  it('has data here for every SMS template in the catalogue', () => {
    expect(Object.keys(DATA).sort()).toEqual([...SMS_TEMPLATE_IDS].sort());
  });

  it('every SMS template in every language fits the default cap with real data; reports the segments per language', () => {
    const table = measure();
    printTable(table);
    const over = [...table].flatMap(([id, row]) => Language.options.flatMap((l) => row[l].overCap.map((t) => `${id} [${l}] ${t}`)));
    expect(over).toEqual([]);
    for (const [id, row] of table) for (const l of Language.options) expect(row[l].texts, `${id} [${l}]`).toBeGreaterThan(0);
  });

  it('the cap is as low as it can be: a cap one lower would refuse real English texts, which transliteration cannot shorten', () => {
    const cap = DEFAULT_SMS_POLICY.maxSegments - 1;
    const refused = renderedTexts()
      .get('referral.returnee.sms')!
      .en.filter((text) => isGsm7(text) && !applySmsPolicy(text, 'en', { ...DEFAULT_SMS_POLICY, maxSegments: cap }).withinCap);
    expect(refused.length).toBeGreaterThan(0);
  });

  it('Albanian and Serbian referral SMS over the cap as written go out transliterated, in fewer segments', () => {
    const table = measure();
    for (const lang of ['sq', 'sr-Latn', 'sr-Cyrl'] as const) {
      const cell = table.get('referral.returnee.sms')![lang];
      expect(cell.asWritten, lang).toBeGreaterThan(DEFAULT_SMS_POLICY.maxSegments);
      expect(cell.transliterated, lang).toBeGreaterThan(0);
      expect(cell.underPolicy, lang).toBeLessThanOrEqual(DEFAULT_SMS_POLICY.maxSegments);
    }
  });

  it('a transliterated text is the GSM-7 form of what was rendered, never a different message', () => {
    for (const text of renderedTexts().get('referral.returnee.sms')!['sr-Cyrl']) {
      const r = applySmsPolicy(text, 'sr-Cyrl', DEFAULT_SMS_POLICY);
      expect(r.text).toBe(r.transliterated ? toGsm7(text) : text);
    }
  });

  it('on catalogue texts (no emoji) the stats equal sms-segments-calculator\'s', () => {
    for (const [id, byLang] of renderedTexts()) {
      for (const lang of Language.options) {
        // A few per cell: the library is slow, and the texts differ only in directory entries.
        for (const text of byLang[lang].slice(0, 6)) {
          const r = applySmsPolicy(text, lang, DEFAULT_SMS_POLICY);
          const lib = new SegmentedMessage(r.text, 'auto', false);
          expect(r.stats, `${id} [${lang}] ${r.text}`).toEqual({ encoding: lib.encodingName, characters: lib.numberOfCharacters, segments: lib.segmentsCount });
        }
      }
    }
  });
});
