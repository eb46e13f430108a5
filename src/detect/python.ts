/**
 * The Python detector (SPEC 4): reads a Python file as CPython's parser would, on the tokens of
 * `python-tokenizer.ts`, and reports the imports and syntax that stand for threads, asyncio,
 * greenlets, multiprocessing, numba and cython.parallel, with the inline acceptances found in
 * comments. The Cython detector (`cython.ts`) runs the same analysis in its Cython dialect.
 *
 * Two passes over the tokens. The first reads statements: imports (with the names they bind),
 * `async`/`await`, `with` items, decorators, Cython `nogil`. The second, run only when the file
 * imports something whose attributes matter (`concurrent`, `multiprocessing`, `os`, `numba`,
 * `cython`) and the text names such an attribute, resolves names and attribute chains through
 * those bindings: `futures.ThreadPoolExecutor`, `os.fork()`, `@nb.njit(nogil=True)`,
 * `prange(...)`. Bindings are per file, not per scope: an import anywhere in the file (in a
 * function, under `try` or `if`) counts everywhere.
 *
 * `detectPython` first asks `mayContainPythonSignals`, a sound regular-expression pre-check, and
 * skips the tokenizer for files that cannot hold a signal (most files of a typical tree). Of
 * the others it tokenizes only the logical lines that may hold one (`SignalSearch`), found with
 * `scanPythonLayout` without tokenizing: `analysePython` reads the whole file, and is the one
 * held to CPython's `ast`; `detectPython` is held to `analysePython`.
 */
import type {
  Construct,
  DetectedSignal,
  Detection,
  InlineAcceptance,
  SignalKind,
  SignalTag,
} from '../types.js';
import { ACCEPT_MARKER, ownCopy, readAcceptance, toEvidence } from './evidence.js';
import {
  createTokenBuffer,
  lineStartBefore,
  REGION_COMMENT,
  REGION_STRING,
  scanPythonLayout,
  TokenKind,
  tokenizePython,
  type PythonLayout,
  type PythonTokens,
} from './python-tokenizer.js';
import { lastAtOrBefore } from './regions.js';

/** The async syntax the Python detector counts; each is a `Construct` of an `asyncio` signal. */
export type AsyncConstruct = 'async def' | 'await' | 'async for' | 'async with';

/** An import statement (or one module of `import a, b`) that names a watched module. */
export interface PythonImport {
  /**
   * Canonical text: `import a.b as c` (one entry per module of `import a, b`) or
   * `from a.b import x, y as z` (one entry per statement); `cimport` in Cython.
   */
  statement: string;
  /** The dotted module after `import` or after `from`. */
  module: string;
  /** The names after `import` in a `from` import (`*` for a star import); empty for `import M`. */
  names: string[];
  /** 1-based line of the module name. */
  line: number;
}

/** One occurrence of async syntax. */
export interface AsyncOccurrence {
  construct: AsyncConstruct;
  /** 1-based line of the `async` or `await` keyword. */
  line: number;
  /** True for `async for` inside a comprehension (CPython: `comprehension.is_async`). */
  comprehension: boolean;
}

/** A use of an imported name that gives a signal; see {@link PythonAnalysis.uses}. */
export interface PythonUse {
  signal: SignalKind;
  /** 1-based line of the name the use starts with. */
  line: number;
  /**
   * `use`: the code starts or commits to a concurrency model (creates a thread, process, pool,
   * event loop or greenlet, subclasses a worker, runs a nogil section); `mention`: it only
   * names one (`isinstance(x, futures.ThreadPoolExecutor)`, `@cython.nogil`).
   */
  role: 'use' | 'mention';
  /** The use rule's qualified name (`threading.Thread`), the key a review compares base and head on. */
  name: string;
}

/** What `analysePython` finds in one file. */
export interface PythonAnalysis {
  /** Absolute imports of watched modules (relative ones are the project's own modules). */
  imports: PythonImport[];
  asyncConstructs: AsyncOccurrence[];
  counts: Record<AsyncConstruct, number>;
  /**
   * Each use of an imported name that a use rule matched (`futures.ThreadPoolExecutor`,
   * `os.fork()`, `@njit`), in source order: what `signals` holds beyond imports and async syntax,
   * before it is merged per line.
   */
  uses: PythonUse[];
  /** The signals, one per signal kind, line and construct, in line order. */
  signals: DetectedSignal[];
  acceptances: InlineAcceptance[];
  /** The first line with code (not blank, not only a comment), or null for a file without code. */
  firstCode: { line: number; evidence: string } | null;
  /**
   * Cython dialect: the first `cdef`, `cpdef`, `ctypedef` or `cimport`, what makes the file
   * Cython rather than Python in a `.pyx`; null when there is none (and in Python).
   */
  firstCython: { line: number; evidence: string } | null;
}

/** `python` for `.py`; `cython` adds `cimport`, `nogil` blocks and qualifiers, an implicit `cython`. */
export interface AnalyseOptions {
  dialect?: 'python' | 'cython';
}

/** Top-level modules whose imports `imports` lists (SPEC 4), besides `from os import fork`. */
const WATCHED_MODULES: ReadonlySet<string> = new Set([
  'threading',
  '_thread',
  // Python 2's name of `_thread`, still in the stack's older code and its ports.
  'thread',
  'concurrent',
  'multiprocessing',
  'asyncio',
  'trio',
  'anyio',
  'curio',
  'uvloop',
  'aiohttp',
  'tornado',
  'twisted',
  'gevent',
  'greenlet',
  'eventlet',
  'numba',
  'cython',
  // pygolang: `go`, channels and `sync.WorkGroup`, the stack's own way to start threads.
  'golang',
]);

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\u0000-\u007f]/;
// eslint-disable-next-line no-control-regex
const NON_ASCII_RUN = /[^\u0000-\u007f]+/g;
const ASCII_WORD = /[A-Za-z0-9_]/;

/** Blanks and backslash continuations, which may sit between the tokens of an import. */
const GAP = String.raw`[ \t\f]*(?:\\(?:\r\n?|\n)[ \t\f]*)*`;

/**
 * What a file must contain for the Python detector to find anything: `async` or `await` as
 * words, the acceptance marker, or a watched module as the first part of an imported module
 * name. That name follows `import` or `from`, maybe after other names, dots, commas and
 * continuations (`import os, threading`, `from \<newline> asyncio import x`); every other
 * signal needs such an import (`futures.ThreadPoolExecutor`, `@njit`, `prange`). Non-ASCII
 * letters are in the class of characters between, so no identifier breaks the run.
 */
const SIGNAL_TEXT = new RegExp(
  String.raw`\b(?:async|await)\b|architecture-review|(?:import|from)(?:[ \t\f\w.,\u0080-\uffff]|\\(?:\r\n?|\n))*?\b(?:` +
    [...WATCHED_MODULES].join('|') +
    String.raw`)(?![A-Za-z0-9_])`,
);
/** `os.fork()` and `from os import fork` need `os` imported (`import sys, os` included). */
const OS_IMPORT = new RegExp(String.raw`(?:import|from|,)${GAP}os(?![A-Za-z0-9_])`);

/**
 * A cheap, sound pre-check (one regular-expression scan, several times faster than the
 * analysis): false only when the text cannot hold any construct the Python detector reports,
 * nor an inline acceptance, so the caller may skip the file. Python reads identifiers after
 * NFKC normalization (`ｔｈｒｅａｄｉｎｇ` is `threading`), so a text with non-ASCII characters
 * is also checked in that form.
 */
export function mayContainPythonSignals(text: string): boolean {
  if (containsSignalText(text)) return true;
  return mayNormalizeToAscii(text) && containsSignalText(text.normalize('NFKC'));
}

/**
 * Whether NFKC could turn some non-ASCII character into an ASCII letter, digit or underscore
 * (`ｆ`, `ﬁ`, `ſ`): only then can a name the raw text hides appear. Runs are checked one by
 * one, so accented comments and CJK docstrings cost no normalization of the whole text.
 */
function mayNormalizeToAscii(text: string): boolean {
  if (isAsciiText(text)) return false;
  NON_ASCII_RUN.lastIndex = 0;
  for (let run = NON_ASCII_RUN.exec(text); run; run = NON_ASCII_RUN.exec(text)) {
    if (ASCII_WORD.test(run[0].normalize('NFKC'))) return true;
  }
  return false;
}

/** Pure ASCII, the common case: the UTF-8 length, computed natively, is the text's length. */
function isAsciiText(text: string): boolean {
  return Buffer.byteLength(text, 'utf8') === text.length;
}

function containsSignalText(text: string): boolean {
  return SIGNAL_TEXT.test(text) || (text.includes('fork') && OS_IMPORT.test(text));
}

