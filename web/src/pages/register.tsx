import { useState } from 'preact/hooks';
import { DateInput } from '../components/date-time.js';
import { isValidPhone, toE164 } from '../../../shared/domain/phone.js';
import { FormFailure, required, splitRefusal, useProblems, type Problems, type Said, type Wording } from '../components/said.js';
import { Check, Choice, ErrorSummary, Field, PageTitle } from '../components/ui.js';
import { useFileT } from '../i18n/case-file.js';
import { LANGUAGE_NAMES, translator, type T } from '../i18n/index.js';
import { PERMIT_KINDS, type PermitKind } from '../lib/case-file.js';
import { useApp } from '../lib/context.js';
import { todayIso } from '../lib/format.js';
import { useTitle } from '../lib/hooks.js';
import { label } from '../lib/labels.js';
import { existingCaseOf } from '../lib/refusals.js';
import { href, navigate } from '../lib/router.js';
import { CATEGORIES, LANGS, MEMBER_ROLES, type Category, type Lang, type MemberRole } from '../lib/types.js';

interface Row {
  id: string;
  givenName: string;
  familyName: string;
  birthYear: string;
  role: MemberRole;
}

const CURRENT_YEAR = Number(todayIso().slice(0, 4));

/** Formats the number as it will be stored, for the coordinator to read back to the family. */
function e164Spaced(typed: string): string {
  const e = toE164(typed);
  if (!e) return '';
  return e.startsWith('+383') ? `+383 ${e.slice(4, 6)} ${e.slice(6, 9)} ${e.slice(9)}`.trim() : e;
}

/** Checks what can be checked before the API does, in the user's language. */
function check(f: { smrCaseId: string; arrivalDate: string; phone: string; rows: Row[]; coordinatorId: string; consentSms: boolean }): Problems {
  const e: Problems = {};
  if (!/^[A-Za-z0-9][A-Za-z0-9/-]{2,39}$/.test(f.smrCaseId.trim())) e.smrCaseId = ({ t }) => t('register.smrInvalid');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.arrivalDate)) e.arrivalDate = ({ t }) => t('register.dateInvalid');
  if (!f.coordinatorId.trim()) e.coordinatorId = required;
  if (f.phone.trim() && !isValidPhone(f.phone)) e.phone = ({ t }) => t('register.phoneInvalid');
  if (f.consentSms && !f.phone.trim()) e.phone = ({ t }) => t('register.phoneForSms');
  f.rows.forEach((r, i) => {
    if (!r.givenName.trim()) e[`household.${i}.givenName`] = required;
    if (!r.familyName.trim()) e[`household.${i}.familyName`] = required;
    const y = Number(r.birthYear);
    if (!Number.isInteger(y) || y < 1900 || y > CURRENT_YEAR) e[`household.${i}.birthYear`] = ({ t }) => t('register.yearInvalid', { year: CURRENT_YEAR });
  });
  return e;
}

