import { randomInt } from 'node:crypto';
import { USER_POOL_SETTINGS } from './pool-settings.js';

const CLASSES = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '-.+=_'] as const;

/**
 * A random password the pool's policy accepts (upper- and lower-case letters, digits and symbols,
 * at least USER_POOL_SETTINGS.passwordMinLength long): 20 characters, symbols only ones that need
 * no quoting in a shell, no look-alikes (0/O, 1/l/I). `users add` makes temporary passwords with
 * it; the local pool its demo users' passwords.
 */
export function generatePassword(length = 20): string {
  const all = CLASSES.join('');
  const chars = CLASSES.map((c) => c[randomInt(c.length)]!);
  while (chars.length < Math.max(length, USER_POOL_SETTINGS.passwordMinLength)) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