/** What an import of a (dotted) name means; the first rule whose prefix matches wins. */
interface ImportRule {
  prefix: string;
  /** Match any name that starts with the prefix, not only at a dot. */
  loose?: boolean;
  signal: SignalKind | null;
  /** The module to report, when it is not the one the statement names. */
  module?: string;
  tag?: SignalTag;
}

const IMPORT_RULES: ImportRule[] = [
  { prefix: 'concurrent.futures.ThreadPoolExecutor', signal: 'threads', module: 'concurrent.futures' },
  { prefix: 'concurrent.futures.thread', signal: 'threads', module: 'concurrent.futures.thread' },
  { prefix: 'concurrent.futures.ProcessPoolExecutor', signal: 'multiprocessing', module: 'concurrent.futures' },
  { prefix: 'concurrent.futures.process', signal: 'multiprocessing', module: 'concurrent.futures.process' },
  // `import concurrent.futures` alone says nothing: the executor used says which.
  { prefix: 'concurrent', signal: null },
  { prefix: 'multiprocessing.dummy', signal: 'threads', module: 'multiprocessing.dummy' },
  { prefix: 'multiprocessing.pool.ThreadPool', signal: 'threads', module: 'multiprocessing.pool' },
  { prefix: 'multiprocessing', signal: 'multiprocessing' },
  { prefix: 'threading', signal: 'threads' },
  { prefix: '_thread', signal: 'threads' },
  { prefix: 'os.fork', signal: 'multiprocessing', module: 'os' },
  { prefix: 'os.forkpty', signal: 'multiprocessing', module: 'os' },
  // aiohttp's server lives in aiohttp.web and the aiohttp.web_* modules behind it.
  { prefix: 'aiohttp.web', loose: true, signal: 'asyncio', module: 'aiohttp.web', tag: 'async-server' },
  { prefix: 'asyncio', signal: 'asyncio' },
  { prefix: 'trio', signal: 'asyncio' },
  { prefix: 'anyio', signal: 'asyncio' },
  { prefix: 'curio', signal: 'asyncio' },
  { prefix: 'uvloop', signal: 'asyncio' },
  { prefix: 'aiohttp', signal: 'asyncio' },
  { prefix: 'tornado', signal: 'asyncio' },
  { prefix: 'twisted', signal: 'asyncio' },
  { prefix: 'gevent.pywsgi', signal: 'greenlets', module: 'gevent.pywsgi', tag: 'async-server' },
  { prefix: 'eventlet.wsgi', signal: 'greenlets', module: 'eventlet.wsgi', tag: 'async-server' },
  { prefix: 'gevent', signal: 'greenlets' },
  { prefix: 'greenlet', signal: 'greenlets' },
  { prefix: 'eventlet', signal: 'greenlets' },
  { prefix: 'numba', signal: 'numba' },
  { prefix: 'cython.parallel', signal: 'cython-parallel', module: 'cython.parallel' },
  // pygolang: `go`, `chan` and `sync` start and connect threads; the rest (`func`, `defer`,
  // `b`, `u`) is plain Python.
  { prefix: 'golang.go', signal: 'threads', module: 'golang' },
  { prefix: 'golang.chan', signal: 'threads', module: 'golang' },
  { prefix: 'golang.sync', signal: 'threads', module: 'golang' },
  { prefix: 'golang', signal: null },
  // A `.pyx` is a `cython` signal by itself; `import cython` in a `.py` is pure-Python mode.
  { prefix: 'cython', signal: null },
];

function matchesPrefix(name: string, prefix: string, loose = false): boolean {
  if (!name.startsWith(prefix)) return false;
  return loose || name.length === prefix.length || name.charCodeAt(prefix.length) === 46; /* . */
}

function importRuleFor(qualified: string): ImportRule | undefined {
  for (const rule of IMPORT_RULES) if (matchesPrefix(qualified, rule.prefix, rule.loose)) return rule;
  return undefined;
}

/**
 * What a use of an imported name means, once resolved to its qualified name. `via`:
 * - `call`: called (`threading.Thread(...)`, `Thread(...)` after `from threading import
 *   Thread`, `prange(...)`, `os.fork()`), a `with` item's call included;
 * - `call-or-base`: called, or a base in a class statement (`class Worker(Thread):`);
 * - `decorator-or-call`: `@njit`, `@numba.jit(...)`, `numba.njit(...)(f)`;
 * - `with-or-decorator`: `with cython.nogil:`, `@cython.nogil`;
 * - `attribute`: reached through an attribute (`futures.ThreadPoolExecutor`) or a star import,
 *   however used; a plain name is the import itself, which already gave the signal.
 * The first rule whose name and `via` both match decides; `role` says whether the match is a
 * use (the code starts or commits to a concurrency model) or a mention (it only names one).
 * Locks, events, queues and thread-locals are neither: the import that brings them is the
 * only signal they leave, a mention.
 */
interface UseRule {
  name: string;
  /** Longer dotted names under `name` match too (`tornado.ioloop.IOLoop.current`). */
  prefix?: boolean;
  /** Any name that starts with `name` matches (`gevent.monkey.patch_all`). */
  loose?: boolean;
  signal: SignalKind;
  via: 'attribute' | 'call' | 'call-or-base' | 'decorator-or-call' | 'with-or-decorator';
  role: 'use' | 'mention';
  tag?: SignalTag;
  /** pygolang's constructs: threads, or greenlets when the file runs gevent (see `readResult`). */
  pygolang?: boolean;
}

/** Uses, by signal: what creates a thread, process, pool, event loop or greenlet. */
const THREAD_USES = [
  'threading.Thread',
  'threading.Timer',
  'concurrent.futures.ThreadPoolExecutor',
  'concurrent.futures.thread.ThreadPoolExecutor',
  'multiprocessing.dummy.Pool',
  'multiprocessing.dummy.Process',
  'multiprocessing.pool.ThreadPool',
];
const THREAD_CALLS = ['_thread.start_new_thread', '_thread.start_new', '_thread.start_joinable_thread'];
const PROCESS_USES = [
  'multiprocessing.Process',
  'multiprocessing.Pool',
  'multiprocessing.pool.Pool',
  'multiprocessing.context.Process',
  'concurrent.futures.ProcessPoolExecutor',
  'concurrent.futures.process.ProcessPoolExecutor',
];
const PROCESS_CALLS = ['multiprocessing.get_context', 'multiprocessing.Manager', 'os.fork', 'os.forkpty'];
const ASYNC_CALLS = [
  'asyncio.run',
  'asyncio.Runner',
  'asyncio.get_event_loop',
  'asyncio.new_event_loop',
  'asyncio.get_running_loop',
  'asyncio.ensure_future',
  'asyncio.create_task',
  'asyncio.gather',
  'asyncio.wait',
  'asyncio.TaskGroup',
  'asyncio.start_server',
  'asyncio.start_unix_server',
  'asyncio.open_connection',
  'asyncio.run_coroutine_threadsafe',
  'trio.run',
  'trio.open_nursery',
  'anyio.run',
  'anyio.create_task_group',
  'curio.run',
  'uvloop.install',
  'uvloop.run',
  'uvloop.new_event_loop',
  'uvloop.EventLoopPolicy',
  'twisted.internet.reactor.run',
  'twisted.internet.reactor.listenTCP',
  'twisted.internet.reactor.connectTCP',
  'twisted.internet.task.react',
  'aiohttp.ClientSession',
];
const ASYNC_BASES = [
  'asyncio.Protocol',
  'asyncio.DatagramProtocol',
  'asyncio.BufferedProtocol',
  'asyncio.SubprocessProtocol',
  'twisted.internet.protocol.Protocol',
  'twisted.internet.protocol.Factory',
];
const ASYNC_DECORATORS = ['asyncio.coroutine', 'twisted.internet.defer.inlineCallbacks', 'tornado.gen.coroutine'];
const ASYNC_SERVER_USES = [
  'aiohttp.web.Application',
  'aiohttp.web.run_app',
  'aiohttp.web.AppRunner',
  'tornado.web.Application',
  'tornado.web.RequestHandler',
  'tornado.httpserver.HTTPServer',
  'twisted.web.server.Site',
];
const GREENLET_USES = ['gevent.Greenlet', 'gevent.greenlet.Greenlet', 'gevent.pool.Pool', 'gevent.pool.Group', 'greenlet.greenlet'];
const GREENLET_CALLS = [
  'gevent.spawn',
  'gevent.spawn_later',
  'gevent.spawn_raw',
  'gevent.joinall',
  'eventlet.spawn',
  'eventlet.spawn_n',
  'eventlet.spawn_after',
  'eventlet.GreenPool',
  'eventlet.greenpool.GreenPool',
  'eventlet.monkey_patch',
  'eventlet.patcher.monkey_patch',
];
const GREEN_SERVER_USES = ['gevent.pywsgi.WSGIServer', 'gevent.server.StreamServer', 'eventlet.wsgi.server'];

