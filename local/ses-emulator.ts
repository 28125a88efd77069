import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import * as sesModule from 'aws-ses-v2-local';
import * as z from 'zod';

type StartSes = (config?: { host?: string; port?: number }) => Promise<Server>;
// The package is CommonJS with `exports.default`: under Node's ESM loader the default import is the
// whole exports object, under a bundler it is the function. Accept either.
const mod = sesModule as unknown as { default: StartSes | { default: StartSes } };
const sesServer: StartSes = typeof mod.default === 'function' ? mod.default : mod.default.default;

/** An SES v2 error response as the real service sends it (REST-JSON: status, x-amzn-ErrorType, message). */
export interface SesErrorResponse {
  status: number;
  code: string;
}

/**
 * Which SendEmail an armed fault is for: one with `to` among its recipients and, if given,
 * `subject` in its subject. Without one, a fault goes to the next SendEmail, whichever it is,
 * which in a stack sending other emails at the same time may not be the test's.
 */
export interface SendEmailMatch {
  to: string;
  subject?: string;
}

export interface RunningSes {
  endpoint: string;
  port: number;
  /**
   * The next `count` SendEmail calls are answered with this error instead of being accepted
   * (default 429 TooManyRequestsException, SES's throttling), so the SDK, the adapter and the
   * platform's retries meet the same bytes as on AWS. The emulator itself has no such hook.
   * 'accept-then-drop': the emulator takes the email (it is in the inbox) and the connection is
   * closed before the answer: the sender cannot know it went out. With `match`, only the
   * SendEmail calls it matches take the fault; the others go through.
   */
  failSends(count: number, error?: SesErrorResponse | 'accept-then-drop', match?: SendEmailMatch): void;
  /** SendEmail calls answered with an injected error so far. */
  readonly failedSends: number;
  stop(): Promise<void>;
}

const SEND_EMAIL = /^\/v2\/email\/outbound-emails\/?(\?|$)/;

/** The request's JSON, or undefined if it is none (the emulator then answers it as it would). */
async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** What a SendEmail request says of its recipients and subject (SES v2's Simple content, as the platform sends). */
const SendEmailRequest = z.object({
  Destination: z.object({ ToAddresses: z.array(z.string()).default([]) }).optional(),
  Content: z.object({ Simple: z.object({ Subject: z.object({ Data: z.string() }) }).optional() }).optional(),
});

function matches(body: unknown, m: SendEmailMatch): boolean {
  const r = SendEmailRequest.safeParse(body);
  if (!r.success) return false;
  const to = r.data.Destination?.ToAddresses ?? [];
  return to.includes(m.to) && (m.subject === undefined || (r.data.Content?.Simple?.Subject.Data ?? '').includes(m.subject));
}

/** The SES v2 emulator (aws-ses-v2-local) in this process: API, web inbox at /, JSON at /store. */
export async function startSesEmulator(port: number): Promise<RunningSes> {
  const server: Server = await sesServer({ host: '127.0.0.1', port });
  const addr = server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : port;

  // Put a gate in front of the emulator's own request listener(s): an injected fault answers
  // SendEmail before the emulator sees it; everything else goes through untouched.
  const failures: { error: SesErrorResponse | 'accept-then-drop'; match?: SendEmailMatch }[] = [];
  let failedSends = 0;
  const inner = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' || !SEND_EMAIL.test(req.url ?? '') || failures.length === 0) {
      for (const listener of inner) listener.call(server, req, res);
      return;
    }
    // A fault may be for one email only: read the request first. The emulator's body parser
    // passes over a request already read (body-parser's isFinished), and takes `req.body` as it is.
    void readJson(req).then((body) => {
      (req as IncomingMessage & { body?: unknown }).body = body;
      const k = failures.findIndex((f) => !f.match || matches(body, f.match));
      gate(req, res, k < 0 ? undefined : failures.splice(k, 1)[0]!.error);
    }, () => req.socket.destroy());
  });

  function gate(req: IncomingMessage, res: ServerResponse, fault: SesErrorResponse | 'accept-then-drop' | undefined): void {
    if (fault === 'accept-then-drop') {
      failedSends++;
      // The emulator stores the email and answers; the answer never leaves.
      const drop = () => {
        req.socket.destroy();
        return res;
      };
      Object.assign(res, { writeHead: drop, write: () => true, end: drop });
      for (const listener of inner) listener.call(server, req, res);
      return;
    }
    if (fault) {
      failedSends++;
      res.writeHead(fault.status, { 'content-type': 'application/json', 'x-amzn-errortype': fault.code, 'x-amzn-requestid': randomUUID() });
      res.end(JSON.stringify({ message: `Injected by the local stack: ${fault.code}` }));
      return;
    }
    for (const listener of inner) listener.call(server, req, res);
  }

  return {
    endpoint: `http://127.0.0.1:${actual}`,
    port: actual,
    failSends: (count, error = { status: 429, code: 'TooManyRequestsException' }, match) => {
      for (let i = 0; i < count; i++) failures.push({ error, ...(match ? { match } : {}) });
    },
    get failedSends() {
      return failedSends;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
