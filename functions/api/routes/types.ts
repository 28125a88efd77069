import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { FUNCTIONS, RouteKey } from '../../../events/triggers.js';
import type { Actor } from '../../../shared/domain/actor.js';
import type { Caller } from '../../../shared/identity/caller.js';
import type { MeetingDeps } from '../../../shared/meetings/manage.js';
import type { IntakeDeps } from '../../../shared/referrals/intake.js';
import type { AddressRepository, CaseFileRepository, CoordinatorSettingsRepository, IndicatorRepository, IntentRepository, RetentionRepository } from '../../../shared/store/ports.js';

/** Everything the API's routes use: intake (cases, referrals, appointments), coordination and operations. */
export type ApiDeps = IntakeDeps &
  MeetingDeps & {
    settings: Pick<CoordinatorSettingsRepository, 'choices' | 'setChoices'>;
    indicators: IndicatorRepository;
    intents: Pick<IntentRepository, 'resolveFollowUp' | 'putIfAbsent'>;
    addresses: Pick<AddressRepository, 'get' | 'clear'>;
    caseFile: CaseFileRepository;
    /** A municipality's own entries on record (a grant call told). */
    audit: Pick<RetentionRepository, 'record'>;
  };

/** Every route key the declaration (events/triggers.ts) gives the api function. */
export type ApiRouteKey = RouteKey<(typeof FUNCTIONS)['api']['trigger']['routes'][number]>;

/** A request that has passed authorization and scoping: the caller may act on what it names. */
export interface RouteRequest {
  event: APIGatewayProxyEventV2;
  caller: Caller;
  actor: Actor;
  deps: ApiDeps;
}

export type RouteHandler = (req: RouteRequest) => Promise<APIGatewayProxyStructuredResultV2>;

/** A resource's routes: a key that is not declared fails to compile. */
export type Routes = Partial<Record<ApiRouteKey, RouteHandler>>;