function uses(names: string[], signal: SignalKind, via: UseRule['via'], extra: Partial<UseRule> = {}): UseRule[] {
  return names.map((name) => ({ name, signal, via, role: 'use' as const, ...extra }));
}

const USE_RULES: UseRule[] = [
  ...uses(THREAD_USES, 'threads', 'call-or-base'),
  ...uses(THREAD_CALLS, 'threads', 'call'),
  ...uses(['golang.go', 'golang.sync.WorkGroup'], 'threads', 'call', { pygolang: true }),
  ...uses(PROCESS_USES, 'multiprocessing', 'call-or-base'),
  ...uses(PROCESS_CALLS, 'multiprocessing', 'call'),
  ...uses(ASYNC_SERVER_USES, 'asyncio', 'call-or-base', { tag: 'async-server' }),
  ...uses(ASYNC_CALLS, 'asyncio', 'call'),
  ...uses(ASYNC_BASES, 'asyncio', 'call-or-base'),
  ...uses(ASYNC_DECORATORS, 'asyncio', 'decorator-or-call'),
  { name: 'tornado.ioloop.IOLoop', prefix: true, signal: 'asyncio', via: 'call', role: 'use' },
  ...uses(GREEN_SERVER_USES, 'greenlets', 'call-or-base', { tag: 'async-server' }),
  ...uses(GREENLET_USES, 'greenlets', 'call-or-base'),
  ...uses(GREENLET_CALLS, 'greenlets', 'call'),
  { name: 'gevent.monkey.patch_', loose: true, signal: 'greenlets', via: 'call', role: 'use' },
  ...uses(['numba.jit', 'numba.njit', 'numba.vectorize', 'numba.guvectorize'], 'numba', 'decorator-or-call'),
  ...uses(['cython.parallel.prange', 'cython.parallel.parallel'], 'cython-parallel', 'call'),
  // `with cython.nogil:` releases the GIL (a use); `@cython.nogil` only allows it (a mention).
  { name: 'cython.nogil', signal: 'cython-nogil', via: 'with-or-decorator', role: 'use' },
  // Named, not used: an executor class passed around, a module's attribute read.
  { name: 'concurrent.futures.ThreadPoolExecutor', prefix: true, signal: 'threads', via: 'attribute', role: 'mention' },
  { name: 'concurrent.futures.thread', prefix: true, signal: 'threads', via: 'attribute', role: 'mention' },
  { name: 'concurrent.futures.ProcessPoolExecutor', prefix: true, signal: 'multiprocessing', via: 'attribute', role: 'mention' },
  { name: 'concurrent.futures.process', prefix: true, signal: 'multiprocessing', via: 'attribute', role: 'mention' },
  { name: 'multiprocessing.dummy', prefix: true, signal: 'threads', via: 'attribute', role: 'mention' },
  { name: 'multiprocessing.pool.ThreadPool', prefix: true, signal: 'threads', via: 'attribute', role: 'mention' },
];

/**
 * The use rules as data, for the differential test: test/reference/python_reference.py reads
 * the same table and finds, in CPython's AST, where code reaches each name.
 */
export const PYTHON_USE_RULES: readonly Readonly<UseRule>[] = USE_RULES;

/** six's name of `_thread`. */
const SIX_THREAD = 'six.moves._thread';

/** Imports of these top-level modules bind names whose attributes `USE_RULES` look at. */
const BINDING_TOPS: ReadonlySet<string> = new Set(USE_RULES.map((rule) => topLevel(canonicalModule(rule.name))));

/**
 * The name code uses for a module: Python 2's `thread` is `_thread` (ports rename one to the
 * other, which must not read as a new use).
 */
function canonicalModule(module: string): string {
  if (module === 'thread' || module.startsWith('thread.')) return '_' + module;
  // six's Python 2/3 alias, which the stack's ports use (`import six.moves._thread as _thread`).
  if (module === SIX_THREAD || module.startsWith(`${SIX_THREAD}.`)) return module.slice('six.moves.'.length);
  return module;
}

/** Keywords after which a `(` opens a parenthesized expression, not a call. */
const GROUP_AFTER_KEYWORDS: ReadonlySet<string> = new Set([
  'and', 'as', 'assert', 'async', 'await', 'del', 'elif', 'else', 'except', 'for', 'from', 'global', 'if',
  'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'raise', 'return', 'while', 'with', 'yield',
]);

/** Keywords before which a Cython `nogil` cannot be a function qualifier. */
const NOT_BEFORE_QUALIFIER: ReadonlySet<string> = new Set([
  'and', 'as', 'assert', 'await', 'class', 'def', 'del', 'elif', 'else', 'for', 'from', 'global',
  'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'print', 'raise',
  'return', 'while', 'with', 'yield',
]);

/** A keyword argument's literal that Cython takes as true at compile time: `True`, or a non-zero integer (`nogil=1`). */
function isTrueLiteral(value: string | undefined): boolean {
  return value === 'True' || (value !== undefined && /^[1-9][0-9_]*$/.test(value));
}

const QUALIFIER_STATEMENTS: ReadonlySet<string> = new Set(['cdef', 'cpdef', 'ctypedef']);

// Per-token flags set by the first pass for the second.
const FLAG_DECORATOR = 1;
const FLAG_WITH_ITEM = 2;
const FLAG_IN_IMPORT = 4;
const FLAG_CLASS_BASE = 8;

const NAME = TokenKind.Name;
const NUMBER = TokenKind.Number;
const STRING = TokenKind.String;
const OP = TokenKind.Op;
const NEWLINE = TokenKind.Newline;
const FSTRING_START = TokenKind.FStringStart;
const FSTRING_END = TokenKind.FStringEnd;
const ERROR = TokenKind.Error;

// Reused between calls (analysis is synchronous), so a run over many files allocates little.
let sharedTokens: PythonTokens | null = null;
let sharedFlags = new Uint8Array(1024);
/** Past this many tokens a buffer is not kept for the next file. */
const KEEP_BUFFER_LIMIT = 1 << 21;

/** A name bound by an import to a qualified name; `star` when only a star import could bind it. */
interface Binding {
  target: string;
  star: boolean;
}

/** Line numbers and evidence lines, computed on first use. */
class SourceLines {
  private lineStarts: number[] | null = null;

  constructor(private readonly text: string) {}

  /** 1-based line of an offset. Lines end at `\n`, `\r\n` or a lone `\r`, as in CPython. */
  lineOf(offset: number): number {
    const starts = this.starts();
    return Math.max(0, lastAtOrBefore(starts, starts.length, offset)) + 1;
  }

  /** Like `lineOf`, without indexing the whole text: for offsets near its start. */
  lineOfNear(offset: number): number {
    if (this.lineStarts) return this.lineOf(offset);
    const text = this.text;
    let line = 1;
    for (let p = 0; p < offset; p++) {
      const c = text.charCodeAt(p);
      if (c === 10 || (c === 13 && text.charCodeAt(p + 1) !== 10)) line++;
    }
    return line;
  }

  /** The line, trimmed and cut to 200 characters (never in the middle of a surrogate pair). */
  evidence(line: number): string {
    const start = this.starts()[line - 1];
    return start === undefined ? '' : this.evidenceAt(start);
  }

  /** The line that holds an offset, as evidence. */
  evidenceAt(offset: number): string {
    const text = this.text;
    let start = offset;
    while (start > 0) {
      const c = text.charCodeAt(start - 1);
      if (c === 10 || c === 13) break;
      start--;
    }
    let end = offset;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === 10 || c === 13) break;
      end++;
    }
    return toEvidence(text.slice(start, end));
  }

  private starts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const text = this.text;
    const starts = [0];
    if (text.indexOf('\r') < 0) {
      let p = text.indexOf('\n');
      while (p >= 0) {
        starts.push(p + 1);
        p = text.indexOf('\n', p + 1);
      }
    } else {
      for (let p = 0; p < text.length; p++) {
        const c = text.charCodeAt(p);
        if (c === 10) starts.push(p + 1);
        else if (c === 13) {
          if (text.charCodeAt(p + 1) === 10) p++;
          starts.push(p + 1);
        }
      }
    }
    this.lineStarts = starts;
    return starts;
  }
}

/** Collects signals, one per kind, line and construct, merging tags. */
class SignalSet {
  private readonly byKey = new Map<string, DetectedSignal>();

