/**
 * `npm run cli -- case export|erase <caseId>`: a data subject's rights of access and erasure
 * (Law No. 06/L-082 on the protection of personal data). Export writes everything the platform
 * holds about a case as JSON; erase removes its personal data now, through the retention path
 * (shared/cases/retention.ts), leaving the audit entries and the counters. Both are on record
 * with the operator who asked.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { documentClient } from '../shared/aws/clients.js';
import { eraseCase, ErasureReason, OperatorId, RequestReference, type EraseDeps } from '../shared/cases/retention.js';
import { exportCase, type ExportDeps } from '../shared/cases/subject-access.js';
import { systemClock } from '../shared/domain/clock.js';
import { dynamoRepositories } from '../shared/store/dynamodb-repositories.js';
import type { CommandResult } from './commands.js';

export const CASE_USAGE = `Usage: npm run cli -- case <export|erase> <caseId> --by <operator> [options] [--table <name>]

  case export <caseId> --by <operator> [--out <file.json>]
      Everything the platform holds about the case, as stored: the case, referrals, notification
      intents, appointments, timers, audit entries, its SMR-id claim and the meetings whose minutes
      name it. To stdout, or to --out (created readable by you only). On record: case.exported.
  case erase <caseId> --by <operator> --reason <${ErasureReason.options.join('|')}> [--reference <id>]
      Removes the case's personal data now, as retention would at its end: every item of the case
      but its audit entries is deleted, the SMR case id is freed, audit entries and meetings stop
      naming it. The audit entries (ids and codes) and the quarter's counters stay. On record:
      case.erased, with the reason, the reference (a ticket or protocol number) and who asked.
      Cannot be undone: export first if the subject asked for a copy.

  --by: who asks, as the audit will show it (your IAM principal or user name; env OPERATOR_ID).
  The table: --table or env TABLE_NAME. Credentials and region from the usual AWS environment;
  for the local stack: AWS_ENDPOINT_URL_DYNAMODB=http://localhost:8000 (npm start prints it),
  TABLE_NAME=referrals, AWS_REGION=eu-central-1, AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local.

Exit codes: 0 done, 1 nothing held about that case, 2 wrong command line.
`;

const CaseId = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export interface CaseCliDeps {
  repositories?: ExportDeps & EraseDeps;
  env?: NodeJS.ProcessEnv;
  writeFile?: (path: string, text: string) => void;
}

const usageError = (message: string): CommandResult => ({ stdout: `${message}\n`, exitCode: 2 });

export async function runCase(argv: readonly string[], deps: CaseCliDeps = {}): Promise<CommandResult> {
  let values: { table?: string; by?: string; reason?: string; reference?: string; out?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      options: {
        table: { type: 'string' },
        by: { type: 'string' },
        reason: { type: 'string' },
        reference: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    }));
  } catch (e) {
    return usageError(`case: ${(e as Error).message}\n\n${CASE_USAGE}`);
  }
  const [sub, caseId, ...extra] = positionals;
  if (values.help || sub === 'help' || sub === undefined) return { stdout: CASE_USAGE, exitCode: 0 };
  if (sub !== 'export' && sub !== 'erase') return usageError(`case: unknown subcommand ${JSON.stringify(sub)}\n\n${CASE_USAGE}`);
  if (caseId === undefined || extra.length > 0 || !CaseId.test(caseId)) return usageError(`case ${sub}: give one case id (26 characters, as GET /cases/{caseId} has it)`);
  const env = deps.env ?? process.env;
  const operator = OperatorId.safeParse(values.by ?? env.OPERATOR_ID);
  if (!operator.success) return usageError(`case ${sub}: say who asks with --by (or env OPERATOR_ID): ${operator.error.issues[0]!.message}`);
  if (sub === 'export' && (values.reason !== undefined || values.reference !== undefined)) return usageError('case export: --reason and --reference are for erase');
  if (sub === 'erase' && values.out !== undefined) return usageError('case erase: --out is for export (export first if a copy was asked for)');

  const table = values.table ?? env.TABLE_NAME;
  if (!deps.repositories && !table) return usageError(`case ${sub}: say which table (--table or env TABLE_NAME)`);
  const repos = deps.repositories ?? (() => {
    const r = dynamoRepositories(documentClient(), table!);
    // The CLI says what it did on stdout; the use case's log line would only repeat it.
    return { store: r.retention, cases: r.cases, worklists: r.worklists, clock: systemClock, logger: { info: () => undefined } };
  })();

  if (sub === 'export') {
    const out = await exportCase(caseId, operator.data, repos);
    if (!out) return { stdout: `nothing held about case ${caseId}\n`, exitCode: 1 };
    const text = `${JSON.stringify(out, null, 2)}\n`;
    if (values.out === undefined) return { stdout: text, exitCode: 0 };
    (deps.writeFile ?? ((path, t) => writeFileSync(path, t, { mode: 0o600, flag: 'wx' })))(values.out, text);
    return { stdout: `exported case ${caseId} to ${values.out}: ${countsOf(out)}\n`, exitCode: 0 };
  }

  const reason = ErasureReason.safeParse(values.reason);
  if (!reason.success) return usageError(`case erase: --reason must be one of ${ErasureReason.options.join(', ')}`);
  const reference = values.reference === undefined ? undefined : RequestReference.safeParse(values.reference);
  if (reference && !reference.success) return usageError(`case erase: --reference: ${reference.error.issues[0]!.message}`);
  const outcome = await eraseCase(caseId, { reason: reason.data, operator: operator.data, reference: reference?.data }, repos);
  if (!outcome.found && outcome.erased === 0 && outcome.scrubbed === 0) return { stdout: `nothing to erase: no case ${caseId} and no personal data under it\n`, exitCode: 1 };
  return {
    stdout:
      `erased case ${caseId}${outcome.found ? '' : ' (what an earlier run left)'}: ${outcome.erased} items deleted, SMR claim ${outcome.claim}, ` +
      `${outcome.meetings} meeting(s) no longer name it, ${outcome.scrubbed} audit entr${outcome.scrubbed === 1 ? 'y' : 'ies'} scrubbed; ` +
      `${outcome.kept} audit entries and the counters kept; on record as case.erased by operator:${operator.data}\n`,
    exitCode: 0,
  };
}

function countsOf(e: { referrals: unknown[]; intents: unknown[]; appointments: unknown[]; timers: unknown[]; audit: unknown[]; meetings: unknown[] }): string {
  return `${e.referrals.length} referrals, ${e.intents.length} notifications, ${e.appointments.length} appointments, ${e.timers.length} timers, ${e.audit.length} audit entries, ${e.meetings.length} meetings`;
}
