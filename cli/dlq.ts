/**
 * `npm run cli -- dlq list|redrive|help`: the dead-letter queues of the stream consumers and of
 * the schedules, for the operator. The work is in shared/ops/dlq.ts; this file reads the command
 * line, picks the adapters (AWS: one SQS DLQ by its URL; local: the stack `npm start` runs) and
 * prints. Never prints a record's image: ids, sequence numbers and function names only.
 */
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { dynamoDbStreamsClient, lambdaClient, sqsClient } from '../shared/aws/clients.js';
import { DynamoDbStreamReader } from '../shared/ops/dlq-stream-reader.js';
import {
  allRedriven,
  listDlq,
  redriveDlq,
  RedriveOutcomeSchema,
  STREAM_RETENTION_HOURS,
  type DlqDeps,
  type DlqSource,
  type DlqRow,
  type RedriveOutcome,
  type RedriveRequest,
} from '../shared/ops/dlq.js';
import { localDlqEntry } from '../local/dlq-redrive.js';
import { LambdaInvoker, SqsDlqSource } from './dlq-aws.js';
import type { CommandResult } from './commands.js';

export const DLQ_USAGE = `Usage: npm run cli -- dlq <list|redrive|help> [options]

  dlq list [--json]
      Every message in the DLQ: id, function, condition, shard, sequence range, batch size,
      first arrival and age (marked when past the stream's ${STREAM_RETENTION_HOURS}-hour retention).
  dlq redrive <message id> | --all [--dry-run]
      Reads the batch's records back from the stream, invokes the function with them and
      deletes the message only if the invocation succeeded with no failed records. A message
      that holds its whole event (a schedule's, an EventBridge rule's, an asynchronous
      invocation's) is invoked with that event. --dry-run: read and report, invoke nothing.

  Where (one of):
    --queue-url <url>     an SQS DLQ on AWS (or env DLQ_URL); the stack outputs one per function
                          (aws cloudformation describe-stacks … → *DlqUrl). Credentials and region
                          from the usual AWS environment.
    --local [url|port]    the local stack (default http://127.0.0.1:\${API_PORT:-3000}, as npm start).

Exit codes: 0 done (or nothing to do), 1 a message could not be redriven (it stays), 2 wrong command line.

When records are gone (result "expired"): DynamoDB Streams keeps records ${STREAM_RETENTION_HOURS} hours, so a batch
parked longer ago cannot be read back. The message stays in the DLQ (14 days) as the record of what
failed. Then:
  1. Note the function, the shard, the sequence range and the first arrival from "dlq list".
  2. Find the items the batch was about. The function says which kind (route-referrals: new
     referrals; deliver-notifications: queued intents; react-to-answers: answered referrals;
     notify-meetings: meetings), and such items are still in their starting state (a referral
     still "created" with no intents, an intent still "queued"); the function's logs around the
     first arrival carry each failed record's eventID and error name.
  3. Fix the cause, then make the effect happen again through the platform (e.g. cancel and
     re-create the referral, or let the sweep re-fire a timer); every consumer is idempotent, so a
     second path never sends twice.
  4. Delete the message in the SQS console (or aws sqs delete-message) once it is accounted for.

deliver-notifications' batches need no redrive at all: every intent it has not finished keeps a
delivery watch in the timers index, so the sweep puts a queued one back on the stream 65 minutes
after it was queued (twice at most, then it is failed as NotTakenUp for a call) and marks one whose
attempt died unconfirmed at its lease's end. A redrive only makes it sooner, and never sends twice.
`;

const ok = (stdout: string): CommandResult => ({ stdout: stdout.endsWith('\n') ? stdout : `${stdout}\n`, exitCode: 0 });
const usageError = (message: string): CommandResult => ({ stdout: `${message}\n\n${DLQ_USAGE}`, exitCode: 2 });

// ---------------------------------------------------------------------------------------------
// the command line
// ---------------------------------------------------------------------------------------------

export type Target = { kind: 'aws'; queueUrl: string } | { kind: 'local'; endpoint: string };

export type DlqCommand =
  | { command: 'help' }
  | { command: 'list'; target: Target; json: boolean }
  | { command: 'redrive'; target: Target; selection: { all: true } | { id: string }; dryRun: boolean; json: boolean };

const LOCAL_VALUE = /^(https?:\/\/\S+|\d{1,5})$/;

export function defaultLocalEndpoint(env: Record<string, string | undefined>): string {
  return `http://127.0.0.1:${env.API_PORT ?? 3000}`;
}

/**
 * `--local` takes an optional value, which parseArgs cannot express: the word after it is its
 * value only if it looks like a URL or a port (a message id never does), else the default.
 */