  constructor(private readonly lines: SourceLines) {}

  add(
    signal: SignalKind,
    line: number,
    extra: { tags?: SignalTag[]; module?: string; construct?: Construct; idiom?: string } = {},
  ): void {
    const key = `${signal}\u0000${line}\u0000${extra.construct ?? ''}`;
    const found = this.byKey.get(key);
    if (found) {
      for (const tag of extra.tags ?? []) {
        found.tags ??= [];
        if (!found.tags.includes(tag)) found.tags.push(tag);
      }
      return;
    }
    const detected: DetectedSignal = { signal, line, evidence: this.lines.evidence(line) };
    if (extra.tags && extra.tags.length > 0) detected.tags = [...extra.tags];
    if (extra.module !== undefined) detected.module = ownCopy(extra.module);
    if (extra.construct !== undefined) detected.construct = extra.construct;
    if (extra.idiom !== undefined) detected.idiom = extra.idiom;
    this.byKey.set(key, detected);
  }

  list(): DetectedSignal[] {
    return [...this.byKey.values()].sort((a, b) => a.line - b.line);
  }
}

/**
 * Analyses one Python file (or, with `dialect: 'cython'`, one `.pyx`/`.pxd`/`.pxi`): the watched
 * imports, the async syntax, every signal of SPEC 4 with its evidence line, and the inline
 * acceptances. Nothing inside strings, comments or docstrings counts; f-string replacement
 * fields are code. Never throws, whatever the text.
 */
export function analysePython(text: string, options: AnalyseOptions = {}): PythonAnalysis {
  const tokens = tokenizePython(text, takeTokenBuffer());
  try {
    return analyseTokens(text, tokens, options.dialect === 'cython');
  } finally {
    releaseBuffers();
  }
}

function analyseTokens(text: string, tokens: PythonTokens, cython: boolean): PythonAnalysis {
  const analyser = new Analyser(text, tokens, cython);
  analyser.readStatements();
  if (analyser.prepareBindings()) analyser.resolveUses();
  return analyser.result();
}

function takeTokenBuffer(): PythonTokens {
  return sharedTokens ?? (sharedTokens = createTokenBuffer(1 << 14));
}

function releaseBuffers(): void {
  if (sharedTokens && sharedTokens.kinds.length > KEEP_BUFFER_LIMIT) sharedTokens = null;
  if (sharedFlags.length > KEEP_BUFFER_LIMIT) sharedFlags = new Uint8Array(1024);
}

/**
 * The Python detector: `analysePython`'s signals and acceptances, exactly, for less work. The
 * pre-check skips files that cannot hold a signal. Of the others, only the logical lines that
 * may hold one are tokenized and analysed ({@link SignalSearch}): most of a file is code that
 * no signal can come from, and docstrings and comments that only read like it.
 * test/detect/python-detect.test.ts holds the detector to `analysePython`.
 */
export function detectPython(text: string): Detection {
  if (!mayContainPythonSignals(text)) return { signals: [], acceptances: [] };
  const search = new SignalSearch(text);
  if (search.count === 0) return { signals: [], acceptances: [] };
  const buffer = takeTokenBuffer();
  try {
    let analyser = search.analyse(buffer);
    if (analyser.prepareBindings()) {
      // A use of `os` is found at the `fork` it says: NFKC may spell that in other letters.
      if (analyser.bindsOs() && mayNormalizeToAscii(text)) return pickDetection(analysePython(text));
      // Names bound by imports: their uses are signals too, wherever they are.
      const names = analyser.namesToFollow();
      if (names.length > 0) {
        if (!search.addUses(names)) return pickDetection(analysePython(text));
        analyser = search.analyse(buffer);
        analyser.prepareBindings();
      }
      analyser.resolveUses();
    }
    return pickDetection(analyser.result());
  } finally {
    releaseBuffers();
  }
}

function pickDetection(analysis: PythonAnalysis): Detection {
  return { signals: analysis.signals, acceptances: analysis.acceptances };
}

/**
 * Where the first pass can find something: the keywords it starts from and the marker of an
 * acceptance; and `fork`, the name a use of `os` must say.
 */
const SPAN_WORDS = /import|async|await|architecture-review|fork/g;

/** A watched module as a whole word; with `os` too, which matters only in a text that says `fork`. */
const IMPORTED = new RegExp(String.raw`\b(?:${[...WATCHED_MODULES].join('|')})(?![A-Za-z0-9_])`);
const IMPORTED_OR_OS = new RegExp(String.raw`\b(?:${[...WATCHED_MODULES, 'os'].join('|')})(?![A-Za-z0-9_])`);

/** The last run {@link namesWatchedModule} read, and what it found: the runs of a text's imports often coincide. */
let runText = '';
let runStart = -1;
let runEnd = -1;
let runFound = false;

/**
 * Whether the `import` at `text[start, end)` may name a watched module: whether one is written
 * in the run of blanks, names, dots, commas and backslash continuations around it. An import
 * statement's modules are all in that run: `import a.b as c, d` after the keyword, and `from a.b`
 * before it, since only blanks and continuations may stand between `from`, the module and
 * `import`. (A parenthesized list follows `import` only in a `from` import, whose module is
 * before it.) Imports in the same run share one answer, so a text is read about once.
 * The answer may be yes for an import that names none; never no for one that does.
 */
function namesWatchedModule(text: string, start: number, end: number, modules: RegExp): boolean {
  if (text === runText && start >= runStart && start < runEnd) return runFound;
  let from = start;
  for (;;) {
    const c = text.charCodeAt(from - 1);
    if (isRunChar(c)) from--;
    else if (c === 10 /* \n */ && text.charCodeAt(from - 2) === 92 /* \\ */) from -= 2;
    else if (c === 10 && text.charCodeAt(from - 2) === 13 /* \r */ && text.charCodeAt(from - 3) === 92) from -= 3;
    else if (c === 13 && text.charCodeAt(from - 2) === 92) from -= 2;
    else break;
  }
  let to = end;
  for (;;) {
    const c = text.charCodeAt(to);
    if (isRunChar(c)) to++;
    else if (c === 92 && text.charCodeAt(to + 1) === 10) to += 2;
    else if (c === 92 && text.charCodeAt(to + 1) === 13) to += text.charCodeAt(to + 2) === 10 ? 3 : 2;
    else break;
  }
  runText = text;
  runStart = from;
  runEnd = to;
  const run = text.slice(from, to);
  // Python reads names after NFKC (`ｔｈｒｅａｄｉｎｇ` is `threading`); the run holds every
  // non-ASCII letter of the statement's names, so normalizing it alone is enough.
  runFound = modules.test(run) || (NON_ASCII.test(run) && modules.test(run.normalize('NFKC')));
  return runFound;
}

/**
 * Blanks, ASCII word characters, dots, commas and any non-ASCII character (NaN, off the text, is
 * not): the characters of the run that the pre-check's `SIGNAL_TEXT` reads after `import`.
 */
function isRunChar(c: number): boolean {
  return (
    c === 32 || c === 9 || c === 12 || c === 46 || c === 44 || c === 95 ||
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0x80
  );
}

/**
 * The places of a Python file that may hold what `analysePython` reports, as spans in source
 * order, and the logical lines around them.
 *
 * The first pass reports only what starts at an `async` or `await`, at an acceptance's marker,
 * or in an import statement, which has an `import` (`from M import x` too); and it keeps no
 * state from one logical line to the next. So reading only the logical lines that hold those
 * words, each from its start, finds what reading them all would. Words that lie wholly inside
 * a string, or inside a comment (markers excepted), as {@link scanPythonLayout} finds them, are
 * left out; so are keywords that go on into a longer name (`asyncio`, `imported`), and imports
 * that name no watched module ({@link namesWatchedModule}): they report nothing and bind nothing
 * the second pass follows. Fewer spans mean a shorter layout scan: it stops at the last one.
 *
 * The second pass follows names bound by imports (of `concurrent`, `multiprocessing`, `os`,
 * `numba`, `cython`): a use of `os` that matters says `fork` (`os.fork()`, `fork()` after
 * `from os import *`), and every `fork` is a span. Other bound names may be used anywhere under
 * any alias: once the first pass knows them, {@link addUses} makes a span of each of their uses.
 */
class SignalSearch {
  private starts: number[] = [];
  private ends: number[] = [];
  private layout: PythonLayout | null = null;