/** Register an arrival: the household, category, language, phone and the two consents. */
export default function Register() {
  const { api, t, lang, me, municipality } = useApp();
  const ft = useFileT();
  useTitle(t('register.title'), t('app.name'));
  const [smrCaseId, setSmr] = useState('');
  const [arrivalDate, setArrival] = useState(todayIso());
  const [category, setCategory] = useState<Category>('returnee');
  const [permitDate, setPermitDate] = useState('');
  const [permit, setPermit] = useState<PermitKind | ''>('');
  const [language, setLanguage] = useState<Lang>(lang);
  const [phone, setPhone] = useState('');
  const [phoneTouched, setPhoneTouched] = useState(false);
  const [coordinatorId, setCoordinatorId] = useState(me.coordinator?.id ?? '');
  const [rows, setRows] = useState<Row[]>([{ id: 'p1', givenName: '', familyName: '', birthYear: '', role: 'head' }]);
  const [nextId, setNextId] = useState(2);
  const [consentSms, setConsentSms] = useState(false);
  const [consentShare, setConsentShare] = useState(false);
  const [errors, setErrors] = useProblems();
  const [, setSummary, summary] = useProblems();
  // Each field's problem, and in the summary after the field's name.
  const show = (problems: Problems) => {
    setErrors(problems);
    setSummary(Object.fromEntries(Object.entries(problems).map(([field, words]) => [field, (w: Wording) => `${fieldLabel(w.t, field)}: ${words(w)}`])));
  };
  const [failure, setFailure] = useState<Said | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  // The case the SMR case id is registered under already, when the API names it (a registration
  // whose answer was lost went through): opened rather than the family registered twice.
  const [existingCase, setExistingCase] = useState<string | undefined>(undefined);

  // The consent words are read to the family in their language, whatever the console's.
  const family = translator(language);
  const phoneOk = phone.trim() !== '' && isValidPhone(phone);
  const phoneLive = phoneTouched && phone.trim() !== '' && !phoneOk ? t('register.phoneInvalid') : undefined;

  const setRow = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  async function submit(e: Event) {
    e.preventDefault();
    const found = check({ smrCaseId, arrivalDate, phone, rows, coordinatorId, consentSms });
    show(found);
    setFailure(undefined);
    if (Object.keys(found).length) return;
    setBusy(true);
    setExistingCase(undefined);
    try {
      const out = await api.post<{ caseId: string }>('/cases', {
        smrCaseId: smrCaseId.trim(),
        municipalityId: municipality,
        coordinatorId: coordinatorId.trim(),
        arrivalDate,
        category,
        // A foreigner's clocks start at the status or permit (the API refuses these on a returnee).
        ...(category === 'foreigner' && permitDate ? { permitDate } : {}),
        ...(category === 'foreigner' && permit ? { permit } : {}),
        preferredLanguage: language,
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        consent: { sms: consentSms, shareWithOffices: consentShare },
        household: rows.map((r) => ({ id: r.id, givenName: r.givenName.trim(), familyName: r.familyName.trim(), birthYear: Number(r.birthYear), role: r.role })),
      });
      navigate(`/cases/${encodeURIComponent(out.caseId)}?registered=1`);
    } catch (err) {
      setExistingCase(existingCaseOf(err));
      const { fields, failure } = splitRefusal(err);
      show(fields);
      setFailure(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageTitle>{t('register.title')}</PageTitle>
      <form onSubmit={(e) => void submit(e)} noValidate class="form">
        <FormFailure said={failure} />
        <ErrorSummary errors={summary} title={t('form.problems')} />
        <fieldset>
          <legend>{t('register.case')}</legend>
          <Field name="smrCaseId" label={t('register.smrCaseId')} hint={t('register.smrHint')} error={errors.smrCaseId} required>
            {(a) => <input {...a} type="text" autoComplete="off" spellcheck={false} value={smrCaseId} onInput={(e) => setSmr((e.currentTarget as HTMLInputElement).value)} />}
          </Field>
          {existingCase ? (
            <p class="existing-case">
              <a href={href(`/cases/${encodeURIComponent(existingCase)}`)}>{t('register.openExisting')}</a>
            </p>
          ) : null}
          <Field name="arrivalDate" label={t('register.arrivalDate')} hint={t('form.dateHint')} error={errors.arrivalDate} required>
            {(a) => <DateInput {...a} value={arrivalDate} onChange={setArrival} />}
          </Field>
          <fieldset class="inline" aria-describedby="category-hint">
            <legend>{t('register.category')}</legend>
            <p class="hint" id="category-hint">
              {t('register.categoryHint')}
            </p>
            {CATEGORIES.map((c) => (
              <div class="radio" key={c}>
                <input type="radio" id={`f-category-${c}`} name="category" value={c} checked={category === c} onChange={() => setCategory(c)} />
                <label for={`f-category-${c}`}>{label(t, 'category', c)}</label>
              </div>
            ))}
          </fieldset>
          {category === 'foreigner' ? (
            <div class="row">
              <Field name="permitDate" label={ft('register.permitDate')} hint={ft('register.permitDateHint')} error={errors.permitDate}>
                {(a) => <DateInput {...a} value={permitDate} onChange={setPermitDate} />}
              </Field>
              <Choice name="permit" label={ft('register.permit')} error={errors.permit} value={permit} options={['', ...PERMIT_KINDS]} text={(k) => (k ? ft(`permit.${k}`) : ft('register.permitUnknown'))} onChange={setPermit} />
            </div>
          ) : null}
          <Field name="preferredLanguage" label={t('register.language')} hint={t('register.languageHint')}>
            {(a) => (
              <select {...a} value={language} onChange={(e) => setLanguage((e.currentTarget as HTMLSelectElement).value as Lang)}>
                {LANGS.map((l) => (
                  <option key={l} value={l}>
                    {LANGUAGE_NAMES[l]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="phone" label={t('register.phone')} hint={t('register.phoneHint')} error={errors.phone ?? phoneLive}>
            {(a) => (
              <input
                {...a}
                type="tel"
                autoComplete="off"
                inputMode="tel"
                value={phone}
                onInput={(e) => setPhone((e.currentTarget as HTMLInputElement).value)}
                onBlur={() => setPhoneTouched(true)}
              />
            )}
          </Field>
          <p class="phone-check" role="status" aria-live="polite">
            {phoneOk ? t('register.phoneOk', { number: e164Spaced(phone) }) : ''}
          </p>
          {me.coordinator ? null : (
            <Field name="coordinatorId" label={t('register.coordinator')} hint={t('register.coordinatorHint')} error={errors.coordinatorId} required>
              {(a) => <input {...a} type="text" value={coordinatorId} onInput={(e) => setCoordinatorId((e.currentTarget as HTMLInputElement).value)} />}
            </Field>
          )}
        </fieldset>

        <fieldset>
          <legend>{t('register.household')}</legend>
          {rows.map((r, i) => (
            <fieldset class="member" key={r.id}>
              <legend>{t('register.member', { n: i + 1 })}</legend>
              <div class="row">
                <Field name={`household.${i}.givenName`} label={t('register.givenName')} error={errors[`household.${i}.givenName`]} required>
                  {(a) => <input {...a} type="text" autoComplete="off" value={r.givenName} onInput={(e) => setRow(i, { givenName: (e.currentTarget as HTMLInputElement).value })} />}
                </Field>
                <Field name={`household.${i}.familyName`} label={t('register.familyName')} error={errors[`household.${i}.familyName`]} required>
                  {(a) => <input {...a} type="text" autoComplete="off" value={r.familyName} onInput={(e) => setRow(i, { familyName: (e.currentTarget as HTMLInputElement).value })} />}
                </Field>
                <Field name={`household.${i}.birthYear`} label={t('register.birthYear')} error={errors[`household.${i}.birthYear`]} required>
                  {(a) => <input {...a} type="text" inputMode="numeric" maxLength={4} class="short" value={r.birthYear} onInput={(e) => setRow(i, { birthYear: (e.currentTarget as HTMLInputElement).value })} />}
                </Field>
                <Field name={`household.${i}.role`} label={t('register.role')}>
                  {(a) => (
                    <select {...a} value={r.role} onChange={(e) => setRow(i, { role: (e.currentTarget as HTMLSelectElement).value as MemberRole })}>
                      {MEMBER_ROLES.map((x) => (
                        <option key={x} value={x}>
                          {label(t, 'memberRole', x)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              </div>
              {rows.length > 1 ? (
                <button type="button" class="secondary small" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                  {t('register.removeMember', { n: i + 1 })}
                </button>
              ) : null}
            </fieldset>
          ))}
          <button
            type="button"
            class="secondary"
            onClick={() => {
              setRows([...rows, { id: `p${nextId}`, givenName: '', familyName: rows[0]?.familyName ?? '', birthYear: '', role: 'child' }]);
              setNextId(nextId + 1);
            }}
          >
            {t('register.addMember')}
          </button>
        </fieldset>

        <fieldset>
          <legend>{t('register.consent')}</legend>
          <p class="hint">{t('register.consentHint', { language: LANGUAGE_NAMES[language] })}</p>
          <blockquote lang={language} class="read-out">
            {family(category === 'foreigner' ? 'consent.smsForeigner' : 'consent.smsReturnee')}
          </blockquote>
          <Check name="consent.sms" label={t('register.consentSms')} checked={consentSms} onChange={setConsentSms} error={errors['consent.sms']} />
          <blockquote lang={language} class="read-out">
            {family(category === 'foreigner' ? 'consent.shareForeigner' : 'consent.shareReturnee')}
          </blockquote>
          <Check name="consent.shareWithOffices" label={t('register.consentShare')} checked={consentShare} onChange={setConsentShare} error={errors['consent.shareWithOffices']} />
        </fieldset>

        <button type="submit" class="primary" disabled={busy} aria-busy={busy ? 'true' : undefined}>
          {t('register.submit')}
        </button>
      </form>
    </>
  );
}

/** The name of the field an error is about, for the summary ("Phone: …"). */
function fieldLabel(t: T, field: string): string {
  const member = /^household\.(\d+)\.(\w+)$/.exec(field);
  if (member) return `${t('register.member', { n: Number(member[1]) + 1 })}, ${label(t, 'field', member[2])}`;
  return label(t, 'field', field);
}
