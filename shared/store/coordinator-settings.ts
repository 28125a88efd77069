import type { Actor } from '../domain/actor.js';
import { ANSWER_CHOICES, DIGEST_CHOICES, type CoordinatorChoices } from '../domain/digest.js';
import { municipalityPk } from './owner.js';

/**
 * A coordinator's own settings (digest frequency; an office's acceptance or "done" in the digest
 * or at once), overriding the directory's defaults, with who changed them last (the coordinator,
 * or the head of the office for them). In the municipality's partition.
 */
export const coordinatorSettingsKey = (municipalityId: string, coordinatorId: string) => ({ pk: municipalityPk(municipalityId), sk: `COORD#${coordinatorId}` });

const oneOf = <T extends string>(values: readonly T[], v: unknown): T | undefined => ((values as readonly unknown[]).includes(v) ? (v as T) : undefined);

/**
 * The choices an item holds, read leniently: a value that is no (longer a) choice leaves the
 * directory's default in force rather than failing the digests or an answer's reaction.
 */
export function choicesOf(item: Record<string, unknown> | undefined): CoordinatorChoices {
  const digest = oneOf(DIGEST_CHOICES, item?.digest);
  const answers = oneOf(ANSWER_CHOICES, item?.answers);
  return { ...(digest ? { digest } : {}), ...(answers ? { answers } : {}) };
}

/** The attributes a change of choices sets: only the choices given, so one never resets the other. */
export function choicesUpdate(coordinatorId: string, choices: CoordinatorChoices, at: string, actor: Actor): Record<string, unknown> {
  return {
    type: 'CoordinatorSettings',
    coordinatorId,
    ...(choices.digest ? { digest: choices.digest } : {}),
    ...(choices.answers ? { answers: choices.answers } : {}),
    updatedAt: at,
    updatedBy: actor.by,
    updatedByRole: actor.role,
  };
}
