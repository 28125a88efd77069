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

export function createApi(base: string, token: () => Promise<string | undefined>, onUnauthorized: () => void): Api {
  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const bearer = await token();
    if (!bearer) {
      onUnauthorized();
      throw new ApiError(401, 'signed out');
    }
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${bearer}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, 'network');
    }
    const text = await res.text();
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
