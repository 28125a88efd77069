/**
 * `npm run cli -- address status|clear <email>`: what SES told the platform about an email
 * address (it bounced for good, or its owner marked our mail as spam), and lifting that block
 * once the directory is corrected or the mailbox works again. The table stores only a hash of
 * the address, so the operator names the address and the command hashes it the same way.
 */
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { documentClient } from '../shared/aws/clients.js';
import { dynamoRepositories } from '../shared/store/dynamodb-repositories.js';
import type { AddressRepository } from '../shared/store/ports.js';
import type { CommandResult } from './commands.js';

export const ADDRESS_USAGE = `Usage: npm run cli -- address <status|clear> <email> [--table <name>]

  address status <email>
      Whether the platform still emails this address, or why not: "undeliverable" (it bounced
      for good) or "complained" (its owner marked our email as spam), since when, and SES's codes.
  address clear <email>
      Lifts the block: the office fixed its mailbox or its spam filter, or the address is right
      again. (A corrected address in the directory is a new address and needs no clearing.)

  The table: --table or env TABLE_NAME. Credentials and region from the usual AWS environment;
  for the local stack: AWS_ENDPOINT_URL_DYNAMODB=http://localhost:8000 (npm start prints it),
  TABLE_NAME=referrals, AWS_REGION=eu-central-1, AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local.

Exit codes: 0 done, 1 nothing to clear, 2 wrong command line.
`;

const Email = z.email();

export interface AddressDeps {
  addresses?: Pick<AddressRepository, 'get' | 'clear'>;
  env?: NodeJS.ProcessEnv;
}

const usageError = (message: string): CommandResult => ({ stdout: `${message}\n`, exitCode: 2 });

export async function runAddress(argv: readonly string[], deps: AddressDeps = {}): Promise<CommandResult> {
  let values: { table?: string | undefined; help?: boolean | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...argv], options: { table: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true }));
  } catch (e) {
    return usageError(`address: ${(e as Error).message}\n\n${ADDRESS_USAGE}`);
  }
  const [sub, email, ...extra] = positionals;
  if (values.help || sub === 'help' || sub === undefined) return { stdout: ADDRESS_USAGE, exitCode: 0 };
  if (sub !== 'status' && sub !== 'clear') return usageError(`address: unknown subcommand ${JSON.stringify(sub)}\n\n${ADDRESS_USAGE}`);
  if (email === undefined || extra.length > 0 || !Email.safeParse(email.trim()).success) return usageError(`address ${sub}: give one email address`);
  const table = values.table ?? (deps.env ?? process.env).TABLE_NAME;
  if (!deps.addresses && !table) return usageError(`address ${sub}: say which table (--table or env TABLE_NAME)`);
  const addresses = deps.addresses ?? dynamoRepositories(documentClient(), table!).addresses;

  if (sub === 'status') {
    const item = await addresses.get(email);
    if (!item) return { stdout: 'ok: no bounce or complaint on record; the platform emails this address\n', exitCode: 0 };
    return {
      stdout: `${item.status}: since ${item.since}; last event ${item.lastEventAt} (SES message ${item.lastMessageId}); codes ${item.codes.join(', ') || '–'}\n`,
      exitCode: 0,
    };
  }
  const was = await addresses.clear(email);
  return was
    ? { stdout: `cleared: was ${was}; the platform emails this address again\n`, exitCode: 0 }
    : { stdout: 'nothing to clear: no bounce or complaint on record for this address\n', exitCode: 1 };
}
