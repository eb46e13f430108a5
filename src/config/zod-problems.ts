/**
 * Zod issues turned into problems a user can act on: placed at the key or value in the YAML,
 * naming the constraint, the value received, and a "did you mean" for misspelled keys.
 */
import type { z } from 'zod';
import type { Problem } from '../errors.js';
import { describeValue, displayPath, listWords, type ConfigPath } from './describe.js';
import { allowedKeys, keyNounOf, objectSchemas, schemasAt, unionOptions } from './schema-walk.js';
import { closestMatches } from './suggest.js';
import { problemAt, type YamlSource } from './yaml-source.js';

type Schema = z.core.$ZodType;
type Issue = z.core.$ZodIssue;

/**
 * Passed as the parse-level error map, so that zod's own English ("Invalid input: expected
 * string, received number") can be told apart from messages a schema sets on purpose; only
 * the latter are kept. Zod ranks schema-level messages above the parse-level map.
 */
export const ZOD_DEFAULT_MESSAGE = '\u0000zod-default';

/** What every issue is judged against: the document (for places) and its parsed data. */
interface IssueContext {
  source: YamlSource;
  data: unknown;
}

interface Lookup {
  found: boolean;
  value: unknown;
}

function valueAt(data: unknown, path: ConfigPath): Lookup {
  let current = data;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number' && segment < current.length) {
      current = current[segment];
    } else if (
      current !== null &&
      typeof current === 'object' &&
      !Array.isArray(current) &&
      typeof segment !== 'symbol' &&
      Object.hasOwn(current, segment)
    ) {
      current = (current as Record<string, unknown>)[segment];
    } else {
      return { found: false, value: undefined };
    }
  }
  return { found: true, value: current };
}

function formatLiteral(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

function expectedWords(expected: string, schemas: readonly Schema[]): string {
  switch (expected) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object': {
      const keys = allowedKeys(schemas);
      return keys.length > 0 ? `a mapping with keys from: ${keys.join(', ')}` : 'a mapping';
    }
    case 'null':
      return 'an empty value';
    default:
      return expected;
  }
}

function sizeMessage(issue: Issue & { code: 'too_small' | 'too_big' }, value: unknown): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  const got = describeValue(value);
  switch (issue.origin) {
    case 'string':
      if (small && limit === 1) return 'must not be empty';
      return `must be ${small ? 'at least' : 'at most'} ${limit} characters long (got ${String(value).length})`;
    case 'array':
      if (small && limit === 1) return `must list at least one item (got ${got})`;
      return `must list ${small ? 'at least' : 'at most'} ${limit} items (got ${Array.isArray(value) ? value.length : got})`;
    default: {
      const bound = small ? (issue.inclusive ? 'at least' : 'greater than') : issue.inclusive ? 'at most' : 'less than';
      return `must be ${bound} ${limit} (got ${got})`;
    }
  }
}

function formatMessage(issue: Issue & { code: 'invalid_format' }, got: string): string {
  const extra = issue as unknown as { prefix?: string; suffix?: string; includes?: string };
  switch (issue.format) {
    case 'regex':
      return `must match the pattern ${issue.pattern ?? ''} (got ${got})`;
    case 'starts_with':
      return `must start with ${JSON.stringify(extra.prefix ?? '')} (got ${got})`;
    case 'ends_with':
      return `must end with ${JSON.stringify(extra.suffix ?? '')} (got ${got})`;
    case 'includes':
      return `must contain ${JSON.stringify(extra.includes ?? '')} (got ${got})`;
    default:
      return `must be a valid ${issue.format} (got ${got})`;
  }
}

