import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { channelOf, directoryValidate, preview, run, smsCheck, templates, USAGE, type SmsCheckJson, type TemplateRow } from '../../../cli/commands.js';
import { SAMPLES } from '../../../shared/messages/samples.js';
import { Language } from '../../../shared/domain/vocabulary.js';
import { gsmStats } from '../../../shared/messages/gsm.js';
import { renderAny } from '../../../shared/messages/index.js';
import { TEMPLATE_IDS } from '../../../shared/domain/template-ids.js';
import { DEFAULT_SMS_POLICY } from '../../../shared/domain/sms-policy.js';
import { applySmsPolicy } from '../../../shared/messages/sms-policy.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const OBILIQ_FILE = join(ROOT, 'shared/directory/data/obiliq.json');
const PARTESH_FILE = join(ROOT, 'shared/directory/data/partesh.json');

const tmp = mkdtempSync(join(tmpdir(), 'referrals-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('samples', () => {
  it('have data for every template id, which renders in every language', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...TEMPLATE_IDS].sort());
    for (const id of TEMPLATE_IDS) {
      for (const lang of Language.options) {
        const out = renderAny(id, SAMPLES[id](lang), [lang]);
        expect(channelOf(id) === 'sms' ? out.sms : out.email?.subject, `${id} ${lang}`).toBeTruthy();
      }
    }
  });
});

describe('preview', () => {
  it('an SMS: the text and its stats', () => {
    const r = preview('referral.returnee.sms', { lang: 'sq' });
    expect(r.exitCode).toBe(0);
    const text = renderAny('referral.returnee.sms', SAMPLES['referral.returnee.sms']('sq'), ['sq']).sms!;
    const s = gsmStats(text);
    expect(r.stdout).toContain(text);
    expect(r.stdout).toContain(`encoding: UCS-2, characters: ${s.characters}, units: ${s.units}, segments: ${s.segments}`);
    expect(r.stdout).toContain('outside GSM-7: ë (U+00EB)');
    expect(r.stdout).toMatch(/as GSM-7 \(toGsm7\): units: \d+, segments: \d+/);
  });

  it('an SMS as JSON: the text, its stats and the GSM-7 alternative', () => {
    const r = preview('appointment.returnee.morning', { lang: 'sr-Cyrl', json: true });
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ templateId: 'appointment.returnee.morning', channel: 'sms', language: 'sr-Cyrl' });
    expect(out.sms).toEqual({ ...gsmStats(out.sms.text), text: out.sms.text });
    expect(out.sms.encoding).toBe('UCS-2');
    expect(out.gsm7.encoding).toBe('GSM-7');
    expect(out.gsm7.segments).toBeLessThan(out.sms.segments);
  });

  it('an email: the subject, then the text; --html the HTML only; several languages', () => {
    const r = preview('referral.office.email', { lang: 'en' });
    expect(r.exitCode).toBe(0);
    const email = renderAny('referral.office.email', SAMPLES['referral.office.email']('en'), ['en']).email!;
    expect(r.stdout).toBe(`Subject: ${email.subject}\n\n${email.text}${email.text.endsWith('\n') ? '' : '\n'}`);
    const html = preview('referral.office.email', { lang: 'en', html: true });
    expect(html.stdout.trim()).toBe(email.html.trim());
    const bilingual = preview('meeting.invitation', { lang: 'sq,sr-Latn', json: true });
    expect(JSON.parse(bilingual.stdout)).toMatchObject({ channel: 'email', languages: ['sq', 'sr-Latn'] });
    expect(JSON.parse(bilingual.stdout).subject).toContain(' / ');
  });

  it('defaults to sq', () => {
    expect(preview('report.quarterly').stdout).toBe(preview('report.quarterly', { lang: 'sq' }).stdout);
  });

  it('an unknown template id → exit 2 with the list of ids; a bad language or option → 2', () => {
    const r = preview('no.such.template');
    expect(r.exitCode).toBe(2);
    for (const id of TEMPLATE_IDS) expect(r.stdout).toContain(`  ${id}\n`);
    expect(run(['preview', 'no.such.template']).exitCode).toBe(2);
    expect(preview('referral.returnee.sms', { lang: 'de' })).toMatchObject({ exitCode: 2 });
    expect(preview('referral.returnee.sms', { lang: 'sq,en' })).toMatchObject({ exitCode: 2 }); // an SMS has one language
    expect(preview('referral.returnee.sms', { html: true })).toMatchObject({ exitCode: 2 });
    expect(run(['preview', 'referral.returnee.sms', '--bogus']).exitCode).toBe(2);
    expect(run(['preview']).exitCode).toBe(2);
  });

  it('through run(): --lang and --json', () => {
    expect(run(['preview', 'referral.returnee.accepted', '--lang', 'en', '--json'])).toEqual(preview('referral.returnee.accepted', { lang: 'en', json: true }));
  });
});

