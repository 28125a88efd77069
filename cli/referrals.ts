/**
 * The operator CLI: `npx tsx cli/referrals.ts <command>` (or `npm run cli -- <command>`).
 * Thin on purpose: the commands are in commands.ts, as functions that return what to print.
 */
import { readFileSync } from 'node:fs';
import { run } from './commands.js';
import { runDlq } from './dlq.js';
import { runAddress } from './address.js';
import { runCase } from './case.js';
import { runHolidays } from './holidays.js';
import { runTimers } from './timers.js';
import { runToken, runUsers } from './users.js';

function readStdin(): string | undefined {
  if (process.stdin.isTTY) return undefined; // nothing piped in: do not wait for the keyboard
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return undefined;
  }
}

// The operator's machine may run Node 20 (Lambda runs 22); the SDK's reminder about that is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const argv = process.argv.slice(2);
// `dlq` talks to SQS, Lambda and the stream (or the local stack): the one asynchronous command.
// `address` reads and clears an address's status in the table; `timers` lists and retries quarantined timers.
// `users` and `token` talk to Cognito (a deployment's user pool, or the local emulator).
const result =
  argv[0] === 'dlq' ? await runDlq(argv.slice(1))
  : argv[0] === 'address' ? await runAddress(argv.slice(1))
  : argv[0] === 'timers' ? await runTimers(argv.slice(1))
  : argv[0] === 'users' ? await runUsers(argv.slice(1))
  : argv[0] === 'token' ? await runToken(argv.slice(1))
  : argv[0] === 'holidays' ? runHolidays(argv.slice(1))
  : argv[0] === 'case' ? await runCase(argv.slice(1))
  : run(argv, { readStdin });
// Exit code 2 is a wrong command line: its usage text goes to stderr, so a pipeline sees nothing on stdout.
(result.exitCode === 2 ? process.stderr : process.stdout).write(result.stdout);
process.exitCode = result.exitCode;
