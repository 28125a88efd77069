import { randomUUID } from 'node:crypto';
import { listenLocal } from './ports.js';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { HttpRoute } from '../events/triggers.js';
import { corsHeaders, preflightHeaders } from '../shared/http/cors.js';

/**
 * Serves the API locally the way an API Gateway HTTP API does: it matches the declared routes,
 * builds a payload-format-2.0 event (routeKey, pathParameters, lower-cased headers, raw query)
 * and calls the same handler module Lambda runs. Unmatched paths get API Gateway's 404.
 */
export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

export interface LocalRoute extends HttpRoute {
  handler: HttpHandler;
  functionName: string;
  /**
   * Stands in for API Gateway's JWT authorizer: the token's claims as API Gateway hands them to
   * the function (requestContext.authorizer.jwt), or a status to refuse with before any handler runs.
   */
  authorize?: (headers: Record<string, string>) => Promise<LocalAuthorization>;
}

export type LocalAuthorization = { ok: true; claims: Record<string, string>; scopes: string[] } | { ok: false; status: 401 | 403; message: string };

export interface RunningHttp {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

/** A broken percent-escape (`%E0%A4%A`) stays as sent: the route's own validation answers it, never a 500. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function match(route: HttpRoute, method: string, path: string): Record<string, string> | undefined {
  if (route.method !== method) return undefined;
  const want = route.path.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = decodeSegment(got[i]!);
    if (w.startsWith('{') && w.endsWith('}')) params[w.slice(1, -1)] = g;
    else if (w !== g) return undefined;
  }
  return params;
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw Object.assign(new Error('payload too large'), { status: 413 });
    chunks.push(c as Buffer);
  }
  return chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined;
}

function lambdaContext(functionName: string): Context {
  const deadline = Date.now() + 30_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Local-only endpoints (under /_local): answered before the API routes. */
export type LocalEndpoint = (req: IncomingMessage, body: string | undefined) => Promise<{ status: number; body: unknown } | undefined>;

/**
 * `consoleOrigins`: the origins the console is served from, answered as API Gateway's CORS
 * configuration answers them (preflights, and the allow-origin header on every answer); none: no
 * CORS at all, as on an API without a configuration.
 */
export async function startHttpServer(port: number, routes: LocalRoute[], extra?: LocalEndpoint, consoleOrigins: readonly string[] = []): Promise<RunningHttp> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (consoleOrigins.length > 0) {
        const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
        // Whether a cached answer may be reused depends on who asked.
        res.setHeader('vary', 'origin');
        // API Gateway answers a preflight itself, before any route or authorizer.
        if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
          const requested = req.headers['access-control-request-method'];
          res.writeHead(204, preflightHeaders(origin, Array.isArray(requested) ? requested[0] : requested, consoleOrigins));
          res.end();
          return;
        }
        for (const [k, v] of Object.entries(corsHeaders(origin, consoleOrigins))) res.setHeader(k, v);
      }
      const local = url.pathname.startsWith('/_local/') ? await extra?.(req, await readBody(req)) : undefined;
      if (local) {
        res.writeHead(local.status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(local.body, null, 2));
        return;
      }
      const method = req.method ?? 'GET';
      let found: { route: LocalRoute; params: Record<string, string> } | undefined;
      for (const route of routes) {
        const params = match(route, method, url.pathname);
        if (params) {
          found = { route, params };
          break;
        }
      }
      if (!found) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'Not Found' }));
        return;
      }
      const body = await readBody(req);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
      const authorized = found.route.authorize ? await found.route.authorize(headers) : undefined;
      if (authorized && !authorized.ok) {
        res.writeHead(authorized.status, { 'content-type': 'application/json', ...(authorized.status === 401 ? { 'www-authenticate': 'Bearer' } : {}) });
        res.end(JSON.stringify({ message: authorized.message }));
        return;
      }
      const now = new Date();
      const routeKey = `${found.route.method} ${found.route.path}`;
      const query = url.searchParams.size ? Object.fromEntries(url.searchParams) : undefined;
      const event: APIGatewayProxyEventV2 = {
        version: '2.0',
        routeKey,
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        headers,
        ...(query ? { queryStringParameters: query } : {}),
        ...(Object.keys(found.params).length ? { pathParameters: found.params } : {}),
        requestContext: {
          accountId: '000000000000',
          apiId: 'local',
          domainName: headers.host ?? 'localhost',
          domainPrefix: 'localhost',
          http: { method, path: url.pathname, protocol: `HTTP/${req.httpVersion}`, sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
          requestId: randomUUID(),
          routeKey,
          ...(authorized?.ok ? { authorizer: { jwt: { claims: authorized.claims, scopes: authorized.scopes } } } : {}),
          stage: '$default',
          time: now.toUTCString(),
          timeEpoch: now.getTime(),
        },
        ...(body !== undefined ? { body } : {}),
        isBase64Encoded: false,
      };
      const result = await found.route.handler(event, lambdaContext(found.route.functionName));
      if (typeof result === 'string' || result === undefined || result === null) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(typeof result === 'string' ? result : '');
        return;
      }
      const structured = result as Exclude<APIGatewayProxyResultV2, string>;
      const out = structured.isBase64Encoded && structured.body ? Buffer.from(structured.body, 'base64') : structured.body ?? '';
      res.writeHead(structured.statusCode ?? 200, structured.headers as Record<string, string>);
      res.end(out);
    })().catch((err: { status?: number }) => {
      if (res.headersSent) return res.end();
      res.writeHead(err?.status ?? 500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: err?.status === 413 ? 'Request Entity Too Large' : 'Internal Server Error' }));
    });
  });
  return listenLocal(server, port);
}
