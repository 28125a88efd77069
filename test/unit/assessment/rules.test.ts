import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RulesError } from '../../../shared/assessment/errors.js';
import { bundledRules, loadRulesFile, parseRules } from '../../../shared/assessment/rules.js';
import { Need, OfficeKind } from '../../../shared/domain/vocabulary.js';

const RULES_FILE = fileURLToPath(new URL('../../../shared/assessment/rules.json', import.meta.url));
const fileJson = () => JSON.parse(readFileSync(RULES_FILE, 'utf8')) as Record<string, any>[];
const at = (rules: Record<string, any>[], id: string) => rules.find((r) => r.id === id)!;

function failure(json: unknown): RulesError {
  try {
    parseRules(json, 'rules.json');
  } catch (err) {
    expect(err).toBeInstanceOf(RulesError);
    return err as RulesError;
  }
  throw new Error('expected the rules to be rejected');
}

describe('bundled rules.json', () => {
  it('validates, is frozen and memoized, and equals the file on disk', () => {
    const rules = bundledRules();
    expect(bundledRules()).toBe(rules);
    expect(Object.isFrozen(rules) && Object.isFrozen(rules[0]!.when)).toBe(true);
    expect(loadRulesFile(RULES_FILE)).toEqual(rules);
  });

  it('has the sixteen rules of the plans, in order, each to a known office kind and need', () => {
    expect(bundledRules().map((r) => [r.id, r.refer.officeKind, r.refer.need, r.scope, r.dependsOn ?? r.alongside ?? null])).toEqual([
      ['civil-documents', 'civil_registry', 'civil_documents', 'member', null],
      ['job-seeker', 'employment_office', 'job_seeker_registration', 'member', 'civil-documents'],
      ['vocational-training', 'vocational_training', 'vocational_training', 'member', null],
      ['school-enrolment', 'education_directorate', 'school_enrolment', 'member', 'civil-documents'],
      ['social-support', 'social_work_centre', 'social_support', 'household', null],
      ['health-care', 'health', 'health_care', 'member', null],
      ['psychosocial-support', 'mental_health', 'psychosocial_support', 'member', null],
      ['housing', 'housing', 'housing', 'household', null],
      ['police-assistance', 'police', 'police_assistance', 'household', null],
      ['specialised-service', 'cso', 'specialised_service', 'household', null],
      ['housing-reconstruction', 'reintegration_commission', 'housing_reconstruction', 'household', null],
      ['rent-subsidy', 'reintegration_commission', 'rent_subsidy', 'household', null],
      ['agriculture-grant', 'agriculture_directorate', 'agriculture_grant', 'household', null],
      ['free-legal-aid', 'legal_aid', 'free_legal_aid', 'household', null],
      ['school-dropout', 'dropout_prevention', 'school_dropout_prevention', 'member', null],
      ['language-course', 'education_directorate', 'language_course', 'member', 'civil-documents'],
    ]);
    // Every office kind and every need is reachable from some rule.
    expect(new Set(bundledRules().map((r) => r.refer.officeKind))).toEqual(new Set(OfficeKind.options));
    expect(new Set(bundledRules().map((r) => r.refer.need))).toEqual(new Set(Need.options));
  });
});

