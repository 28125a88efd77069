import { useEffect, useState } from 'preact/hooks';
import { Notice, PageTitle, useProblemText } from '../components/ui.js';
import { LANGUAGE_NAMES } from '../i18n/index.js';
import { useApp } from '../lib/context.js';
import { useTitle } from '../lib/hooks.js';
import { label } from '../lib/labels.js';
import { ANSWER_CHOICES, DIGEST_CHOICES, type AnswerChoice, type CoordinatorChoices, type DigestChoice } from '../lib/types.js';

/** The coordinator's choices: which digests (daily, weekly, both, none), and offices' acceptances and "done" in the digest or at once. */
export default function Settings() {
  const { api, t, me, municipality, lang } = useApp();
  useTitle(t('settings.title'), t('app.name'));
  const problem = useProblemText();
  const [digest, setDigest] = useState<DigestChoice | ''>('');
  const [answers, setAnswers] = useState<AnswerChoice | ''>('');
  const [coordinatorId, setCoordinatorId] = useState(me.coordinator?.id ?? '');
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const path = (id: string) => `/municipalities/${encodeURIComponent(municipality)}/coordinators/${encodeURIComponent(id.trim())}/digest`;
  // The choices in force (their own, else the directory's defaults), so the page shows what the mornings bring.
  const load = (id: string) => {
    if (!id.trim()) return;
    api.get<CoordinatorChoices>(path(id)).then(
      (c) => {
        setDigest(c.digest);
        setAnswers(c.answers);
      },
      // A head typing an id that is no coordinator's: nothing to show until they save or correct it.
      () => undefined,
    );
  };
  useEffect(() => load(coordinatorId), []);
  const save = async (e: Event) => {
    e.preventDefault();
    if ((!digest && !answers) || !coordinatorId.trim()) return setNotice({ kind: 'error', text: t('settings.choose') });
    setBusy(true);
    setNotice(undefined);
    try {
      const saved = await api.put<CoordinatorChoices>(path(coordinatorId), { ...(digest ? { digest } : {}), ...(answers ? { answers } : {}) });
      setNotice({ kind: 'ok', text: t('settings.saved', { choice: `${label(t, 'digest', saved.digest)}; ${label(t, 'answers', saved.answers)}` }) });
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
            <input
              id="coordinator"
              type="text"
              aria-describedby="coordinator-hint"
              value={coordinatorId}
              onInput={(e) => setCoordinatorId((e.currentTarget as HTMLInputElement).value)}
              onChange={(e) => load((e.currentTarget as HTMLInputElement).value)}
            />
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
        <fieldset>
          <legend>{t('settings.answers')}</legend>
          <p class="hint">{t('settings.answersHint')}</p>
          {ANSWER_CHOICES.map((a) => (
            <div class="radio" key={a}>
              <input type="radio" id={`answers-${a}`} name="answers" value={a} checked={answers === a} onChange={() => setAnswers(a)} />
              <label for={`answers-${a}`}>{label(t, 'answers', a)}</label>
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
