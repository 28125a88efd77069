import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from '../../shared/domain/zod.js';
import { answerReturneePage, showReturneePage, type Refusal, type ReturneePageDeps } from '../../shared/cases/returnee-page.js';
import { checkSameOrigin } from '../../shared/links/same-origin.js';
import { ICS_PUBLISH_CONTENT_TYPE } from '../../shared/meetings/ics.js';
import {
  appointmentIcs,
  RETURNEE_PAGE_HEADERS,
  RETURNEE_REFUSAL_STATUS,
  returneePageHtml,
  returneeRefusalHtml,
  type PageNotice,
  type RefusalKind,
} from '../../shared/pages/returnee-page.js';

/**
 * The returnee page's routes (GET/POST /p/{token}, GET /p/{token}/calendar/{appointmentId}):
 * wiring only, the use case is shared/cases/returnee-page.ts. The token is the credential and is
 * never logged; logs say what happened (outcome), never who.
 */

const MAX_FORM_BYTES = 1024;

/**
 * Both fields come from the pressed button and its form: a scanner submitting the form as it finds
 * it sends no `answer` (no button was pressed) and records nothing.
 */
const AnswerForm = z.strictObject({ step: z.string().check(z.regex(/^(appt|ref):[A-Za-z0-9_-]{1,64}$/)), answer: z.enum(['yes', 'no']) });

export interface PageGuards {
  /** The links' base: a POST that names its origin must come from it. */
  publicBaseUrl: string;
}

function page(status: number, body: string): APIGatewayProxyStructuredResultV2 {
  return { statusCode: status, headers: { ...RETURNEE_PAGE_HEADERS, ...(status === 503 ? { 'Retry-After': '60' } : {}) }, body };
}

function refused(r: Refusal): APIGatewayProxyStructuredResultV2 {
  const kind: RefusalKind = r.reason === 'malformed' || r.reason === 'bad-signature' || r.reason === 'withdrawn' ? 'invalid' : r.reason;
  return page(RETURNEE_REFUSAL_STATUS[kind], returneeRefusalHtml(kind, r.language));
}

function formOf(event: APIGatewayProxyEventV2): Record<string, string> | undefined {
  const raw = event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : (event.body ?? '');
  if (raw.length > MAX_FORM_BYTES) return undefined;
  return Object.fromEntries(new URLSearchParams(raw));
}

export async function returneePageResponse(event: APIGatewayProxyEventV2, deps: ReturneePageDeps, guards: PageGuards, logger: Logger): Promise<APIGatewayProxyStructuredResultV2> {
  const token = event.pathParameters?.token ?? '';
  const method = event.requestContext.http.method;
  const formAction = `/p/${encodeURIComponent(token)}`;
  const appointmentId = event.pathParameters?.appointmentId;
  const log = (status: number, outcome: string) => logger.info('returnee page', { method, status, outcome, ...(appointmentId ? { route: 'calendar' } : {}) });
  const refuse = (r: Refusal) => {
    const res = refused(r);
    log(res.statusCode ?? 400, r.reason);
    return res;
  };

  if (method === 'POST') {
    // An old browser may send neither Sec-Fetch-Site nor Origin; one that names another site is refused.
    const origin = checkSameOrigin(event.headers, guards.publicBaseUrl);
    if (!origin.ok && origin.why !== 'no-origin-headers') {
      const shown = await showReturneePage(token, deps);
      log(403, `cross-site:${origin.why}`);
      return page(403, returneeRefusalHtml('cross-site', 'model' in shown ? shown.model.language : undefined));
    }
    const parsed = AnswerForm.safeParse(formOf(event) ?? {});
    if (!parsed.success) {
      const shown = await showReturneePage(token, deps);
      if (shown.kind === 'refused') return refuse(shown);
      log(400, 'invalid-form');
      return page(400, returneePageHtml(shown.model, formAction, 'unknown-step'));
    }
    const out = await answerReturneePage(token, parsed.data, deps);
    if (out.kind === 'refused') return refuse(out);
    if (out.kind === 'unknown-step') {
      log(409, 'unknown-step');
      return page(409, returneePageHtml(out.model, formAction, 'unknown-step'));
    }
    const notice: PageNotice = out.kind === 'already' ? 'already' : out.answer === 'yes' ? 'recorded-yes' : 'recorded-no';
    log(200, out.kind === 'already' ? 'already' : `answered-${out.answer}`);
    return page(200, returneePageHtml(out.model, formAction, notice));
  }

  const shown = await showReturneePage(token, deps);
  if (shown.kind === 'refused') return refuse(shown);
  if (appointmentId === undefined) {
    log(200, 'page');
    return page(200, returneePageHtml(shown.model, formAction));
  }
  const step = shown.model.steps.find((s) => s.kind !== 'referral' && s.appointmentId === appointmentId);
  if (!step || step.kind === 'referral') {
    log(404, 'no-such-appointment');
    return page(404, returneeRefusalHtml('invalid', shown.model.language));
  }
  log(200, 'calendar');
  return {
    statusCode: 200,
    headers: {
      'Content-Type': ICS_PUBLISH_CONTENT_TYPE,
      'Content-Disposition': `attachment; filename="${step.appointmentId}.ics"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin',
    },
    // The same bytes on every download while the appointment is unchanged (its version is the SEQUENCE).
    body: appointmentIcs(shown.model, step, new Date(step.when).toISOString()),
  };
}
