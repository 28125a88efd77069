import { describe, expect, it } from 'vitest';
import { FUNCTIONS, routeKey, type ApiRoute, type FunctionDeclaration } from '../../../events/triggers.js';
import { ROUTES } from '../../../functions/api/router.js';
import { ROLES } from '../../../shared/domain/actor.js';

const declared = FUNCTIONS.api.trigger.routes as readonly ApiRoute[];

/** The path parameter each scope reads. */
const SCOPE_PARAM = { case: '{caseId}', meeting: '{meetingId}', municipality: '{municipalityId}', body: undefined, national: undefined } as const;

describe('the coordinators API declaration', () => {
  it('has exactly one handler per declared route, and no handler without a declaration', () => {
    expect(Object.keys(ROUTES).sort()).toEqual(declared.map(routeKey).sort());
    expect(new Set(declared.map(routeKey)).size).toBe(declared.length);
  });

  it('declares, for every route of every signed-in HTTP function, who may call it and what it is scoped to', () => {
    const signedIn = Object.values(FUNCTIONS as Record<string, FunctionDeclaration>).filter((f) => f.trigger.kind === 'http' && f.trigger.auth === 'cognito');
    expect(signedIn.map((f) => f.name)).toEqual(['api']);
    for (const f of signedIn) {
      for (const r of (f.trigger as { routes: readonly ApiRoute[] }).routes) {
        expect(r.roles.length, routeKey(r)).toBeGreaterThan(0);
        for (const role of r.roles) expect(ROLES, routeKey(r)).toContain(role);
        expect(Object.keys(SCOPE_PARAM), routeKey(r)).toContain(r.scope);
      }
    }
  });

  it("scopes each route by a parameter its path really has, and by the body only where a body names the municipality", () => {
    for (const r of declared) {
      const param = SCOPE_PARAM[r.scope];
      if (param) expect(r.path, routeKey(r)).toContain(param);
      if (r.scope === 'body') expect(r.method, routeKey(r)).toBe('POST');
      // A case's sub-resources are scoped by their case, never by a looser rule.
      if (r.path.startsWith('/cases/')) expect(r.scope, routeKey(r)).toBe('case');
      if (r.path.startsWith('/meetings/')) expect(r.scope, routeKey(r)).toBe('meeting');
    }
  });

  it('keeps household data from viewers and operators: they reach no case route', () => {
    for (const r of declared.filter((r) => r.path.includes('/cases') || r.path.includes('follow-ups'))) {
      expect(r.roles, routeKey(r)).not.toContain('viewer');
      expect(r.roles, routeKey(r)).not.toContain('operator');
    }
  });
});
