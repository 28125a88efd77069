import { FUNCTIONS, routeKey, type ApiRoute } from '../../../events/triggers.js';
import { json } from '../../../shared/http/responses.js';
import { ALL_MUNICIPALITIES } from '../../../shared/identity/caller.js';
import { ROLE_DESCRIPTIONS, seesHouseholdData } from '../../../shared/identity/roles.js';
import type { Routes } from './types.js';

const declared = FUNCTIONS.api.trigger.routes as readonly ApiRoute[];

/**
 * Who the caller is, as the API sees them: the console shows and scopes itself from this rather
 * than decoding the token, so it can never read more into a token than the API does.
 */
export const meRoutes = {
  'GET /me': async ({ caller, deps }) => {
    const national = caller.municipality === ALL_MUNICIPALITIES;
    const municipalities = national ? deps.directory.municipalities() : [deps.directory.municipality(caller.municipality)].filter((m) => m !== undefined);
    const coordinator = caller.coordinatorId
      ? municipalities.flatMap((m) => m.coordinators).find((c) => c.id === caller.coordinatorId)
      : undefined;
    return json(200, {
      id: caller.id,
      role: caller.role,
      roleDescription: ROLE_DESCRIPTIONS[caller.role],
      national,
      householdData: seesHouseholdData(caller.role),
      municipalities: municipalities.map((m) => ({ id: m.id, name: m.name, coordinatorOffice: m.coordinatorOffice })),
      // Staff's own directory entry: their name and language (a default for the console's), never another's.
      ...(coordinator ? { coordinator: { id: coordinator.id, name: coordinator.name, language: coordinator.language } } : {}),
      // What the role may call, from the same declaration the API checks: the console hides the rest.
      routes: declared.filter((r) => r.roles.includes(caller.role)).map(routeKey),
    });
  },
} satisfies Routes;
