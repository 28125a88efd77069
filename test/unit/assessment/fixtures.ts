import type { AssessmentInput } from '../../../shared/assessment/schema.js';

/** The Obiliq family of the plans' example: two adults, two children born abroad (2015 and 2018). */
export const OBILIQ_HOUSEHOLD = [
  { id: 'p1', givenName: 'Bekim', familyName: 'Krasniqi', birthYear: 1984, role: 'head' },
  { id: 'p2', givenName: 'Drita', familyName: 'Krasniqi', birthYear: 1987, role: 'spouse' },
  { id: 'p3', givenName: 'Arta', familyName: 'Krasniqi', birthYear: 2015, role: 'child' },
  { id: 'p4', givenName: 'Leon', familyName: 'Krasniqi', birthYear: 2018, role: 'child' },
] as const;

export const OBILIQ_ASSESSMENT: AssessmentInput = {
  assessedAt: '2025-03-12',
  members: [
    { personId: 'p1', unemployed: true, missingDocuments: ['id_card'] },
    { personId: 'p2', unemployed: false },
    { personId: 'p3', missingDocuments: ['foreign_documents_to_register'] },
    { personId: 'p4', missingDocuments: ['foreign_documents_to_register'] },
  ],
  household: { housing: 'inadequate' },
};

/** The same assessment making four referrals at once: the rules' three, and the job seeker's registration the coordinator adds without waiting for documents. */
export const OBILIQ_FOUR_AT_ONCE = {
  ...OBILIQ_ASSESSMENT,
  exclude: ['job-seeker:p1'],
  include: [{ officeKind: 'employment_office', need: 'job_seeker_registration', personIds: ['p1'] }],
};

export const YEAR = 2025;
