import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as z from '../domain/zod.js';

export interface FieldProblem {
  field: string;
  message: string;
  /** Which refusal, for a caller that words it itself (shared/domain/result.ts RefusalCode). */
  code?: string;
  values?: Record<string, number>;
}

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

/** 400 whose message names the first problem and lists them all, field by field. */
export function badRequest(problems: FieldProblem[]): APIGatewayProxyStructuredResultV2 {
  const first = problems[0];
  return json(400, {
    message: first ? `${first.field}: ${first.message}` : 'bad request',
    errors: problems,
  });
}

export function zodProblems(error: z.core.$ZodError): FieldProblem[] {
  return error.issues.map((i) => {
    const field = i.path.length ? i.path.map(String).join('.') : 'body';
    // Unrecognised keys are reported on the object; name each offending field instead.
    if (i.code === 'unrecognized_keys') {
      const prefix = i.path.length ? `${field}.` : '';
      return { field: `${prefix}${i.keys.join(`, ${prefix}`)}`, message: 'unknown field' };
    }
    return { field, message: i.message };
  });
}

export type BodyResult = { ok: true; value: unknown } | { ok: false; response: APIGatewayProxyStructuredResultV2 };

export function jsonBody(event: APIGatewayProxyEventV2): BodyResult {
  const type = event.headers?.['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    return { ok: false, response: json(415, { message: 'content-type: send application/json' }) };
  }
  if (!event.body) return { ok: false, response: badRequest([{ field: 'body', message: 'a JSON body is required' }]) };
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return { ok: false, response: badRequest([{ field: 'body', message: 'not valid JSON' }]) };
  }
}
