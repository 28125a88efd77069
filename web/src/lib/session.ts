import { refresh, revoke, type CognitoSettings, type Tokens } from './cognito.js';
import { identityOf, type Identity } from './identity.js';

/**
 * The signed-in session: tokens only, kept in sessionStorage (this tab, gone when it closes), so
 * a reload does not sign the user out. No case data is ever stored in the browser.
 */
const KEY = 'referrals.console.session';
/** Renew when the access token has less than this left. */
const RENEW_MS = 2 * 60_000;

export interface Session extends Tokens {
  identity: Identity;
}

export function sessionFrom(tokens: Tokens): Session | undefined {
  const identity = identityOf(tokens.accessToken);
  return identity ? { ...tokens, identity } : undefined;
}

export function loadSession(): Session | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return undefined;
    const t = JSON.parse(raw) as Tokens;
    return typeof t.accessToken === 'string' ? sessionFrom(t) : undefined;
  } catch {
    return undefined;
  }
}

export function saveSession(s: Session | undefined): void {
  if (!s) sessionStorage.removeItem(KEY);
  else sessionStorage.setItem(KEY, JSON.stringify({ accessToken: s.accessToken, refreshToken: s.refreshToken, expiresAt: s.expiresAt } satisfies Tokens));
}

/**
 * Hands out a valid access token, renewing it with the refresh token shortly before it expires
 * (one renewal at a time). `onChange(undefined)`: the session is over (refresh refused), sign in again.
 */
export class SessionKeeper {
  private renewing: Promise<Session | undefined> | undefined;

  constructor(
    private readonly cognito: CognitoSettings,
    private current: Session | undefined,
    private readonly onChange: (s: Session | undefined) => void,
  ) {}

  get session(): Session | undefined {
    return this.current;
  }

  set(s: Session | undefined): void {
    this.current = s;
    saveSession(s);
    this.onChange(s);
  }

  async token(): Promise<string | undefined> {
    const s = this.current;
    if (!s) return undefined;
    if (s.expiresAt - Date.now() > RENEW_MS) return s.accessToken;
    this.renewing ??= refresh(this.cognito, s.refreshToken)
      .then((t) => sessionFrom(t))
      .catch(() => undefined)
      .then((next) => {
        this.renewing = undefined;
        this.set(next);
        return next;
      });
    return (await this.renewing)?.accessToken;
  }

  async signOut(): Promise<void> {
    const s = this.current;
    this.set(undefined);
    if (s?.refreshToken) await revoke(this.cognito, s.refreshToken);
  }
}
