import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { LANGUAGE_NAMES, type T } from '../i18n/index.js';
import { answerTotp, CognitoError, finishTotpSetup, otpauthUri, setNewPassword, signIn, type SignInStep } from '../lib/cognito.js';
import type { ConsoleConfig } from '../lib/config.js';
import { sessionFrom, type Session } from '../lib/session.js';
import { LANGS, type Lang } from '../lib/types.js';

type Pending = Exclude<SignInStep, { kind: 'signed-in' }>;

/** Cognito's refusals in the user's words. */
function problemText(e: unknown, t: T): string {
  if (!(e instanceof CognitoError)) return t('signIn.failed');
  switch (e.code) {
    case 'NotAuthorizedException':
    case 'UserNotFoundException':
      return t('signIn.wrongPassword');
    case 'CodeMismatchException':
    case 'EnableSoftwareTokenMFAException':
      return t('signIn.wrongCode');
    case 'ExpiredCodeException':
      return t('signIn.expired');
    case 'InvalidPasswordException':
      return t('signIn.weakPassword');
    case 'PasswordResetRequiredException':
      return t('signIn.resetRequired');
    case 'TooManyRequestsException':
    case 'LimitExceededException':
      return t('signIn.tooMany');
    case 'NetworkError':
      return t('error.network');
    default:
      return t('signIn.failed');
  }
}

/**
 * Sign-in: name and password, then whatever Cognito asks (a new password, a code from the
 * authenticator app, or setting one up). Nothing is stored until the tokens come back.
 */
export function SignIn({ config, lang, setLang, t, onSignedIn }: { config: ConsoleConfig; lang: Lang; setLang: (l: Lang) => void; t: T; onSignedIn: (s: Session) => void }) {
  const [step, setStep] = useState<Pending | undefined>(undefined);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [newPassword, setNewPw] = useState('');
  const [repeat, setRepeat] = useState('');
  // How to word the problem, not its words: the page's language may be switched after it (outside the console, so not said.tsx's Said).
  const [error, setError] = useState<{ words: (t: T) => string } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = t('signIn.title');
  }, [t]);
  // A new step's heading takes the focus as it appears, as a screen reader expects. In the same
  // render, not after it (useEffect waits for the next frame): someone who starts typing into the
  // new step's field at once (a password manager does) would otherwise have the focus pulled out
  // of the field, and their Enter would go nowhere.
  useLayoutEffect(() => heading.current?.focus(), [step?.kind]);

  async function go(action: () => Promise<SignInStep>) {
    setBusy(true);
    setError(undefined);
    try {
      const next = await action();
      if (next.kind === 'signed-in') {
        const s = sessionFrom(next.tokens);
        if (!s) setError({ words: (t) => t('signIn.noAccess') });
        else onSignedIn(s);
      } else {
        setCode('');
        setStep(next);
      }
    } catch (e) {
      setError({ words: (t) => problemText(e, t) });
    } finally {
      setBusy(false);
    }
  }

  const submit = (e: Event) => {
    e.preventDefault();
    if (!step) return void go(() => signIn(config.cognito, username.trim(), password));
    if (step.kind === 'new-password') {
      if (newPassword !== repeat) return setError({ words: (t) => t('signIn.mismatch') });
      return void go(() => setNewPassword(config.cognito, step, newPassword));
    }
    if (step.kind === 'totp') return void go(() => answerTotp(config.cognito, step, code.trim()));
    return void go(() => finishTotpSetup(config.cognito, step, code.trim()));
  };

  const title = !step ? t('signIn.title') : step.kind === 'new-password' ? t('signIn.newPasswordTitle') : step.kind === 'totp' ? t('signIn.totpTitle') : t('signIn.totpSetupTitle');
  return (
    <main class="signin" id="main">
      <div class="signin-lang">
        <label>
          <span class="visually-hidden">{t('nav.language')}</span>
          <select value={lang} onChange={(e) => setLang((e.currentTarget as HTMLSelectElement).value as Lang)}>
            {LANGS.map((l) => (
              <option key={l} value={l} lang={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p class="app-name">{t('app.name')}</p>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      <form onSubmit={submit} noValidate>
        {error ? (
          <p class="error-summary" role="alert">
            {error.words(t)}
          </p>
        ) : null}
        {!step ? (
          <>
            <div class="field">
              <label for="username">{t('signIn.username')}</label>
              <input id="username" name="username" type="email" autoComplete="username" required value={username} onInput={(e) => setUsername((e.currentTarget as HTMLInputElement).value)} />
            </div>
            <div class="field">
              <label for="password">{t('signIn.password')}</label>
              <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)} />
            </div>
          </>
        ) : step.kind === 'new-password' ? (
          <>
            <p>{t('signIn.newPasswordText')}</p>
            <div class="field">
              <label for="new-password">{t('signIn.newPassword')}</label>
              <p class="hint" id="new-password-hint">
                {t('signIn.passwordRules')}
              </p>
              <input id="new-password" type="password" autoComplete="new-password" required aria-describedby="new-password-hint" value={newPassword} onInput={(e) => setNewPw((e.currentTarget as HTMLInputElement).value)} />
            </div>
            <div class="field">
              <label for="repeat-password">{t('signIn.repeatPassword')}</label>
              <input id="repeat-password" type="password" autoComplete="new-password" required value={repeat} onInput={(e) => setRepeat((e.currentTarget as HTMLInputElement).value)} />
            </div>
          </>
        ) : (
          <>
            {step.kind === 'totp-setup' ? (
              <>
                <p>{t('signIn.totpSetupText')}</p>
                <p>
                  {t('signIn.totpKey')} <code class="secret">{step.secret}</code>
                </p>
                <p>
                  <a href={otpauthUri(step.secret, step.username)}>{t('signIn.totpOpen')}</a>
                </p>
              </>
            ) : (
              <p>{t('signIn.totpText')}</p>
            )}
            <div class="field">
              <label for="totp">{t('signIn.code')}</label>
              <input id="totp" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required value={code} onInput={(e) => setCode((e.currentTarget as HTMLInputElement).value)} />
            </div>
          </>
        )}
        <button type="submit" class="primary" disabled={busy} aria-busy={busy ? 'true' : undefined}>
          {!step ? t('signIn.submit') : t('signIn.continue')}
        </button>
        {step ? (
          <button type="button" class="secondary" onClick={() => (setStep(undefined), setError(undefined))}>
            {t('common.back')}
          </button>
        ) : null}
      </form>
      {config.environment === 'local' && !step ? <p class="hint">{t('signIn.localHint')}</p> : null}
    </main>
  );
}