function withLocalValue(argv: readonly string[], env: Record<string, string | undefined>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg !== '--local') {
      out.push(arg);
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && LOCAL_VALUE.test(next)) {
      out.push(`--local=${/^\d+$/.test(next) ? `http://127.0.0.1:${next}` : next}`);
      i++;
    } else {
      out.push(`--local=${defaultLocalEndpoint(env)}`);
    }
  }
  return out;
}

/** Reads `dlq …` (without the word `dlq`); a string is the usage error to print. */
export function parseDlqArgs(argv: readonly string[], env: Record<string, string | undefined> = {}): DlqCommand | string {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') return { command: 'help' };
  if (sub !== 'list' && sub !== 'redrive') return `dlq: unknown subcommand ${JSON.stringify(sub)}`;
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: withLocalValue(rest, env),
      options: {
        json: { type: 'boolean' },
        all: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        'queue-url': { type: 'string' },
        local: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    }) as { values: Record<string, string | boolean | undefined>; positionals: string[] });
  } catch (e) {
    return `dlq ${sub}: ${(e as Error).message}`;
  }
  if (values.help) return { command: 'help' };

  const queueUrl = (values['queue-url'] as string | undefined) ?? env.DLQ_URL;
  const local = values.local as string | undefined;
  if (local !== undefined && values['queue-url'] !== undefined) return `dlq ${sub}: give --queue-url or --local, not both`;
  let target: Target;
  if (local !== undefined) {
    const url = local.replace(/\/+$/, '');
    if (!/^https?:\/\/[^\s/]+$/.test(url)) return `dlq ${sub}: --local takes http://host:port or a port, not ${JSON.stringify(local)}`;
    target = { kind: 'local', endpoint: url };
  } else if (queueUrl !== undefined && queueUrl !== '') {
    if (!/^https:\/\/\S+$/.test(queueUrl)) return `dlq ${sub}: the queue URL must be an https:// SQS queue URL`;
    target = { kind: 'aws', queueUrl };
  } else {
    return `dlq ${sub}: which DLQ? --queue-url <url> (or env DLQ_URL) on AWS, or --local for the local stack`;
  }

  if (sub === 'list') {
    if (positionals.length > 0) return `dlq list: unexpected argument ${JSON.stringify(positionals[0])}`;
    if (values.all || values['dry-run']) return 'dlq list: --all and --dry-run belong to redrive';
    return { command: 'list', target, json: values.json === true };
  }
  if (positionals.length > 1) return 'dlq redrive: give one message id, or --all';
  if (values.all && positionals.length === 1) return 'dlq redrive: give a message id or --all, not both';
  if (!values.all && positionals.length === 0) return 'dlq redrive: which message? give its id (from dlq list) or --all';
  const selection = values.all ? ({ all: true } as const) : { id: positionals[0]! };
  return { command: 'redrive', target, selection, dryRun: values['dry-run'] === true, json: values.json === true };
}

// ---------------------------------------------------------------------------------------------
// printing
// ---------------------------------------------------------------------------------------------

