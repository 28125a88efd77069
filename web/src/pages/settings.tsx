import { useEffect, useState } from 'preact/hooks';
import { failed, refused, SaidNotice, told, type Said } from '../components/said.js';
import { PageTitle } from '../components/ui.js';
import { LANGUAGE_NAMES } from '../i18n/index.js';
import { useApp } from '../lib/context.js';
import { useTitle } from '../lib/hooks.js';
import { label } from '../lib/labels.js';
import { ANSWER_CHOICES, DIGEST_CHOICES, type AnswerChoice, type CoordinatorChoices, type DigestChoice } from '../lib/types.js';

/** The coordinator's choices: which digests (daily, weekly, both, none), and offices' acceptances and "done" in the digest or at once. */
export default function Settings() {
  const { api, t, me, municipality, lang } = useApp();
  useTitle(t('settings.title'), t('app.name'));
  const [digest, setDigest] = useState<DigestChoice | ''>('');
  const [answers, setAnswers] = useState<AnswerChoice | ''>('');
  const [coordinatorId, setCoordinatorId] = useState(me.coordinator?.id ?? '');
  const [notice, setNotice] = useState<Said | undefined>(undefined);
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
    if ((!digest && !answers) || !coordinatorId.trim()) return setNotice(refused(({ t }) => t('settings.choose')));
    setBusy(true);
    setNotice(undefined);
    try {
      const saved = await api.put<CoordinatorChoices>(path(coordinatorId), { ...(digest ? { digest } : {}), ...(answers ? { answers } : {}) });
      setNotice(told(({ t }) => t('settings.saved', { choice: `${label(t, 'digest', saved.digest)}; ${label(t, 'answers', saved.answers)}` })));
    } catch (err) {
      setNotice(failed(err));
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
        <Choices name="digest" legend={t('settings.digest')} hint={t('settings.digestHint')} options={DIGEST_CHOICES} value={digest} onChoose={setDigest} />
        <Choices name="answers" legend={t('settings.answers')} hint={t('settings.answersHint')} options={ANSWER_CHOICES} value={answers} onChoose={setAnswers} />
        <SaidNotice said={notice} />
        <button type="submit" class="primary" disabled={busy}>
          {t('common.save')}
        </button>
      </form>
    </>
  );
}

/** One question as radio buttons, each labelled by its code's word (`<name>.<code>`). */
function Choices<C extends string>(p: { name: string; legend: string; hint: string; options: readonly C[]; value: C | ''; onChoose: (c: C) => void }) {
  const { t } = useApp();
  return (
    <fieldset>
      <legend>{p.legend}</legend>
      <p class="hint">{p.hint}</p>
      {p.options.map((c) => (
        <div class="radio" key={c}>
          <input type="radio" id={`${p.name}-${c}`} name={p.name} value={c} checked={p.value === c} onChange={() => p.onChoose(c)} />
          <label for={`${p.name}-${c}`}>{label(t, p.name, c)}</label>
        </div>
      ))}
    </fieldset>
  );
}
