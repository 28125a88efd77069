import { describe, expect, it } from 'vitest';
import { evaluateAssessment } from '../../../shared/assessment/evaluate.js';
import { AssessmentInput } from '../../../shared/assessment/schema.js';
import { bundledDirectory, parseMunicipality } from '../../../shared/directory/directory.js';
import type { OfficeKind } from '../../../shared/domain/vocabulary.js';
import { NEED_ACTIONS, NEED_LABELS, OFFICE_KIND_LABELS } from '../../../shared/messages/labels.js';

/**
 * The routes both plans name that the platform lacked: the reintegration commission (KKR / OKR) for
 * renovation, reconstruction and rent, the agriculture directorate, free legal aid and the school
 * drop-out prevention team (EPPRM). An FVN answer makes a referral to the municipality's office.
 */

const HOUSEHOLD = [
  { id: 'p1', birthYear: 1984 },
  { id: 'p3', birthYear: 2013 },
];

function referrals(household: Record<string, boolean>, member: Record<string, boolean> = { schoolAge: false }) {
  const input = AssessmentInput.parse({
    assessedAt: '2026-11-23',
    members: [{ personId: 'p1' }, { personId: 'p3', ...member }],
    household,
  });
  return evaluateAssessment(input, HOUSEHOLD, 2026).map((d) => [d.ruleId, d.officeKind, d.need, d.personIds.join(',')]);
}

describe('the FVN answers the plans add', () => {
  it.each([
    ['reconstructionNeeded', 'housing-reconstruction', 'reintegration_commission', 'housing_reconstruction'],
    ['rentSubsidyNeeded', 'rent-subsidy', 'reintegration_commission', 'rent_subsidy'],
    ['agricultureGrantInterest', 'agriculture-grant', 'agriculture_directorate', 'agriculture_grant'],
    ['legalAidNeeded', 'free-legal-aid', 'legal_aid', 'free_legal_aid'],
  ])('household %s → %s: one referral of the household to the %s', (answer, rule, kind, need) => {
    expect(referrals({ [answer]: true })).toEqual([[rule, kind, need, 'p1,p3']]);
    expect(referrals({ [answer]: false })).toEqual([]);
  });

  it('a child at risk of dropping out → the drop-out prevention team, for that child only (beside the school enrolment of school age)', () => {
    expect(referrals({}, { atRiskOfDropout: true })).toEqual([
      ['school-enrolment', 'education_directorate', 'school_enrolment', 'p3'],
      ['school-dropout', 'dropout_prevention', 'school_dropout_prevention', 'p3'],
    ]);
  });

  it('an unknown or mistyped answer is refused, naming it', () => {
    const bad = AssessmentInput.safeParse({ assessedAt: '2026-11-23', members: [{ personId: 'p1' }], household: { legalAidNeeded: 'yes' } });
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['household.legalAidNeeded']);
  });
});

const NEW_KINDS: OfficeKind[] = ['reintegration_commission', 'agriculture_directorate', 'legal_aid', 'dropout_prevention'];

describe("the offices in each municipality's directory", () => {
  it.each(['obiliq', 'partesh'])('%s has each, under the plans’ names, in the languages its offices read', (id) => {
    const dir = bundledDirectory();
    const muni = dir.municipality(id)!;
    const names = Object.fromEntries(NEW_KINDS.map((k) => [k, dir.office(id, k)!.name]));
    expect(names.reintegration_commission).toMatchObject({ sq: expect.stringContaining('Komisioni Komunal për Riintegrim (KKR)'), sr: expect.stringContaining('Opštinska komisija za reintegraciju (OKR)') });
    expect(names.dropout_prevention!.sq).toContain('(EPPRM)');
    expect(names.legal_aid).toMatchObject({ sq: expect.stringContaining('Agjencia për Ndihmë Juridike Falas'), sr: expect.stringContaining('Agencija za besplatnu pravnu pomoć') });
    expect(names.agriculture_directorate!.sq).toMatch(/^Drejtor(ati|ia) i? ?e? ?Bujqësisë dhe Zhvillimit Rural/);
    for (const k of NEW_KINDS) expect(dir.office(id, k)!.address.sq, k).toMatch(id === 'obiliq' ? /Obiliq/ : /Partesh/);
    // Partesh's offices read Serbian; Obiliq's Albanian.
    for (const k of NEW_KINDS) expect(dir.office(id, k)!.languages, k).toContain(id === 'obiliq' ? 'sq' : 'sr-Latn');
    expect(muni.offices.filter((o) => NEW_KINDS.includes(o.kind))).toHaveLength(4);
  });

  it('an office with a real address, or of a kind the platform does not know, is refused naming the field', () => {
    const json = JSON.parse(JSON.stringify(bundledDirectory().municipality('partesh')));
    const at = json.offices.findIndex((o: { kind: string }) => o.kind === 'legal_aid');
    json.offices[at].email = 'gjilan@anjf.rks-gov.net';
    expect(() => parseMunicipality(json, 'partesh.json')).toThrow(`offices[${at}].email`);
    json.offices[at].email = 'gjilan@ndihmajuridike.example.org';
    json.offices[at].kind = 'legal_aid_agency';
    expect(() => parseMunicipality(json, 'partesh.json')).toThrow(`offices[${at}].kind`);
  });

  it('each new need has its own label and its own request to the office, in sq, sr and en', () => {
    for (const lang of ['sq', 'sr-Latn', 'sr-Cyrl', 'en'] as const) {
      const actions = (['housing_reconstruction', 'rent_subsidy', 'agriculture_grant', 'free_legal_aid', 'school_dropout_prevention'] as const).map((n) => NEED_ACTIONS[lang][n]);
      expect(new Set(actions).size, lang).toBe(5);
      expect(NEED_LABELS[lang].rent_subsidy, lang).toBeTruthy();
      for (const k of NEW_KINDS) expect(OFFICE_KIND_LABELS[lang][k], `${lang} ${k}`).toBeTruthy();
    }
    expect(NEED_ACTIONS.sq.housing_reconstruction).toContain('KKR');
    expect(NEED_ACTIONS['sr-Latn'].housing_reconstruction).toContain('OKR');
  });
});
