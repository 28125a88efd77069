/**
 * The user pool's numbers, read by both sides so they cannot drift: the CDK stack's pool and
 * app client (infra/sign-in.ts) and the local emulator's (local/cognito/settings.ts), which are
 * made with these values through the Cognito API.
 */
export const USER_POOL_SETTINGS = {
  /** At least this long, with upper- and lower-case letters, a digit and a symbol. */
  passwordMinLength: 12,
  /** How long an administrator-set temporary password may be used for the first sign-in. */
  temporaryPasswordDays: 3,
  /** A coordinator's console holds its access token for the hour and refreshes it. */
  accessTokenHours: 1,
  idTokenHours: 1,
  /** A working day: after it, sign in again. */
  refreshTokenHours: 12,
} as const;

/**
 * The invitation Cognito emails with a temporary password, in Albanian, Serbian and English (one
 * template per pool: the user's language is not known yet). `{username}` and `{####}` are
 * Cognito's placeholders.
 */
export const INVITATION = {
  subject: 'Llogaria juaj / Vaš nalog / Your account — platforma e referimeve',
  body: [
    `Identifikohuni si {username} me fjalëkalimin e përkohshëm {####} brenda ${USER_POOL_SETTINGS.temporaryPasswordDays} ditëve; pastaj zgjidhni fjalëkalimin tuaj.`,
    `Prijavite se kao {username} privremenom lozinkom {####} u roku od ${USER_POOL_SETTINGS.temporaryPasswordDays} dana; zatim izaberite svoju lozinku.`,
    `Sign in as {username} with the temporary password {####} within ${USER_POOL_SETTINGS.temporaryPasswordDays} days; you will then choose your own password.`,
  ].join('<br><br>'),
} as const;
