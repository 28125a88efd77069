import { dirname, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, ROOT, tsFiles } from './source-imports.js';

/**
 * Dependencies between the folders of shared/ point one way: domain ← store, domain ← messages,
 * use cases → ports. A folder-level cycle (a → … → a) means two folders can only be understood,
 * changed and tested together, so this test fails on any. Every relative import counts,
 * `import type` and re-exports included: a type-only edge still ties the folders' meanings.
 */

const SHARED = resolve(ROOT, 'shared');

interface Edge {
  from: string;
  to: string;
  /** `file.ts → other/file.ts`, relative to shared/. */
  files: string[];
}

/** The top-level folder of shared/ a path is in ('' for a file directly in shared/). */
function folderOf(path: string): string {
  const parts = relative(SHARED, path).split(sep);
  return parts.length > 1 ? parts[0]! : '';
}

/** Folder-level edges between different folders of shared/, each with the file-level imports behind it. */
export function folderEdges(): Edge[] {
  const edges = new Map<string, Edge>();
  for (const file of tsFiles(SHARED)) {
    for (const spec of importsOf(file).map((i) => i.from)) {
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec);
      if (relative(SHARED, target).startsWith('..')) continue;
      const from = folderOf(file);
      const to = folderOf(target);
      if (from === to) continue;
      const key = `${from}→${to}`;
      const edge = edges.get(key) ?? { from, to, files: [] };
      const line = `${relative(SHARED, file)} → ${relative(SHARED, target).replace(/\.js$/, '.ts')}`;
      if (!edge.files.includes(line)) edge.files.push(line);
      edges.set(key, edge);
    }
  }
  return [...edges.values()];
}

/** Strongly connected components of more than one folder (Tarjan), each sorted, the list sorted. */
export function cycles(edges: Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) {
    next.set(from, [...(next.get(from) ?? []), to]);
    if (!next.has(to)) next.set(to, []);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) connect(v);
  return components.sort((a, b) => a.join().localeCompare(b.join()));
}

/** Each component with the file-level imports that run between its folders. */
function describeCycles(edges: Edge[], components: string[][]): string {
  return components
    .map((component) => {
      const inside = edges.filter((e) => component.includes(e.from) && component.includes(e.to));
      const lines = inside
        .sort((a, b) => `${a.from}→${a.to}`.localeCompare(`${b.from}→${b.to}`))
        .flatMap((e) => [`  ${e.from} → ${e.to}`, ...e.files.map((f) => `      ${f}`)]);
      return [`cycle: ${component.join(', ')}`, ...lines].join('\n');
    })
    .join('\n\n');
}

describe('folder-level dependencies under shared/', () => {
  const edges = folderEdges();

  it('finds the imports it is meant to judge (import type and re-exports included)', () => {
    const all = edges.flatMap((e) => e.files);
    expect(all.length).toBeGreaterThan(50);
    expect(edges.some((e) => e.from === 'store' && e.to === 'domain')).toBe(true);
  });

  it('has no import cycle between folders', () => {
    const components = cycles(edges);
    expect(components, describeCycles(edges, components)).toEqual([]);
  });

  it('points one way: domain/ imports no other folder, store/ and messages/ only domain/, pages/ not store/', () => {
    const forbidden = edges.filter(
      (e) =>
        e.from === 'domain' ||
        ((e.from === 'store' || e.from === 'messages') && e.to !== 'domain') ||
        (e.from === 'pages' && e.to === 'store'),
    );
    expect(forbidden.flatMap((e) => e.files)).toEqual([]);
  });
});
