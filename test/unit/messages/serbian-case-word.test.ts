import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILE_MESSAGES } from '../../../web/src/i18n/case-file.js';
import { srLatn } from '../../../web/src/i18n/sr.js';
import { renderAny } from '../../../shared/messages/index.js';
import { SAMPLES } from '../../../shared/messages/samples.js';

/**
 * One Serbian word for a case: "slučaj" (случај), as the Partesh plan says it ("zatvoriti
 * slučaj", "broj slučajeva", SUS = sistem za upravljanje slučajevima), never "predmet", which a
 * coordinator would read as a second thing. Read from the files, so that any console string,
 * label, page text or template (written or generated) is seen.
 */
const ROOT = join(import.meta.dirname, '../../..');
const SOURCES = ['shared', 'web/src'];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return files(path);
    return /\.(ts|tsx|txt|json)$/.test(e.name) ? [path] : [];
  });
}

const OTHER_WORD = /(?<!\p{L})(predmet|предмет)/iu;

describe('the Serbian word for a case', () => {
  it('is "slučaj" everywhere: no "predmet" in the console, labels, pages or templates, in either script', () => {
    const found: string[] = [];
    for (const source of SOURCES) {
      for (const path of files(join(ROOT, source))) {
        readFileSync(path, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            const m = OTHER_WORD.exec(line);
            if (m) found.push(`${relative(ROOT, path)}:${i + 1}: …${line.slice(Math.max(0, m.index - 30), m.index + 30)}…`);
          });
      }
    }
    expect(found).toEqual([]);
  });

  it('the check reads where a case is named: the console, the case file, an email in both scripts', () => {
    expect(srLatn['case.close']).toBe('Zatvori slučaj');
    expect(FILE_MESSAGES['sr-Latn']['case.closeOutcome']).toContain('slučaj');
    const sample = (lang: 'sr-Latn' | 'sr-Cyrl') => renderAny('referral.coordinator.accepted', SAMPLES['referral.coordinator.accepted'](lang), [lang]).email!;
    expect(sample('sr-Latn').subject).toMatch(/ — slučaj /);
    expect(sample('sr-Cyrl').subject).toMatch(/ — случај /);
    expect(sample('sr-Latn').text).toContain('Koordinator slučaja:');
    expect(OTHER_WORD.test('Broj predmeta u SUS')).toBe(true);
    expect(OTHER_WORD.test('Број предмета у СУС')).toBe(true);
  });
});
