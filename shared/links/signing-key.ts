import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MIN_KEY_BYTES } from './signed-link.js';

/**
 * Where the link signing key comes from: a local file for the local runtime, an SSM
 * SecureString parameter on AWS. The key is base64 text of at least 32 random bytes; error
 * messages name the file or parameter, never the key.
 */
export interface SigningKeySource {
  load(): Promise<Buffer>;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Decode the base64 key text; throws naming `where` when it is not ≥ 32 bytes of base64. */
export function parseSigningKey(text: string, where: string): Buffer {
  const t = text.trim();
  const key = BASE64.test(t) && t.length % 4 === 0 ? Buffer.from(t, 'base64') : Buffer.alloc(0);
  if (key.length < MIN_KEY_BYTES) {
    throw new Error(`link signing key in ${where} must be base64 text of at least ${MIN_KEY_BYTES} bytes`);
  }
  return key;
}

function isErrno(e: unknown, code: string): boolean {
  return typeof e === 'object' && e !== null && (e as NodeJS.ErrnoException).code === code;
}

/**
 * Local runtime: the key lives in a file (mode 0600). If the file is absent a fresh 32-byte key
 * is written, atomically and without overwriting: the key goes to a private temporary file that
 * is then hard-linked into place, so two processes starting together agree on one key and no
 * reader ever sees a half-written file.
 */
export class FileSigningKey implements SigningKeySource {
  private cached: Promise<Buffer> | undefined;

  constructor(private readonly path: string) {}

  load(): Promise<Buffer> {
    this.cached ??= this.readOrCreate().catch((e: unknown) => {
      this.cached = undefined;
      throw e;
    });
    return this.cached;
  }

  private async readOrCreate(): Promise<Buffer> {
    try {
      return parseSigningKey(await readFile(this.path, 'utf8'), this.path);
    } catch (e) {
      if (!isErrno(e, 'ENOENT')) throw e;
    }
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    try {
      await chmod(tmp, 0o600); // in case the umask was unusual
      await link(tmp, this.path);
    } catch (e) {
      if (!isErrno(e, 'EEXIST')) throw e; // someone else created it first: use theirs
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
    return parseSigningKey(await readFile(this.path, 'utf8'), this.path);
  }
}

/** Reads one SSM parameter, decrypted (a SecureString). */
export type GetParameter = (name: string, decrypt: true) => Promise<string | undefined>;

/**
 * AWS: the key is an SSM SecureString parameter, read once per Lambda container and cached.
 *
 * The reader is injected so this module (and its tests) need no AWS SDK; key-source.ts wires it
 * to Powertools Parameters:
 *
 *   import { getParameter } from '@aws-lambda-powertools/parameters/ssm';
 *   new SsmSigningKey(name, (n) => getParameter(n, { decrypt: true, maxAge: 300 }));
 *
 * A failed load is not cached, so a transient SSM error does not poison the container.
 */
export class SsmSigningKey implements SigningKeySource {
  private cached: Promise<Buffer> | undefined;

  constructor(
    private readonly parameterName: string,
    private readonly getParameter: GetParameter,
  ) {}

  load(): Promise<Buffer> {
    this.cached ??= this.fetch().catch((e: unknown) => {
      this.cached = undefined;
      throw e;
    });
    return this.cached;
  }

  private async fetch(): Promise<Buffer> {
    const where = `SSM parameter ${this.parameterName}`;
    const text = await this.getParameter(this.parameterName, true);
    if (typeof text !== 'string') throw new Error(`link signing key: ${where} has no value`);
    return parseSigningKey(text, where);
  }
}
