import { useEffect, useMemo, useState } from 'preact/hooks';
import { Layout } from './components/layout.js';
import { LazyPage } from './components/lazy.js';
import { Loading } from './components/ui.js';
import { htmlLang, translator } from './i18n/index.js';
import { ApiError, createApi } from './lib/api.js';
import type { ConsoleConfig } from './lib/config.js';
import { Ctx, type AppContext, type Me } from './lib/context.js';
import { initialLanguage, saveLanguage } from './lib/language.js';
import { matchPath, navigate, useHashPath } from './lib/router.js';
import { loadSession, SessionKeeper, type Session } from './lib/session.js';
import type { Lang } from './lib/types.js';
import { SignIn } from './pages/sign-in.js';
import { Today } from './pages/today.js';

/** Which page a path opens, and who may see it (household pages: coordinators and heads only). */
interface RouteDef {
  pattern: string;
  page: string;
  household?: boolean;
  operator?: boolean;
}

export const ROUTES: RouteDef[] = [
  { pattern: '/', page: 'home' },
  { pattern: '/register', page: 'register', household: true },
  { pattern: '/cases', page: 'cases', household: true },
  { pattern: '/cases/:caseId', page: 'case', household: true },
  { pattern: '/cases/:caseId/assessment', page: 'assessment', household: true },
  { pattern: '/follow-ups', page: 'follow-ups', household: true },
  { pattern: '/meetings', page: 'meetings' },
  { pattern: '/meetings/:meetingId', page: 'meeting' },
  { pattern: '/indicators', page: 'indicators' },
  { pattern: '/settings', page: 'settings' },
  { pattern: '/operations', page: 'operations', operator: true },
];

export function resolve(path: string): { def: RouteDef; params: Record<string, string> } | undefined {
  for (const def of ROUTES) {
    const params = matchPath(def.pattern, path);
    if (params) return { def, params };
  }
  return undefined;
}

export function App({ config }: { config: ConsoleConfig }) {
  const [lang, setLangState] = useState<Lang>(initialLanguage);
  const t = useMemo(() => translator(lang), [lang]);
  const [session, setSession] = useState<Session | undefined>(loadSession);
  const keeper = useMemo(() => new SessionKeeper(config.cognito, session, setSession), [config]);
  const api = useMemo(() => createApi(config.apiUrl, () => keeper.token(), () => keeper.set(undefined)), [config, keeper]);
  const [me, setMe] = useState<Me | undefined>(undefined);
  // Which message, not its words (as every page keeps what it said): shown in the language of the moment.
  const [meError, setMeError] = useState<'signIn.noAccess' | 'error.server' | undefined>(undefined);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const path = useHashPath();

  const setLang = (l: Lang) => {
    saveLanguage(l);
    setLangState(l);
  };
  useEffect(() => {
    document.documentElement.lang = htmlLang(lang);
  }, [lang]);

  // Who the API says the user is; without a session, nothing.
  useEffect(() => {
    setMe(undefined);
    setMeError(undefined);
    if (!session) return;
    api.get<Me>('/me').then(setMe, (e: unknown) => {
      if (!(e instanceof ApiError && e.status === 401)) setMeError(e instanceof ApiError && e.status === 403 ? 'signIn.noAccess' : 'error.server');
    });
  }, [session?.identity.sub, session?.identity.role]);

  if (!session) return <SignIn config={config} lang={lang} setLang={setLang} t={t} onSignedIn={(s) => keeper.set(s)} />;
  if (meError)
    return (
      <main class="signin" id="main">
        <p role="alert">{t(meError)}</p>
        <button type="button" onClick={() => void keeper.signOut()}>
          {t('nav.signOut')}
        </button>
      </main>
    );
  if (!me) return <Loading />;

  const municipality = chosen ?? (me.national ? me.municipalities[0]?.id : me.municipalities[0]?.id) ?? '';
  const ctx: AppContext = { config, api, me, lang, t, municipality, can: (key) => me.routes.includes(key) };
  const found = resolve(path);
  const allowed = found && (!found.def.household || me.householdData) && (!found.def.operator || me.role === 'operator');
  let page;
  if (!found) page = <LazyPage name="not-found" params={{}} />;
  else if (!allowed) page = <LazyPage name="not-allowed" params={{}} />;
  else if (found.def.page === 'home') {
    // Each role's first page: coordinators their day, viewers the figures, operators their tools.
    if (me.householdData) page = <Today />;
    else if (me.role === 'operator') page = <LazyPage name="operations" params={{}} />;
    else page = <LazyPage name="indicators" params={{}} />;
  } else page = <LazyPage name={found.def.page} params={found.params} />;

  return (
    <Ctx.Provider value={ctx}>
      <Layout
        path={path}
        setLang={setLang}
        setMunicipality={(id) => {
          setChosen(id);
          if (path !== '/') navigate('/');
        }}
        signOut={() => void keeper.signOut().then(() => navigate('/'))}
      >
        {page}
      </Layout>
    </Ctx.Provider>
  );
}
