import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, ROOT, tsFiles } from './source-imports.js';

/**
 * What the functions bundle for time (docs/benchmarks.md, "The time library"): luxon weighed
 * 71 KB of every function, and @date-fns/utc's UTCDate builds three Intl.DateTimeFormats when
 * its module loads (8–10 ms of CPU at every cold start); shared/domain/calendar.ts uses
 * UTCDateMini. local/ (the scheduler, through cron-parser) and the tests may use luxon.
 */
const BUNDLED = ['shared', 'functions'].flatMap((dir) => tsFiles(resolve(ROOT, dir)));

function offenders(refused: (from: string) => boolean): string[] {
  return BUNDLED.flatMap((file) => importsOf(file).filter((i) => !i.typeOnly && refused(i.from)).map((i) => `${relative(ROOT, file)} imports ${i.from}`));
}

describe('time libraries in the function bundles', () => {
  it('no function imports luxon', () => {
    expect(offenders((from) => from === 'luxon')).toEqual([]);
  });

  it('no function loads @date-fns/utc’s UTCDate (only its UTCDateMini, and types)', () => {
    expect(offenders((from) => from === '@date-fns/utc' || from === '@date-fns/utc/date')).toEqual([]);
  });

  it('finds an import where there is one', () => {
    expect(importsOf('x.ts', "import { DateTime } from 'luxon';\nimport type { UTCDate } from '@date-fns/utc';")).toEqual([
      { from: 'luxon', names: ['DateTime'], typeOnly: false },
      { from: '@date-fns/utc', names: ['UTCDate'], typeOnly: true },
    ]);
  });
});
