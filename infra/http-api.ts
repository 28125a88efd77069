import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnApi,
  type CfnRoute,
  type CfnStage,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  type HttpRoute,
  HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
  type ThrottleSettings,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';

import type { HttpTrigger } from '../events/triggers.js';
import { CONSOLE_CORS } from '../shared/http/cors.js';
import { API_SCOPE } from '../shared/identity/roles.js';
import type { HouseFunction } from './constructs/house-function.js';
import type { AccessSettings } from './deployment.js';

/** The whole API's stage throttle (every route without a stricter one of its own). */
export const API_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const satisfies ThrottleSettings;
/**
 * Routes declared `auth: 'none'` (offices' signed links) are open to anyone holding a URL, so
 * each gets a much lower throttle of its own: offices click a handful of links a day, and a
 * flood of guessed tokens should be cut off long before it costs Lambda time.
 */
export const UNAUTHENTICATED_ROUTE_THROTTLE = { rateLimit: 5, burstLimit: 10 } as const satisfies ThrottleSettings;

/** The HTTP API (and, for machine callers, the IAM-authorised one) with their stages and access logs. */
export interface HttpApis {
  readonly api: HttpApi;
  readonly apiStage: HttpStage;
  /** The second, IAM-authorised API for the deployment's machine callers (absent when it has none). */
  readonly machineApi?: HttpApi | undefined;
  readonly machineApiStage?: HttpStage | undefined;
}

/** Where addHttpRoutes puts a function's routes, and what it authorises them with. */
export interface RouteTargets extends HttpApis {
  /** The JWT authorizer of every route declared `auth: 'cognito'`. */
  readonly jwtAuthorizer: IHttpRouteAuthorizer;
  /** Collects the machine API's routes. */
  readonly machineRoutes: HttpRoute[];
  /** Whether the link routes are reached through CloudFront with the WAF (infra/links.ts). */
  readonly throughCloudFront: boolean;
}

/** The HTTP APIs, on the stack, without routes: those are wired from the declarations (addHttpRoutes). */
export function httpApis(stack: Stack, access: AccessSettings): HttpApis {
  const accessLogs = new LogGroup(stack, 'ApiAccessLogs', {
    retention: RetentionDays.THREE_MONTHS,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const api = new HttpApi(stack, 'HttpApi', {
    description:
      'Referrals API: the coordinators’ routes (a Cognito access token) and offices’ answers (signed links, verified by the function)',
    createDefaultStage: false,
    // Every route states its authorizer from its declaration; this default only backs that up.
    defaultAuthorizer: new HttpIamAuthorizer(),
  });
  allowConsoleOrigins(api, access.consoleOrigins);
  const apiStage = new HttpStage(stack, 'HttpApiDefaultStage', {
    httpApi: api,
    stageName: '$default',
    autoDeploy: true,
    throttle: API_THROTTLE,
    accessLogSettings: {
      destination: new LogGroupLogDestination(accessLogs),
      // Who called: the token's `sub` (a stable id, never the email or a name); "-" on the link routes.
      format: accessLogFormat({ callerSub: '$context.authorizer.claims.sub' }),
    },
  });

  // ---------------------------------------------------------------- machine callers: a second, IAM-authorised API
  // An IAM principal listed in the deployment's machineCallers (an SMR integration, say) calls
  // the same routes, with the same function, through this API; the function maps the signing
  // principal to its declared role and municipality (shared/identity/caller.ts) and scopes it
  // exactly as a person. The stack grants nobody execute-api:Invoke: the principal's own
  // identity policy must allow it on this API's ARN. HTTP APIs have no resource policy, so the
  // principal must be a role or user of this account (another account's integration assumes
  // such a role). Without machine callers there is no such API at all.
  if (access.machineCallers.length === 0) return { api, apiStage };
  const machineLogs = new LogGroup(stack, 'MachineApiAccessLogs', {
    retention: RetentionDays.THREE_MONTHS,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const machineApi = new HttpApi(stack, 'MachineApi', {
    description: "Referrals machine API: the coordinators' routes for the deployment's machine callers (SigV4-signed, IAM-authorised)",
    createDefaultStage: false,
    defaultAuthorizer: new HttpIamAuthorizer(),
  });
  const machineApiStage = new HttpStage(stack, 'MachineApiDefaultStage', {
    httpApi: machineApi,
    stageName: '$default',
    autoDeploy: true,
    throttle: API_THROTTLE,
    accessLogSettings: {
      destination: new LogGroupLogDestination(machineLogs),
      // Who called: the signing principal's ARN (what machineCallers maps).
      format: accessLogFormat({ callerArn: '$context.identity.userArn' }),
    },
  });
  return { api, apiStage, machineApi, machineApiStage };
}

/**
 * Lets browsers on `origins` (the coordinators' console) call the API: API Gateway answers their
 * preflights itself, before any authorizer, and adds the allow-origin header to every answer to
 * them. Only these origins, never `*`; no credentials (the console sends a bearer token, not
 * cookies). Called again with more origins (the stack's own console distribution), it adds them.
 * The machine API gets none: its callers are no browsers.
 */
export function allowConsoleOrigins(api: HttpApi, origins: readonly string[]): void {
  const cfn = api.node.defaultChild as CfnApi;
  const current = (cfn.corsConfiguration as CfnApi.CorsProperty | undefined)?.allowOrigins ?? [];
  const allowOrigins = [...new Set([...current, ...origins])];
  if (allowOrigins.length === 0) return;
  cfn.corsConfiguration = {
    allowOrigins,
    allowMethods: [...CONSOLE_CORS.allowMethods],
    allowHeaders: [...CONSOLE_CORS.allowHeaders],
    maxAge: CONSOLE_CORS.maxAgeSeconds,
    allowCredentials: false,
  };
}

/**
 * Puts an HTTP function's declared routes on the HttpApi, each with the authorization its
 * declaration names (AUTHORIZERS): 'cognito' → the JWT authorizer and API_SCOPE; 'none' → no
 * authorizer, the function checks the request itself (offices' signed links). Routes without an
 * authorizer get the stricter per-route throttle and a reasoned APIG4 acknowledgement on each
 * route resource. 'cognito' routes are also put on the machine API (when there is one), each
 * IAM-authorised, with an integration of their own (an integration belongs to one API) of the
 * same function.
 */
export function addHttpRoutes(targets: RouteTargets, id: string, fn: HouseFunction): HttpRoute[] {
  const trigger = fn.declaration.trigger;
  if (trigger.kind !== 'http') throw new Error(`${fn.declaration.name} is not declared as an HTTP function`);
  const integration = new HttpLambdaIntegration(`${id}Integration`, fn);
  const authorization = AUTHORIZERS[trigger.auth](targets.jwtAuthorizer);
  const routes = trigger.routes.flatMap((route) =>
    targets.api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration, ...authorization }),
  );
  if (trigger.auth === 'cognito' && targets.machineApi) {
    const machineIntegration = new HttpLambdaIntegration(`${id}MachineIntegration`, fn);
    const authorizer = new HttpIamAuthorizer();
    for (const route of trigger.routes) {
      targets.machineRoutes.push(
        ...targets.machineApi.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration: machineIntegration, authorizer }),
      );
    }
  }
  if (trigger.auth === 'none') {
    const stage = targets.apiStage.node.defaultChild as CfnStage;
    // The L2 stage has one throttle for all routes; per-route limits are the L1's RouteSettings.
    const settings = { ...(stage.routeSettings as Record<string, unknown> | undefined) };
    for (const route of routes) {
      settings[routeKeyOf(route)] = {
        ThrottlingRateLimit: UNAUTHENTICATED_ROUTE_THROTTLE.rateLimit,
        ThrottlingBurstLimit: UNAUTHENTICATED_ROUTE_THROTTLE.burstLimit,
      };
      // A stage's RouteSettings may only name routes that already exist.
      targets.apiStage.node.addDependency(route);
      // On the route resource itself (not the L2, whose Lambda permission is no route).
      // The returnee page (/p/…) is opened from an SMS by a household; the offices' links from an email.
      const page = routeKeyOf(route).includes(' /p/');
      const who = page ? 'an SMS by returning households' : 'an email by municipal offices';
      const bound = page ? 'a single case' : 'a single referral';
      Validations.of(route.node.defaultChild as CfnRoute).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `${routeKeyOf(route)} is opened from ${who}, who never log in and have no AWS identity: the credential is the link itself — an HMAC-signed, expiring token bound to ${bound}, verified by the ${fn.declaration.name} function before it reads or changes anything (GET only shows the page and never changes state; POST records the one answer). The route has its own stricter throttle (${UNAUTHENTICATED_ROUTE_THROTTLE.rateLimit}/s, burst ${UNAUTHENTICATED_ROUTE_THROTTLE.burstLimit})${targets.throughCloudFront ? ', and is reached through CloudFront with an AWS WAF per-source-IP rate limit (requests without CloudFront\'s origin secret are refused by the function)' : ''}; every other route on this API requires a Cognito access token (JWT authorizer).`,
      });
    }
    stage.routeSettings = settings;
  }
  return routes;
}

