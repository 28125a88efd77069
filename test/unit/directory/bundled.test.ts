import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundledDirectory, directoryFrom, loadDirectoryFromFiles, parseMunicipality } from '../../../shared/directory/directory.js';
import { parseRule } from '../../../shared/domain/recurrence.js';
import { OfficeKind } from '../../../shared/domain/vocabulary.js';

const dataFile = (name: string) => fileURLToPath(new URL(`../../../shared/directory/data/${name}`, import.meta.url));
const FILES = { obiliq: dataFile('obiliq.json'), partesh: dataFile('partesh.json') };
const RESERVED = /@([a-z0-9-]+\.)*(example\.(org|com|net)|[a-z0-9-]+\.(test|example|invalid))$/i;

describe('bundled directory data', () => {
  it.each(Object.entries(FILES))('%s.json validates against the schema', (id, path) => {
    const muni = parseMunicipality(JSON.parse(readFileSync(path, 'utf8')), path);
    expect(muni.id).toBe(id);
    expect(muni.timeZone).toBe('Europe/Belgrade');
    expect(muni.ackWorkingDays).toBe(5);
  });

  it('bundledDirectory() holds Obiliq and Partesh, identical to the files on disk, and is memoized', () => {
    const dir = bundledDirectory();
    expect(dir.municipalities().map((m) => m.id)).toEqual(['obiliq', 'partesh']);
    expect(bundledDirectory()).toBe(dir);
    const fromFiles = loadDirectoryFromFiles([FILES.obiliq, FILES.partesh]);
    expect(dir.municipalities()).toEqual(fromFiles.municipalities());
  });

  // The functions do not read the meeting rules at cold start (no rrule in their bundles): here they are.
  it('every meeting rule of the bundled files is one the platform can plan', () => {
    const rules = bundledDirectory().municipalities().flatMap((m) => m.meetings.map((r) => r.rrule));
    expect(rules.length).toBeGreaterThan(0);
    expect(() => loadDirectoryFromFiles([FILES.obiliq, FILES.partesh], parseRule)).not.toThrow();
  });

  it('a rule the platform cannot plan is refused, naming where, when the rules are checked', () => {
    const obiliq = bundledDirectory().municipality('obiliq')!;
    const broken = { ...structuredClone(obiliq), meetings: obiliq.meetings.map((r, i) => (i === 0 ? { ...r, rrule: 'FREQ=DAILY;COUNT=3' } : r)) };
    expect(() => directoryFrom([broken], parseRule)).toThrow(/municipalities\[0\] \(obiliq\): meetings\[0\]\.rrule/);
    expect(() => directoryFrom([broken])).not.toThrow();
  });

  it('names the municipalities and coordinator offices in the three languages', () => {
    const dir = bundledDirectory();
    expect(dir.municipality('obiliq')!.name).toEqual({ sq: 'Obiliq', sr: 'Obilić', en: 'Obiliq' });
    expect(dir.municipality('partesh')!.name).toEqual({ sq: 'Partesh', sr: 'Parteš', en: 'Partesh' });
    expect(dir.municipality('obiliq')!.coordinatorOffice).toMatchObject({ sq: 'ZKKK Obiliq', sr: 'OKZP Obilić' });
    expect(dir.municipality('partesh')!.coordinatorOffice).toMatchObject({ sq: 'ZKKK Partesh', sr: 'OKZP Parteš' });
  });

  it.each(['obiliq', 'partesh'])('%s has an office of every kind, each with a head of office', (id) => {
    const dir = bundledDirectory();
    for (const kind of OfficeKind.options) {
      const office = dir.office(id, kind);
      expect(office, `${id} ${kind}`).toBeDefined();
      expect(office!.kind).toBe(kind);
      expect(office!.head?.email, `${id} ${kind} head`).toMatch(RESERVED);
    }
    expect(dir.municipality(id)!.offices).toHaveLength(OfficeKind.options.length);
  });

  it('every e-mail address (offices, heads, coordinators) is a placeholder under a reserved domain', () => {
    const emails = bundledDirectory()
      .municipalities()
      .flatMap((m) => [
        ...m.coordinators.map((c) => c.email),
        ...m.offices.flatMap((o) => [o.email, ...(o.head ? [o.head.email] : [])]),
      ]);
    expect(emails.length).toBeGreaterThan(40);
    for (const e of emails) expect(e).toMatch(RESERVED);
    // and nothing that looks like a real provider or government domain
    for (const e of emails) expect(e).not.toMatch(/@(gmail|yahoo|hotmail|outlook)\.|rks-gov\.net$|kosovopolice\.com$/i);
  });

  it('office and coordinator ids are unique across the whole directory', () => {
    const ids = bundledDirectory()
      .municipalities()
      .flatMap((m) => [...m.offices.map((o) => o.id), ...m.coordinators.map((c) => c.id)]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('coordinators: Obiliq (ZKKK) read Albanian, Partesh (OKZP) reads Serbian; phones are +383 4x in E.164', () => {
    const dir = bundledDirectory();
    const obiliq = dir.municipality('obiliq')!.coordinators;
    const partesh = dir.municipality('partesh')!.coordinators;
    expect(obiliq.length).toBeGreaterThanOrEqual(1);
    expect(obiliq.every((c) => c.language === 'sq')).toBe(true);
    expect(partesh).toHaveLength(1);
    expect(partesh[0]!.language).toBe('sr-Latn');
    for (const c of [...obiliq, ...partesh]) expect(c.phone).toMatch(/^\+3834\d{7}$/);
  });

  it('Partesh is bilingual: civil registry, employment office and social work centre read sq and sr-Latn', () => {
    const dir = bundledDirectory();
    for (const kind of ['civil_registry', 'employment_office', 'social_work_centre'] as const) {
      expect([...dir.office('partesh', kind)!.languages].sort()).toEqual(['sq', 'sr-Latn']);
    }
    // every Partesh office reads Serbian; Serbian-only offices exist too
    const offices = dir.municipality('partesh')!.offices;
    expect(offices.every((o) => o.languages.includes('sr-Latn'))).toBe(true);
    expect(offices.some((o) => o.languages.length === 1)).toBe(true);
  });

  it('Obiliq offices read Albanian', () => {
    expect(bundledDirectory().municipality('obiliq')!.offices.every((o) => o.languages.includes('sq'))).toBe(true);
  });

  it('Serbian names use Serbian Latin letters, not Albanian ones', () => {
    for (const m of bundledDirectory().municipalities()) {
      for (const o of m.offices) {
        expect(o.name.sr, o.id).not.toMatch(/[ëç]/i);
        expect(o.address.sr, o.id).not.toMatch(/[ëç]/i);
        expect(o.hours.sr, o.id).not.toMatch(/[ëç]/i);
      }
    }
    expect(bundledDirectory().office('obiliq', 'civil_registry')!.name).toEqual({
      sq: 'Zyra e Gjendjes Civile – Obiliq',
      sr: 'Kancelarija civilnog stanja – Obilić',
      en: 'Civil Registry Office – Obiliq',
    });
  });

  it('the directory is read-only', () => {
    const muni = bundledDirectory().municipality('obiliq')!;
    expect(() => {
      muni.offices[0]!.email = 'changed@obiliq.example.org';
    }).toThrow(TypeError);
    expect(() => muni.offices.push(muni.offices[0]!)).toThrow(TypeError);
  });
});
