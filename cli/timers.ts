/**
 * `npm run cli -- timers quarantined|retry`: the timers that failed every attempt to fire and were
 * taken out of the sweep (a TimersQuarantined alarm), and putting one back once its cause is fixed.
 * The list shows keys, kinds and error names only: nothing in it names a person.
 */
import { parseArgs } from 'node:util';
import { documentClient } from '../shared/aws/clients.js';
import { dynamoRepositories } from '../shared/store/dynamodb-repositories.js';
import type { TimerRepository } from '../shared/store/ports.js';
import type { CommandResult } from './commands.js';

export const TIMERS_USAGE = `Usage: npm run cli -- timers <quarantined|retry> [<pk> <sk>] [--table <name>] [--json]

  timers quarantined [--json]
      The quarantined timers, oldest first: key (pk, sk), kind, case or meeting id, failed
      attempts, the last error's name, when. The cause is in sweep-timers' logs ("due item
      failed", with the same timer id).
  timers retry <pk> <sk>
      Once the cause is fixed: the timer is pending again, due now, its failures forgotten; the
      next sweep (within 5 minutes) fires it. If its moment has passed (an appointment's
      reminder), it fires as moot and sends nothing: tell the coordinator instead.

  The table: --table or env TABLE_NAME. Credentials and region from the usual AWS environment;
  for the local stack: AWS_ENDPOINT_URL_DYNAMODB=http://localhost:8000 (npm start prints it),
  TABLE_NAME=referrals, AWS_REGION=eu-central-1, AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local.

Exit codes: 0 done (or nothing quarantined), 1 not quarantined, 2 wrong command line.
`;

export interface TimersDeps {
  timers?: Pick<TimerRepository, 'quarantined' | 'retryQuarantined'>;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

const usageError = (message: string): CommandResult => ({ stdout: `${message}\n`, exitCode: 2 });

export async function runTimers(argv: readonly string[], deps: TimersDeps = {}): Promise<CommandResult> {
  let values: { table?: string | undefined; json?: boolean | undefined; help?: boolean | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      options: { table: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    }));
  } catch (e) {
    return usageError(`timers: ${(e as Error).message}\n\n${TIMERS_USAGE}`);
  }
  const [sub, ...rest] = positionals;
  if (values.help || sub === 'help' || sub === undefined) return { stdout: TIMERS_USAGE, exitCode: 0 };
  if (sub !== 'quarantined' && sub !== 'retry') return usageError(`timers: unknown subcommand ${JSON.stringify(sub)}\n\n${TIMERS_USAGE}`);
  if (sub === 'quarantined' && rest.length > 0) return usageError('timers quarantined: takes no arguments');
  if (sub === 'retry' && rest.length !== 2) return usageError('timers retry: give the timer\'s pk and sk, as "timers quarantined" lists them');
  const table = values.table ?? (deps.env ?? process.env).TABLE_NAME;
  if (!deps.timers && !table) return usageError(`timers ${sub}: say which table (--table or env TABLE_NAME)`);
  const timers = deps.timers ?? dynamoRepositories(documentClient(), table!).timers;

  if (sub === 'quarantined') {
    const list = await timers.quarantined();
    if (values.json) return { stdout: `${JSON.stringify(list, null, 2)}\n`, exitCode: 0 };
    if (list.length === 0) return { stdout: 'no quarantined timers\n', exitCode: 0 };
    const lines = list.map(
      (t) =>
        `${t.quarantinedAt}  ${t.pk} ${t.sk}  ${t.kind ?? '(not a timer)'}  ${t.failures} failure(s), last ${t.lastError ?? '–'}` +
        `${t.caseId ? `  case ${t.caseId}` : ''}${t.meetingId ? `  meeting ${t.meetingId}` : ''}`,
    );
    return { stdout: `${lines.join('\n')}\n`, exitCode: 0 };
  }
  const [pk, sk] = rest as [string, string];
  const at = (deps.now ?? (() => new Date()))().toISOString();
  return (await timers.retryQuarantined({ pk, sk }, at))
    ? { stdout: `pending again, due ${at}: the next sweep fires it\n`, exitCode: 0 }
    : { stdout: 'not quarantined: nothing to retry (already retried, or not a quarantined timer)\n', exitCode: 1 };
}