export function formatAge(seconds: number | undefined): string {
  if (seconds === undefined) return '-';
  if (seconds < 60) return `${seconds}s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

export function formatList(rows: readonly DlqRow[]): string {
  if (rows.length === 0) return 'DLQ empty.\n';
  const body = rows.map((r) => [
    r.id,
    r.functionName ?? '-',
    r.kind === 'malformed' ? 'MALFORMED' : (r.condition ?? '-'),
    r.shardId ?? (r.source ? `(${r.source})` : '-'),
    r.startSequenceNumber ? (r.startSequenceNumber === r.endSequenceNumber ? r.startSequenceNumber : `${r.startSequenceNumber}..${r.endSequenceNumber}`) : '-',
    r.batchSize === undefined ? '-' : String(r.batchSize),
    r.firstArrival ?? '-',
    `${formatAge(r.ageSeconds)}${r.pastStreamRetention ? ` (past ${STREAM_RETENTION_HOURS} h: records likely gone)` : ''}`,
  ]);
  const lines = table(['id', 'function', 'condition', 'shard', 'sequence range', 'batch', 'first arrival', 'age'], body);
  for (const r of rows) if (r.kind === 'malformed') lines.push(`  ${r.id}: ${r.problem}`);
  const gone = rows.filter((r) => r.pastStreamRetention).length;
  lines.push('', `${rows.length} message${rows.length === 1 ? '' : 's'}${gone ? `, ${gone} past the stream's ${STREAM_RETENTION_HOURS}-hour retention (see: dlq help)` : ''}.`);
  return `${lines.join('\n')}\n`;
}

const RESULT_LABEL: Record<RedriveOutcome['result'], string> = {
  redriven: 'redriven',
  'would-redrive': 'would redrive',
  expired: 'EXPIRED',
  failed: 'FAILED',
  malformed: 'MALFORMED',
  'not-found': 'NOT FOUND',
};

export function formatOutcomes(outcomes: readonly RedriveOutcome[]): string {
  if (outcomes.length === 0) return 'DLQ empty: nothing to redrive.\n';
  const lines = table(
    ['result', 'id', 'function', 'detail'],
    outcomes.map((o) => [RESULT_LABEL[o.result], o.id, o.functionName ?? '-', o.detail]),
  );
  const done = outcomes.filter((o) => o.result === 'redriven').length;
  const kept = outcomes.length - done;
  const dry = outcomes.some((o) => o.result === 'would-redrive') ? ' (dry run)' : '';
  lines.push('', `${done} redriven, ${kept} kept in the DLQ${dry}.`);
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// running
// ---------------------------------------------------------------------------------------------

export interface DlqCliDeps {
  env?: Record<string, string | undefined>;
  fetch?: typeof fetch;
  now?: () => Date;
  /** The core's adapters for an SQS DLQ on AWS; tests give fakes. */
  awsDeps?: (queueUrl: string) => DlqDeps;
}

function awsDeps(queueUrl: string): DlqDeps {
  // Operators may run Node 20 (Lambda runs 22); the SDK's reminder about that is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return {
    dlq: new SqsDlqSource(sqsClient(), queueUrl),
    streams: new DynamoDbStreamReader(dynamoDbStreamsClient()),
    invoker: new LambdaInvoker(lambdaClient()),
    now: () => new Date(),
  };
}

const LocalListing = z.object({ messages: z.array(z.unknown()) });
const LocalRedrive = z.object({ outcomes: z.array(RedriveOutcomeSchema) });

async function localJson<T>(doFetch: typeof fetch, url: string, schema: z.ZodType<T>, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await doFetch(url, init);
  } catch (e) {
    throw new Error(`cannot reach the local stack at ${new URL(url).origin} (is npm start running? --local <port>): ${(e as Error).message}`);
  }
  const text = await res.text();
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${new URL(url).pathname}: HTTP ${res.status} ${text.slice(0, 200)}`);
  return schema.parse(JSON.parse(text));
}

/** Runs `dlq …` (argv without the word `dlq`) and returns what to print and the exit code. */
export async function runDlq(argv: readonly string[], deps: DlqCliDeps = {}): Promise<CommandResult> {
  const env = deps.env ?? process.env;
  const parsed = parseDlqArgs(argv, env);
  if (typeof parsed === 'string') return usageError(parsed);
  if (parsed.command === 'help') return ok(DLQ_USAGE);
  const now = deps.now ?? (() => new Date());
  const doFetch = deps.fetch ?? fetch;

  try {
    if (parsed.command === 'list') {
      let rows: DlqRow[];
      if (parsed.target.kind === 'local') {
        const { messages } = await localJson(doFetch, `${parsed.target.endpoint}/_local/dlq`, LocalListing);
        // The same reading as on AWS: each local message as the queue would hand it out.
        const fetched: DlqSource = {
          list: async () => messages.map(localDlqEntry),
          delete: async () => Promise.reject(new Error('a listing deletes nothing')),
        };
        rows = await listDlq({ dlq: fetched, now });
      } else {
        rows = await listDlq({ ...(deps.awsDeps ?? awsDeps)(parsed.target.queueUrl), now });
      }
      return ok(parsed.json ? `${JSON.stringify(rows, null, 2)}\n` : formatList(rows));
    }

    let outcomes: RedriveOutcome[];
    if (parsed.target.kind === 'local') {
      // Locally the handlers live in the stack's process: it runs the same core there.
      const request: RedriveRequest = { ...parsed.selection, dryRun: parsed.dryRun };
      ({ outcomes } = await localJson(doFetch, `${parsed.target.endpoint}/_local/dlq/redrive`, LocalRedrive, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      }));
    } else {
      outcomes = await redriveDlq({ ...(deps.awsDeps ?? awsDeps)(parsed.target.queueUrl), now }, parsed.selection, { dryRun: parsed.dryRun });
    }
    return { stdout: parsed.json ? `${JSON.stringify(outcomes, null, 2)}\n` : formatOutcomes(outcomes), exitCode: allRedriven(outcomes) ? 0 : 1 };
  } catch (e) {
    return { stdout: `dlq ${parsed.command}: ${(e as Error).name}: ${(e as Error).message}\n`, exitCode: 1 };
  }
}
