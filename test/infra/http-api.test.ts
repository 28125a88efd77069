import { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';

import { FUNCTIONS, type HttpTrigger } from '../../events/triggers.js';
import { API_THROTTLE, type HttpFunctionKey, type ReferralsStack, UNAUTHENTICATED_ROUTE_THROTTLE } from '../../infra/stack.js';
import { ApiConfig, loadConfig } from '../../shared/config/config.js';
import { API_SCOPE } from '../../shared/identity/roles.js';
import {
  type Json,
  HTTP_FUNCTIONS,
  synthMain,
  type Variant,
  variant,
  violationsOf,
  logicalId,
  resource,
  ofType,
  getAtt,
} from './synth.js';

let stack: ReferralsStack;
let template: Template;
let resources: Record<string, Json>;

beforeAll(() => {
  ({ stack, template, resources } = synthMain());
});

// ------------------------------------------------------------------------------------ HTTP API

/** An access log line names the caller by a stable id only: no email, username, name, IP or concrete path. */
function expectNoPersonalFields(format: Record<string, string>): void {
  for (const [field, value] of Object.entries(format)) {
    expect(`${field} ${value}`, field).not.toMatch(/email|username|cognito:|\bname\b|sourceIp|\$context\.path|identity\.user\b/i);
  }
}

describe('HTTP API', () => {
  const AUTHORIZATION_TYPE = { cognito: 'JWT', none: 'NONE' } as const satisfies Record<HttpTrigger['auth'], string>;
  const routeKeys = (key: HttpFunctionKey) => (FUNCTIONS[key].trigger as HttpTrigger).routes.map((r) => `${r.method} ${r.path}`);
  const routesByKey = () => new Map(ofType('AWS::ApiGatewayV2::Route').map(([id, r]) => [r.Properties.RouteKey as string, { id, ...r }]));
  const integrationOf = (route: Json) => {
    const [, [, ref]] = route.Properties.Target['Fn::Join'];
    return resources[ref.Ref].Properties;
  };

  it('one HttpApi; exactly one route per declared route of every HTTP function, no other', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    const declared = HTTP_FUNCTIONS.flatMap(routeKeys).sort();
    expect(new Set(declared).size).toBe(declared.length);
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(declared);
    for (const r of routes) expect(r.ApiId).toEqual({ Ref: logicalId(stack.api) });
  });

  it.each(HTTP_FUNCTIONS)('%s: its routes carry the authorization its declaration names and reach it', (key) => {
    const trigger = FUNCTIONS[key].trigger as HttpTrigger;
    const byKey = routesByKey();
    for (const routeKey of routeKeys(key)) {
      const route = byKey.get(routeKey)!;
      expect(route.Properties.AuthorizationType, routeKey).toBe(AUTHORIZATION_TYPE[trigger.auth]);
      if (trigger.auth === 'cognito') {
        // The one JWT authorizer, and the scope only access tokens of the pool carry (never an id token).
        expect(route.Properties.AuthorizerId, routeKey).toEqual({ Ref: logicalId(stack.api.node.findChild('CognitoAccessToken')) });
        expect(route.Properties.AuthorizationScopes, routeKey).toEqual([API_SCOPE]);
      } else {
        expect(route.Properties.AuthorizerId).toBeUndefined();
        expect(route.Properties.AuthorizationScopes).toBeUndefined();
      }
      expect(integrationOf(route)).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: getAtt(stack.functions[key], 'Arn'),
      });
    }
    expect(stack.httpRoutes[key].map((r) => logicalId(r)).sort()).toEqual(routeKeys(key).map((k) => byKey.get(k)!.id).sort());
  });

  it('the coordinators\' routes take a Cognito access token; only the offices\' signed-link routes have no authorizer', () => {
    expect(FUNCTIONS.api.trigger.auth).toBe('cognito');
    expect(FUNCTIONS.respond.trigger.auth).toBe('none');
    const open = ofType('AWS::ApiGatewayV2::Route')
      .filter(([, r]) => r.Properties.AuthorizationType !== 'JWT')
      .map(([, r]) => `${r.Properties.AuthorizationType} ${r.Properties.RouteKey}`)
      .sort();
    expect(open).toEqual(['NONE GET /p/{token}', 'NONE GET /p/{token}/calendar/{appointmentId}', 'NONE GET /r/{token}', 'NONE POST /p/{token}', 'NONE POST /r/{token}']);
    // Every route of every function declared 'cognito', from the declaration, has the JWT authorizer and API_SCOPE.
    const declared = HTTP_FUNCTIONS.filter((k) => (FUNCTIONS[k].trigger as HttpTrigger).auth === 'cognito').flatMap(routeKeys);
    expect(declared.length).toBeGreaterThan(20);
    const byKey = routesByKey();
    for (const key of declared) {
      expect(byKey.get(key)?.Properties, key).toMatchObject({ AuthorizationType: 'JWT', AuthorizationScopes: [API_SCOPE] });
    }
  });

  it('the JWT authorizer accepts the user pool\'s tokens for its console client only, from the Authorization header', () => {
    const authorizers = ofType('AWS::ApiGatewayV2::Authorizer');
    expect(authorizers).toHaveLength(1);
    const [id, authorizer] = authorizers[0]!;
    expect(id).toBe(logicalId(stack.api.node.findChild('CognitoAccessToken')));
    expect(authorizer.Properties).toEqual({
      ApiId: { Ref: logicalId(stack.api) },
      AuthorizerType: 'JWT',
      Name: 'CognitoAccessToken',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: logicalId(stack.userPoolClient) }],
        // The pool's issuer: https://cognito-idp.{region}.amazonaws.com/{pool id}.
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/', { Ref: logicalId(stack.userPool) }]] },
      },
    });
  });

  it('routes without authorization have their own, stricter throttle; the rest the stage default', () => {
    const stage = resource(stack.apiStage);
    expect(stage.Properties.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: API_THROTTLE.rateLimit,
      ThrottlingBurstLimit: API_THROTTLE.burstLimit,
    });
    const unauthenticated = HTTP_FUNCTIONS.filter((k) => (FUNCTIONS[k].trigger as HttpTrigger).auth === 'none').flatMap(routeKeys);
    expect(Object.keys(stage.Properties.RouteSettings).sort()).toEqual([...unauthenticated].sort());
    for (const settings of Object.values(stage.Properties.RouteSettings)) {
      expect(settings).toEqual({
        ThrottlingRateLimit: UNAUTHENTICATED_ROUTE_THROTTLE.rateLimit,
        ThrottlingBurstLimit: UNAUTHENTICATED_ROUTE_THROTTLE.burstLimit,
      });
    }
    expect(UNAUTHENTICATED_ROUTE_THROTTLE.rateLimit).toBeLessThan(API_THROTTLE.rateLimit);
    expect(UNAUTHENTICATED_ROUTE_THROTTLE.burstLimit).toBeLessThan(API_THROTTLE.burstLimit);
    // RouteSettings may only name existing routes: the stage waits for them.
    const byKey = routesByKey();
    expect(stage.DependsOn).toEqual(expect.arrayContaining(unauthenticated.map((k) => byKey.get(k)!.id)));
  });

  it('logs access to its own log group, with who called (the token\'s sub, never an email or a name); outputs URL and table name', () => {
    const stage = resource(stack.apiStage).Properties;
    expect(stage.StageName).toBe('$default');
    const [logGroupId] = stage.AccessLogSettings.DestinationArn['Fn::GetAtt'];
    expect(resources[logGroupId]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 90 } });
    const format = JSON.parse(stage.AccessLogSettings.Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', routeKey: '$context.routeKey', callerSub: '$context.authorizer.claims.sub' });
    expectNoPersonalFields(format);
    expect(Object.keys(template.toJSON().Outputs)).toEqual(expect.arrayContaining(['ApiUrl', 'TableName', 'UserPoolId', 'UserPoolClientId']));
  });
});

