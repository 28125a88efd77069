import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { routeRequest, type ApiTrust } from '../../../functions/api/router.js';
import type { ApiDeps } from '../../../functions/api/routes/types.js';
import { bundledDirectory } from '../../../shared/directory/directory.js';
import { MachineCallers } from '../../../shared/identity/caller.js';
import { emptyFigures } from '../../../shared/domain/indicators.js';

/**
 * A machine caller (an SMR integration signing with IAM on the machine API) goes through the same
 * router as a person: the principal is mapped to its declared role and municipality, then the
 * route's roles and scope apply. Events of the exact shape API Gateway's IAM authorizer produces.
 */
const trust: ApiTrust = {
  machineCallers: MachineCallers.parse([
    { name: 'smr-sync', principal: 'arn:aws:iam::123456789012:role/smr-sync', municipality: 'obiliq', role: 'coordinator' },
    { name: 'drpr-reports', principal: 'arn:aws:iam::123456789012:role/drpr-reports', municipality: '*', role: 'viewer' },
  ]),
  tokens: { issuer: 'https://cognito-idp.eu-central-1.amazonaws.com/p', clientIds: ['c'] },
};

const figuresRead: string[] = [];
const deps = {
  directory: bundledDirectory(),
  indicators: { figures: async (municipalityId: string) => (figuresRead.push(municipalityId), { ...emptyFigures(), municipalityId, casesOpened: 3 }) },
} as unknown as ApiDeps;
const logger = { appendKeys: () => undefined };

function iamEvent(userArn: string, municipalityId: string): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'GET /municipalities/{municipalityId}/indicators/{quarter}',
    rawPath: `/municipalities/${municipalityId}/indicators/2026-Q4`,
    rawQueryString: '',
    headers: {},
    pathParameters: { municipalityId, quarter: '2026-Q4' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'machine',
      authorizer: { iam: { accessKey: 'ASIA…', accountId: '123456789012', callerId: 'AROA…:run-1', principalOrgId: null, userArn, userId: 'AROA…:run-1' } },
      domainName: 'machine.execute-api.eu-central-1.amazonaws.com',
      domainPrefix: 'machine',
      http: { method: 'GET', path: `/municipalities/${municipalityId}/indicators/2026-Q4`, protocol: 'HTTP/1.1', sourceIp: '10.0.0.1', userAgent: 'smr' },
      requestId: 'r',
      routeKey: 'GET /municipalities/{municipalityId}/indicators/{quarter}',
      stage: '$default',
      time: '05/Dec/2026:10:00:00 +0000',
      timeEpoch: 0,
    },
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}

describe('machine callers through the router', () => {
  it('a session of the SMR role reads its own municipality, not another (403)', async () => {
    const session = 'arn:aws:sts::123456789012:assumed-role/smr-sync/run-1';
    expect((await routeRequest(iamEvent(session, 'obiliq'), deps, trust, logger)).statusCode).toBe(200);
    expect((await routeRequest(iamEvent(session, 'partesh'), deps, trust, logger)).statusCode).toBe(403);
    expect(figuresRead).toEqual(['obiliq']);
  });

  it('a national viewer reads every municipality; an unlisted principal nothing (403, nothing read)', async () => {
    figuresRead.length = 0;
    const viewer = 'arn:aws:sts::123456789012:assumed-role/drpr-reports/nightly';
    expect((await routeRequest(iamEvent(viewer, 'partesh'), deps, trust, logger)).statusCode).toBe(200);
    expect((await routeRequest(iamEvent('arn:aws:sts::123456789012:assumed-role/someone-else/x', 'obiliq'), deps, trust, logger)).statusCode).toBe(403);
    expect(figuresRead).toEqual(['partesh']);
  });
});
