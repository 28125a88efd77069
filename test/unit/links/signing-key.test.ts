import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signLink, verifyLink } from '../../../shared/links/signed-link.js';
import { FileSigningKey, parseSigningKey, SsmSigningKey } from '../../../shared/links/signing-key.js';

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
    const first = await new FileSigningKey(path).load();
    expect(first.length).toBe(32);
    const st = await stat(path);
    expect(st.mode & 0o777).toBe(0o600);
    expect(Buffer.from((await readFile(path, 'utf8')).trim(), 'base64').equals(first)).toBe(true);

    const again = await new FileSigningKey(path).load();
    expect(again.equals(first)).toBe(true);
    expect((await stat(path)).mtimeMs).toBe(st.mtimeMs);
    expect(await readdir(join(dir, 'nested'))).toEqual(['link-key']); // no temporary files left
  });

  it('caches after the first load', async () => {
    const source = new FileSigningKey(join(dir, 'k'));
    const a = await source.load();
    await rm(join(dir, 'k'));
    expect((await source.load()).equals(a)).toBe(true);
  });

  it('agrees on one key when several processes create it at once', async () => {
    const path = join(dir, 'k');
    const keys = await Promise.all(Array.from({ length: 8 }, () => new FileSigningKey(path).load()));
    for (const k of keys) expect(k.equals(keys[0]!)).toBe(true);
    expect(await readdir(dir)).toEqual(['k']);
  });

  it('uses an existing key file', async () => {
    const key = randomBytes(48);
    await writeFile(join(dir, 'k'), key.toString('base64') + '\n', { mode: 0o600 });
    expect((await new FileSigningKey(join(dir, 'k')).load()).equals(key)).toBe(true);
  });

  it('refuses a key file that is too short or not base64, naming the file and not the key', async () => {
    const path = join(dir, 'short');
    await writeFile(path, randomBytes(16).toString('base64'), { mode: 0o600 });
    await expect(new FileSigningKey(path).load()).rejects.toThrow(path);
    await writeFile(path, 'not base64 at all!', { mode: 0o600 });
    await expect(new FileSigningKey(path).load()).rejects.toThrow(/at least 32 bytes/);
  });

  it('gives a key that signs and verifies links', async () => {
    const key = await new FileSigningKey(join(dir, 'k')).load();
    const t = signLink({ caseId: 'c1', referralId: 'r1', action: 'outcome', exp: 2_000_000_000 }, key);
    expect(verifyLink(t, key, 1_900_000_000).ok).toBe(true);
  });
});

describe('SsmSigningKey', () => {
  const NAME = '/referrals/prod/link-signing-key';

  it('reads the parameter decrypted, once', async () => {
    const key = randomBytes(32);
    const getParameter = vi.fn(async (_name: string, _decrypt: true) => key.toString('base64'));
    const source = new SsmSigningKey(NAME, getParameter);
    const [a, b] = await Promise.all([source.load(), source.load()]);
    expect(a.equals(key) && b.equals(key)).toBe(true);
    expect((await source.load()).equals(key)).toBe(true);
    expect(getParameter).toHaveBeenCalledTimes(1);
    expect(getParameter).toHaveBeenCalledWith(NAME, true);
  });

  it('refuses a short or missing key, naming the parameter and not the value', async () => {
    const short = randomBytes(31).toString('base64');
    const err = await new SsmSigningKey(NAME, async () => short).load().catch((e: Error) => e);
    expect(String(err)).toContain(NAME);
    expect(String(err)).not.toContain(short);
    await expect(new SsmSigningKey(NAME, async () => undefined).load()).rejects.toThrow(NAME);
  });

  it('does not cache a failure', async () => {
    const key = randomBytes(32);
    const getParameter = vi
      .fn<(name: string, decrypt: true) => Promise<string>>()
      .mockRejectedValueOnce(new Error('throttled'))
      .mockResolvedValueOnce(key.toString('base64'));
    const source = new SsmSigningKey(NAME, getParameter);
    await expect(source.load()).rejects.toThrow('throttled');
    expect((await source.load()).equals(key)).toBe(true);
  });
});

describe('parseSigningKey', () => {
  it('accepts surrounding whitespace and rejects loose base64', () => {
    const key = randomBytes(32);
    expect(parseSigningKey(`  ${key.toString('base64')}\n`, 'x').equals(key)).toBe(true);
    expect(() => parseSigningKey(key.toString('base64url').replace(/=+$/, '') + '*', 'here')).toThrow('here');
  });
});
