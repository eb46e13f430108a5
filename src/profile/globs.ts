/**
 * Path globs of the profile (`paths:`, `ignore:`): what a valid one is, and matching.
 * Globs are picomatch globs over repository-relative POSIX paths, with `dot: true` so that
 * `**` also covers `.github/` and dotfiles, as a reader of the profile would expect.
 */
import picomatch from 'picomatch';

const OPTIONS: picomatch.PicomatchOptions = { dot: true };

const OPENER: Record<string, string> = { ']': '[', '}': '{', ')': '(' };
const CLOSER: Record<string, string> = { '[': ']', '{': '}', '(': ')' };

/**
 * What is wrong with a glob, as the end of a sentence that starts with its place
 * (`paths[1] …`), or undefined when it is fine. Each message says how to fix it.
 */
export function globProblem(glob: string): string | undefined {
  const quoted = JSON.stringify(glob);
  if (glob.trim() === '') return 'is an empty glob: write "**" for every file, or remove it';
  if (glob.startsWith('/')) {
    return `${quoted} is absolute: globs are relative to the repository root, write ${JSON.stringify(glob.replace(/^\/+/, ''))}`;
  }
  if (glob.startsWith('./')) return `${quoted} starts with "./": write ${JSON.stringify(glob.replace(/^(\.\/)+/, ''))}`;
  if (glob.split('/').includes('..')) return `${quoted} has a ".." segment: globs cannot leave the repository; write the path from its root`;
  if (glob.startsWith('!')) {
    return `${quoted} is a negation, which is not supported here: list what to include, or add the glob to ignore:`;
  }
  if (/\\[A-Za-z0-9_]/.test(glob)) return `${quoted} has a backslash: separate folders with "/"`;
  if (glob.endsWith('/')) return `${quoted} ends with "/", so it matches no file: write ${JSON.stringify(`${glob}**`)}`;
  try {
    picomatch.makeRe(glob, { ...OPTIONS, strictBrackets: true });
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    const closing = /Missing closing: "(.)"/.exec(text);
    if (closing) {
      const open = OPENER[closing[1]!] ?? closing[1]!;
      return `${quoted} is not a valid glob: a "${open}" is never closed; close it with "${closing[1]!}", or write "\\${open}" to match a "${open}"`;
    }
    // picomatch names the missing opener; the user wrote the closer.
    const opening = /Missing opening: "(.)"/.exec(text);
    if (opening) {
      const close = CLOSER[opening[1]!] ?? opening[1]!;
      return `${quoted} is not a valid glob: a "${close}" is never opened; write "\\${close}" to match a "${close}"`;
    }
    return `${quoted} is not a valid glob: ${text}`;
  }
  return undefined;
}

type Matcher = (path: string) => boolean;

const NEVER: Matcher = () => false;

/**
 * One regular expression for a whole list: audits call this once per file and service, so
 * globs are compiled once (per list, cached by the array's identity) and tested in one go.
 * A glob that does not compile matches nothing; loadProfile rejects such globs anyway.
 */
function compile(globs: readonly string[]): Matcher {
  const sources: string[] = [];
  for (const glob of globs) {
    try {
      sources.push(picomatch.makeRe(glob, OPTIONS).source);
    } catch {
      // Unreachable for loaded profiles; a hand-built profile gets "matches nothing".
    }
  }
  if (sources.length === 0) return NEVER;
  const re = new RegExp(sources.map((s) => `(?:${s})`).join('|'));
  return (path) => re.test(path);
}

const matchers = new WeakMap<readonly string[], Matcher>();

/** Repository-relative POSIX form: a leading `./` is dropped. */
function normalizePath(path: string): string {
  let p = path;
  while (p.startsWith('./')) p = p.slice(2);
  return p;
}

/**
 * True when `path` (repository-relative, POSIX) matches one of `globs`. The compiled
 * matcher is cached per array, so pass the profile's own arrays rather than copies, and do
 * not change an array after its first use.
 */
export function matchesAny(globs: readonly string[], path: string): boolean {
  let matcher = matchers.get(globs);
  if (!matcher) {
    matcher = compile(globs);
    matchers.set(globs, matcher);
  }
  return matcher(normalizePath(path));
}