  constructor(private readonly text: string) {
    const starts: number[] = [];
    const ends: number[] = [];
    // `os` matters only for `fork`, which NFKC may spell in other letters: not in ASCII text.
    // Asked at the first `import`: a file may have none.
    let modules: RegExp | null = null;
    SPAN_WORDS.lastIndex = 0;
    for (let m = SPAN_WORDS.exec(text); m; m = SPAN_WORDS.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      const word = m[0];
      const keyword = word === 'import' || word === 'async' || word === 'await';
      // Followed by more of a name (`asyncio`, `imported`), it is no keyword. (`fork` is kept
      // whatever follows: `forkpty`.)
      if (keyword && end < text.length && IDENT_CHAR.test(text.charAt(end))) continue;
      if (word === 'import') {
        modules ??= text.includes('fork') || !isAsciiText(text) ? IMPORTED_OR_OS : IMPORTED;
        if (!namesWatchedModule(text, start, end, modules)) continue;
      }
      starts.push(start);
      ends.push(end);
    }
    if (starts.length === 0) return;
    const layout = (this.layout = scanPythonLayout(text, ends[ends.length - 1]!));
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i]!;
      const end = ends[i]!;
      const kind = regionKind(layout, start, end);
      if (kind === REGION_STRING || (kind === REGION_COMMENT && end - start !== ACCEPT_MARKER.length)) continue;
      this.starts.push(start);
      this.ends.push(end);
    }
  }

  /** How many spans there are. */
  get count(): number {
    return this.starts.length;
  }

  /**
   * Adds a span for each use of `names` (bound by imports in the spans' lines) in code: every
   * place the name's letters are not followed by more of a name and not inside a string or
   * comment. False when that cannot be done: Python reads names after NFKC, so a name that is
   * not ASCII may be written other ways, and where NFKC can turn some characters into ASCII
   * letters, so may an ASCII one.
   */
  addUses(names: string[]): boolean {
    const text = this.text;
    if (names.some((name) => NON_ASCII.test(name)) || mayNormalizeToAscii(text)) return false;
    if (!this.layout || this.layout.scannedTo < text.length) this.layout = scanPythonLayout(text, text.length);
    const spans: [number, number][] = this.starts.map((start, i) => [start, this.ends[i]!]);
    for (const name of names) {
      for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
        const end = at + name.length;
        // Not to the left: a name may follow a number with no space (`1if x else y`).
        if (end < text.length && IDENT_CHAR.test(text[end]!)) continue;
        const kind = regionKind(this.layout, at, end);
        if (kind === REGION_STRING || kind === REGION_COMMENT) continue;
        spans.push([at, end]);
      }
    }
    spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    this.starts = spans.map((span) => span[0]);
    this.ends = spans.map((span) => span[1]);
    return true;
  }

  /**
   * Tokenizes the logical lines that hold the spans, in order, each from the line start before
   * it to the end of the logical line of its last character, into `buffer`; and runs the first
   * pass over them.
   */
  analyse(buffer: PythonTokens): Analyser {
    const { text, starts, ends } = this;
    const layout = this.layout!;
    buffer.count = 0;
    buffer.commentCount = 0;
    let covered = 0;
    for (let i = 0; i < starts.length && covered < text.length; i++) {
      const last = ends[i]! - 1;
      if (last < covered) continue;
      const from = Math.max(covered, lineStartBefore(text, layout, starts[i]!));
      covered = tokenizePython(text, buffer, { from, stopAfter: last }).end;
    }
    const analyser = new Analyser(text, buffer, false);
    analyser.readStatements();
    return analyser;
  }
}

/**
 * The kind of region (string, comment, f-string) that holds all of `text[start, end)`, or 0:
 * code, or not read.
 */
function regionKind(layout: PythonLayout, start: number, end: number): number {
  if (start >= layout.scannedTo) return 0;
  let lo = 0;
  let hi = layout.regionCount - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (layout.regionStarts[mid]! > start) hi = mid - 1;
    else if (layout.regionEnds[mid]! <= start) lo = mid + 1;
    else return end <= layout.regionEnds[mid]! ? layout.regionKinds[mid]! : 0;
  }
  return 0;
}

/** A character the tokenizer reads as part of a name: ASCII word characters and any non-ASCII one but the BOM. */
const IDENT_CHAR = /[A-Za-z0-9_\u0080-\ufefe\uff00-\uffff]/;

class Analyser {
  private kinds: Uint8Array;
  private starts: Int32Array;
  private ends: Int32Array;
  private count: number;
  private flags: Uint8Array;
  /** Tokens before this one have been through the first pass. */
  private read = 0;
  private readonly lines: SourceLines;
  private readonly signals: SignalSet;
  private readonly imports: PythonImport[] = [];
  private readonly asyncConstructs: AsyncOccurrence[] = [];
  private readonly uses: PythonUse[] = [];
  /** Names bound by imports of `BINDING_TOPS` modules. */
  private readonly bindings = new Map<string, Binding[]>();
  /** Modules star-imported from `BINDING_TOPS`. */
  private readonly starModules: string[] = [];
  /** Built on first use by `closingBrackets`. */
  private closeOf: Int32Array | null = null;
  /** Cython: the token of the first `cdef`, `cpdef`, `ctypedef` or `cimport`, or -1. */
  private firstCythonToken = -1;
  /** pygolang's `go(...)` and `sync.WorkGroup(...)`: threads, or greenlets under gevent. */
  private readonly pygolang: { line: number; name: string }[] = [];
  /** The file monkey-patches gevent in: pygolang then runs on greenlets. */
  private patchesGevent = false;

  constructor(
    private readonly text: string,
    private readonly tokens: PythonTokens,
    private readonly cython: boolean,
  ) {
    this.kinds = tokens.kinds;
    this.starts = tokens.starts;
    this.ends = tokens.ends;
    this.count = tokens.count;
    if (sharedFlags.length < this.count + 1) sharedFlags = new Uint8Array(this.count * 2 + 16);
    this.flags = sharedFlags;
    this.flags.fill(0, 0, this.count + 1);
    this.lines = new SourceLines(text);
    this.signals = new SignalSet(this.lines);
  }

  /** Whether some name is bound to `os` or to a name in it. */
  bindsOs(): boolean {
    for (const list of this.bindings.values()) {
      if (list.some(({ target }) => target === 'os' || target.startsWith('os.'))) return true;
    }
    return false;
  }

  /**
   * Names bound by imports whose uses may be anywhere; uses of `os` are left out: the ones
   * that matter say `fork` (see {@link SignalSearch}).
   */
  namesToFollow(): string[] {
    const names: string[] = [];
    for (const [name, list] of this.bindings) {
      if (list.some(({ target }) => target !== 'os' && !target.startsWith('os.'))) names.push(name);
    }
    return names;
  }

  result(): PythonAnalysis {
    const counts: Record<AsyncConstruct, number> = { 'async def': 0, await: 0, 'async for': 0, 'async with': 0 };
    for (const occurrence of this.asyncConstructs) counts[occurrence.construct]++;
    // pygolang runs `go` on OS threads, or on greenlets once gevent has patched the process.
    const runtime = this.patchesGevent ? 'greenlets' : 'threads';
    for (const { line, name } of this.pygolang) {
      this.signals.add(runtime, line, {
        tags: USE_TAG,
        module: name,
        idiom: `pygolang's \`${name === 'golang.go' ? 'go' : 'sync.WorkGroup'}\`${this.patchesGevent ? ' on its gevent runtime' : ''}`,
      });
    }
    const first = this.firstCythonToken;
    return {
      imports: this.imports,
      asyncConstructs: this.asyncConstructs,
      counts,
      uses: this.uses,
      signals: this.signals.list(),
      acceptances: this.readAcceptances(),
      firstCode: this.firstCode(),
      firstCython:
        first < 0 ? null : { line: this.lineOf(first), evidence: this.lines.evidenceAt(this.starts[first]!) },
    };
  }

  // ---- token helpers -------------------------------------------------------------------

  /** Whether one of the tokens from..to (to excluded) is the name `word`. */
  private hasWord(from: number, to: number, word: string): boolean {
    for (let j = from; j < to; j++) if (this.isWord(j, word)) return true;
    return false;
  }

  private isWord(i: number, word: string): boolean {
    return (
      i < this.count &&
      this.kinds[i] === NAME &&
      this.ends[i]! - this.starts[i]! === word.length &&
      this.text.startsWith(word, this.starts[i]!)
    );
  }

  /** True when token i is the one-character operator `ch`. */
  private isOp(i: number, ch: number): boolean {
    return (
      i < this.count &&
      this.kinds[i] === OP &&
      this.ends[i]! - this.starts[i]! === 1 &&
      this.text.charCodeAt(this.starts[i]!) === ch
    );
  }

