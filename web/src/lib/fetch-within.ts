/**
 * A fetch whose answer, body included, must come within `ms`: a call that never answers (a
 * dropped connection, a stalled proxy) would otherwise leave a page waiting for ever. Rejects,
 * as fetch does, when it does not; the caller says "cannot be reached" in its own terms.
 */
export async function fetchWithin(url: string, init: RequestInit, ms: number): Promise<{ res: Response; text: string }> {
  // AbortController with a timer rather than AbortSignal.timeout, which older phone browsers lack.
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), ms);
  try {
    const res = await fetch(url, { ...init, signal: abort.signal });
    return { res, text: await res.text() };
  } finally {
    clearTimeout(timer);
  }
}
