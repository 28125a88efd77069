import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { T } from '../i18n/index.js';
import type { Api } from './api.js';
import type { ConsoleConfig } from './config.js';
import type { Role } from './identity.js';
import type { Lang } from './types.js';

/** GET /me: who the API says the caller is, and which routes their role may call. */
export interface Me {
  id: string;
  role: Role;
  national: boolean;
  householdData: boolean;
  municipalities: { id: string; name: { sq: string; sr: string; en: string }; coordinatorOffice?: { sq: string; sr: string; en: string } }[];
  coordinator?: { id: string; name: string; language: string };
  routes: string[];
}

export interface AppContext {
  config: ConsoleConfig;
  api: Api;
  me: Me;
  lang: Lang;
  t: T;
  /** The municipality the screens are about: the user's own, or the one national staff chose. */
  municipality: string;
  /** Whether the user's role may call a route (`POST /cases`), from GET /me. */
  can(routeKey: string): boolean;
}

export const Ctx = createContext<AppContext | undefined>(undefined);

export function useApp(): AppContext {
  const c = useContext(Ctx);
  if (!c) throw new Error('useApp outside the signed-in console');
  return c;
}