  /** The identifier of a NAME token, NFKC-normalized as Python does for non-ASCII names. */
  private name(i: number): string {
    const raw = this.text.slice(this.starts[i]!, this.ends[i]!);
    return NON_ASCII.test(raw) ? raw.normalize('NFKC') : raw;
  }

  private lineOf(i: number): number {
    return this.lines.lineOf(this.starts[i]!);
  }

  /** Reads `a.b.c` from token i; null when token i is not a name. */
  private dotted(i: number): { name: string; next: number } | null {
    if (i >= this.count || this.kinds[i] !== NAME) return null;
    let name = this.name(i);
    let j = i + 1;
    while (this.isOp(j, 46 /* . */) && j + 1 < this.count && this.kinds[j + 1] === NAME) {
      name += '.' + this.name(j + 1);
      j += 2;
    }
    return { name, next: j };
  }

  // ---- pass 1: statements ----------------------------------------------------------------

  /** The first pass. */
  readStatements(): void {
    const { kinds, starts, ends, text, count, flags } = this;
    /** Open brackets, f-strings counted as brackets (their fields are expressions). */
    let depth = 0;
    let atStatementStart = true;
    let statementFirst = 0;
    /** A `)` closed at depth 0 in this statement (a Cython signature before `nogil`). */
    let closedParen = false;
    let inWithHeader = false;
    let withParenOpen = false;
    /** In `class C(...)`: names in its parentheses are bases. */
    let inClassHeader = false;
    /** Tokens before this index belong to an import statement already read. */
    let skipUntil = 0;

    for (let i = this.read; i < count; i++) {
      const kind = kinds[i]!;
      const first = atStatementStart;
      atStatementStart = false;
      if (first) {
        statementFirst = i;
        closedParen = false;
        inWithHeader = false;
        withParenOpen = false;
        inClassHeader = false;
      }
      if (kind === NEWLINE) {
        // The tokenizer ends logical lines outside brackets only: resync on broken input.
        depth = 0;
        atStatementStart = true;
        continue;
      }
      if (kind === FSTRING_START) {
        depth++;
        continue;
      }
      if (kind === FSTRING_END) {
        if (depth > 0) depth--;
        continue;
      }
      if (kind === OP) {
        if (ends[i]! - starts[i]! !== 1) continue;
        const c = text.charCodeAt(starts[i]!);
        if (c === 40 || c === 91 || c === 123) {
          depth++;
        } else if (c === 41 || c === 93 || c === 125) {
          if (depth > 0) depth--;
          if (depth === 0) {
            if (c === 41) closedParen = true;
            withParenOpen = false;
          }
        } else if (c === 44 /* , */) {
          if (inWithHeader && (depth === 0 || (depth === 1 && withParenOpen))) flags[i + 1]! |= FLAG_WITH_ITEM;
        } else if (depth === 0) {
          // `;` and a compound statement's `:` start a statement (`try: import trio`). Lambdas
          // and annotations also put a `:` at depth 0; no statement keyword can follow those.
          if (c === 59 /* ; */ || c === 58 /* : */) {
            atStatementStart = true;
            inWithHeader = false;
            inClassHeader = false;
          } else if (c === 64 /* @ */ && first) {
            flags[i + 1]! |= FLAG_DECORATOR;
          }
        }
        continue;
      }
      if (kind !== NAME || i < skipUntil) continue;
      if (inClassHeader && depth === 1) flags[i]! |= FLAG_CLASS_BASE;

      const start = starts[i]!;
      const length = ends[i]! - start;
      // Keywords are ASCII; dispatch on length and first letter before comparing text.
      switch (text.charCodeAt(start)) {
        case 105 /* i */:
          if (length === 6 && text.startsWith('import', start)) skipUntil = this.readImport(i, 'import');
          break;
        case 99 /* c */:
          if (first && length === 5 && text.startsWith('class', start)) inClassHeader = true;
          else if (this.cython) {
            if (length === 7 && text.startsWith('cimport', start)) skipUntil = this.readImport(i, 'cimport');
            else if (first && isCythonDeclaration(text.slice(start, start + length))) this.sawCython(i);
          }
          break;
        case 80 /* P */:
        case 112 /* p */:
          if (this.cython) this.readThreadStart(i, first);
          break;
        case 102 /* f */:
          if (first && length === 4 && text.startsWith('from', start)) skipUntil = this.readFrom(i);
          break;
        case 97 /* a */:
          if (length === 5) {
            if (text.startsWith('await', start)) this.addAsync('await', i, false);
            else if (text.startsWith('async', start)) {
              if (this.isWord(i + 1, 'def')) this.addAsync('async def', i, false);
              else if (this.isWord(i + 1, 'for')) this.addAsync('async for', i, depth > 0);
              else if (this.isWord(i + 1, 'with')) this.addAsync('async with', i, false);
            }
          }
          break;
        case 119 /* w */:
          if (length === 4 && text.startsWith('with', start)) {
            inWithHeader = true;
            flags[i + 1]! |= FLAG_WITH_ITEM;
            if (this.isOp(i + 1, 40 /* ( */)) {
              withParenOpen = true;
              flags[i + 2]! |= FLAG_WITH_ITEM;
            }
          }
          break;
        case 110 /* n */:
          if (this.cython && length === 5 && text.startsWith('nogil', start)) {
            this.readNogil(i, depth, statementFirst, closedParen, inWithHeader);
          }
          break;
      }
    }
    this.read = count;
  }

  private addAsync(construct: AsyncConstruct, i: number, comprehension: boolean): void {
    const line = this.lineOf(i);
    this.asyncConstructs.push({ construct, line, comprehension });
    this.signals.add('asyncio', line, { construct, tags: USE_TAG });
  }

  private sawCython(i: number): void {
    if (this.firstCythonToken < 0) this.firstCythonToken = i;
  }

  /**
   * Cython's way to start an OS thread without the `threading` module: a call of
   * `PyThread_start_new_thread(...)` or `pthread_create(...)`. Their declarations
   * (`int pthread_create(pthread_t*, ...) nogil` in a `cdef extern` block, `cdef long
   * PyThread_start_new_thread(...)`) name a type before them: not a call.
   */
  private readThreadStart(i: number, first: boolean): void {
    const name = this.name(i);
    if (name !== 'PyThread_start_new_thread' && name !== 'pthread_create') return;
    if (!this.isOp(i + 1, 40 /* ( */) || this.isOp(i - 1, 46 /* . */)) return;
    if (!first && this.kinds[i - 1] === NAME && !GROUP_AFTER_KEYWORDS.has(this.name(i - 1))) return;
    if (this.isWord(i - 1, 'def')) return;
    const line = this.lineOf(i);
    this.uses.push({ signal: 'threads', line, role: 'use', name });
    this.signals.add('threads', line, { tags: USE_TAG, module: name, idiom: `Cython's \`${name}\`` });
  }

  /** Cython's `nogil`: a `with nogil` item, or a function qualifier (`cdef void f() nogil:`). */
  private readNogil(i: number, depth: number, statementFirst: number, closedParen: boolean, inWithHeader: boolean): void {
    if (this.isOp(i + 1, 46 /* . */) || this.isOp(i - 1, 46)) return; // an attribute
    if (this.flags[i]! & FLAG_WITH_ITEM) {
      this.signals.add('cython-nogil', this.lineOf(i), { construct: 'with nogil', tags: USE_TAG });
      return;
    }
    if (inWithHeader || depth !== 0 || i === statementFirst) return;
    if (this.isOp(i + 1, 61 /* = */)) return; // `x, nogil = ...`
    // What precedes a qualifier: the signature's `)`, `noexcept`, an except clause
    // (`except -1`, `except? -1`, `except *`, `except +`), or `extern from "x.h"`.
    const prev = i - 1;
    const prevKind = this.kinds[prev];
    let fits = false;
    if (prevKind === NUMBER || prevKind === STRING || prevKind === ERROR) fits = true;
    else if (prevKind === NAME) fits = !NOT_BEFORE_QUALIFIER.has(this.name(prev));
    else if (prevKind === OP && this.ends[prev]! - this.starts[prev]! === 1) {
      const c = this.text.charCodeAt(this.starts[prev]!);
      fits = c === 41 /* ) */ || c === 42 /* * */ || c === 43; /* + */
    }
    if (!fits) return;
    const opener = this.kinds[statementFirst] === NAME ? this.name(statementFirst) : '';
    if (!closedParen && !QUALIFIER_STATEMENTS.has(opener)) return;
    // Without a signature, a name before `nogil` is a qualifier only in `cdef nogil:` and
    // `cdef cppclass Name nogil:`; `cdef bint nogil` declares an attribute called nogil.
    if (!closedParen && prevKind === NAME && !QUALIFIER_STATEMENTS.has(this.name(prev)) && !this.hasWord(statementFirst, i, 'cppclass')) return;
    this.signals.add('cython-nogil', this.lineOf(i), { construct: 'nogil function' });
  }

