import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * shared/domain/zod.ts as a function bundle has it: in a process of its own, because classic zod,
 * loaded by any other test in the same worker, would set the English messages for zod/mini too
 * (zod keeps its configuration on globalThis) and hide a missing locale.
 */
function inFreshProcess(code: string): unknown {
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: process.cwd(), encoding: 'utf8' });
  return JSON.parse(stdout);
}

describe('zod in the functions (shared/domain/zod.ts)', () => {
  const seen = inFreshProcess(`
    import { CaseId, CreateCaseInput } from './shared/domain/case.ts';
    import { zodProblems } from './shared/http/responses.ts';
    const problems = zodProblems(CreateCaseInput.safeParse({ smrCaseId: 'SMR-2026-0142', coordinatorId: '', category: 'alien', extra: 1 }).error);
    let thrown;
    try { CaseId.parse('x'); } catch (e) { thrown = { name: e.name, isError: e instanceof Error, stack: String(e.stack).split('\\n')[0].split(':')[0] }; }
    process.stdout.write(JSON.stringify({ problems, thrown }));
  `) as { problems: { field: string; message: string }[]; thrown: { name: string; isError: boolean; stack: string } };

  it("answers with zod's English messages, as classic zod did (zod/mini loads no locale of its own)", () => {
    expect(seen.problems).toEqual(
      expect.arrayContaining([
        { field: 'extra', message: 'unknown field' },
        { field: 'coordinatorId', message: 'Too small: expected string to have >=1 characters' },
        { field: 'category', message: 'Invalid option: expected one of "returnee"|"foreigner"' },
        { field: 'arrivalDate', message: 'Invalid input: expected string, received undefined' },
      ]),
    );
    expect(seen.problems.map((p) => p.message)).not.toContain('Invalid input');
  });

  it('throws an Error named "$ZodError" from parse (a quarantined timer keeps the name as its lastError)', () => {
    expect(seen.thrown).toEqual({ name: '$ZodError', isError: true, stack: '$ZodError' });
  });
});
