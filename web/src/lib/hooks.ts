import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): Promise<void>;
}

/**
 * Loads once, and again every `pollMs` while the page is open and visible (never two requests at
 * once). The data stays on screen while a reload runs, so polling does not flicker or move focus.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[], pollMs?: number): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const busy = useRef(false);
  const alive = useRef(true);
  const generation = useRef(0);
  const run = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    const mine = generation.current;
    try {
      const value = await load();
      if (alive.current && mine === generation.current) {
        setData(value);
        setError(undefined);
      }
    } catch (e) {
      if (alive.current && mine === generation.current) setError(e);
    } finally {
      busy.current = false;
      if (alive.current) setLoading(false);
    }
  }, deps);
  useEffect(() => {
    alive.current = true;
    generation.current++;
    busy.current = false;
    setLoading(true);
    setData(undefined);
    void run();
    const timer = pollMs
      ? setInterval(() => {
          if (document.visibilityState === 'visible') void run();
        }, pollMs)
      : undefined;
    return () => {
      alive.current = false;
      if (timer) clearInterval(timer);
    };
  }, [run, pollMs]);
  return { data, error, loading, reload: run };
}

/** Sets the tab's title: "<page> · <app>". */
export function useTitle(title: string, app: string): void {
  useEffect(() => {
    document.title = title ? `${title} · ${app}` : app;
  }, [title, app]);
}

/**
 * A create form's requestId (the API's `requestId`): made when the form opens and sent again on
 * every retry, so that a retry after a lost answer (a timeout, a dropped connection) makes nothing
 * twice; `renew` once the form's request is done with (made, or refused as reused).
 */
export function useRequestId(): [id: string, renew: () => void] {
  const [id, setId] = useState(() => crypto.randomUUID());
  return [id, () => setId(crypto.randomUUID())];
}
