import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DirectoryError,
  directoryFrom,
  loadDirectoryFromFiles,
  parseMunicipality,
} from '../../../shared/directory/directory.js';
import type { Municipality } from '../../../shared/directory/schema.js';

const partesh = fileURLToPath(new URL('../../../shared/directory/data/partesh.json', import.meta.url));
const obiliq = fileURLToPath(new URL('../../../shared/directory/data/obiliq.json', import.meta.url));
const fresh = (): any => JSON.parse(readFileSync(partesh, 'utf8'));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'directory-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

function errorOf(fn: () => unknown): DirectoryError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DirectoryError);
    return e as DirectoryError;
  }
  throw new Error('expected a DirectoryError');
}

describe('loadDirectoryFromFiles: malformed files name the file and the field path', () => {
  it('a missing name.sr', () => {
    const json = fresh();
    delete json.offices[2].name.sr;
    const path = write('missing-sr.json', json);
    const err = errorOf(() => loadDirectoryFromFiles([obiliq, path]));
    expect(err.message).toContain(path);
    expect(err.message).toContain('offices[2].name.sr');
    expect(err.name).toBe('DirectoryError');
  });

  it('a wrong office kind', () => {
    const json = fresh();
    json.offices[4].kind = 'ministry';
    const path = write('wrong-kind.json', json);
    const err = errorOf(() => loadDirectoryFromFiles([path]));
    expect(err.message).toContain(`${path}: offices[4].kind:`);
  });

  it('a real-looking e-mail address', () => {
    const json = fresh();
    json.offices[3].email = 'someone@gmail.com';
    const path = write('real-email.json', json);
    const err = errorOf(() => loadDirectoryFromFiles([path]));
    expect(err.message).toContain(`${path}: offices[3].email: must be a placeholder address`);
  });

  it('a real-looking head-of-office or coordinator address', () => {
    const json = fresh();
    json.offices[0].head.email = 'boss@rks-gov.net';
    json.coordinators[0].email = 'coordinator@yahoo.com';
    const path = write('real-head.json', json);
    const err = errorOf(() => loadDirectoryFromFiles([path]));
    expect(err.message).toContain(`${path}: offices[0].head.email: must be a placeholder address`);
    expect(err.message).toContain(`${path}: coordinators[0].email: must be a placeholder address`);
  });

  it('reports every issue, each with the file and its path', () => {
    const json = fresh();
    delete json.offices[2].name.sr;
    json.offices[4].kind = 'ministry';
    json.offices[3].email = 'someone@gmail.com';
    json.timeZone = 'Europe/Pristina';
    const path = write('many.json', json);
    const err = errorOf(() => loadDirectoryFromFiles([path]));
    for (const field of ['offices[2].name.sr', 'offices[4].kind', 'offices[3].email', 'timeZone']) {
      expect(err.message).toContain(`${path}: ${field}:`);
    }
    expect(err.message).toContain('4 problems');
  });

  it('a document that is not an object names the root', () => {
    const path = write('array.json', []);
    expect(errorOf(() => loadDirectoryFromFiles([path])).message).toContain(`${path}: (root):`);
  });

  it('invalid JSON names the file', () => {
    const path = write('broken.json', '{ "id": "partesh", ');
    const err = errorOf(() => loadDirectoryFromFiles([obiliq, path]));
    expect(err.message).toContain(path);
    expect(err.message).toMatch(/not valid JSON/);
    expect(err.message).not.toContain(obiliq);
  });

  it('a missing file names the file', () => {
    const path = join(dir, 'does-not-exist.json');
    expect(errorOf(() => loadDirectoryFromFiles([path])).message).toContain(path);
  });

  it('duplicate office ids fail, naming the file and both positions', () => {
    const json = fresh();
    json.offices[5].id = json.offices[1].id;
    const path = write('dup-office.json', json);
    const err = errorOf(() => loadDirectoryFromFiles([path]));
    expect(err.message).toContain(`${path}: offices[5].id: duplicate office id "${json.offices[1].id}" (also offices[1])`);
  });

  it('duplicate office ids of the same kind fail', () => {
    const json = fresh();
    json.offices.push({ ...json.offices[0] });
    const path = write('dup-same-kind.json', json);
    const err = errorOf(() => loadDirectoryFromFiles([path]));
    expect(err.message).toContain(`${path}: offices[${json.offices.length - 1}].id: duplicate office id "partesh-civil-registry"`);
    expect(err.message).toContain('both of kind civil_registry');
  });

  it('a municipality listed twice fails, naming both files', () => {
    const copy = write('partesh-copy.json', fresh());
    const err = errorOf(() => loadDirectoryFromFiles([partesh, copy]));
    expect(err.message).toContain(`${copy}: id: duplicate municipality id "partesh"`);
    expect(err.message).toContain(partesh);
  });
});

