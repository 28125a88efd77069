import * as z from '../../../shared/domain/zod.js';
import { json } from '../../../shared/http/responses.js';
import { parseBody } from './http.js';
import type { Routes } from './types.js';

/**
 * The address is sent in the body, not the path, so that it never lands in an access log. The
 * table holds only its hash (shared/store/address-store.ts).
 */
const AddressInput = z.strictObject({ address: z.email() });

/** What an operator does through the API: email addresses SES refused (no household data). */
export const operationRoutes = {
  'POST /operations/addresses/status': async ({ event, deps }) => {
    const input = parseBody(event, AddressInput);
    if (!input.ok) return input.response;
    const item = await deps.addresses.get(input.value.address);
    return json(200, item ? { status: item.status, since: item.since, lastEventAt: item.lastEventAt, codes: item.codes } : { status: 'ok' });
  },

  'POST /operations/addresses/clear': async ({ event, deps }) => {
    const input = parseBody(event, AddressInput);
    if (!input.ok) return input.response;
    const was = await deps.addresses.clear(input.value.address);
    return was ? json(200, { cleared: true, was }) : json(404, { message: 'nothing to clear: no bounce or complaint on record for this address' });
  },
} satisfies Routes;