describe('sms-check', () => {
  it('--json: { original, gsm7 } with the stats and the texts', () => {
    const r = smsCheck('Përshëndetje', { json: true });
    expect(r.exitCode).toBe(0);
    const out: SmsCheckJson = JSON.parse(r.stdout);
    expect(out).toEqual({
      original: { encoding: 'UCS-2', characters: 12, units: 12, segments: 1, text: 'Përshëndetje' },
      gsm7: { encoding: 'GSM-7', characters: 12, units: 12, segments: 1, text: 'Pershendetje' },
    });
  });

  it('numbers for a longer text: 71 characters with one ë is 2 UCS-2 segments, 1 in GSM-7', () => {
    const text = `Ju lutem sillni letërnjoftimin. ${'a'.repeat(39)}`;
    expect([...text]).toHaveLength(71);
    const out: SmsCheckJson = JSON.parse(run(['sms-check', text, '--json']).stdout);
    expect(out.original).toMatchObject({ encoding: 'UCS-2', characters: 71, units: 71, segments: 2 });
    expect(out.gsm7).toMatchObject({ encoding: 'GSM-7', characters: 71, units: 71, segments: 1 });
    const plain = smsCheck(text).stdout;
    expect(plain).toContain('segments:   2');
    expect(plain).toContain('saves 1 segment');
  });

  it('joins several words; reads stdin without a text argument (dropping echo\'s newline); none → 2', () => {
    expect(JSON.parse(run(['sms-check', 'Đorđe', 'Čačak', '--json']).stdout).gsm7.text).toBe('Djordje Cacak');
    expect(JSON.parse(run(['sms-check', '--json'], { readStdin: () => 'Љубљана\n' }).stdout).gsm7.text).toBe('Ljubljana');
    expect(run(['sms-check'], { readStdin: () => undefined }).exitCode).toBe(2);
    expect(run(['sms-check']).exitCode).toBe(2);
    expect(JSON.parse(run(['sms-check', '--json', '--', '-5 °C']).stdout).original.text).toBe('-5 °C');
  });

  it('a GSM-7 text says so', () => {
    expect(smsCheck('Hello from Obiliq').stdout).toContain('Already GSM-7.');
  });

  it('without --policy or --max-segments the JSON has no policy part', () => {
    expect(JSON.parse(run(['sms-check', 'Përshëndetje', '--json']).stdout)).not.toHaveProperty('policy');
  });

  it('--policy auto --max-segments N: keeps the letters while they fit N, transliterates once they do not', () => {
    // 71 units with one ë: 2 UCS-2 segments as written, 1 in GSM-7.
    const text = `Ju lutem sillni letërnjoftimin. ${'a'.repeat(39)}`;
    const fits: SmsCheckJson = JSON.parse(run(['sms-check', text, '--policy', 'auto', '--max-segments', '2', '--json']).stdout);
    expect(fits.policy).toMatchObject({ letters: 'auto', maxSegments: 2, text, transliterated: false, withinCap: true, stats: { encoding: 'UCS-2', segments: 2 } });
    const tight: SmsCheckJson = JSON.parse(run(['sms-check', text, '--policy', 'auto', '--max-segments', '1', '--json']).stdout);
    expect(tight.policy).toMatchObject({ text: tight.gsm7.text, transliterated: true, withinCap: true, stats: { encoding: 'GSM-7', segments: 1 } });
    expect(smsCheck(text, { policy: 'auto', maxSegments: 1 }).stdout).toContain('sends:      the GSM-7 transliteration');
  });

  it('--policy keep over the cap says delivery would refuse it; gsm7 transliterates even when it fits', () => {
    const text = 'ë'.repeat(71); // 2 UCS-2 segments
    const keep = smsCheck(text, { policy: 'keep', maxSegments: 1 });
    expect(keep.exitCode).toBe(0);
    expect(keep.stdout).toContain('over the cap: delivery would refuse it (SegmentCapExceeded)');
    const gsm7: SmsCheckJson = JSON.parse(run(['sms-check', 'Çka ë', '--policy', 'gsm7', '--json']).stdout);
    expect(gsm7.policy).toMatchObject({ text: 'Çka e', transliterated: true, withinCap: true, maxSegments: DEFAULT_SMS_POLICY.maxSegments });
  });

  it('a bad --policy or --max-segments → 2', () => {
    expect(run(['sms-check', 'x', '--policy', 'cheap']).exitCode).toBe(2);
    expect(run(['sms-check', 'x', '--max-segments', '0']).exitCode).toBe(2);
    expect(run(['sms-check', 'x', '--max-segments', '11']).exitCode).toBe(2);
    expect(run(['sms-check', 'x', '--max-segments', '2.5']).exitCode).toBe(2);
    expect(run(['sms-check', 'x', '--max-segments', 'two']).exitCode).toBe(2);
  });
});

