import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MIN_KEY_BYTES, type LinkKeys } from './signed-link.js';

/**
 * Where the link signing keys come from: local files for the local runtime, SSM SecureString
 * parameters on AWS. Each key is base64 text of at least 32 random bytes; error messages name
 * the file or parameter, never the key.
 *
 * There are two: the current key (signs and verifies) and, during a rotation, the previous one
 * (verifies only, for the links sent before the rotation). Both are re-read after at most
 * `maxAgeSeconds` (KEY_MAX_AGE_SECONDS, 5 minutes), so a rotation reaches warm Lambda
 * environments without a redeploy.
 */
export interface SigningKeySource {
  load(): Promise<LinkKeys>;
}

/** How long a loaded key pair is used before the sources are read again. */
export const KEY_MAX_AGE_SECONDS = 300;

/** Reads one key, uncached. `undefined`: the key does not exist (allowed for an optional key only). */
export interface KeyReader {
  read(): Promise<Buffer | undefined>;
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
 * Local runtime: a key lives in a file (mode 0600). If the current key's file is absent a fresh
 * 32-byte key is written (`create`), atomically and without overwriting: the key goes to a
 * private temporary file that is then hard-linked into place, so two processes starting together
 * agree on one key and no reader ever sees a half-written file. The previous key's file is never
 * created: absent means "no previous key".
 */
export class FileSigningKey implements KeyReader {
  constructor(
    private readonly path: string,
    private readonly options: { create: boolean } = { create: true },
  ) {}

  async read(): Promise<Buffer | undefined> {
    if (this.options.create) return this.readOrCreate();
    try {
      return parseSigningKey(await readFile(this.path, 'utf8'), this.path);
    } catch (e) {
      if (isErrno(e, 'ENOENT')) return undefined;
      throw e;
    }
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

/** Reads one SSM parameter, decrypted (a SecureString); `undefined` if the parameter does not exist. */
export type GetParameter = (name: string, decrypt: true) => Promise<string | undefined>;

/**
 * AWS: a key is an SSM SecureString parameter. The reader is injected so this module (and its
 * tests) need no AWS SDK; key-source.ts wires it to Powertools Parameters (with the same maxAge).
 * A missing current key is an error naming the parameter; a missing previous key (`optional`)
 * means "no previous key".
 */
export class SsmSigningKey implements KeyReader {
  constructor(
    private readonly parameterName: string,
    private readonly getParameter: GetParameter,
    private readonly options: { optional: boolean } = { optional: false },
  ) {}

  async read(): Promise<Buffer | undefined> {
    const where = `SSM parameter ${this.parameterName}`;
    const text = await this.getParameter(this.parameterName, true);
    if (typeof text !== 'string') {
      if (this.options.optional) return undefined;
      throw new Error(`link signing key: ${where} does not exist or has no value`);
    }
    return parseSigningKey(text, where);
  }
}

/**
 * The current and (optional) previous key, read together and kept for `maxAgeSeconds`, then read
 * again on the next load. Concurrent loads share one read; a failed read is not cached, so a
 * transient SSM error does not poison the container. The clock (milliseconds, monotonic by
 * default) is injectable for tests.
 */
export class CachedLinkKeys implements SigningKeySource {
  private cached: { at: number; keys: Promise<LinkKeys> } | undefined;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly current: KeyReader,
    private readonly previous: KeyReader | undefined,
    options: { maxAgeSeconds?: number; now?: () => number } = {},
  ) {
    this.maxAgeMs = (options.maxAgeSeconds ?? KEY_MAX_AGE_SECONDS) * 1000;
    this.now = options.now ?? (() => performance.now());
  }

  load(): Promise<LinkKeys> {
    const c = this.cached;
    if (c && this.now() - c.at < this.maxAgeMs) return c.keys;
    const at = this.now();
    const keys = this.readBoth().then(
      (k) => {
        // Aged from when the read completed: never older than maxAge when first handed out.
        if (this.cached?.keys === keys) this.cached = { at: Math.max(at, this.now()), keys };
        return k;
      },
      (e: unknown) => {
        if (this.cached?.keys === keys) this.cached = undefined;
        throw e;
      },
    );
    this.cached = { at, keys };
    return keys;
  }

  private async readBoth(): Promise<LinkKeys> {
    const [current, previous] = await Promise.all([this.current.read(), this.previous?.read()]);
    if (!current) throw new Error('link signing key: the current key is missing');
    return previous ? { current, previous } : { current };
  }
}
