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
  ) {
    super(message);
  }
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
      const b = (json ?? {}) as { message?: string; errors?: { field: string; message: string }[] };
      const message = b.message ?? res.statusText;
      const fields: Record<string, string> = {};
      for (const e of b.errors ?? []) fields[e.field] ??= e.message;
      const named = fieldOf(message);
      if (!b.errors?.length && named) fields[named] = message.slice(named.length + 2);
      throw new ApiError(res.status, message, fields);
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
