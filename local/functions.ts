import { FUNCTIONS, type FunctionDeclaration, type FunctionKey, type Trigger } from '../events/triggers.js';
import type { EventHandler, EventRuleTarget } from './event-bus.js';
import type { HttpHandler, LocalRoute } from './http-server.js';
import type { ScheduledFunction, ScheduledHandler } from './scheduler.js';
import type { StreamHandler } from './stream-poller.js';
import { invokedAs } from './table-access.js';

/** What Lambda hands a function, by how it is invoked. */
interface HandlerByKind {
  http: HttpHandler;
  'dynamodb-stream': StreamHandler;
  schedule: ScheduledHandler;
  'event-rule': EventHandler;
}

/** Every declared function's handler, typed by its trigger. */
export type LocalHandlers = { [K in FunctionKey]: HandlerByKind[(typeof FUNCTIONS)[K]['trigger']['kind']] };

const KEYS = Object.keys(FUNCTIONS) as FunctionKey[];

/**
 * Every declared function's handler module, as Lambda loads it: the `handler` export of
 * functions/<name>/handler.ts. The modules read their configuration at import ("cold start"), so
 * the environment must be in place first. Each invocation runs as its function (local/table-access.ts).
 */
export async function loadHandlers(): Promise<LocalHandlers> {
  const handlers: Partial<Record<FunctionKey, unknown>> = {};
  for (const key of KEYS) {
    const { name } = FUNCTIONS[key];
    // The path is built from the declaration, so bundlers cannot follow it; Node and vitest load it as is.
    const module = (await import(/* @vite-ignore */ new URL(`../functions/${name}/handler.ts`, import.meta.url).href)) as { handler?: unknown };
    if (typeof module.handler !== 'function') throw new Error(`functions/${name}/handler.ts exports no handler`);
    // Its table calls are checked against its own declaration, as its role would (local/table-access.ts).
    handlers[key] = invokedAs(name, module.handler as (...args: unknown[]) => unknown);
  }
  return handlers as LocalHandlers;
}

export interface LocalStreamFunction {
  declaration: FunctionDeclaration & { trigger: Extract<Trigger, { kind: 'dynamodb-stream' }> };
  handler: StreamHandler;
}

/** How the local runtime invokes each declared function: the stand-ins of its trigger on AWS. */
export interface LocalWiring {
  /** Fed by the table's stream: one poller each. */
  streams: LocalStreamFunction[];
  /** Run by the local scheduler. */
  schedules: ScheduledFunction[];
  /** Targets of rules on the local default bus. */
  eventTargets: EventRuleTarget[];
  /** Served by the local HTTP API; `authorize` on the routes declared `auth: 'cognito'`. */
  routes: LocalRoute[];
}

/** Each declaration (events/triggers.ts) wired to its handler by its trigger, in their order. */
export function localWiring(handlers: LocalHandlers, authorize: NonNullable<LocalRoute['authorize']>): LocalWiring {
  const wiring: LocalWiring = { streams: [], schedules: [], eventTargets: [], routes: [] };
  for (const key of KEYS) {
    const declaration: FunctionDeclaration = FUNCTIONS[key];
    const { name, trigger } = declaration;
    const handler: unknown = handlers[key];
    switch (trigger.kind) {
      case 'dynamodb-stream':
        wiring.streams.push({ declaration: { ...declaration, trigger }, handler: handler as StreamHandler });
        break;
      case 'schedule':
        wiring.schedules.push({ name, trigger, handler: handler as ScheduledHandler });
        break;
      case 'event-rule':
        wiring.eventTargets.push({ name, trigger, handler: handler as EventHandler, timeoutSeconds: declaration.timeoutSeconds, memoryMb: declaration.memoryMb });
        break;
      case 'http':
        for (const route of trigger.routes) {
          // Offices' links carry their own credential (auth: 'none'): no authorizer.
          wiring.routes.push({ ...route, handler: handler as HttpHandler, functionName: name, ...(trigger.auth === 'cognito' ? { authorize } : {}) });
        }
        break;
    }
  }
  return wiring;
}