describe('parseMunicipality', () => {
  it('returns the typed municipality', () => {
    const m = parseMunicipality(fresh(), 'partesh.json');
    expect(m.offices[0]!.kind).toBe('civil_registry');
  });

  it('names the source it was given', () => {
    const json = fresh();
    json.offices[1].languages = [];
    const err = errorOf(() => parseMunicipality(json, 'somewhere/partesh.json'));
    expect(err.message).toMatch(/^somewhere\/partesh\.json: offices\[1\]\.languages: /);
  });
});

describe('directoryFrom', () => {
  const base = (): Municipality => parseMunicipality(fresh(), 'partesh.json');

  it('looks up municipalities and the first office of a kind', () => {
    const m = base();
    m.offices.push({ ...m.offices[0]!, id: 'partesh-civil-registry-2' });
    const d = directoryFrom([m]);
    expect(d.municipality('partesh')?.id).toBe('partesh');
    expect(d.municipality('nowhere')).toBeUndefined();
    expect(d.office('partesh', 'civil_registry')?.id).toBe('partesh-civil-registry');
    expect(d.office('nowhere', 'civil_registry')).toBeUndefined();
    expect(d.municipalities().map((x) => x.id)).toEqual(['partesh']);
  });

  it('returns no office for a kind the municipality lacks', () => {
    const m = base();
    m.offices = m.offices.filter((o) => o.kind !== 'housing');
    expect(directoryFrom([m]).office('partesh', 'housing')).toBeUndefined();
  });

  it('rejects duplicate municipality ids', () => {
    expect(() => directoryFrom([base(), base()])).toThrow(/municipalities\[1\] \(partesh\): id: duplicate municipality id "partesh"/);
  });

  it('rejects duplicate office ids within a municipality, whatever their kinds', () => {
    const m = base();
    m.offices[7]!.id = m.offices[6]!.id;
    expect(() => directoryFrom([m])).toThrow(DirectoryError);
    expect(() => directoryFrom([m])).toThrow(/offices\[7\]\.id: duplicate office id "partesh-mental-health-centre" \(also offices\[6\]\)/);
  });

  it('rejects duplicate coordinator ids within a municipality', () => {
    const m = base();
    m.coordinators.push({ ...m.coordinators[0]! });
    expect(() => directoryFrom([m])).toThrow(/coordinators\[1\]\.id: duplicate coordinator id/);
  });

  it('allows the same office id in two municipalities', () => {
    const a = base();
    const b = { ...base(), id: 'other' };
    expect(() => directoryFrom([a, b])).not.toThrow();
  });

  it('keeps its own copy: later changes to the input do not leak in', () => {
    const m = base();
    const d = directoryFrom([m]);
    m.offices[0]!.email = 'changed@partesh.example.org';
    expect(d.office('partesh', 'civil_registry')!.email).toBe('civilno-stanje@partesh.example.org');
    d.municipalities().pop();
    expect(d.municipalities()).toHaveLength(1);
  });
});
