import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as z from 'zod';
import { ROLES } from '../../shared/domain/actor.js';

/**
 * `<dataDir>/users.json` (mode 0600): the local pool and its seeded users' passwords, written by
 * `npm start` and read by `npm run cli -- token` (and kept across restarts, so the passwords it
 * printed once stay good). Local only: a deployment's passwords are never written anywhere.
 */
export const UsersFile = z.object({
  version: z.literal(1),
  /** The emulator, as the SDK reaches it. */
  endpoint: z.url(),
  region: z.string(),
  poolName: z.string(),
  userPoolId: z.string(),
  clientId: z.string(),
  issuer: z.url(),
  jwksUri: z.url(),
  users: z.record(
    z.string(),
    z.object({
      email: z.email(),
      password: z.string(),
      role: z.enum(ROLES),
      municipality: z.string(),
      coordinatorId: z.string().optional(),
    }),
  ),
});
export type UsersFile = z.infer<typeof UsersFile>;

/** Where `npm start` keeps the emulator's state and this file. */
export const LOCAL_COGNITO_DIR = join('.local', 'cognito');
export const usersFilePath = (dataDir: string) => join(dataDir, 'users.json');

export class UsersFileError extends Error {
  override name = 'UsersFileError';
}

/** The file, or undefined when there is none; throws UsersFileError when it is there but unreadable. */
export function readUsersFile(path: string): UsersFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsersFileError(`${path}: cannot read: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsersFileError(`${path}: not JSON: ${(e as Error).message}`);
  }
  const parsed = UsersFile.safeParse(json);
  if (!parsed.success) throw new UsersFileError(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** Written whole (temporary file, then renamed) and readable by its owner only. */
export function writeUsersFile(path: string, file: UsersFile): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}
