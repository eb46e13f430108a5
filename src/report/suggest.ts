/**
 * One-click rewrites for inline comments, where the seed's alternative is a drop-in: the same
 * statement with another name. Only a line that is a whole import or a simple constructor call
 * of a fully named thread pool is rewritten, and only when the rewrite keeps every name the rest
 * of the file uses (a fully qualified call, an import that keeps its `as` name), so that the
 * suggestion applies alone and the code still runs. Never a suggestion that adds an acceptance.
 */
import { toEvidence } from '../detect/evidence.js';
import type { Finding, Location } from '../types.js';

interface Swap {
  /** The whole line (without its indentation and a trailing comment). */
  line: RegExp;
  rewrite: (line: string) => string;
}

/** Arguments without nested calls, brackets or strings that could hide another statement. */
const SIMPLE_ARGS = String.raw`\([\w\s=,.]*\)`;
const TARGET = String.raw`(?:[A-Za-z_]\w*\s*=\s*|with\s+)?`;
const TAIL = String.raw`(?:\s+as\s+[A-Za-z_]\w*\s*:)?`;

const SWAPS: Swap[] = [
  {
    // ex = concurrent.futures.ThreadPoolExecutor(max_workers=4)
    line: new RegExp(String.raw`^${TARGET}(?:concurrent\.)?futures\.ThreadPoolExecutor${SIMPLE_ARGS}${TAIL}$`),
    rewrite: (l) => l.replace('ThreadPoolExecutor', 'ProcessPoolExecutor'),
  },
  {
    // pool = multiprocessing.pool.ThreadPool(4)
    line: new RegExp(String.raw`^${TARGET}multiprocessing\.pool\.ThreadPool${SIMPLE_ARGS}${TAIL}$`),
    rewrite: (l) => l.replace('multiprocessing.pool.ThreadPool', 'multiprocessing.pool.Pool'),
  },
  {
    // pool = multiprocessing.dummy.Pool(4)
    line: new RegExp(String.raw`^${TARGET}multiprocessing\.dummy\.Pool${SIMPLE_ARGS}${TAIL}$`),
    rewrite: (l) => l.replace('multiprocessing.dummy.Pool', 'multiprocessing.Pool'),
  },
  {
    // import multiprocessing.dummy as mp: every use goes through `mp`
    line: /^import\s+multiprocessing\.dummy\s+as\s+[A-Za-z_]\w*$/,
    rewrite: (l) => l.replace('multiprocessing.dummy', 'multiprocessing'),
  },
  {
    // from multiprocessing.dummy import Pool (as P): the name stays
    line: /^from\s+multiprocessing\.dummy\s+import\s+Pool(?:\s+as\s+[A-Za-z_]\w*)?$/,
    rewrite: (l) => l.replace('multiprocessing.dummy', 'multiprocessing'),
  },
  {
    // from multiprocessing.pool import ThreadPool as Pool: the name stays
    line: /^from\s+multiprocessing\.pool\s+import\s+ThreadPool\s+as\s+[A-Za-z_]\w*$/,
    rewrite: (l) => l.replace('ThreadPool', 'Pool'),
  },
  {
    // from concurrent.futures import ThreadPoolExecutor as Executor: the name stays
    line: /^from\s+concurrent\.futures\s+import\s+ThreadPoolExecutor\s+as\s+[A-Za-z_]\w*$/,
    rewrite: (l) => l.replace('ThreadPoolExecutor', 'ProcessPoolExecutor'),
  },
];

// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

/**
 * The rewritten line for a `threads-io-only` question on a thread pool (CPU work in a service
 * that is not I/O-bound: processes use the cores), or undefined when no drop-in exists.
 * `line` is the finding's line as it is in the file (a suggestion replaces the whole line, so
 * its indentation must be kept); it must be the line the finding's evidence was taken from.
 */
export function suggestionFor(f: Finding, place: Location, line: string | undefined): string | undefined {
  if (f.rule !== 'threads-io-only' || f.verdict !== 'question' || f.accepted) return undefined;
  if (line === undefined || place.evidence === undefined || toEvidence(line) !== place.evidence) return undefined;
  // A suggestion repeats the line as it is: never one that carries characters that hide or
  // reorder what a reader sees (controls, bidi overrides), nor a fence of its own.
  if (HIDDEN.test(line) || line.includes('```')) return undefined;
  const m = /^([ \t]*)(.*?)([ \t]*#.*)?$/.exec(line);
  if (!m) return undefined;
  const [, indent = '', code = '', comment = ''] = m;
  if (/architecture-review\s*:/.test(comment)) return undefined;
  for (const swap of SWAPS) {
    if (swap.line.test(code)) return `${indent}${swap.rewrite(code)}${comment}`;
  }
  return undefined;
}
