import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONFIG_DOC, CONFIG_SOURCE, readComments, renderConfigurationDoc } from '../../../cli/config-doc.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const source = readFileSync(join(root, CONFIG_SOURCE), 'utf8');

describe('docs/configuration.md, generated from shared/config/config.ts', () => {
  it('is what the generator prints (after changing a setting: npm run docs:config)', () => {
    expect(readFileSync(join(root, CONFIG_DOC), 'utf8')).toBe(renderConfigurationDoc(source));
  });

  it("takes a variable's own comment, else the comment on the object it is declared in, never the file's", () => {
    const { intro, meaning } = readComments(source);
    expect(intro).toMatch(/^Each function's environment/);
    expect(meaning.get('SEND_LEASE_SECONDS')).toMatch(/^Seconds a delivery attempt holds an intent/);
    expect(meaning.get('LINK_SIGNING_KEY_FILE')).toMatch(/exactly one of the two must be set/);
    expect(meaning.get('TABLE_NAME')).not.toMatch(/^Each function's environment/);
  });

  it('refuses a variable nobody explained', () => {
    const stripped = source.replace(/\/\*\* Seconds a delivery attempt holds an intent[^\n]*\*\/\n/, '');
    expect(stripped).not.toBe(source);
    expect(() => renderConfigurationDoc(stripped)).toThrow(/SEND_LEASE_SECONDS has no doc comment/);
  });

  it('shows required, defaults, values and the rules between variables from the schemas', () => {
    const doc = renderConfigurationDoc(source);
    expect(doc).toMatch(/\| `DELIVERY_MODE` \| deliver-notifications, route-referrals \| required \| `live` or `test` \|/);
    expect(doc).toMatch(/\| `MACHINE_CALLERS` \| api \| optional \(default `\[\]`\) \|/);
    expect(doc).toMatch(/\| `PERSONAL_DATA_RETENTION_DAYS` \| all \| required \| whole number, 1–3650 \|/);
    expect(doc).toContain('- set exactly one of LINK_SIGNING_KEY_PARAMETER (AWS) or LINK_SIGNING_KEY_FILE (local) (`deliver-notifications`, `respond`, `route-referrals`)');
  });
});
