import type { ComponentChildren } from 'preact';
import { directoryText, LANGUAGE_NAMES, type MessageKey } from '../i18n/index.js';
import { useApp } from '../lib/context.js';
import { href } from '../lib/router.js';
import { ArrivalProvider, useArrival } from './page-focus.js';
import { LANGS, type Lang } from '../lib/types.js';

interface NavItem {
  path: string;
  label: MessageKey;
  /** Shown when the role may call this route. */
  route: string;
}

const NAV: NavItem[] = [
  { path: '/', label: 'nav.today', route: 'GET /municipalities/{municipalityId}/follow-ups' },
  { path: '/cases', label: 'nav.cases', route: 'GET /municipalities/{municipalityId}/cases' },
  { path: '/register', label: 'nav.register', route: 'POST /cases' },
  { path: '/follow-ups', label: 'nav.followUps', route: 'GET /municipalities/{municipalityId}/follow-ups' },
  { path: '/meetings', label: 'nav.meetings', route: 'GET /municipalities/{municipalityId}/meetings' },
  { path: '/indicators', label: 'nav.indicators', route: 'GET /municipalities/{municipalityId}/indicators/{quarter}' },
  { path: '/settings', label: 'nav.settings', route: 'PUT /municipalities/{municipalityId}/coordinators/{coordinatorId}/digest' },
  { path: '/operations', label: 'nav.operations', route: 'POST /operations/addresses/status' },
];

/** The page around every page: skip link, header (who, where, language), navigation, main. */
export function Layout(props: { path: string; children: ComponentChildren; setLang: (l: Lang) => void; setMunicipality: (id: string) => void; signOut: () => void }) {
  const { t, me, lang, municipality, can } = useApp();
  const arrival = useArrival(props.path);
  const current = (p: string) => (p === '/' ? props.path === '/' : props.path === p || props.path.startsWith(`${p}/`));
  const muni = me.municipalities.find((m) => m.id === municipality);
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('page-title')?.focus())}>
        {t('nav.skip')}
      </a>
      <header class="top">
        <div class="brand">
          <span class="app-name">{t('app.name')}</span>
          {me.national ? (
            <label class="muni-choice">
              <span>{t('nav.municipality')}</span>
              <select value={municipality} onChange={(e) => props.setMunicipality((e.currentTarget as HTMLSelectElement).value)}>
                {me.municipalities.map((m) => (
                  <option key={m.id} value={m.id}>
                    {directoryText(m.name, lang)}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <span class="muni">{muni ? directoryText(muni.coordinatorOffice ?? muni.name, lang) : ''}</span>
          )}
        </div>
        <div class="who">
          <label class="lang">
            <span class="visually-hidden">{t('nav.language')}</span>
            <select value={lang} onChange={(e) => props.setLang((e.currentTarget as HTMLSelectElement).value as Lang)}>
              {LANGS.map((l) => (
                <option key={l} value={l} lang={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
          <span class="user">
            {me.coordinator?.name ?? t(`role.${me.role}`)}
            {me.coordinator ? <span class="role"> · {t(`role.${me.role}`)}</span> : null}
          </span>
          <button type="button" class="link-button" onClick={props.signOut}>
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <nav class="main-nav" aria-label={t('nav.label')}>
        <ul>
          {NAV.filter((n) => can(n.route) && !(n.path === '/' && !me.householdData)).map((n) => (
            <li key={n.path}>
              <a href={href(n.path)} aria-current={current(n.path) ? 'page' : undefined}>
                {t(n.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main">
        <ArrivalProvider value={arrival}>{props.children}</ArrivalProvider>
      </main>
    </>
  );
}