  /** Reads `import a.b as c, d` (or `cimport`) from the keyword at i; returns the index after it. */
  private readImport(i: number, keyword: 'import' | 'cimport'): number {
    let j = i + 1;
    for (;;) {
      const dotted = this.dotted(j);
      if (!dotted) break;
      const nameAt = j;
      j = dotted.next;
      let asname: string | null = null;
      if (this.isWord(j, 'as') && this.kinds[j + 1] === NAME) {
        asname = this.name(j + 1);
        j += 2;
      }
      const written = dotted.name;
      const module = canonicalModule(written);
      const top = topLevel(module);
      if (BINDING_TOPS.has(top)) {
        // `import thread` binds `thread`, which code then uses as `_thread`; a bare
        // `import six.moves._thread` binds `six`, which is not `_thread`.
        if (asname !== null) this.bind(asname, module, false);
        else if (!written.startsWith('six.')) this.bind(topLevel(written), top, false);
      }
      if (WATCHED_MODULES.has(topLevel(written)) || WATCHED_MODULES.has(top)) {
        const statement = `${keyword} ${written}${asname !== null ? ` as ${asname}` : ''}`;
        const line = this.lineOf(nameAt);
        this.imports.push({ statement, module: written, names: [], line });
        this.importSignals([module], module, line);
      }
      if (keyword === 'cimport') this.sawCython(nameAt);
      if (!this.isOp(j, 44 /* , */)) break;
      j++;
    }
    for (let k = i; k < j; k++) this.flags[k]! |= FLAG_IN_IMPORT;
    return j;
  }

  /** Reads `from M import ...` from the `from` at i; returns the index after it. */
  private readFrom(i: number): number {
    let j = i + 1;
    let level = 0;
    while (j < this.count && this.kinds[j] === OP) {
      const c = this.text.charCodeAt(this.starts[j]!);
      const length = this.ends[j]! - this.starts[j]!;
      if (c !== 46 /* . */ || (length !== 1 && length !== 3)) break;
      level += length;
      j++;
    }
    const dotted = this.dotted(j);
    const moduleAt = j;
    if (dotted) j = dotted.next;
    let keyword: string;
    if (this.isWord(j, 'import')) keyword = 'import';
    else if (this.cython && this.isWord(j, 'cimport')) keyword = 'cimport';
    else return j; // not an import (Cython's `cdef extern from` does not start a statement)
    j++;
    const names: string[] = [];
    const aliases: (string | null)[] = [];
    if (this.isOp(j, 42 /* * */)) {
      names.push('*');
      aliases.push(null);
      j++;
    } else {
      const parenthesized = this.isOp(j, 40 /* ( */);
      if (parenthesized) j++;
      while (j < this.count && this.kinds[j] === NAME) {
        names.push(this.name(j));
        j++;
        if (this.isWord(j, 'as') && this.kinds[j + 1] === NAME) {
          aliases.push(this.name(j + 1));
          j += 2;
        } else aliases.push(null);
        if (!this.isOp(j, 44 /* , */)) break;
        j++;
      }
      if (parenthesized && this.isOp(j, 41 /* ) */)) j++;
    }
    for (let k = i; k < j; k++) this.flags[k]! |= FLAG_IN_IMPORT;
    if (keyword === 'cimport') this.sawCython(i);
    if (level > 0 || !dotted) return j;

    const written = dotted.name;
    const module = canonicalModule(written);
    // Each name's module: `from six.moves import _thread` imports `_thread`.
    const qualified = names.map((name) => (name === '*' ? module : canonicalModule(`${module}.${name}`)));
    for (let k = 0; k < names.length; k++) {
      if (!BINDING_TOPS.has(topLevel(qualified[k]!))) continue;
      if (names[k] === '*') this.starModules.push(module);
      else this.bind(aliases[k] ?? names[k]!, qualified[k]!, false);
    }
    const forks = module === 'os' && names.some((name) => name === 'fork' || name === 'forkpty');
    if (WATCHED_MODULES.has(topLevel(written)) || forks || qualified.some((q) => WATCHED_MODULES.has(topLevel(q)))) {
      const clauses = names.map((name, k) => (aliases[k] ? `${name} as ${aliases[k]}` : name));
      const statement = `from ${written} ${keyword} ${clauses.join(', ')}`;
      const moduleLine = this.lineOf(moduleAt);
      this.imports.push({ statement, module: written, names, line: moduleLine });
      this.importSignals(qualified, module, moduleLine);
    }
    return j;
  }

  /** The signals of one import statement: one per kind, tags merged. */
  private importSignals(qualifiedNames: string[], module: string, line: number): void {
    for (const qualified of qualifiedNames) {
      const rule = importRuleFor(qualified);
      if (!rule || rule.signal === null) continue;
      const tags: SignalTag[] = ['import'];
      if (rule.tag) tags.push(rule.tag);
      this.signals.add(rule.signal, line, { tags, module: rule.module ?? module });
    }
  }

  private bind(name: string, target: string, star: boolean): void {
    const list = this.bindings.get(name);
    if (!list) this.bindings.set(name, [{ target, star }]);
    else if (!list.some((b) => b.target === target)) list.push({ target, star });
  }

  // ---- pass 2: uses of imported names --------------------------------------------------------

  /**
   * Adds star-import and implicit bindings and drops the bindings no use rule could reach in
   * this text (`import os` in a file that never says `fork`); false when none is left, and
   * the second pass is skipped.
   */
  prepareBindings(): boolean {
    for (const module of this.starModules) {
      for (const rule of USE_RULES) {
        if (!rule.name.startsWith(module + '.')) continue;
        const name = rule.name.slice(module.length + 1).split('.')[0]!;
        if (!this.bindings.has(name)) this.bind(name, `${module}.${name}`, true);
      }
    }
    // In Cython, `cython` is the module itself unless bound to something else (`os.fork()`
    // needs an `import os`, like any name).
    if (this.cython && !this.bindings.has('cython')) this.bind('cython', 'cython', false);
    const seen = new Map<string, boolean>();
    // Names are read after NFKC: `os.ｆｏｒｋ()` says `fork` too.
    const text = mayNormalizeToAscii(this.text) ? this.text.normalize('NFKC') : this.text;
    const inText = (word: string): boolean => {
      let found = seen.get(word);
      if (found === undefined) seen.set(word, (found = text.includes(word)));
      return found;
    };
    for (const [name, list] of this.bindings) {
      const kept = list.filter(({ target }) =>
        USE_RULES.some((rule) => {
          if (rule.name === target || (rule.prefix && matchesPrefix(target, rule.name))) return true;
          if (!rule.name.startsWith(target + '.')) return false;
          return inText(rule.name.slice(target.length + 1).split('.')[0]!);
        }),
      );
      if (kept.length === 0) this.bindings.delete(name);
      else this.bindings.set(name, kept);
    }
    return this.bindings.size > 0;
  }

  resolveUses(): void {
    const { kinds, starts, ends, text, count, flags } = this;
    // A cheap filter before slicing a name: its length and first char must be a bound name's.
    const lengths = new Uint8Array(256);
    const firstChars = new Uint8Array(128);
    let nonAsciiFirst = false;
    for (const name of this.bindings.keys()) {
      lengths[Math.min(name.length, 255)] = 1;
      const c = name.charCodeAt(0);
      if (c < 128) firstChars[c] = 1;
      else nonAsciiFirst = true;
    }
    for (let i = 0; i < count; i++) {
      if (kinds[i] !== NAME || flags[i]! & FLAG_IN_IMPORT) continue;
      const start = starts[i]!;
      const c = text.charCodeAt(start);
      // Non-ASCII names may normalize to a bound ASCII name of another length.
      if (c < 128) {
        if (firstChars[c] === 0 && !nonAsciiFirst) continue;
        if (lengths[Math.min(ends[i]! - start, 255)] === 0 && !nonAsciiFirst) continue;
      }
      if (this.isOp(i - 1, 46 /* . */)) continue; // an attribute, not a name
      if (this.isWord(i - 1, 'def') || this.isWord(i - 1, 'class')) continue;
      const bound = this.bindings.get(this.name(i));
      if (!bound) continue;
      // The primary the name starts: its attributes, and parentheses around all of it so far
      // (`(os).fork()`, `(os.fork)()`, `@(numba.jit)`), which change nothing.
      let first = i;
      let j = i;
      let rest = '';
      for (;;) {
        while (this.isOp(j + 1, 46) && j + 2 < count && kinds[j + 2] === NAME) {
          rest += '.' + this.name(j + 2);
          j += 2;
        }
        if (!this.isOp(j + 1, 41 /* ) */) || !this.opensGroup(first - 1) || this.closingBrackets()[first - 1] !== j + 1) break;
        first--;
        j++;
      }
      const call = this.isOp(j + 1, 40 /* ( */);
      const decorator = ((flags[i]! | flags[first]!) & FLAG_DECORATOR) !== 0;
      const withItem = ((flags[i]! | flags[first]!) & FLAG_WITH_ITEM) !== 0;
      // A base is the whole item: `class C(threading.Thread):`, not `class C(threading.Thread.x):`.
      const base =
        (flags[first]! & FLAG_CLASS_BASE) !== 0 &&
        !this.isOp(first - 1, 61 /* = */) && // `metaclass=...` is a keyword, not a base
        (this.isOp(j + 1, 44 /* , */) || this.isOp(j + 1, 41 /* ) */));
      for (const binding of bound) {
        this.resolveUse(binding.target + rest, rest !== '' || binding.star, call ? j + 1 : -1, decorator, withItem, base, i);
      }
    }
  }