/** The message for an issue zod worded itself (no schema-set message), after the path. */
function defaultMessage(issue: Issue, lookup: Lookup, schemas: readonly Schema[]): string {
  const got = describeValue(lookup.value);
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${expectedWords(issue.expected, schemas)} (got ${got})`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${formatLiteral(issue.values[0])} (got ${got})`
        : `must be one of ${issue.values.map(formatLiteral).join(', ')} (got ${got})`;
    case 'too_small':
    case 'too_big':
      return sizeMessage(issue, lookup.value);
    case 'invalid_format':
      return formatMessage(issue, got);
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor} (got ${got})`;
    default:
      return `is not valid (got ${got})`;
  }
}

function unknownKeyProblem(parent: ConfigPath, key: string, schemas: readonly Schema[], ctx: IssueContext): Problem {
  const path = [...parent, key];
  const allowed = allowedKeys(schemas);
  const noun = keyNounOf(schemas) ?? 'key';
  let hint: string;
  const near = closestMatches(key, allowed);
  if (near.length > 0) {
    hint = ` (did you mean ${listWords(near)}?)`;
  } else {
    // A right key one level too high, e.g. `low-latency: true` written beside `needs:`.
    const home = allowed.find((candidate) =>
      schemas.some((schema) => allowedKeys(schemasAt(schema, [candidate])).includes(key)),
    );
    hint = home ? ` (did you mean ${home}.${key}?)` : allowed.length > 0 ? ` (expected one of: ${allowed.join(', ')})` : '';
  }
  return problemAt(ctx.source, path, `${displayPath(path)} is not a known ${noun}${hint}`, 'key');
}

/** True when an alternative of a union failed on the type of the value itself. */
function failedOnType(issues: readonly Issue[]): boolean {
  return issues.every((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value'));
}

function unionProblems(
  issue: Issue & { code: 'invalid_union' },
  path: ConfigPath,
  schema: Schema,
  relative: ConfigPath,
  lookup: Lookup,
  ctx: IssueContext,
): Problem[] {
  const display = displayPath(path);
  const alternatives = issue.errors;
  if (alternatives.length === 0 && 'discriminator' in issue && issue.discriminator !== undefined) {
    // A discriminated union whose tag matched no option; zod's path already ends at the tag.
    const allowed = 'options' in issue && issue.options ? issue.options.map(formatLiteral).join(', ') : '';
    const message = lookup.found ? `must be one of ${allowed} (got ${describeValue(lookup.value)})` : `is required (one of ${allowed})`;
    return [problemAt(ctx.source, path, `${display} ${message}`)];
  }
  if (!lookup.found) return [problemAt(ctx.source, path, `${display} is required`)];
  const options = unionOptions(schemasAt(schema, relative, true));
  if (alternatives.length === 0 || alternatives.every(failedOnType)) {
    // Several mapping alternatives read as one: "a mapping with keys from: all, any, not".
    const MAPPING = '\u0000mapping';
    const words = new Set<string>();
    const mappings: Schema[] = [];
    alternatives.forEach((errors, i) => {
      const optionSchemas = options[i] ? schemasAt(options[i], []) : [];
      for (const e of errors) {
        if (e.code === 'invalid_type' && e.expected === 'object') {
          words.add(MAPPING);
          mappings.push(...optionSchemas);
        } else if (e.code === 'invalid_type') words.add(expectedWords(e.expected, optionSchemas));
        else if (e.code === 'invalid_value') for (const v of e.values) words.add(formatLiteral(v));
      }
    });
    const list = [...words].map((word) => (word === MAPPING ? expectedWords('object', mappings) : word));
    const expected = list.length > 0 ? `must be ${listWords(list)}` : 'is not valid';
    return [problemAt(ctx.source, path, `${display} ${expected} (got ${describeValue(lookup.value)})`)];
  }
  // The value has the shape of some alternatives: report what is wrong inside the closest
  // one, judged first by how many of the keys written it knows, then by fewest issues.
  const value = lookup.value;
  const written = value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
  const known = options.map((option) => {
    const keys = new Set(allowedKeys(schemasAt(option, [])));
    return written.filter((key) => keys.has(key)).length;
  });
  let best = -1;
  alternatives.forEach((errors, i) => {
    if (failedOnType(errors)) return;
    const better =
      best < 0 ||
      (known[i] ?? 0) > (known[best] ?? 0) ||
      ((known[i] ?? 0) === (known[best] ?? 0) && errors.length < alternatives[best]!.length);
    if (better) best = i;
  });
  const objectOptions = objectSchemas(options.flatMap((option) => schemasAt(option, [])));
  if (written.length > 0 && objectOptions.length > 1 && (known[best] ?? 0) === 0) {
    // No alternative knows any key written (`{alll: …}` where all/any/not are allowed): the
    // keys are wrong, not what is under them; suggest among every alternative's keys.
    return written.map((key) => unknownKeyProblem(path, key, objectOptions, ctx));
  }
  if (written.length === 0 && objectOptions.length > 1 && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return [problemAt(ctx.source, path, `${display} is empty: expected one of the keys ${allowedKeys(objectOptions).join(', ')}`)];
  }
  const option = options[best];
  return alternatives[best]!.flatMap((inner) =>
    option ? issueProblems(inner, path, option, [], ctx) : issueProblems(inner, path, schema, relative, ctx),
  );
}

/**
 * One issue → its problems. `base` is the absolute path where `schema` applies, and
 * `relative` the path from there to where the issue's own path starts (unions nest issues
 * relative to themselves).
 */
function issueProblems(issue: Issue, base: ConfigPath, schema: Schema, relative: ConfigPath, ctx: IssueContext): Problem[] {
  const local = [...relative, ...issue.path];
  const path = [...base, ...local];
  const lookup = valueAt(ctx.data, path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const schemas = schemasAt(schema, local);
      return issue.keys.map((key) => unknownKeyProblem(path, key, schemas, ctx));
    }
    case 'invalid_union':
      return unionProblems(issue, path, schema, local, lookup, ctx);
    case 'invalid_key':
    case 'invalid_element':
      return issue.issues.flatMap((inner) => issueProblems(inner, base, schema, local, ctx));
    default: {
      const display = displayPath(path);
      let message: string;
      if (issue.message !== ZOD_DEFAULT_MESSAGE) message = issue.message;
      else if (!lookup.found) message = 'is required';
      else message = defaultMessage(issue, lookup, schemasAt(schema, local));
      return [problemAt(ctx.source, path, `${display} ${message}`)];
    }
  }
}

/**
 * Every issue of a failed `safeParse` (run with `error: () => ZOD_DEFAULT_MESSAGE`) as placed
 * problems. `data` is the value that was parsed, `schema` the schema it was parsed with.
 */
export function issuesToProblems(issues: readonly Issue[], schema: Schema, data: unknown, source: YamlSource): Problem[] {
  const ctx: IssueContext = { source, data };
  return issues.flatMap((issue) => issueProblems(issue, [], schema, [], ctx));
}
