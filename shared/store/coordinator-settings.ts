import { municipalityPk } from './owner.js';

/**
 * A coordinator's own settings (digest frequency), overriding the directory's default, with who
 * changed them last (the coordinator, or the head of the office for them). In the municipality's
 * partition.
 */
export const coordinatorSettingsKey = (municipalityId: string, coordinatorId: string) => ({ pk: municipalityPk(municipalityId), sk: `COORD#${coordinatorId}` });