// ------------------------------------------------------------------------------------ machine callers (issue #13)

describe('machine callers: a second, IAM-authorised API', () => {
  const smr = { name: 'smr', principal: 'arn:aws:iam::123456789012:role/smr-integration', municipality: 'obiliq', role: 'coordinator' };
  const apiRouteKeys = (FUNCTIONS.api.trigger as HttpTrigger).routes.map((r) => `${r.method} ${r.path}`).sort();
  let v: Variant;
  beforeAll(() => {
    v = variant({ machineCallers: [smr] });
  });

  it('there is none without machine callers, and the api function is told the empty list', () => {
    expect(stack.machineApi).toBeUndefined();
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    expect(template.toJSON().Outputs.MachineApiUrl).toBeUndefined();
    const env = resource(stack.functions.api).Properties.Environment.Variables;
    expect(env.MACHINE_CALLERS).toBe('[]');
    // The function checks again what the JWT authorizer checks: this pool's issuer, this client.
    expect(env.TOKEN_ISSUER).toEqual(stack.resolve(stack.userPool.userPoolProviderUrl));
    expect(env.TOKEN_CLIENT_IDS).toEqual({ Ref: logicalId(stack.userPoolClient) });
    expect(loadConfig(ApiConfig, { TABLE_NAME: 't', PERSONAL_DATA_RETENTION_DAYS: '730', MACHINE_CALLERS: env.MACHINE_CALLERS, TOKEN_ISSUER: 'https://cognito-idp.eu-central-1.amazonaws.com/p', TOKEN_CLIENT_IDS: 'c' }).MACHINE_CALLERS).toEqual([]);
  });

  it('with machine callers: the same routes as the coordinators\' API, every one AWS_IAM, reaching the same function', () => {
    const machineApi = v.stack.machineApi!;
    const apiId = v.stack.getLogicalId(machineApi.node.defaultChild as CfnElement);
    const routes = Object.values(v.resources).filter((r: Json) => r.Type === 'AWS::ApiGatewayV2::Route' && r.Properties.ApiId.Ref === apiId) as Json[];
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual(apiRouteKeys);
    const fnArn = { 'Fn::GetAtt': [v.stack.getLogicalId(v.stack.functions.api.node.defaultChild as CfnElement), 'Arn'] };
    for (const r of routes) {
      expect(r.Properties.AuthorizationType, r.Properties.RouteKey).toBe('AWS_IAM');
      expect(r.Properties.AuthorizationScopes).toBeUndefined();
      const [, [, ref]] = r.Properties.Target['Fn::Join'];
      expect(v.resources[ref.Ref].Properties).toMatchObject({ ApiId: { Ref: apiId }, IntegrationType: 'AWS_PROXY', IntegrationUri: fnArn });
    }
    expect(v.stack.machineRoutes.map((r) => v.stack.getLogicalId(r.node.defaultChild as CfnElement)).sort()).toEqual(
      Object.entries(v.resources).filter(([, r]: [string, Json]) => r.Type === 'AWS::ApiGatewayV2::Route' && r.Properties.ApiId.Ref === apiId).map(([id]) => id).sort(),
    );
    // The people's API is unchanged: JWT on its api routes.
    const peopleId = v.stack.getLogicalId(v.stack.api.node.defaultChild as CfnElement);
    const people = Object.values(v.resources).filter((r: Json) => r.Type === 'AWS::ApiGatewayV2::Route' && r.Properties.ApiId.Ref === peopleId) as Json[];
    expect(people.filter((r) => r.Properties.AuthorizationType === 'JWT').map((r) => r.Properties.RouteKey).sort()).toEqual(apiRouteKeys);
    // API Gateway may invoke the api function from each of the two APIs, per route, and from nothing else.
    const permissions = Object.values(v.resources).filter((r: Json) => r.Type === 'AWS::Lambda::Permission' && JSON.stringify(r.Properties.FunctionName) === JSON.stringify(fnArn)) as Json[];
    expect(permissions).toHaveLength(2 * apiRouteKeys.length);
    for (const perm of permissions) expect(perm.Properties.Principal).toBe('apigateway.amazonaws.com');
  });

  it('the api function is told the machine callers (JSON), which its config reads back', () => {
    const env = v.resources[v.stack.getLogicalId(v.stack.functions.api.node.defaultChild as CfnElement)].Properties.Environment.Variables;
    expect(JSON.parse(env.MACHINE_CALLERS)).toEqual([smr]);
    expect(loadConfig(ApiConfig, { TABLE_NAME: 't', PERSONAL_DATA_RETENTION_DAYS: '730', MACHINE_CALLERS: env.MACHINE_CALLERS, TOKEN_ISSUER: 'https://cognito-idp.eu-central-1.amazonaws.com/p', TOKEN_CLIENT_IDS: 'c' }).MACHINE_CALLERS).toEqual([smr]);
  });

  it('grants nobody execute-api:Invoke (the principal\'s own policy does); logs who called by the signing principal\'s ARN; outputs its URL; cdk-nag clean', () => {
    for (const r of Object.values(v.resources) as Json[]) {
      if (r.Type !== 'AWS::IAM::Policy' && r.Type !== 'AWS::IAM::Role') continue;
      expect(JSON.stringify(r.Properties)).not.toContain('execute-api');
    }
    const stage = v.resources[v.stack.getLogicalId(v.stack.machineApiStage!.node.defaultChild as CfnElement)].Properties;
    expect(stage).toMatchObject({ StageName: '$default', DefaultRouteSettings: { ThrottlingRateLimit: API_THROTTLE.rateLimit, ThrottlingBurstLimit: API_THROTTLE.burstLimit } });
    const format = JSON.parse(stage.AccessLogSettings.Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', routeKey: '$context.routeKey', callerArn: '$context.identity.userArn' });
    expectNoPersonalFields(format);
    const [logGroupId] = stage.AccessLogSettings.DestinationArn['Fn::GetAtt'];
    expect(v.resources[logGroupId]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 90 } });
    expect(v.template.toJSON().Outputs.MachineApiUrl).toBeDefined();
    expect(violationsOf(v.assembly.directory)).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------ the console's origins (issue #15)

describe('CORS: the console’s origins only', () => {
  const origins = ['https://console.referrals.example.org', 'http://localhost:5173'];
  const smr = { name: 'smr', principal: 'arn:aws:iam::123456789012:role/smr-integration', municipality: 'obiliq', role: 'coordinator' };
  let v: Variant;
  beforeAll(() => {
    v = variant({ consoleOrigins: origins, machineCallers: [smr] });
  });
  const apiOf = (s: ReferralsStack, res: Record<string, Json>, api: ReferralsStack['api'] | undefined) => res[s.getLogicalId(api!.node.defaultChild as CfnElement)].Properties;

  /** The stack's own console (infra/console.ts): its CloudFront origin. */
  const consoleOrigin = (s: ReferralsStack) => ({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [s.getLogicalId(s.console.distribution.node.defaultChild as CfnElement), 'DomainName'] }]] });

  it('without console origins in the deployment file, only the stack’s own console may read the HTTP API from a browser', () => {
    expect(resource(stack.api).Properties.CorsConfiguration.AllowOrigins).toEqual([consoleOrigin(stack)]);
  });

  it('with them: exactly those origins and the stack’s console, the API’s methods, the token and JSON headers, no credentials; the machine API none', () => {
    expect(apiOf(v.stack, v.resources, v.stack.api).CorsConfiguration).toEqual({
      AllowOrigins: [...origins, consoleOrigin(v.stack)],
      AllowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
      AllowHeaders: ['authorization', 'content-type'],
      MaxAge: 600,
      AllowCredentials: false,
    });
    expect(apiOf(v.stack, v.resources, v.stack.machineApi).CorsConfiguration).toBeUndefined();
    expect(violationsOf(v.assembly.directory)).toEqual([]);
  });
});
