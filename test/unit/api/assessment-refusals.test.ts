import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { caseRoutes } from '../../../functions/api/routes/cases.js';
import type { ApiDeps, RouteRequest } from '../../../functions/api/routes/types.js';
import { createCase } from '../../../shared/referrals/intake.js';
import { OBILIQ_ASSESSMENT } from '../assessment/fixtures.js';
import { arrival, COORDINATOR, valueOf, world } from '../support/world.js';

/**
 * The assessment's routes name a refused member by its id (`members.p2.unemployed`), not by its
 * place among the members sent: a caller (the console) finds the member whatever order it sent
 * them in. Through the route handlers on the in-memory repositories, as API Gateway's event.
 */

const ROUTES = ['POST /cases/{caseId}/assessment/preview', 'POST /cases/{caseId}/assessment'] as const;

async function refusal(route: (typeof ROUTES)[number], body: unknown) {
  const w = world();
  const { caseId } = valueOf(await createCase(arrival(), w.intake, COORDINATOR));
  const event = { headers: { 'content-type': 'application/json' }, pathParameters: { caseId }, body: JSON.stringify(body), isBase64Encoded: false } as unknown as APIGatewayProxyEventV2;
  const deps = { ...w.intake, caseFile: w.repos.caseFile } as unknown as ApiDeps;
  const res = await caseRoutes[route]!({ event, deps, actor: COORDINATOR } as RouteRequest);
  const view = (await w.repos.cases.view(caseId))!;
  return { status: res.statusCode, body: JSON.parse(res.body as string) as { message: string; errors: { field: string; message: string }[] }, referrals: view.referrals.length };
}

// The household's order is p1…p4; sent last first, a place would name another member.
const reversed = (change: (m: Record<string, unknown>) => void, personId: string) => ({
  ...OBILIQ_ASSESSMENT,
  members: OBILIQ_ASSESSMENT.members.map((m) => ({ ...m }) as Record<string, unknown>).reverse().map((m) => (m.personId === personId && change(m), m)),
});

describe.each(ROUTES)('%s refuses a member by its id', (route) => {
  it('a wrong answer: members.<personId>.<field>, in the message and in errors', async () => {
    const out = await refusal(route, reversed((m) => (m.unemployed = 'yes'), 'p2'));
    expect(out.status).toBe(400);
    expect(out.body.errors).toEqual([{ field: 'members.p2.unemployed', message: expect.any(String) }]);
    expect(out.body.message).toMatch(/^members\.p2\.unemployed: /);
    expect(out.referrals).toBe(0);
  });

  it('a person not in the household, or assessed twice: members.<personId>.personId', async () => {
    expect((await refusal(route, reversed((m) => (m.personId = 'p9'), 'p3'))).body.errors).toEqual([{ field: 'members.p9.personId', message: 'no household member with id "p9"' }]);
    expect((await refusal(route, reversed((m) => (m.personId = 'p1'), 'p3'))).body.errors).toEqual([{ field: 'members.p1.personId', message: 'person "p1" is assessed twice' }]);
  });

  it('a member sent without a valid id is named by its place, having no id', async () => {
    const out = await refusal(route, reversed((m) => (m.personId = 'P 3'), 'p3'));
    expect(out.body.errors).toEqual([{ field: 'members.1.personId', message: expect.any(String) }]);
  });
});