describe('a malformed rules file fails naming the rule and the field', () => {
  const cases: [string, (rules: Record<string, any>[]) => void, RegExp][] = [
    [
      'unknown office kind',
      (r) => (at(r, 'job-seeker').refer.officeKind = 'employment'),
      /^rules\.json: rules\.1\.refer\.officeKind: Invalid option: .* \(rule "job-seeker"\)$/,
    ],
    ['unknown need', (r) => (at(r, 'housing').refer.need = 'shelter'), /^rules\.json: rules\.7\.refer\.need: .*\(rule "housing"\)$/],
    ['missing scope', (r) => delete at(r, 'health-care').scope, /^rules\.json: rules\.5\.scope: .*\(rule "health-care"\)$/],
    ['bad scope', (r) => (at(r, 'health-care').scope = 'person'), /^rules\.json: rules\.5\.scope: .*\(rule "health-care"\)$/],
    [
      'unknown test in a member clause',
      (r) => (at(r, 'vocational-training').when = { member: { wantsTraining: true } }),
      /^rules\.json: rules\.2\.when\.member\.wantsTraining: unknown field \(rule "vocational-training"\)$/,
    ],
    [
      'wrong test value type',
      (r) => (at(r, 'health-care').when.member.healthNeeds = 'yes'),
      /^rules\.json: rules\.5\.when\.member\.healthNeeds: .*expected boolean.*\(rule "health-care"\)$/,
    ],
    [
      'unknown category inside a list test, deep in an "any"',
      (r) => (at(r, 'specialised-service').when.any[1].member.categories = ['trafficking_victim', 'dv_victim']),
      /^rules\.json: rules\.9\.when\.any\.1\.member\.categories\.1: Invalid option: .*\(rule "specialised-service"\)$/,
    ],
    [
      'a list test that is neither "any", "none" nor a list',
      (r) => (at(r, 'civil-documents').when.member.missingDocuments = 'some'),
      /^rules\.json: rules\.0\.when\.member\.missingDocuments: expected "any", "none" or a non-empty list of missing documents \(rule "civil-documents"\)$/,
    ],
    [
      'unknown housing value',
      (r) => (at(r, 'housing').when.household.housing = ['inadequate', 'tent']),
      /^rules\.json: rules\.7\.when\.household\.housing\.1: .*\(rule "housing"\)$/,
    ],
    [
      'a condition with two keys',
      (r) => (at(r, 'police-assistance').when = { household: { specificCircumstances: true }, member: { unemployed: true } }),
      /^rules\.json: rules\.8\.when: a condition has exactly one of "member", "household" or "any" \(rule "police-assistance"\)$/,
    ],
    [
      'an empty clause',
      (r) => (at(r, 'police-assistance').when = { household: {} }),
      /^rules\.json: rules\.8\.when\.household: a household clause needs at least one test/,
    ],
    [
      'an age range upside down',
      (r) => (at(r, 'job-seeker').when.member.age = { min: 64, max: 18 }),
      /^rules\.json: rules\.1\.when\.member\.age\.max: min is above max \(rule "job-seeker"\)$/,
    ],
    [
      'a member-scope rule that tests the household',
      (r) => (at(r, 'health-care').when = { any: [{ member: { healthNeeds: true } }, { household: { specialisedSupport: true } }] }),
      /^rules\.json: rules\.5\.when\.any\.1\.household: a rule of scope "member" can only test members/,
    ],
    [
      'dependsOn an unknown rule',
      (r) => (at(r, 'job-seeker').dependsOn = 'civil-docs'),
      /^rules\.json: rules\.1\.dependsOn: no rule with id "civil-docs" \(rule "job-seeker"\)$/,
    ],
    [
      'alongside an unknown rule',
      (r) => (at(r, 'school-enrolment').alongside = 'civil-docs'),
      /^rules\.json: rules\.3\.alongside: no rule with id "civil-docs" \(rule "school-enrolment"\)$/,
    ],
    [
      'both waiting for a rule and going alongside it',
      (r) => (at(r, 'school-enrolment').dependsOn = 'civil-documents'),
      /^rules\.json: rules\.3\.alongside: a rule either waits for another \(dependsOn\) or goes alongside it, not both/,
    ],
    [
      'dependsOn a later rule',
      (r) => (at(r, 'civil-documents').dependsOn = 'housing'),
      /^rules\.json: rules\.0\.dependsOn: "housing" \(rules\.7\) must come before the rule that depends on it/,
    ],
    ['dependsOn itself', (r) => (at(r, 'housing').dependsOn = 'housing'), /^rules\.json: rules\.7\.dependsOn: a rule cannot depend on itself/],
    ['duplicate id', (r) => (at(r, 'housing').id = 'health-care'), /^rules\.json: rules\.7\.id: duplicate rule id "health-care" \(also rules\.5\)/],
    ['bad id', (r) => (r[4]!.id = 'Social Support'), /^rules\.json: rules\.4\.id: a rule id of lower-case/],
    [
      'unknown categories mode',
      (r) => (at(r, 'social-support').refer.categories = 'all'),
      /^rules\.json: rules\.4\.refer\.categories: .*\(rule "social-support"\)$/,
    ],
    ['unknown field on a rule', (r) => (r[0]!.priority = 1), /^rules\.json: rules\.0\.priority: unknown field \(rule "civil-documents"\)$/],
  ];

  it.each(cases)('%s', (_name, mutate, expected) => {
    const rules = fileJson();
    mutate(rules);
    expect(failure(rules).message).toMatch(expected);
  });

  it('lists every problem when there are several, each with its rule', () => {
    const rules = fileJson();
    at(rules, 'job-seeker').refer.officeKind = 'employment';
    at(rules, 'housing').scope = 'flat';
    const err = failure(rules);
    expect(err.problems.map((p) => p.field)).toEqual(['rules.1.refer.officeKind', 'rules.7.scope']);
    expect(err.message).toMatch(/^2 problems\n {2}rules\.json: rules\.1\.refer\.officeKind: .*\n {2}rules\.json: rules\.7\.scope: /);
  });

  it('names the file when it is not a list of rules, or is empty', () => {
    expect(failure({ rules: [] }).message).toMatch(/^rules\.json: rules: /);
    expect(failure([]).message).toMatch(/^rules\.json: rules: /);
  });

  it('loadRulesFile names the file on disk, for bad JSON and for a bad rule', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '[{"id": "x",');
    expect(() => loadRulesFile(broken)).toThrow(RulesError);
    expect(() => loadRulesFile(broken)).toThrow(new RegExp(`^${broken.replace(/[.\\]/g, '\\$&')}: \\(root\\): cannot read the rules`));
    const bad = join(dir, 'bad.json');
    const rules = fileJson();
    at(rules, 'psychosocial-support').refer.need = 'therapy';
    writeFileSync(bad, JSON.stringify(rules));
    expect(() => loadRulesFile(bad)).toThrow(new RegExp(`^${bad.replace(/[.\\]/g, '\\$&')}: rules\\.6\\.refer\\.need: .*\\(rule "psychosocial-support"\\)$`));
  });
});
