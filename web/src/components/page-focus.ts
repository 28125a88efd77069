import { createContext, type RefObject } from 'preact';
import { useContext, useLayoutEffect, useRef } from 'preact/hooks';

/**
 * A new page's heading takes the focus as it appears, as a screen reader expects (WCAG 2.4.3), in
 * the same render: a heading that looked for itself a frame later could pull the focus out of a
 * field someone had already reached. It takes the focus only from where the move to the page left
 * it (the link used, or nothing), so a page that loads slowly does not pull someone back from
 * wherever they went meanwhile; and again when a page replaces its loading heading with its own
 * while that heading had the focus, which would otherwise fall to the document.
 */
interface Arrival {
  path: string;
  /** What had the focus when the page changed; undefined once a heading has taken it. */
  from: Element | null | undefined;
  /** The heading that took the focus on this page. */
  heading: HTMLElement | null;
}

const ArrivalCtx = createContext<RefObject<Arrival> | null>(null);
export const ArrivalProvider = ArrivalCtx.Provider;

/** Layout's side: notes where the focus was when `path` changed (in render, before the new page's headings mount). */
export function useArrival(path: string): RefObject<Arrival> {
  const arrival = useRef<Arrival>({ path, from: null, heading: null });
  if (arrival.current.path !== path) arrival.current = { path, from: document.activeElement, heading: null };
  return arrival;
}

/** The heading's side: takes the focus on mount when the page has just opened, or when its predecessor held it. */
export function useArrivalFocus(ref: RefObject<HTMLElement | null>): void {
  const arrival = useContext(ArrivalCtx);
  useLayoutEffect(() => {
    const h = ref.current;
    const a = arrival?.current;
    if (!h || !a) return;
    const active = document.activeElement;
    const nowhere = active === null || active === document.body;
    const leftWhereMoved = a.from !== undefined && (nowhere || active === a.from);
    const predecessorLost = a.heading !== null && !a.heading.isConnected && nowhere;
    if (!leftWhereMoved && !predecessorLost) return;
    h.focus();
    a.from = undefined;
    a.heading = h;
  }, []);
}