  /**
   * Whether the token at `k` is a `(` that groups an expression: not one that calls what is
   * before it (a name that is no keyword, a literal, or a closing bracket).
   */
  private opensGroup(k: number): boolean {
    if (!this.isOp(k, 40 /* ( */)) return false;
    if (k === 0) return true;
    const kind = this.kinds[k - 1];
    if (kind === NAME) return GROUP_AFTER_KEYWORDS.has(this.text.slice(this.starts[k - 1]!, this.ends[k - 1]!));
    if (kind === NUMBER || kind === STRING || kind === FSTRING_END) return false;
    return !(kind === OP && isClosing(this.text.charCodeAt(this.starts[k - 1]!)) && this.ends[k - 1]! - this.starts[k - 1]! === 1);
  }

  private resolveUse(
    qualified: string,
    viaAttribute: boolean,
    callAt: number,
    decorator: boolean,
    withItem: boolean,
    base: boolean,
    at: number,
  ): void {
    for (const rule of USE_RULES) {
      if (rule.prefix || rule.loose ? !matchesPrefix(qualified, rule.name, rule.loose) : qualified !== rule.name) continue;
      const call = callAt >= 0;
      const ok =
        rule.via === 'attribute'
          ? viaAttribute
          : rule.via === 'call'
            ? call
            : rule.via === 'call-or-base'
              ? call || base
              : rule.via === 'decorator-or-call'
                ? decorator || call
                : withItem || decorator;
      if (!ok) continue;
      const line = this.lineOf(at);
      const use = rule.role === 'use' && !(rule.signal === 'cython-nogil' && !withItem);
      this.uses.push({ signal: rule.signal, line, role: use ? 'use' : 'mention', name: rule.name });
      if (rule.pygolang) {
        this.pygolang.push({ line, name: rule.name });
        return;
      }
      if (rule.loose && rule.name === 'gevent.monkey.patch_') this.patchesGevent = true;
      const tags: SignalTag[] = use ? ['use'] : [];
      if (rule.tag) tags.push(rule.tag);
      if (rule.signal === 'numba') {
        if (call) {
          const args = this.keywordArguments(callAt);
          if (args.get('nogil') === 'True') tags.push('nogil');
          if (args.get('parallel') === 'True' || args.get('target') === 'parallel') tags.push('parallel');
        }
        this.signals.add('numba', line, { tags, module: rule.name });
      } else if (rule.signal === 'cython-nogil') {
        this.signals.add('cython-nogil', line, { construct: withItem ? 'with nogil' : 'nogil function', tags });
      } else {
        this.signals.add(rule.signal, line, { tags, module: rule.name });
        // `prange(..., nogil=True)` runs its loop without the GIL, as a `with nogil` block would.
        if (rule.name === 'cython.parallel.prange' && isTrueLiteral(this.keywordArguments(callAt).get('nogil'))) {
          this.signals.add('cython-nogil', line, { tags: USE_TAG });
        }
      }
      return;
    }
  }

  /**
   * The keyword arguments of the call whose `(` is at `open`, each as the text of a one-token
   * value (`True`, a number, a string's contents); values of more tokens are `''`. Nested
   * brackets are jumped over, so each token is read for one call at most: linear in the file
   * even for `jit(jit(jit(...)))`.
   */
  private keywordArguments(open: number): Map<string, string> {
    const args = new Map<string, string>();
    const closeOf = this.closingBrackets();
    const end = closeOf[open]!;
    for (let j = open + 1; j < end; j++) {
      const kind = this.kinds[j];
      if (kind === FSTRING_START || this.isOpening(j)) {
        j = closeOf[j]!;
        continue;
      }
      if (kind !== NAME || !this.isOp(j + 1, 61 /* = */) || this.isOp(j - 1, 46 /* . */)) continue;
      const value = j + 2;
      const single = value + 1 >= end || this.isOp(value + 1, 44 /* , */);
      let text = '';
      if (single && value < end) {
        const literal = this.text.slice(this.starts[value]!, this.ends[value]!);
        text = this.kinds[value] === STRING ? stringContents(literal) : literal;
      }
      args.set(this.name(j), text);
    }
    return args;
  }

  private isOpening(i: number): boolean {
    if (this.kinds[i] !== OP || this.ends[i]! - this.starts[i]! !== 1) return false;
    const c = this.text.charCodeAt(this.starts[i]!);
    return c === 40 || c === 91 || c === 123;
  }

  /** For each opening bracket or f-string start, the index of what closes it (`count` if nothing). */
  private closingBrackets(): Int32Array {
    if (this.closeOf) return this.closeOf;
    const closeOf = new Int32Array(this.count + 1).fill(this.count);
    const stack: number[] = [];
    for (let i = 0; i < this.count; i++) {
      const kind = this.kinds[i];
      if (kind === FSTRING_START || this.isOpening(i)) stack.push(i);
      else if (kind === FSTRING_END || (kind === OP && this.ends[i]! - this.starts[i]! === 1 && isClosing(this.text.charCodeAt(this.starts[i]!)))) {
        const open = stack.pop();
        if (open !== undefined) closeOf[open] = i;
      }
    }
    this.closeOf = closeOf;
    return closeOf;
  }

  // ---- comments and lines -------------------------------------------------------------------

  private readAcceptances(): InlineAcceptance[] {
    const found: InlineAcceptance[] = [];
    const { tokens, text } = this;
    const marker = ACCEPT_MARKER;
    // Find the marker first (rarely there), then the comment that holds it, if any.
    let comment = 0;
    for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + marker.length)) {
      while (comment < tokens.commentCount && tokens.commentEnds[comment]! <= at) comment++;
      if (comment >= tokens.commentCount) break;
      const start = tokens.commentStarts[comment]!;
      if (start > at) continue; // in code or a string, not in a comment
      const acceptance = readAcceptance(text.slice(start, tokens.commentEnds[comment]!), this.lines.lineOf(start));
      if (acceptance && found[found.length - 1]?.line !== acceptance.line) found.push(acceptance);
    }
    return found;
  }

  private firstCode(): { line: number; evidence: string } | null {
    for (let i = 0; i < this.count; i++) {
      if (this.kinds[i] === NEWLINE) continue;
      // Usually near the top of the file: count lines up to it rather than index them all.
      const line = this.lines.lineOfNear(this.starts[i]!);
      return { line, evidence: this.lines.evidenceAt(this.starts[i]!) };
    }
    return null;
  }
}

/** The tags of a use, shared (signals copy their tags). */
const USE_TAG: SignalTag[] = ['use'];

const CYTHON_DECLARATIONS: ReadonlySet<string> = new Set(['cdef', 'cpdef', 'ctypedef']);

function isCythonDeclaration(word: string): boolean {
  return CYTHON_DECLARATIONS.has(word);
}

function isClosing(c: number): boolean {
  return c === 41 || c === 93 || c === 125;
}

function topLevel(module: string): string {
  const dot = module.indexOf('.');
  return dot < 0 ? module : module.slice(0, dot);
}

/** The contents of a short string literal, prefix and quotes removed (no escapes decoded). */
export function stringContents(literal: string): string {
  let p = 0;
  while (p < literal.length && literal[p] !== '"' && literal[p] !== "'") p++;
  if (p === literal.length) return '';
  const quote = literal.slice(p, literal.startsWith(literal[p]!.repeat(3), p) ? p + 3 : p + 1);
  const body = literal.slice(p + quote.length);
  return body.endsWith(quote) ? body.slice(0, body.length - quote.length) : body;
}
