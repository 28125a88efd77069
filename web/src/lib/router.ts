import { useEffect, useState } from 'preact/hooks';

/**
 * Hash routes (`#/cases/01K…`): a static bucket behind CloudFront serves index.html for `/`
 * only, and a hash route needs no rewrite rule there. The case id in the address is no secret:
 * opening another municipality's case by address gets the API's 404 like any unknown case.
 */
export function currentPath(): string {
  const h = location.hash.replace(/^#/, '');
  return h.startsWith('/') ? h : '/';
}

export function useHashPath(): string {
  const [path, setPath] = useState(currentPath());
  useEffect(() => {
    const on = () => setPath(currentPath());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return path;
}

export const href = (path: string): string => `#${path}`;

export function navigate(path: string): void {
  location.hash = path;
}

/** `/cases/:id/assessment` against a path: the parameters, or undefined. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('?')[0]!.split('/').filter(Boolean);
  if (want.length !== got.length) return undefined;
  const out: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i]!.startsWith(':')) out[want[i]!.slice(1)] = decodeURIComponent(got[i]!);
    else if (want[i] !== got[i]) return undefined;
  }
  return out;
}
