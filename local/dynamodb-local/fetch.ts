/**
 * Puts the real DynamoDB Local jar in .local/dynamodb-local/ using only the npm registry:
 * the jar ships inside the amplify-dynamodb-simulator package. `npm pack` fetches just that
 * tarball (installing it as a dependency would pull ~350 MB of unrelated Amplify packages),
 * and only its emulator/ folder is kept.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const DYNAMODB_LOCAL_PACKAGE = 'amplify-dynamodb-simulator@2.9.30';
export const DYNAMODB_LOCAL_DIR = resolve(process.env.DYNAMODB_LOCAL_DIR ?? join(process.cwd(), '.local', 'dynamodb-local'));

export function dynamoDbLocalJar(dir = DYNAMODB_LOCAL_DIR): string {
  return join(dir, 'DynamoDBLocal.jar');
}

export function ensureDynamoDbLocal(dir = DYNAMODB_LOCAL_DIR): string {
  const jar = dynamoDbLocalJar(dir);
  if (existsSync(jar)) return dir;
  const work = mkdtempSync(join(tmpdir(), 'ddb-local-'));
  try {
    process.stderr.write(`Fetching DynamoDB Local (${DYNAMODB_LOCAL_PACKAGE}) from the npm registry…\n`);
    execFileSync('npm', ['pack', DYNAMODB_LOCAL_PACKAGE, '--silent', '--pack-destination', work], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${DYNAMODB_LOCAL_PACKAGE} produced no tarball`);
    execFileSync('tar', ['-xzf', join(work, tarball), '-C', work, 'package/emulator'], { stdio: 'inherit' });
    mkdirSync(resolve(dir, '..'), { recursive: true });
    rmSync(dir, { recursive: true, force: true });
    renameSync(join(work, 'package', 'emulator'), dir);
    if (!existsSync(jar)) throw new Error(`DynamoDBLocal.jar missing after extracting ${DYNAMODB_LOCAL_PACKAGE}`);
    return dir;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename ?? '')) {
  const dir = ensureDynamoDbLocal();
  process.stdout.write(`DynamoDB Local is in ${dir}\n`);
}
