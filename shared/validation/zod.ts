/**
 * Every schema imports `z` from here, never from 'zod' (checked by frenchErrors.test.ts): importing it installs
 * the French error map once for the whole process, whichever entry point (renderer, preload, main, tests) runs.
 */
import { z } from 'zod';
import { frenchErrorMap } from './frenchErrors';

z.config({ localeError: frenchErrorMap });

export { z };
