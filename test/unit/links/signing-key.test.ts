import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isParameterNotFound, signingKeySource } from '../../../shared/links/key-source.js';
import { keyId, signLink, verifyLink } from '../../../shared/links/signed-link.js';
import { CachedLinkKeys, FileSigningKey, parseSigningKey, SsmSigningKey, type KeyReader } from '../../../shared/links/signing-key.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'signing-key-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('FileSigningKey', () => {
  it('creates a 0600 file with a 32-byte base64 key once, and reads the same key again', async () => {
    const path = join(dir, 'nested', 'link-key');
    const first = (await new FileSigningKey(path).read())!;
    expect(first.length).toBe(32);
    const st = await stat(path);
    expect(st.mode & 0o777).toBe(0o600);
    expect(Buffer.from((await readFile(path, 'utf8')).trim(), 'base64').equals(first)).toBe(true);

    const again = (await new FileSigningKey(path).read())!;
    expect(again.equals(first)).toBe(true);
    expect((await stat(path)).mtimeMs).toBe(st.mtimeMs);
    expect(await readdir(join(dir, 'nested'))).toEqual(['link-key']); // no temporary files left
  });

  it('never creates the previous key: an absent file is "no previous key"', async () => {
    const path = join(dir, 'previous');
    expect(await new FileSigningKey(path, { create: false }).read()).toBeUndefined();
    expect(await readdir(dir)).toEqual([]);
    const key = randomBytes(32);
    await writeFile(path, key.toString('base64'), { mode: 0o600 });
    expect((await new FileSigningKey(path, { create: false }).read())!.equals(key)).toBe(true);
    await writeFile(path, 'short', { mode: 0o600 });
    await expect(new FileSigningKey(path, { create: false }).read()).rejects.toThrow(path);
  });

  it('agrees on one key when several processes create it at once', async () => {
    const path = join(dir, 'k');
    const keys = await Promise.all(Array.from({ length: 8 }, () => new FileSigningKey(path).read()));
    for (const k of keys) expect(k!.equals(keys[0]!)).toBe(true);
    expect(await readdir(dir)).toEqual(['k']);
  });

  it('uses an existing key file', async () => {
    const key = randomBytes(48);
    await writeFile(join(dir, 'k'), key.toString('base64') + '\n', { mode: 0o600 });
    expect((await new FileSigningKey(join(dir, 'k')).read())!.equals(key)).toBe(true);
  });

  it('refuses a key file that is too short or not base64, naming the file and not the key', async () => {
    const path = join(dir, 'short');
    await writeFile(path, randomBytes(16).toString('base64'), { mode: 0o600 });
    await expect(new FileSigningKey(path).read()).rejects.toThrow(path);
    await writeFile(path, 'not base64 at all!', { mode: 0o600 });
    await expect(new FileSigningKey(path).read()).rejects.toThrow(/at least 32 bytes/);
  });

  it('gives a key that signs and verifies links', async () => {
    const key = (await new FileSigningKey(join(dir, 'k')).read())!;
    const t = signLink({ caseId: 'c1', referralId: 'r1', action: 'outcome', exp: 2_000_000_000 }, key);
    expect(verifyLink(t, key, 1_900_000_000).ok).toBe(true);
  });
});

describe('SsmSigningKey', () => {
  const NAME = '/referrals/prod/link-signing-key';

  it('reads the parameter decrypted', async () => {
    const key = randomBytes(32);
    const getParameter = vi.fn(async (_name: string, _decrypt: true) => key.toString('base64'));
    expect((await new SsmSigningKey(NAME, getParameter).read())!.equals(key)).toBe(true);
    expect(getParameter).toHaveBeenCalledWith(NAME, true);
  });

  it('refuses a short or missing current key, naming the parameter and not the value', async () => {
    const short = randomBytes(31).toString('base64');
    const err = await new SsmSigningKey(NAME, async () => short).read().catch((e: Error) => e);
    expect(String(err)).toContain(NAME);
    expect(String(err)).not.toContain(short);
    await expect(new SsmSigningKey(NAME, async () => undefined).read()).rejects.toThrow(NAME);
  });

  it('reads a missing previous key as none, but still refuses a bad one', async () => {
    expect(await new SsmSigningKey(NAME, async () => undefined, { optional: true }).read()).toBeUndefined();
    await expect(new SsmSigningKey(NAME, async () => 'short', { optional: true }).read()).rejects.toThrow(NAME);
  });

  it("recognises SSM's ParameterNotFound, bare or wrapped by Powertools", () => {
    const sdk = Object.assign(new Error('not found'), { name: 'ParameterNotFound' });
    expect(isParameterNotFound(sdk)).toBe(true);
    expect(isParameterNotFound(Object.assign(new Error('x', { cause: sdk }), { name: 'GetParameterError' }))).toBe(true);
    expect(isParameterNotFound(Object.assign(new Error('x', { cause: new Error('throttled') }), { name: 'GetParameterError' }))).toBe(false);
    expect(isParameterNotFound(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }))).toBe(false);
    expect(isParameterNotFound(undefined)).toBe(false);
  });
});

