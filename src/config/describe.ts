/**
 * Words for values and places in configuration messages. Messages quote what the user wrote,
 * so a string is shown in JSON quotes (control characters escaped) and cut when long.
 */

/** A path inside a configuration document, as zod reports it: keys and list indexes. */
export type ConfigPath = readonly PropertyKey[];

const MAX_QUOTED = 60;

function cut(text: string): string {
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 1)}…` : text;
}

/**
 * Describes a value as the user would recognise it in their YAML: `"erp6"`, `5`, `true`,
 * `a list`, `a mapping`, `an empty value` (YAML `~`, `null` or nothing after the colon).
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return JSON.stringify(cut(value));
  if (typeof value === 'number') {
    // YAML spells these .inf / .nan; JavaScript's "Infinity" would confuse.
    if (Number.isNaN(value)) return '.nan';
    if (value === Infinity) return '.inf';
    if (value === -Infinity) return '-.inf';
    return String(value);
  }
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

/**
 * Formats one key for a message: plain when it reads as an identifier, quoted otherwise
 * (so that spaces, dots or control characters in a key cannot garble the message).
 */
export function formatKey(key: PropertyKey): string {
  const text = cut(String(key));
  return /^[A-Za-z0-9_][A-Za-z0-9_-]*$/.test(text) ? text : JSON.stringify(text);
}

/** Formats a whole path: `services[0].needs.low-latency`; the empty path is `the file`. */
export function formatPath(path: ConfigPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? formatKey(segment) : `.${formatKey(segment)}`;
  }
  return out === '' ? 'the file' : out;
}

/**
 * The path as messages show it. The line and column already say which list item is meant,
 * so the part up to the innermost list item that has keys below it is dropped:
 * `services[0].needs.low-latency` reads `needs.low-latency`, `services[0].paths[1]` reads
 * `paths[1]`, while `ignore[2]` and `services[1]` stay whole.
 */
export function displayPath(path: ConfigPath): string {
  let cut = 0;
  for (let i = 0; i < path.length - 1; i++) {
    if (typeof path[i] === 'number' && typeof path[i + 1] !== 'number') cut = i + 1;
  }
  return formatPath(path.slice(cut));
}

/** `a, b or c`. */
export function listWords(words: readonly string[], last = 'or'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${last} ${words[words.length - 1]}`;
}
