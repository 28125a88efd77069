/**
 * The operator CLI: `npx tsx cli/referrals.ts <command>` (or `npm run cli -- <command>`).
 * Thin on purpose: the commands are in commands.ts, as functions that return what to print.
 */
import { readFileSync } from 'node:fs';
import { run } from './commands.js';

function readStdin(): string | undefined {
  if (process.stdin.isTTY) return undefined; // nothing piped in: do not wait for the keyboard
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return undefined;
  }
}

const result = run(process.argv.slice(2), { readStdin });
process.stdout.write(result.stdout);
process.exitCode = result.exitCode;
