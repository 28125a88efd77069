import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Loading } from './ui.js';

type PageProps = { params: Record<string, string> };
type PageModule = { default: FunctionComponent<PageProps> };

/**
 * Pages other than Today and sign-in load when first opened (their own chunks), so the first
 * view downloads only what it shows: the phone rules, for one, come with the register page.
 */
const PAGES: Record<string, () => Promise<PageModule>> = {
  register: () => import('../pages/register.js'),
  cases: () => import('../pages/cases.js'),
  case: () => import('../pages/case.js'),
  assessment: () => import('../pages/assessment.js'),
  'follow-ups': () => import('../pages/follow-ups.js'),
  meetings: () => import('../pages/meetings.js'),
  meeting: () => import('../pages/meeting.js'),
  indicators: () => import('../pages/indicators.js'),
  settings: () => import('../pages/settings.js'),
  operations: () => import('../pages/operations.js'),
  'not-found': () => import('../pages/not-found.js'),
  'not-allowed': () => import('../pages/not-allowed.js'),
};

const loaded = new Map<string, FunctionComponent<PageProps>>();

export function LazyPage({ name, params }: { name: string; params: Record<string, string> }) {
  const [, setTick] = useState(0);
  const Page = loaded.get(name);
  useEffect(() => {
    if (loaded.has(name)) return;
    let alive = true;
    void PAGES[name]!().then((m) => {
      loaded.set(name, m.default);
      if (alive) setTick((n) => n + 1);
    });
    return () => {
      alive = false;
    };
  }, [name]);
  // One instance per record: another case (or meeting) opened straight from one, by its address or
  // a link, starts afresh instead of keeping what was typed or said on the one before.
  return Page ? <Page key={`${name}:${JSON.stringify(params)}`} params={params} /> : <Loading />;
}
