import { bundledDirectory, type Directory } from '../../shared/directory/directory.js';
import type { Role } from '../../shared/domain/actor.js';
import { ALL_MUNICIPALITIES } from '../../shared/identity/roles.js';
import type { UserIdentity } from '../../shared/identity/groups.js';

/**
 * The demo users `npm start` seeds into the local user pool (never into a deployment's): one per
 * role for Obiliq and Partesh, and the national staff. A short name (`obiliq-coordinator`) is
 * what `npm run cli -- token <short name>` and the tests use; the sign-in name is an email address.
 */
export interface DemoUser extends UserIdentity {
  shortName: string;
  email: string;
}

export const DEMO_EMAIL_DOMAIN = 'demo.referrals.example.org';

const demoEmail = (shortName: string) => `${shortName}@${DEMO_EMAIL_DOMAIN}`;

function municipal(directory: Directory, municipality: string, role: Role): DemoUser {
  const m = directory.municipality(municipality);
  if (!m) throw new Error(`demo users: municipality ${municipality} is not in the directory`);
  const shortName = `${municipality}-${role}`;
  return {
    shortName,
    email: demoEmail(shortName),
    role,
    municipality,
    // The coordinator is the directory's first coordinator: the one the office links and digests name.
    ...(role === 'coordinator' ? { coordinatorId: m.coordinators[0]!.id } : {}),
  };
}

export function demoUsers(directory: Directory = bundledDirectory()): DemoUser[] {
  return [
    ...(['coordinator', 'head', 'viewer'] as const).map((role) => municipal(directory, 'obiliq', role)),
    ...(['coordinator', 'head', 'viewer'] as const).map((role) => municipal(directory, 'partesh', role)),
    { shortName: 'operator', email: demoEmail('operator'), role: 'operator', municipality: ALL_MUNICIPALITIES },
    { shortName: 'drpr-viewer', email: demoEmail('drpr-viewer'), role: 'viewer', municipality: ALL_MUNICIPALITIES },
  ];
}
