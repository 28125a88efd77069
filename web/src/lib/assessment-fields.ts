import { MISSING_DOCUMENTS, VULNERABLE_CATEGORIES } from './types.js';

/** One member's answers as the form sent them: the lists, whose items the API names by their place. */
export interface SentMember {
  personId: string;
  missingDocuments?: readonly string[];
  categories?: readonly string[];
}

/** A member's box on the assessment form (`m-p2-unemployed`); their "included" box stands for the member. */
export const memberField = (personId: string, box = 'included'): string => `m-${personId}-${box}`;

/** A member's yes/no answer or choice, as the API names it, and the suffix of its box's name. */
const MEMBER_BOX: Readonly<Record<string, string>> = {
  unemployed: 'unemployed',
  wantsVocationalTraining: 'training',
  needsLanguageSupport: 'language',
  schoolAge: 'school',
  healthNeeds: 'health',
  psychosocialNeeds: 'psy',
};

/** A member's lists: the prefix of each item's box, and the items in the order the form shows them. */
const MEMBER_LIST: Readonly<Record<string, { box: string; items: readonly string[] }>> = {
  missingDocuments: { box: 'doc', items: MISSING_DOCUMENTS },
  categories: { box: 'cat', items: VULNERABLE_CATEGORIES },
};

/** The household's answers whose box the form names otherwise than the API does. */
const HOUSEHOLD_BOX: Readonly<Record<string, string>> = {
  socialAssistanceNeeded: 'household.social',
  specificCircumstances: 'household.police',
  specialisedSupport: 'household.cso',
};

/**
 * The form's field for a path the API's refusal names, so the refusal is said beside the question
 * it is about and the summary's link leads there: a member's answer (`members.p2.unemployed`) on its
 * box, an item of a list (`members.p2.categories.1`, by its place among those sent) on that item's
 * box, a list as a whole on its first box; the member itself, or an answer the form does not ask,
 * on the member's "included" box. The API names a member by id; by its place among those sent only
 * when the id itself was not valid, which is tried after the ids.
 */
export function assessmentField(path: string, sent: readonly SentMember[]): string {
  const [head, who, answer, index] = path.split('.');
  if (head === 'household' && answer === undefined) return HOUSEHOLD_BOX[who ?? ''] ?? path;
  if (head !== 'members' || who === undefined) return path;
  const member = sent.find((m) => m.personId === who) ?? (/^\d+$/.test(who) ? sent[Number(who)] : undefined);
  if (!member) return path;
  const id = member.personId;
  const box = answer === undefined ? undefined : MEMBER_BOX[answer];
  if (box) return memberField(id, box);
  const list = answer === undefined ? undefined : MEMBER_LIST[answer];
  if (list) {
    const items = answer === 'categories' ? member.categories : member.missingDocuments;
    const item = index === undefined ? undefined : items?.[Number(index)];
    return memberField(id, `${list.box}-${item && list.items.includes(item) ? item : list.items[0]!}`);
  }
  return memberField(id);
}
