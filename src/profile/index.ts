/**
 * The service profile: loading, and the questions asked of it per file.
 */
export { PROFILE_PATH, defaultProfile, loadProfile } from './load-profile.js';
export { IMPLICIT_SERVICE_NAME, implicitService, isIgnored, matchesAny, serviceFor } from './services.js';
export { globProblem } from './globs.js';
export { RULE_ID_PATTERN, profileSchema, type AcceptData, type ProfileData, type ProfileInput, type ServiceData } from './schema.js';
export { profileJsonSchema } from './json-schema.js';
