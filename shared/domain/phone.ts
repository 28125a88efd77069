import { isValidPhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * The phone rule, written once: the API's schema (case.ts) and the coordinators' console (which
 * checks the number as it is typed) both use it, so the console can never accept what the API
 * refuses, or the other way round. No zod here: the console bundles this file.
 *
 * Numbers come as typed by the coordinator: "+383 44 123 456", "044 123 456" (a Kosovo number
 * without the country code) or a foreign number with its +code (many returnees still carry a
 * German number for a while).
 */
export const PHONE_DEFAULT_COUNTRY = 'XK';
export const PHONE_LENGTH = { min: 3, max: 32 } as const;
export const PHONE_MESSAGE = 'not a valid phone number (use +383… or the international format)';

/** Whether a typed number (surrounding spaces ignored) is one the API accepts. */
export function isValidPhone(typed: string): boolean {
  const s = typed.trim();
  return s.length >= PHONE_LENGTH.min && s.length <= PHONE_LENGTH.max && isValidPhoneNumber(s, PHONE_DEFAULT_COUNTRY);
}

/** The number in E.164 (`+38349555123`), as the platform stores it; undefined when not valid. */
export function toE164(typed: string): string | undefined {
  return isValidPhone(typed) ? parsePhoneNumberFromString(typed.trim(), PHONE_DEFAULT_COUNTRY)?.number : undefined;
}
