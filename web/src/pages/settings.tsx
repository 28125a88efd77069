import { useState } from 'preact/hooks';
import { Notice, PageTitle, useProblemText } from '../components/ui.js';
import { LANGUAGE_NAMES } from '../i18n/index.js';
import { useApp } from '../lib/context.js';
import { useTitle } from '../lib/hooks.js';
import { label } from '../lib/labels.js';
import { DIGEST_CHOICES, type DigestChoice } from '../lib/types.js';

/** The coordinator's digest choice (daily, weekly, both, none). */
export default function Settings() {
  const { api, t, me, municipality, lang } = useApp();
  useTitle(t('settings.title'), t('app.name'));
  const problem = useProblemText();
  const [digest, setDigest] = useState<DigestChoice | ''>('');
  const [coordinatorId, setCoordinatorId] = useState(me.coordinator?.id ?? '');
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const save = async (e: Event) => {
    e.preventDefault();
    if (!digest || !coordinatorId.trim()) return setNotice({ kind: 'error', text: t('settings.choose') });
    setBusy(true);
    setNotice(undefined);
    try {
      await api.put(`/municipalities/${encodeURIComponent(municipality)}/coordinators/${encodeURIComponent(coordinatorId.trim())}/digest`, { digest });
      setNotice({ kind: 'ok', text: t('settings.saved', { choice: label(t, 'digest', digest) }) });
    } catch (err) {
      setNotice({ kind: 'error', text: problem(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageTitle>{t('settings.title')}</PageTitle>
      <p>{t('settings.languageNote', { language: LANGUAGE_NAMES[lang] })}</p>
      <form class="form" onSubmit={(e) => void save(e)} noValidate>
        {me.role === 'head' ? (
          <div class="field">
            <label for="coordinator">{t('settings.coordinator')}</label>
            <p class="hint" id="coordinator-hint">
              {t('settings.coordinatorHint')}
            </p>
            <input id="coordinator" type="text" aria-describedby="coordinator-hint" value={coordinatorId} onInput={(e) => setCoordinatorId((e.currentTarget as HTMLInputElement).value)} />
          </div>
        ) : null}
        <fieldset>
          <legend>{t('settings.digest')}</legend>
          <p class="hint">{t('settings.digestHint')}</p>
          {DIGEST_CHOICES.map((d) => (
            <div class="radio" key={d}>
              <input type="radio" id={`digest-${d}`} name="digest" value={d} checked={digest === d} onChange={() => setDigest(d)} />
              <label for={`digest-${d}`}>{label(t, 'digest', d)}</label>
            </div>
          ))}
        </fieldset>
        <Notice kind={notice?.kind} message={notice?.text} />
        <button type="submit" class="primary" disabled={busy}>
          {t('common.save')}
        </button>
      </form>
    </>
  );
}
