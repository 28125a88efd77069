import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { documentClient } from '../../shared/aws/clients.js';
import { loadConfig, RespondConfig } from '../../shared/config/config.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { systemClock } from '../../shared/domain/clock.js';
import { signingKeySource } from '../../shared/links/key-source.js';
import { secretsManagerOriginSecret } from '../../shared/links/origin-secret-source.js';
import { cloudFrontRedirect, OriginVerifier } from '../../shared/links/origin-verify.js';
import { checkSameOrigin } from '../../shared/links/same-origin.js';
import { count, createObservability, METRIC } from '../../shared/observability/metrics.js';
import { PAGE_HEADERS, refusalPage } from '../../shared/pages/response-page.js';
import { showResponsePage, submitResponse, type Page, type RespondDeps } from '../../shared/referrals/respond.js';
import { dynamoRepositories } from '../../shared/store/dynamodb-repositories.js';
import type { ReturneePageDeps } from '../../shared/cases/returnee-page.js';
import { returneePageResponse } from './returnee-page.js';

// A 500-character note in Cyrillic is ~4.5 KB URL-encoded.
const MAX_FORM_BYTES = 8192;

function html(page: Page): APIGatewayProxyStructuredResultV2 {
  return { statusCode: page.status, headers: { ...PAGE_HEADERS, ...(page.status === 503 ? { 'Retry-After': '60' } : {}) }, body: page.html };
}

const unavailable = (outcome: string): Page => ({ status: 503, html: refusalPage({ reason: 'unavailable', languages: [] }), outcome });

/** A request that did not come through CloudFront: no page, nothing about why. */
const FORBIDDEN: APIGatewayProxyStructuredResultV2 = {
  statusCode: 403,
  headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
  body: 'Forbidden',
};

export interface LinkGuards {
  /** The links' base: a POST must come from a page of this origin (links/same-origin.ts). */
  publicBaseUrl: string;
  /** On AWS, behind CloudFront: the x-origin-verify check (links/origin-verify.ts); locally none. */
  originVerifier?: OriginVerifier | undefined;
}

function formOf(event: APIGatewayProxyEventV2): Record<string, string> | undefined {
  const raw = event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : event.body ?? '';
  if (raw.length > MAX_FORM_BYTES) return undefined;
  return Object.fromEntries(new URLSearchParams(raw));
}

/**
 * Offices' one-click answers. The token in the path is the credential (signed, scoped to one
 * referral and one action, expiring); it is never logged. GET shows, POST records.
 */
export function createHandler(deps: RespondDeps & { pages: ReturneePageDeps['cases'] }, { logger, metrics }: { logger: Logger; metrics: Metrics }, guards: LinkGuards) {
  return middy(async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    const token = event.pathParameters?.token ?? '';
    const formAction = event.rawPath;
    const method = event.requestContext.http.method;
    try {
      if (guards.originVerifier) {
        // Before anything else, GET and POST alike. Logs say what happened, never a header's value.
        const verified = await guards.originVerifier.check(event.headers);
        if (!verified.ok) {
          count(metrics, METRIC.responseLinksRefused);
          if (verified.status === 503) {
            logger.error('response page: origin secret unavailable', { method, status: 503, outcome: verified.outcome, error: verified.error });
            return html(unavailable(verified.outcome));
          }
          const location = cloudFrontRedirect(method, event.rawPath, guards.publicBaseUrl);
          logger.info('response page', { method, status: location ? 302 : 403, outcome: verified.outcome });
          if (location) return { statusCode: 302, headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }, body: '' };
          return { ...FORBIDDEN, headers: { ...FORBIDDEN.headers } };
        }
      }
      if (event.rawPath.startsWith('/p/')) {
        return await returneePageResponse(event, { cases: deps.pages, directory: deps.directory, key: deps.key, clock: deps.clock }, guards, logger);
      }
      let page: Page;
      if (method === 'POST') {
        const form = formOf(event);
        page = form
          ? await submitResponse(token, form, formAction, deps, checkSameOrigin(event.headers, guards.publicBaseUrl))
          : { status: 413, html: refusalPage({ reason: 'malformed', languages: [] }), outcome: 'too-large' };
      } else {
        page = await showResponsePage(token, formAction, deps);
      }
      logger.info('response page', { method, status: page.status, outcome: page.outcome });
      if (page.outcome === 'moved') count(metrics, METRIC.referralAnswersRecorded);
      else if (page.status >= 400) count(metrics, METRIC.responseLinksRefused);
      return html(page);
    } catch (err) {
      logger.error('response page failed', { error: (err as Error)?.name, requestId: context.awsRequestId });
      return html(unavailable('failed'));
    }
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
}

const config = loadConfig(RespondConfig);
const { cases, referrals } = dynamoRepositories(documentClient(), config.TABLE_NAME);

export const handler = createHandler(
  {
    referrals,
    cases,
    pages: cases,
    directory: bundledDirectory(),
    key: signingKeySource(config, 'verify'),
    clock: systemClock,
  },
  createObservability('respond'),
  {
    publicBaseUrl: config.PUBLIC_BASE_URL,
    originVerifier: config.LINK_ORIGIN_SECRET_ARN ? new OriginVerifier(secretsManagerOriginSecret(config.LINK_ORIGIN_SECRET_ARN)) : undefined,
  },
);
