import { fetchWithin } from './fetch-within.js';

/**
 * The platform's HTTP API, with the signed-in user's access token. Errors keep the API's field
 * problems (`{ message, errors: [{ field, message }] }`) so forms show each next to its field.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** By field path as the API names it: `household.0.givenName`, `phone`, … */
    readonly fields: Record<string, string> = {},
    /** Which refusal each field's is, where the API says (the console words those itself): by field path, and `''` for the whole answer. */
    readonly refusals: Record<string, Refused> = {},
    /** The case a 409 names (an SMR case id registered already, in the caller's municipality). */
    readonly caseId?: string,
  ) {
    super(message);
  }
}

/** A refusal's code and values as the API gives them (RefusalCode in shared/domain/result.ts). */
export interface Refused {
  code: string;
  values?: Record<string, number>;
}

function refusedOf(x: { code?: unknown; values?: unknown }): Refused | undefined {
  if (typeof x.code !== 'string') return undefined;
  const values = x.values && typeof x.values === 'object' ? (x.values as Record<string, number>) : undefined;
  return values ? { code: x.code, values } : { code: x.code };
}

export interface Api {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  del<T>(path: string): Promise<T>;
}

/** The field a message like "phone: not a valid phone number" names, when the API gave no list. */
function fieldOf(message: string): string | undefined {
  return /^([A-Za-z][\w.]*): /.exec(message)?.[1];
}

/**
 * How long one call may take before the coordinator is told the platform cannot be reached (and
 * may try again): API Gateway gives up on its side after 30 s, so an answer later than this never
 * comes, and without a bound the page would wait for ever.
 */
export const API_TIMEOUT_MS = 30_000;

export function createApi(base: string, token: () => Promise<string | undefined>, onUnauthorized: () => void, timeoutMs = API_TIMEOUT_MS): Api {
  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const bearer = await token();
    if (!bearer) {
      onUnauthorized();
      throw new ApiError(401, 'signed out');
    }
    let res: Response;
    let text: string;
    try {
      ({ res, text } = await fetchWithin(
        `${base}${path}`,
        {
          method,
          headers: { authorization: `Bearer ${bearer}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          cache: 'no-store',
        },
        timeoutMs,
      ));
    } catch {
      throw new ApiError(0, 'network');
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = { message: text };
    }
    if (res.status === 401) onUnauthorized();
    if (!res.ok) {
      const b = (json ?? {}) as { message?: string; field?: unknown; code?: unknown; values?: unknown; caseId?: unknown; errors?: { field: string; message: string; code?: unknown; values?: unknown }[] };
      const message = b.message ?? res.statusText;
      const fields: Record<string, string> = {};
      const refusals: Record<string, Refused> = {};
      for (const e of b.errors ?? []) {
        if (e.field in fields) continue;
        fields[e.field] = e.message;
        const r = refusedOf(e);
        if (r) refusals[e.field] = r;
      }
      const whole = refusedOf(b);
      if (whole) refusals[''] = whole;
      // The field a 409 names; the message's "field: …" for an answer without one.
      const named = typeof b.field === 'string' ? b.field : fieldOf(message);
      if (!b.errors?.length && named) {
        fields[named] = message.slice(named.length + 2);
        if (whole) refusals[named] = whole;
      }
      throw new ApiError(res.status, message, fields, refusals, typeof b.caseId === 'string' ? b.caseId : undefined);
    }
    return json as T;
  }
  return {
    get: (p) => request('GET', p),
    post: (p, b) => request('POST', p, b ?? {}),
    put: (p, b) => request('PUT', p, b),
    del: (p) => request('DELETE', p),
  };
}
