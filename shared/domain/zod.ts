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
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// What `.parse` throws is named "$ZodError" here ("ZodError" in classic zod): the name a
// quarantined timer keeps as its lastError and the functions log. It is left as zod/mini names it
// rather than patched on zod's error prototype.
config(en());

export * from 'zod/mini';
