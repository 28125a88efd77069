import { useState } from 'preact/hooks';
import { DateInput } from '../components/date-time.js';
import { FormFailure, splitRefusal, useProblems, type Said } from '../components/said.js';
import { ActionButton, Check, ErrorSummary, Field, LoadError, Loading, PageTitle } from '../components/ui.js';
import { directoryText } from '../i18n/index.js';
import { useApp } from '../lib/context.js';
import { todayIso } from '../lib/format.js';
import { assessmentField, memberField } from '../lib/assessment-fields.js';
import { useLoad, useTitle } from '../lib/hooks.js';
import { label } from '../lib/labels.js';
import { href, navigate } from '../lib/router.js';
import { HOUSING, MISSING_DOCUMENTS, NEEDS, OFFICE_KINDS, VULNERABLE_CATEGORIES, type CaseView, type Need, type OfficeKind, type ProposedReferral } from '../lib/types.js';

interface MemberAnswers {
  included: boolean;
  missingDocuments: string[];
  unemployed: boolean;
  wantsVocationalTraining: boolean;
  /** '' = from the birth year */
  schoolAge: '' | 'yes' | 'no';
  needsLanguageSupport: boolean;
  categories: string[];
  healthNeeds: boolean;
  psychosocialNeeds: boolean;
}

/** The office that usually meets a need (the rules' pairing), for a referral the coordinator adds. */
export const OFFICE_FOR_NEED: Record<Need, OfficeKind> = {
  civil_documents: 'civil_registry',
  job_seeker_registration: 'employment_office',
  social_support: 'social_work_centre',
  school_enrolment: 'education_directorate',
  vocational_training: 'vocational_training',
  health_care: 'health',
  psychosocial_support: 'mental_health',
  housing: 'housing',
  police_assistance: 'police',
  specialised_service: 'cso',
  housing_reconstruction: 'reintegration_commission',
  rent_subsidy: 'reintegration_commission',
  agriculture_grant: 'agriculture_directorate',
  free_legal_aid: 'legal_aid',
  school_dropout_prevention: 'dropout_prevention',
  language_course: 'education_directorate',
};

const blank = (): MemberAnswers => ({ included: true, missingDocuments: [], unemployed: false, wantsVocationalTraining: false, schoolAge: '', needsLanguageSupport: false, categories: [], healthNeeds: false, psychosocialNeeds: false });
const toggle = (list: string[], v: string, on: boolean) => (on ? [...list.filter((x) => x !== v), v] : list.filter((x) => x !== v));

interface Proposal extends ProposedReferral {
  ticked: boolean;
  /** Added here, not yet known to the API: sent as `include`. */
  added?: boolean;
}

