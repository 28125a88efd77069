/**
 * zod for everything that goes into a function bundle: zod/mini, with zod's English messages.
 *
 * Classic zod puts every method on every schema, so esbuild cannot shake any of it (about 100 KB
 * in every function); zod/mini is functions and shakes to what the schemas use. But zod/mini loads
 * no locale: without this, every issue reads "Invalid input", and the API's 400s name the field
 * with zod's English text ("Too small: expected string to have >=1 characters"), as the parked
 * records' reasons do. Importing zod through this module is what makes the locale load before any
 * schema parses; eslint.config.js refuses 'zod' and 'zod/mini' elsewhere in shared/, functions/
 * and events/.
 */
import { config, never, safeParse } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

// What `.parse` throws is named "ZodError" by classic zod and "$ZodError" by zod/mini, which sets
// the name as it builds each error. The name is what a quarantined timer keeps as its lastError
// and what the functions log as the error, so it stays "ZodError": an accessor on the errors'
// prototype answers that and absorbs the constructor's assignment. The prototype is taken from a
// real error rather than from zod's internals; test/unit/domain/zod.test.ts fails if it stops working.
const errorPrototype: object = Object.getPrototypeOf(safeParse(never(), undefined).error);
Object.defineProperty(errorPrototype, 'name', { get: () => 'ZodError', set: () => {}, configurable: true });

export * from 'zod/mini';
