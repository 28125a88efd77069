import type { CognitoSettings } from './cognito.js';

/**
 * What the console is told at run time, from `config.json` beside index.html: written by
 * `npm start` (local/web.ts) from the running stack, and by the CDK stack on AWS (infra/console.ts).
 * Nothing of it is in the bundle, so one build runs anywhere.
 */
export interface ConsoleConfig {
  /** The coordinators' API, without a trailing slash. */
  apiUrl: string;
  cognito: CognitoSettings;
  /** How often the case page asks again (default 4 s). */
  pollSeconds?: number;
  /** "local" shows the demo users' hint on the sign-in page. */
  environment?: string;
}

export function parseConfig(raw: unknown): ConsoleConfig {
  const c = raw as Partial<ConsoleConfig> | null;
  if (!c || typeof c.apiUrl !== 'string' || !c.cognito || typeof c.cognito.endpoint !== 'string' || typeof c.cognito.clientId !== 'string') {
    throw new Error('config.json: apiUrl and cognito.endpoint, cognito.clientId are required');
  }
  return {
    apiUrl: c.apiUrl.replace(/\/+$/, ''),
    cognito: { endpoint: c.cognito.endpoint, region: c.cognito.region ?? '', clientId: c.cognito.clientId },
    pollSeconds: typeof c.pollSeconds === 'number' && c.pollSeconds > 0 ? c.pollSeconds : 4,
    ...(typeof c.environment === 'string' ? { environment: c.environment } : {}),
  };
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const res = await fetch('config.json', { cache: 'no-store' });
  if (!res.ok) throw new Error(`config.json: ${res.status}`);
  return parseConfig(await res.json());
}
