/**
 * The JSON Schema of the profile, for editors (`schema/service-profile.schema.json`),
 * generated from the zod schema so that the two cannot disagree. The committed file is
 * checked, and rewritten, by `test/profile/schema-file.test.ts`.
 */
import { z } from 'zod';
import { profileSchema } from './schema.js';

/**
 * The profile's JSON Schema (draft-07, which editors support best), describing the file as
 * written: keys with defaults are optional. Checks that JSON Schema cannot say (globs that
 * compile, unique service names) are left to `loadProfile`.
 */
export function profileJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(profileSchema, { target: 'draft-07', io: 'input' }) as Record<string, unknown>;
}
