import type { Coordinator, Municipality } from './schema.js';

/** The coordinator who keeps a case: its own, or the municipality's first (the directory holds at least one). */
export const caseCoordinator = (muni: Municipality, theCase: { coordinatorId?: string | undefined }): Coordinator =>
  muni.coordinators.find((c) => c.id === theCase.coordinatorId) ?? muni.coordinators[0]!;

/** How the family's SMS and page name the coordinator: by first name (an SMS on a shared phone need not carry a civil servant's full name). */
export const firstNameOf = (full: string): string => full.trim().split(/\s+/)[0] ?? '';
