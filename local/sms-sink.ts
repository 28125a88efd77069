import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { listenLocal } from './ports.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * The project's SNS-compatible SMS sink. No npm emulator accepts SNS `Publish` to a phone number
 * and lets a test read the message back (see ../shared/LOCAL_STACK.md), so this small server
 * speaks just enough of the SNS query protocol for the real @aws-sdk/client-sns:
 *   POST /  Action=Publish&PhoneNumber=…&Message=…&MessageAttributes.entry.N…  → PublishResponse XML
 *   POST /  Action=CheckIfPhoneNumberIsOptedOut&phoneNumber=…  → CheckIfPhoneNumberIsOptedOutResponse XML
 *   GET  /_sms            every stored SMS, JSON (newest last), and the opted-out numbers
 *   POST /_sms/clear      empties the store of messages (opt-outs stay, as they do on SNS)
 *   POST /_sms/opt-out    {"phoneNumber": "+383…"}: the number opts out, as a returnee replying STOP
 * Anything else gets an SNS-style error, so a client using an unsupported call fails loudly.
 * Publish to an opted-out number is stored like any other: the sink records what was sent, and
 * checking first is the sender's job.
 */
export interface StoredSms {
  messageId: string;
  phoneNumber: string;
  message: string;
  attributes: Record<string, string>;
  at: string;
}

export interface RunningSmsSink {
  endpoint: string;
  port: number;
  messages(): StoredSms[];
  clear(): void;
  /** Opts the number out (E.164), as a returnee replying STOP would. */
  optOut(phoneNumber: string): void;
  /**
   * Fault injection: the next `count` Publish calls are answered with this SNS error instead
   * (default: throttling, HTTP 429), so tests exercise the real adapter's classification and the
   * platform's retries; or, with 'accept-then-drop', the SMS is taken (stored, as SNS would send
   * it) and the connection closed without an answer: the sender cannot know it went out.
   * With `match`, only Publish calls to that number take the fault; the others go through (without
   * it, the next Publish takes it, whichever it is). `meanwhile` is awaited before the fault is
   * answered: what a test has happen while the SMS is with the provider (a case closed, say).
   */
  failPublishes(count: number, error?: { status: number; code: string } | 'accept-then-drop', match?: { phoneNumber: string; meanwhile?: () => Promise<void> }): void;
  /** Publish calls that took an injected fault so far. */
  readonly failedPublishes: number;
  stop(): Promise<void>;
}

const E164 = /^\+[1-9]\d{6,14}$/;
const OptOutRequest = z.strictObject({ phoneNumber: z.string().regex(E164) });

function xmlEscape(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}

function snsError(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'text/xml' });
  res.end(
    `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  );
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** MessageAttributes.entry.1.Name=X & MessageAttributes.entry.1.Value.StringValue=Y → {X: Y} */
function messageAttributes(form: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 1; form.has(`MessageAttributes.entry.${i}.Name`); i++) {
    const name = form.get(`MessageAttributes.entry.${i}.Name`) ?? '';
    out[name] = form.get(`MessageAttributes.entry.${i}.Value.StringValue`) ?? '';
  }
  return out;
}

export async function startSmsSink(port: number): Promise<RunningSmsSink> {
  const store: StoredSms[] = [];
  const optedOut = new Set<string>();
  let failedPublishes = 0;
  const failures: { error: { status: number; code: string } | 'accept-then-drop'; phoneNumber?: string; meanwhile?: () => Promise<void> }[] = [];
  const optOut = (phoneNumber: string): void => {
    optedOut.add(OptOutRequest.parse({ phoneNumber }).phoneNumber);
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method === 'GET' && url.pathname === '/_sms') {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ messages: store, optedOut: [...optedOut] }, null, 2));
        return;
      }
      if (req.method === 'POST' && url.pathname === '/_sms/clear') {
        store.length = 0;
        res.writeHead(204).end();
        return;
      }
      if (req.method === 'POST' && url.pathname === '/_sms/opt-out') {
        let body: unknown;
        try {
          body = JSON.parse(await readBody(req));
        } catch {
          body = undefined;
        }
        const parsed = OptOutRequest.safeParse(body);
        if (!parsed.success) return snsError(res, 400, 'InvalidParameter', 'Expected JSON {"phoneNumber": "+<E.164>"}');
        optedOut.add(parsed.data.phoneNumber);
        res.writeHead(204).end();
        return;
      }
      if (req.method !== 'POST' || url.pathname !== '/') return snsError(res, 404, 'NotFound', `${req.method} ${url.pathname}`);
      const form = new URLSearchParams(await readBody(req));
      const action = form.get('Action');
      if (action === 'CheckIfPhoneNumberIsOptedOut') {
        // The query protocol's member name is lower-case here (phoneNumber), unlike Publish's PhoneNumber.
        const number = form.get('phoneNumber');
        if (!number || !E164.test(number)) return snsError(res, 400, 'InvalidParameter', 'Invalid parameter: phoneNumber');
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(
          `<CheckIfPhoneNumberIsOptedOutResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><CheckIfPhoneNumberIsOptedOutResult><isOptedOut>${optedOut.has(number)}</isOptedOut></CheckIfPhoneNumberIsOptedOutResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></CheckIfPhoneNumberIsOptedOutResponse>`,
        );
        return;
      }
      if (action !== 'Publish') return snsError(res, 400, 'InvalidAction', `The sink only supports Publish and CheckIfPhoneNumberIsOptedOut, not ${action}`);
      const phoneNumber = form.get('PhoneNumber');
      const k = failures.findIndex((f) => f.phoneNumber === undefined || f.phoneNumber === phoneNumber);
      const taken = k < 0 ? undefined : failures.splice(k, 1)[0]!;
      const injected = taken?.error;
      if (injected) failedPublishes++;
      await taken?.meanwhile?.();
      if (injected && injected !== 'accept-then-drop') return snsError(res, injected.status, injected.code, 'injected fault');
      const message = form.get('Message');
      if (!phoneNumber) return snsError(res, 400, 'InvalidParameter', 'The sink only delivers SMS: PhoneNumber is required');
      if (!E164.test(phoneNumber)) return snsError(res, 400, 'InvalidParameter', 'Invalid parameter: PhoneNumber');
      if (!message) return snsError(res, 400, 'InvalidParameter', 'Empty message');
      const messageId = randomUUID();
      store.push({ messageId, phoneNumber, message, attributes: messageAttributes(form), at: new Date().toISOString() });
      if (injected === 'accept-then-drop') return void req.socket.destroy();
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${messageId}</MessageId></PublishResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
      );
    })().catch(() => snsError(res, 500, 'InternalError', 'sink failure'));
  });
  const listening = await listenLocal(server, port);
  return {
    ...listening,
    messages: () => [...store],
    clear: () => void (store.length = 0),
    optOut,
    failPublishes: (count, error = { status: 429, code: 'Throttled' }, match) => {
      for (let i = 0; i < count; i++) failures.push({ error, ...(match ? { phoneNumber: match.phoneNumber, ...(match.meanwhile ? { meanwhile: match.meanwhile } : {}) } : {}) });
    },
    get failedPublishes() {
      return failedPublishes;
    },
  };
}
