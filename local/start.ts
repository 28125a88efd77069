/**
 * `npm start`: the whole platform on this machine, no AWS account.
 * Ports: --api-port, --ses-port, --sms-port, --dynamodb-port, --cognito-port (or API_PORT,
 * SES_PORT, SMS_PORT, DYNAMODB_PORT, COGNITO_PORT); defaults 3000, 8005, 4567, 8000, 9339 (not 9229: Node's --inspect port).
 * The coordinators' console is built and served on --console-port (CONSOLE_PORT; default 5173).
 * Ctrl-C stops everything.
 */
import { parseArgs } from 'node:util';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describeUsers } from './cognito/pool.js';
import { LOCAL_COGNITO_DIR } from './cognito/users-file.js';
import { ORIGIN_PATTERN } from '../shared/http/cors.js';
import { startLocalStack } from './stack.js';
import { consoleOrigin, DEFAULT_CONSOLE_PORT, startLocalConsole } from './web.js';

// Local runs happen on Node 20 (Lambda runs 22); the SDK's reminder about that is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `Usage: npm start [-- options]

  The whole platform on this machine: DynamoDB Local, the SES and SMS emulators, the Cognito
  emulator with demo users, the stream pollers, the scheduler and the HTTP API. Ctrl-C stops it.

  --api-port N        HTTP API (env API_PORT; default 3000)
  --ses-port N        SES v2 emulator and its inbox (env SES_PORT; default 8005)
  --sms-port N        SMS sink (env SMS_PORT; default 4567)
  --dynamodb-port N   DynamoDB Local (env DYNAMODB_PORT; default 8000)
  --cognito-port N    Cognito emulator (env COGNITO_PORT; default 9339)
  --console-port N    the coordinators' console, built and served (env CONSOLE_PORT; default 5173)
  --console-origin O  an origin the console is served from, allowed to call the API (CORS);
                      repeatable (env CONSOLE_ORIGINS, comma-separated; default http://localhost:5173)
  -h, --help          this text
`;

let values: { [flag: string]: string | string[] | boolean | undefined };
try {
  ({ values } = parseArgs({
    options: {
      'api-port': { type: 'string' },
      'ses-port': { type: 'string' },
      'sms-port': { type: 'string' },
      'dynamodb-port': { type: 'string' },
      'cognito-port': { type: 'string' },
      'console-port': { type: 'string' },
      'console-origin': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const flag = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);

function port(flag: string | undefined, envName: string, fallback: number): number {
  const raw = flag ?? process.env[envName];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    process.stderr.write(`${envName}: "${raw}" is not a port number\n`);
    process.exit(2);
  }
  return n;
}

/** Vite's dev server, where the console runs while it is worked on. */
const DEFAULT_CONSOLE_ORIGIN = 'http://localhost:5173';

function consoleOrigins(flags: string[] | undefined): string[] {
  const raw = flags ?? (process.env.CONSOLE_ORIGINS ?? DEFAULT_CONSOLE_ORIGIN).split(',');
  const origins = raw.map((o) => o.trim()).filter(Boolean);
  const bad = origins.find((o) => !ORIGIN_PATTERN.test(o));
  if (bad !== undefined) {
    process.stderr.write(`console origin "${bad}": an origin such as http://localhost:5173 (scheme, host, port; no path, no *)\n`);
    process.exit(2);
  }
  return origins;
}

mkdirSync(join(process.cwd(), '.local'), { recursive: true });

// The console is served on its own port; the API lets its origin in, whatever else is allowed.
const consolePort = port(flag('console-port'), 'CONSOLE_PORT', DEFAULT_CONSOLE_PORT);

const stack = await startLocalStack({
  // The user pool, the demo users and their passwords survive restarts (npm run cli -- token reads them there).
  cognitoDataDir: join(process.cwd(), LOCAL_COGNITO_DIR),
  signingKeyFile: join(process.cwd(), '.local', 'link-signing.key'),
  ports: {
    api: port(flag('api-port'), 'API_PORT', 3000),
    ses: port(flag('ses-port'), 'SES_PORT', 8005),
    sms: port(flag('sms-port'), 'SMS_PORT', 4567),
    dynamodb: port(flag('dynamodb-port'), 'DYNAMODB_PORT', 8000),
    cognito: port(flag('cognito-port'), 'COGNITO_PORT', 9339),
  },
  dlqFile: join(process.cwd(), '.local', 'dlq.jsonl'),
  consoleOrigins: [...new Set([consoleOrigin(consolePort), ...consoleOrigins(values['console-origin'] as string[] | undefined)])],
});

// The directory's recurring meetings of the coming weeks now, rather than at the next 06:00 run.
const planned = (await stack.handlers.planMeetings({ task: 'plan-meetings' })) as { created: number; existing: number };
const web = await startLocalConsole(stack, consolePort).catch(async (err: unknown) => {
  await stack.stop();
  throw err;
});

const host = (endpoint: string) => endpoint.replace('127.0.0.1', 'localhost');
process.stdout.write(
  [
    '',
    'Referral platform running locally.',
    `  Console      ${web.url}   (the coordinators' console: sign in as a demo user below)`,
    `  API          ${host(stack.api.endpoint)}   (POST /cases, POST /cases/{id}/referrals, GET /cases/{id}, …)`,
    `               Authorization: Bearer $(npm run -s cli -- token obiliq-coordinator | tail -1)`,
    `               cross-origin calls allowed from ${stack.consoleOrigins.join(', ') || 'nowhere (--console-origin)'}`,
    `  Sign-in      ${stack.cognito.endpoint}   (Cognito emulator; pool ${stack.pool.userPoolId}, app client ${stack.pool.clientId})`,
    '  Demo users   short name, sign-in name, password, role:',
    ...describeUsers(stack.pool),
    `  Email inbox  ${host(stack.ses.endpoint)}/   (JSON: ${host(stack.ses.endpoint)}/store)`,
    `  SMS list     ${host(stack.sms.endpoint)}/_sms`,
    `  Stream DLQ   ${host(stack.api.endpoint)}/_local/dlq`,
    `  DynamoDB     ${stack.dynamodb.endpoint}   (table "${stack.tableName}", streams on)`,
    `  Meetings     ${planned.created + planned.existing} recurring meetings on the calendar (GET /municipalities/obiliq/meetings); invitations in the inbox`,
    '',
    'Try it: npm run demo   ·   Ctrl-C stops everything.',
    '',
  ].join('\n') + '\n',
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`\n${signal}: stopping…\n`);
  await web.stop();
  await stack.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
