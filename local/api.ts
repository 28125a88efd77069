import type { MovableClock } from '../shared/domain/clock.js';
import { startHttpServer, type LocalRoute, type RunningHttp } from './http-server.js';
import type { DlqMessage } from './stream-poller.js';

/**
 * The HTTP API with the declared routes, and the local-only endpoints beside them:
 * GET /_local/dlq, POST /_local/dlq/redrive, GET and POST /_local/clock.
 */
export function startLocalApi(
  port: number,
  routes: LocalRoute[],
  { dlq, redriveDlq, clock, advanceTo, consoleOrigins }: {
    dlq: DlqMessage[];
    redriveDlq: (body: string | undefined) => Promise<{ status: number; body: unknown }>;
    clock: MovableClock;
    advanceTo: (target: Date) => Promise<string[]>;
    consoleOrigins: readonly string[];
  },
): Promise<RunningHttp> {
  return startHttpServer(
    port,
    routes,
    async (req, body) => {
      if (req.method === 'GET' && req.url === '/_local/dlq') return { status: 200, body: { messages: dlq } };
      if (req.method === 'POST' && req.url === '/_local/dlq/redrive') return redriveDlq(body);
      if (req.method === 'GET' && req.url === '/_local/clock') return { status: 200, body: { now: clock.now().toISOString() } };
      if (req.method === 'POST' && req.url === '/_local/clock') {
        const at = Date.parse((JSON.parse(body ?? '{}') as { advanceTo?: string }).advanceTo ?? '');
        if (Number.isNaN(at)) return { status: 400, body: { message: 'advanceTo: an ISO instant' } };
        const fired = await advanceTo(new Date(at));
        return { status: 200, body: { now: clock.now().toISOString(), stops: fired } };
      }
      return undefined;
    },
    consoleOrigins,
  );
}