/** The needs assessment (FVN): the answers, the referrals its rules propose, then the referrals. */
export default function Assessment({ params }: { params: Record<string, string> }) {
  const { api, t, can, lang } = useApp();
  const caseId = params.caseId!;
  const base = `/cases/${encodeURIComponent(caseId)}`;
  const loaded = useLoad(() => api.get<CaseView>(base), [caseId]);
  const c = loaded.data;
  useTitle(c ? t('assessment.title', { smr: c.smrCaseId }) : t('assessment.titlePlain'), t('app.name'));
  const [assessedAt, setAssessedAt] = useState(todayIso());
  const [answers, setAnswers] = useState<Record<string, MemberAnswers>>({});
  const [housing, setHousing] = useState('');
  const [socialAssistanceNeeded, setSocial] = useState(false);
  const [specificCircumstances, setPolice] = useState(false);
  const [specialisedSupport, setSpecialised] = useState(false);
  const [proposals, setProposals] = useState<Proposal[] | undefined>(undefined);
  const [fieldErrors, setFieldProblems, errors] = useProblems();
  const [failure, setFailure] = useState<Said | undefined>(undefined);
  // A new attempt (or check) takes back what the last one said, beside the form or in its summary.
  const setProblems: typeof setFieldProblems = (p) => (setFieldProblems(p), setFailure(undefined));
  const [busy, setBusy] = useState(false);
  const [addNeed, setAddNeed] = useState<Need>('civil_documents');
  const [addOffice, setAddOffice] = useState<OfficeKind>('civil_registry');
  const [addPersons, setAddPersons] = useState<string[]>([]);
  const hasPreview = can('POST /cases/{caseId}/assessment/preview');

  if (!c)
    return (
      <>
        <PageTitle>{t('assessment.titlePlain')}</PageTitle>
        {loaded.error ? <LoadError error={loaded.error} /> : <Loading />}
      </>
    );

  const a = (id: string) => answers[id] ?? blank();
  const set = (id: string, patch: Partial<MemberAnswers>) => {
    setAnswers({ ...answers, [id]: { ...a(id), ...patch } });
    setProposals(undefined);
  };
  const name = (id: string) => {
    const m = c.household.find((x) => x.id === id);
    return m ? `${m.givenName} ${m.familyName}` : id;
  };

  const body = () => ({
    assessedAt,
    members: c.household
      .filter((m) => a(m.id).included)
      .map((m) => {
        const x = a(m.id);
        return {
          personId: m.id,
          ...(x.missingDocuments.length ? { missingDocuments: x.missingDocuments } : {}),
          unemployed: x.unemployed,
          wantsVocationalTraining: x.wantsVocationalTraining,
          ...(x.schoolAge ? { schoolAge: x.schoolAge === 'yes' } : {}),
          needsLanguageSupport: x.needsLanguageSupport,
          ...(x.categories.length ? { categories: x.categories } : {}),
          healthNeeds: x.healthNeeds,
          psychosocialNeeds: x.psychosocialNeeds,
        };
      }),
    household: { ...(housing ? { housing } : {}), socialAssistanceNeeded, specificCircumstances, specialisedSupport },
  });

  /** A box's name and the problem said beside it, if any. */
  const at = (name: string) => ({ name, error: fieldErrors[name] });
  const fail = (e: unknown, sent: ReturnType<typeof body>) => {
    const { fields, failure } = splitRefusal(e);
    // The API names a member's answer by the member's id (`members.p2.unemployed`), a path the form
    // has no input of its own for: said beside that question's box, so the summary leads there.
    setFieldProblems(Object.fromEntries(Object.entries(fields).map(([field, words]) => [assessmentField(field, sent.members), words])));
    setFailure(failure);
  };

  const preview = async () => {
    setProblems({});
    if (!c.household.some((m) => a(m.id).included)) return setProblems({ [memberField(c.household[0]!.id)]: ({ t }) => t('assessment.nobody') });
    setBusy(true);
    const sent = body();
    try {
      const out = await api.post<{ proposals: ProposedReferral[] }>(`${base}/assessment/preview`, sent);
      setProposals(out.proposals.map((r) => ({ ...r, ticked: !r.excluded })));
      setTimeout(() => document.getElementById('proposals-h')?.focus(), 0);
    } catch (e) {
      fail(e, sent);
    } finally {
      setBusy(false);
    }
  };

  /**
   * The assessment itself, with what the coordinator unticked (`exclude`, by the proposals' keys)
   * and added (`include`): its referrals get ids from the case and the keys, so submitting twice
   * makes nothing twice.
   */
  const make = async () => {
    setProblems({});
    setBusy(true);
    const sent = body();
    try {
      const all = proposals ?? [];
      const exclude = all.filter((p) => !p.ticked && !p.added).map((p) => p.key);
      const include = all
        .filter((p) => p.ticked && p.added)
        .map((p) => ({ officeKind: p.officeKind, need: p.need, personIds: p.personIds }));
      await api.post(`${base}/assessment`, { ...sent, ...(exclude.length ? { exclude } : {}), ...(include.length ? { include } : {}) });
      navigate(`/cases/${encodeURIComponent(caseId)}`);
    } catch (e) {
      fail(e, sent);
    } finally {
      setBusy(false);
    }
  };

  const addReferral = () => {
    if (!addPersons.length) return setProblems({ 'add.persons': ({ t }) => t('assessment.addWho') });
    setProblems({});
    setProposals([...(proposals ?? []), { officeKind: addOffice, need: addNeed, personIds: [...addPersons], categories: [], ticked: true, added: true, key: `added:${Date.now()}` }]);
    setAddPersons([]);
  };

  return (
    <>
      <PageTitle>{t('assessment.title', { smr: c.smrCaseId })}</PageTitle>
      <p>
        <a href={href(base)}>{t('assessment.backToCase')}</a>
      </p>
      <FormFailure said={failure} />
      <ErrorSummary errors={errors} title={t('form.problems')} />
      <form class="form" onSubmit={(e) => e.preventDefault()} noValidate>
        <Field name="assessedAt" label={t('assessment.date')} hint={t('form.dateHint')} error={assessedAt ? fieldErrors.assessedAt : t('register.dateInvalid')}>
          {(p) => <DateInput {...p} value={assessedAt} onChange={setAssessedAt} />}
        </Field>
        {c.household.map((m) => {
          const x = a(m.id);
          return (
            <fieldset class="member" key={m.id}>
              <legend>
                {m.givenName} {m.familyName} <span class="meta">({m.birthYear}, {label(t, 'memberRole', m.role)})</span>
              </legend>
              <Check {...at(memberField(m.id))} label={t('assessment.included')} checked={x.included} onChange={(v) => set(m.id, { included: v })} />
              {x.included ? (
                <div class="answers">
                  <fieldset class="group">
                    <legend>{t('assessment.missingDocuments')}</legend>
                    {MISSING_DOCUMENTS.map((d) => (
                      <Check key={d} {...at(memberField(m.id, `doc-${d}`))} label={label(t, 'document', d)} checked={x.missingDocuments.includes(d)} onChange={(v) => set(m.id, { missingDocuments: toggle(x.missingDocuments, d, v) })} />
                    ))}
                  </fieldset>
                  <fieldset class="group">
                    <legend>{t('assessment.workAndSchool')}</legend>
                    <Check {...at(memberField(m.id, 'unemployed'))} label={t('assessment.unemployed')} checked={x.unemployed} onChange={(v) => set(m.id, { unemployed: v })} />
                    <Check {...at(memberField(m.id, 'training'))} label={t('assessment.training')} checked={x.wantsVocationalTraining} onChange={(v) => set(m.id, { wantsVocationalTraining: v })} />
                    <Check {...at(memberField(m.id, 'language'))} label={t('assessment.languageSupport')} checked={x.needsLanguageSupport} onChange={(v) => set(m.id, { needsLanguageSupport: v })} />
                    <Field {...at(memberField(m.id, 'school'))} label={t('assessment.schoolAge')}>
                      {(p) => (
                        <select {...p} value={x.schoolAge} onChange={(e) => set(m.id, { schoolAge: (e.currentTarget as HTMLSelectElement).value as MemberAnswers['schoolAge'] })}>
                          <option value="">{t('assessment.schoolAgeAuto')}</option>
                          <option value="yes">{t('common.yes')}</option>
                          <option value="no">{t('common.no')}</option>
                        </select>
                      )}
                    </Field>
                  </fieldset>
                  <fieldset class="group">
                    <legend>{t('assessment.health')}</legend>
                    <Check {...at(memberField(m.id, 'health'))} label={t('assessment.healthNeeds')} checked={x.healthNeeds} onChange={(v) => set(m.id, { healthNeeds: v })} />
                    <Check {...at(memberField(m.id, 'psy'))} label={t('assessment.psychosocial')} checked={x.psychosocialNeeds} onChange={(v) => set(m.id, { psychosocialNeeds: v })} />
                  </fieldset>
                  <fieldset class="group">
                    <legend>{t('assessment.categories')}</legend>
                    {VULNERABLE_CATEGORIES.map((v) => (
                      <Check key={v} {...at(memberField(m.id, `cat-${v}`))} label={label(t, 'vulnerable', v)} checked={x.categories.includes(v)} onChange={(on) => set(m.id, { categories: toggle(x.categories, v, on) })} />
                    ))}
                  </fieldset>
                </div>
              ) : null}
            </fieldset>
          );
        })}
        <fieldset>
          <legend>{t('assessment.householdQuestions')}</legend>
          <Field {...at('household.housing')} label={t('assessment.housing')}>
            {(p) => (
              <select
                {...p}
                value={housing}
                onChange={(e) => {
                  setHousing((e.currentTarget as HTMLSelectElement).value);
                  setProposals(undefined);
                }}
              >
                <option value="">{t('assessment.notAsked')}</option>
                {HOUSING.map((h) => (
                  <option key={h} value={h}>
                    {label(t, 'housing', h)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Check {...at('household.social')} label={t('assessment.socialAssistance')} checked={socialAssistanceNeeded} onChange={(v) => (setSocial(v), setProposals(undefined))} />
          <Check {...at('household.police')} label={t('assessment.specificCircumstances')} checked={specificCircumstances} onChange={(v) => (setPolice(v), setProposals(undefined))} />
          <Check {...at('household.cso')} label={t('assessment.specialisedSupport')} checked={specialisedSupport} onChange={(v) => (setSpecialised(v), setProposals(undefined))} />
        </fieldset>
        {hasPreview ? (
          <ActionButton class="primary" busy={busy && !proposals} onClick={() => void preview()}>
            {t('assessment.preview')}
          </ActionButton>
        ) : (
          <ActionButton class="primary" busy={busy} onClick={() => void make()}>
            {t('assessment.makeDirect')}
          </ActionButton>
        )}
      </form>

      {proposals ? (
        <section aria-labelledby="proposals-h" class="proposals">
          <h2 id="proposals-h" tabIndex={-1}>
            {t('assessment.proposed')}
          </h2>
          {proposals.length === 0 ? <p>{t('assessment.noneProposed')}</p> : <p class="hint">{t('assessment.untickHint')}</p>}
          {proposals.map((p, i) => (
            <Check
              key={p.key ?? i}
              name={`proposal-${i}`}
              checked={p.ticked}
              onChange={(v) => setProposals(proposals.map((x, j) => (j === i ? { ...x, ticked: v } : x)))}
              label={
                <>
                  <strong>{label(t, 'need', p.need)}</strong> → {p.office ? directoryText(p.office, lang) : label(t, 'office', p.officeKind)} <span class="meta">· {p.personIds.map(name).join(', ')}</span>
                  {p.dependsOn && proposals.some((x) => x.key === p.dependsOn) ? (
                    <span class="meta"> · {t('case.waitsFor', { need: label(t, 'need', proposals.find((x) => x.key === p.dependsOn)!.need) })}</span>
                  ) : null}
                  {p.added ? <span class="meta"> · {t('assessment.added')}</span> : null}
                  {p.existing ? <span class="meta"> · {t('assessment.existing', { state: label(t, 'state', p.existing.status) })}</span> : null}
                </>
              }
            />
          ))}
          <details class="add-referral">
            <summary>{t('assessment.addReferral')}</summary>
            <div class="row">
              <Field name="add.need" label={t('assessment.need')}>
                {(p) => (
                  <select
                    {...p}
                    value={addNeed}
                    onChange={(e) => {
                      const n = (e.currentTarget as HTMLSelectElement).value as Need;
                      setAddNeed(n);
                      setAddOffice(OFFICE_FOR_NEED[n]);
                    }}
                  >
                    {NEEDS.map((n) => (
                      <option key={n} value={n}>
                        {label(t, 'need', n)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field name="add.office" label={t('assessment.office')}>
                {(p) => (
                  <select {...p} value={addOffice} onChange={(e) => setAddOffice((e.currentTarget as HTMLSelectElement).value as OfficeKind)}>
                    {OFFICE_KINDS.map((o) => (
                      <option key={o} value={o}>
                        {label(t, 'office', o)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <fieldset class="group">
              <legend id="f-add-persons" tabIndex={-1}>
                {t('assessment.forWhom')}
              </legend>
              {c.household.map((m) => (
                <Check key={m.id} name={`add-${m.id}`} label={name(m.id)} checked={addPersons.includes(m.id)} onChange={(v) => setAddPersons(toggle(addPersons, m.id, v))} />
              ))}
            </fieldset>
            <button type="button" class="secondary" onClick={addReferral}>
              {t('assessment.addIt')}
            </button>
          </details>
          <ActionButton class="primary" busy={busy} disabled={!proposals.some((p) => p.ticked)} onClick={() => void make()}>
            {t('assessment.make', { n: proposals.filter((p) => p.ticked).length })}
          </ActionButton>
        </section>
      ) : null}
    </>
  );
}