describe('CachedLinkKeys', () => {
  const A = randomBytes(32);
  const B = randomBytes(32);
  const C = randomBytes(32);
  /** A key reader whose value the test changes, counting reads. */
  function settable(initial: Buffer | undefined) {
    const r = { value: initial as Buffer | undefined, reads: 0, fail: undefined as Error | undefined };
    const reader: KeyReader = {
      read: async () => {
        r.reads++;
        if (r.fail) throw r.fail;
        return r.value;
      },
    };
    return Object.assign(r, { reader });
  }

  it('caches for 5 minutes by default', async () => {
    let now = 1_000_000;
    const current = settable(A);
    const source = new CachedLinkKeys(current.reader, undefined, { now: () => now });
    await source.load();
    now += 5 * 60_000 - 1;
    await source.load();
    expect(current.reads).toBe(1);
    now += 1;
    await source.load();
    expect(current.reads).toBe(2);
  });

  it('reads both keys once, shares concurrent loads, and refreshes after maxAge (a rotation reaches a warm instance)', async () => {
    let now = 1_000_000;
    const current = settable(A);
    const previous = settable(undefined);
    const source = new CachedLinkKeys(current.reader, previous.reader, { maxAgeSeconds: 300, now: () => now });

    const [x, y] = await Promise.all([source.load(), source.load()]);
    expect(x).toEqual({ current: A });
    expect(y).toBe(x);
    expect([current.reads, previous.reads]).toEqual([1, 1]);
    const sentBefore = signLink({ caseId: 'c1', referralId: 'r1', action: 'accept', exp: 2_000_000_000 }, x);

    // The operator rotates: A becomes the previous key, B the current one.
    previous.value = A;
    current.value = B;
    now += 299_999;
    expect(await source.load()).toEqual({ current: A });
    expect(current.reads).toBe(1);

    now += 1; // maxAge reached
    const rotated = await source.load();
    expect(rotated).toEqual({ current: B, previous: A });
    expect([current.reads, previous.reads]).toEqual([2, 2]);
    expect(verifyLink(sentBefore, rotated, 1_900_000_000).ok).toBe(true);
    const sentAfter = signLink({ caseId: 'c1', referralId: 'r1', action: 'accept', exp: 2_000_000_000 }, rotated);
    expect(sentAfter.split('.')[1]!.slice(0, 8)).toBe(keyId(B));

    // 30 days later the previous key is removed: old links stop, new ones go on.
    previous.value = undefined;
    now += 300_000;
    const after = await source.load();
    expect(after).toEqual({ current: B });
    expect(verifyLink(sentBefore, after, 1_900_000_000)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyLink(sentAfter, after, 1_900_000_000).ok).toBe(true);
  });

  it('ages the cache from when the read completed', async () => {
    let now = 0;
    let release!: () => void;
    const slow: KeyReader = { read: () => new Promise((r) => (release = () => r(A))) };
    const reads = vi.spyOn(slow, 'read');
    const source = new CachedLinkKeys(slow, undefined, { maxAgeSeconds: 300, now: () => now });
    const first = source.load();
    now = 10_000;
    release();
    await first;
    now = 305_000; // 305 s after the read started, 295 s after it completed
    await source.load();
    expect(reads).toHaveBeenCalledTimes(1);
    now = 310_000;
    const again = source.load();
    release();
    await again;
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('does not cache a failure (current or previous), and keeps no stale keys past maxAge', async () => {
    let now = 0;
    const current = settable(A);
    const previous = settable(C);
    const source = new CachedLinkKeys(current.reader, previous.reader, { maxAgeSeconds: 60, now: () => now });
    previous.fail = new Error('throttled');
    await expect(source.load()).rejects.toThrow('throttled');
    previous.fail = undefined;
    expect(await source.load()).toEqual({ current: A, previous: C });
    now += 60_000;
    current.fail = new Error('AccessDenied');
    await expect(source.load()).rejects.toThrow('AccessDenied');
    current.fail = undefined;
    current.value = B;
    expect(await source.load()).toEqual({ current: B, previous: C });
  });

  it('refuses a missing current key', async () => {
    await expect(new CachedLinkKeys(settable(undefined).reader, undefined).load()).rejects.toThrow(/current key is missing/);
  });
});

describe('signingKeySource (local files)', () => {
  it('signs with the current file only; respond also verifies with the previous file, when it exists', async () => {
    const currentFile = join(dir, 'current');
    const previousFile = join(dir, 'previous');
    const config = { LINK_SIGNING_KEY_FILE: currentFile, LINK_SIGNING_KEY_PREVIOUS_FILE: previousFile };
    const verify = await signingKeySource(config, 'verify').load();
    expect(verify.previous).toBeUndefined(); // absent file: no previous key, and none is created
    expect(await readdir(dir)).toEqual(['current']);

    const old = randomBytes(32);
    await writeFile(previousFile, old.toString('base64'), { mode: 0o600 });
    const both = await signingKeySource(config, 'verify').load();
    expect(both.current.equals(verify.current) && both.previous!.equals(old)).toBe(true);
    const sign = await signingKeySource(config, 'sign').load();
    expect(sign.current.equals(verify.current)).toBe(true);
    expect(sign.previous).toBeUndefined();
    const t = signLink({ caseId: 'c1', referralId: 'r1', action: 'outcome', exp: 2_000_000_000 }, old);
    expect(verifyLink(t, both, 1_900_000_000).ok).toBe(true);
    expect(verifyLink(t, sign, 1_900_000_000).ok).toBe(false);
  });
});

describe('parseSigningKey', () => {
  it('accepts surrounding whitespace and rejects loose base64', () => {
    const key = randomBytes(32);
    expect(parseSigningKey(`  ${key.toString('base64')}\n`, 'x').equals(key)).toBe(true);
    expect(() => parseSigningKey(key.toString('base64url').replace(/=+$/, '') + '*', 'here')).toThrow('here');
  });
});