/** What a route of the HTTP API is given: its authorizer and the scopes a token must carry. */
interface RouteAuthorization {
  authorizer: IHttpRouteAuthorizer;
  authorizationScopes?: string[];
}

/**
 * Each declared `auth` as API Gateway authorization. 'cognito': the stack's one JWT authorizer
 * (the user pool's access tokens of the console client) and API_SCOPE on every route, so an id
 * token is refused; 'none': no authorizer (the function checks the signed link).
 */
const AUTHORIZERS = {
  cognito: (jwtAuthorizer) => ({ authorizer: jwtAuthorizer, authorizationScopes: [API_SCOPE] }),
  none: () => ({ authorizer: new HttpNoneAuthorizer() }),
} as const satisfies Record<HttpTrigger['auth'], (jwtAuthorizer: IHttpRouteAuthorizer) => RouteAuthorization>;

/**
 * The HTTP APIs' access log line (JSON): the route template, never the concrete path (which
 * carries case ids and link tokens); no caller IP, email or name; plus who called (`caller`).
 */
function accessLogFormat(caller: Record<string, string>): AccessLogFormat {
  return AccessLogFormat.custom(
    JSON.stringify({
      requestId: '$context.requestId',
      requestTime: '$context.requestTime',
      routeKey: '$context.routeKey',
      status: '$context.status',
      protocol: '$context.protocol',
      responseLength: '$context.responseLength',
      integrationLatency: '$context.integrationLatency',
      integrationError: '$context.integrationErrorMessage',
      authorizerError: '$context.authorizer.error',
      ...caller,
    }),
  );
}

/** "GET /r/{token}": the route's key, as RouteSettings and the access logs name it. */
function routeKeyOf(route: HttpRoute): string {
  const key = Stack.of(route).resolve((route.node.defaultChild as CfnRoute).routeKey);
  if (typeof key !== 'string') throw new Error(`${route.node.path}: route key is not a literal`);
  return key;
}
