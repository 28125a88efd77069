import { describe, expect, it } from 'vitest';
import { ADDRESS_USAGE, runAddress } from '../../../cli/address.js';
import { addressHash, type AddressItem, type AddressStatus } from '../../../shared/store/address.js';

/** An in-memory stand-in for the table's address items, keyed by hash as the store keys them. */
function fakeStore(initial: Record<string, AddressStatus> = {}) {
  const items = new Map<string, AddressItem>(
    Object.entries(initial).map(([address, status]) => {
      const hash = addressHash(address);
      return [hash, { pk: `ADDR#${hash}`, sk: 'META', type: 'Address', addressHash: hash, status, since: '2026-11-23T09:06:12.000Z', lastEventAt: '2026-11-23T09:06:12.000Z', lastMessageId: 'ses-1', codes: ['Permanent/General', '5.1.1'] }];
    }),
  );
  return {
    items,
    get: async (a: string) => items.get(addressHash(a)),
    clear: async (a: string) => {
      const was = items.get(addressHash(a))?.status;
      items.delete(addressHash(a));
      return was;
    },
  };
}

describe('npm run cli -- address', () => {
  it('status: why the platform no longer emails an address, found by its hash whatever the case', async () => {
    const addresses = fakeStore({ 'gjendja-civile@obiliq.example.org': 'undeliverable' });
    const out = await runAddress(['status', 'Gjendja-Civile@Obiliq.example.org'], { addresses });
    expect(out).toEqual({ stdout: 'undeliverable: since 2026-11-23T09:06:12.000Z; last event 2026-11-23T09:06:12.000Z (SES message ses-1); codes Permanent/General, 5.1.1\n', exitCode: 0 });
    expect((await runAddress(['status', 'other@obiliq.example.org'], { addresses })).stdout).toMatch(/^ok: /);
  });

  it('clear: lifts the block once, says what it was; a second clear has nothing to do', async () => {
    const addresses = fakeStore({ 'punesimi@obiliq.example.org': 'complained' });
    expect(await runAddress(['clear', 'punesimi@obiliq.example.org'], { addresses })).toEqual({ stdout: 'cleared: was complained; the platform emails this address again\n', exitCode: 0 });
    expect(addresses.items.size).toBe(0);
    expect((await runAddress(['clear', 'punesimi@obiliq.example.org'], { addresses })).exitCode).toBe(1);
  });

  it('wrong command lines exit 2; help prints the usage', async () => {
    const addresses = fakeStore();
    expect((await runAddress(['clear'], { addresses })).exitCode).toBe(2);
    expect((await runAddress(['clear', 'not-an-address'], { addresses })).exitCode).toBe(2);
    expect((await runAddress(['purge', 'a@b.example.org'], { addresses })).exitCode).toBe(2);
    expect((await runAddress(['status', 'a@b.example.org', '--bogus'], { addresses })).exitCode).toBe(2);
    expect((await runAddress(['status', 'a@b.example.org'], { env: {} })).stdout).toContain('--table or env TABLE_NAME');
    expect(await runAddress(['help'])).toEqual({ stdout: ADDRESS_USAGE, exitCode: 0 });
  });
});