describe('directory validate', () => {
  it('the bundled files are OK', () => {
    const r = directoryValidate([OBILIQ_FILE]);
    expect(r).toMatchObject({ exitCode: 0 });
    expect(r.stdout).toMatch(/^OK +.*obiliq\.json \(obiliq: /);
    expect(run(['directory', 'validate', OBILIQ_FILE, PARTESH_FILE]).exitCode).toBe(0);
  });

  it('a bad email → exit 1, naming the file and the field', () => {
    const m = JSON.parse(readFileSync(OBILIQ_FILE, 'utf8'));
    m.offices[1].email = 'not-an-email';
    const file = join(tmp, 'bad-email.json');
    writeFileSync(file, JSON.stringify(m, null, 2));
    const r = run(['directory', 'validate', OBILIQ_FILE, file]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^OK +.*obiliq\.json/m);
    expect(r.stdout).toContain(`FAIL  ${file}`);
    expect(r.stdout).toContain(`${file}: offices[1].email:`);
  });

  it('the same municipality in two files → 1; not JSON → 1; no file or no subcommand → 2', () => {
    const copy = join(tmp, 'obiliq-copy.json');
    writeFileSync(copy, readFileSync(OBILIQ_FILE));
    const dup = directoryValidate([OBILIQ_FILE, copy]);
    expect(dup.exitCode).toBe(1);
    expect(dup.stdout).toContain('duplicate municipality id "obiliq"');
    const broken = join(tmp, 'broken.json');
    writeFileSync(broken, '{ "id": ');
    expect(directoryValidate([broken])).toMatchObject({ exitCode: 1, stdout: expect.stringContaining(`${broken}: not valid JSON`) });
    expect(run(['directory', 'validate']).exitCode).toBe(2);
    expect(run(['directory']).exitCode).toBe(2);
  });
});

describe('templates', () => {
  it('lists every id with its channel, and SMS segments per language: as written → under the default policy', () => {
    const r = templates();
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    for (const id of TEMPLATE_IDS) {
      const line = lines.find((l) => l.startsWith(`${id} `));
      expect(line, id).toBeDefined();
      if (channelOf(id) === 'sms') {
        const cells = line!.trim().split(/ {2,}/).slice(2);
        expect(cells, id).toHaveLength(Language.options.length);
        Language.options.forEach((lang, i) => {
          const text = renderAny(id, SAMPLES[id](lang), [lang]).sms!;
          const p = applySmsPolicy(text, lang, DEFAULT_SMS_POLICY);
          const expected = `${gsmStats(text).segments} → ${p.stats.segments}${p.transliterated ? '*' : ''}${p.withinCap ? '' : '!'}`;
          expect(cells[i], `${id} ${lang}`).toBe(expected);
        });
      } else expect(line, id).toMatch(/ email +- +- +- +-$/);
    }
    expect(r.stdout).toContain(`at most ${DEFAULT_SMS_POLICY.maxSegments} segments`);
  });

  it('the Albanian referral SMS is transliterated under the default policy (4 UCS-2 segments → 2 in GSM-7)', () => {
    const line = templates().stdout.split('\n').find((l) => l.startsWith('referral.returnee.sms '))!;
    expect(line).toMatch(/ sms +4 → 2\* /);
  });

  it('--json: one row per id; SMS rows carry the stats per language', () => {
    const rows: TemplateRow[] = JSON.parse(run(['templates', '--json']).stdout);
    expect(rows.map((r) => r.id)).toEqual([...TEMPLATE_IDS]);
    const sms = rows.find((r) => r.id === 'referral.returnee.sms')!;
    expect(sms.channel).toBe('sms');
    const text = renderAny('referral.returnee.sms', SAMPLES['referral.returnee.sms']('sq'), ['sq']).sms!;
    expect(sms.sms!.sq).toMatchObject(gsmStats(text));
    expect(sms.sms!.sq.gsm7.encoding).toBe('GSM-7');
    const p = applySmsPolicy(text, 'sq', DEFAULT_SMS_POLICY);
    expect(sms.sms!.sq.policy).toEqual({ encoding: p.stats.encoding, segments: p.stats.segments, transliterated: p.transliterated, withinCap: p.withinCap });
    expect(Object.keys(sms.sms!)).toEqual(Language.options);
    expect(rows.find((r) => r.id === 'digest.coordinator')).toEqual({ id: 'digest.coordinator', channel: 'email' });
  });
});

describe('the command line', () => {
  it('help and no arguments → usage (0); an unknown command → 2', () => {
    expect(run([])).toEqual({ stdout: USAGE, exitCode: 0 });
    expect(run(['help'])).toEqual({ stdout: USAGE, exitCode: 0 });
    expect(run(['--help']).exitCode).toBe(0);
    expect(run(['templates', '--help'])).toEqual({ stdout: USAGE, exitCode: 0 });
    const r = run(['frobnicate']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toContain('unknown command "frobnicate"');
  });

  it('npx tsx cli/referrals.ts sms-check "Përshëndetje" --json prints the JSON', () => {
    const stdout = execFileSync('npx', ['tsx', 'cli/referrals.ts', 'sms-check', 'Përshëndetje', '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    const out: SmsCheckJson = JSON.parse(stdout);
    expect(out.original).toEqual({ encoding: 'UCS-2', characters: 12, units: 12, segments: 1, text: 'Përshëndetje' });
    expect(out.gsm7).toEqual({ encoding: 'GSM-7', characters: 12, units: 12, segments: 1, text: 'Pershendetje' });
  });
});
