import { describe, expect, it } from 'vitest';
import { CASE_USAGE, runCase, type CaseCliDeps } from '../../../cli/case.js';
import { inMemoryRepositories } from '../../../shared/store/in-memory/repositories.js';
import { aCase, ACTOR } from '../../contract/items.js';

const CASE = '01KB0000000000000000000000';
const clock = { now: () => new Date('2026-12-01T09:00:00.000Z') };

async function world(): Promise<{ deps: CaseCliDeps; r: ReturnType<typeof inMemoryRepositories>; files: Map<string, string> }> {
  const r = inMemoryRepositories();
  await r.cases.create(aCase(CASE), [], ACTOR);
  const files = new Map<string, string>();
  const deps: CaseCliDeps = {
    repositories: { store: r.retention, cases: r.cases, worklists: r.worklists, clock, logger: { info: () => undefined } },
    env: {},
    writeFile: (path, text) => files.set(path, text),
  };
  return { deps, r, files };
}

describe('npm run cli -- case', () => {
  it('export: to a file, on record with who asked', async () => {
    const { deps, r, files } = await world();
    const out = await runCase(['export', CASE, '--by', 'arn:aws:iam::123456789012:user/anna', '--out', 'case.json'], deps);
    expect(out).toEqual({ stdout: `exported case ${CASE} to case.json: 0 referrals, 0 notifications, 0 appointments, 0 timers, 1 audit entries, 0 meetings\n`, exitCode: 0 });
    expect(JSON.parse(files.get('case.json')!)).toMatchObject({ caseId: CASE, case: { smrCaseId: `SMR-${CASE}` }, exportedBy: 'operator:arn:aws:iam::123456789012:user/anna' });
    expect((await r.cases.view(CASE))!.audit.map((a) => [a.event, a.by, a.via])).toContainEqual(['case.exported', 'operator:arn:aws:iam::123456789012:user/anna', 'cli']);
  });

  it('erase: who asks from OPERATOR_ID, the reason and reference on record; the case is gone', async () => {
    const { deps, r } = await world();
    const out = await runCase(['erase', CASE, '--reason', 'registered-in-error', '--reference', 'T-1'], { ...deps, env: { OPERATOR_ID: 'anna' } });
    expect(out.exitCode, out.stdout).toBe(0);
    expect(await r.cases.get(CASE)).toBeUndefined();
    expect(await r.cases.caseIdOfSmr(`SMR-${CASE}`)).toBeUndefined();
  });

  it('a wrong command line is exit 2, naming what is wrong', async () => {
    const { deps } = await world();
    const cases: [string[], RegExp][] = [
      [['erase', CASE, '--reason', 'data-subject-request'], /say who asks with --by/],
      [['erase', CASE, '--by', 'anna'], /--reason must be one of data-subject-request, consent-withdrawn, registered-in-error, legal-obligation/],
      [['erase', CASE, '--by', 'anna', '--reason', 'data-subject-request', '--out', 'x.json'], /--out is for export/],
      [['export', CASE, '--by', 'anna', '--reason', 'data-subject-request'], /--reason and --reference are for erase/],
      [['export', CASE, '--by', 'Anna Berisha'], /an operator id/],
      [['export', 'C1', '--by', 'anna'], /give one case id/],
      [['forget', CASE], /unknown subcommand/],
      [['export', CASE, '--nope'], /Unknown option/],
    ];
    for (const [argv, message] of cases) {
      const out = await runCase(argv, deps);
      expect(out.exitCode, argv.join(' ')).toBe(2);
      expect(out.stdout, argv.join(' ')).toMatch(message);
    }
    expect(await runCase([], deps)).toEqual({ stdout: CASE_USAGE, exitCode: 0 });
    expect((await runCase(['export', CASE, '--by', 'anna'], { env: {} })).stdout).toMatch(/say which table/);
  });
});
