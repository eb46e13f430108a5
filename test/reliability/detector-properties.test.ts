/**
 * Detector robustness, property-based (fast-check): whatever a repository holds, the detectors
 * never throw and never hang, and text inside strings and comments never counts as code, while
 * the same text written as code does (so the "never counts" properties cannot pass vacuously).
 *
 * Hangs are caught by the per-test timeout; each property runs 2,000 times unless noted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseGo } from '../../src/detect/go.js';
import { detectFile } from '../../src/detect/index.js';
import { analysePython } from '../../src/detect/python.js';
import type { Detection } from '../../src/types.js';

/** Runs per property that never throws (one per detector path). */
const RUNS = 2000;
/** Runs per string/comment property and its converse: the heart of the matter, and cheap. */
const HIDING_RUNS = 5000;
const TIMEOUT = 60_000;

/** Every detector, by a path it reads. */
const PATHS = [
  'app/main.py',
  'app/fast.pyx',
  'app/fast.pxd',
  'cmd/main.go',
  'go.mod',
  'requirements.txt',
  'requirements/dev.in',
  'pyproject.toml',
  'setup.cfg',
  'Pipfile',
  'gunicorn.conf.py',
  'deploy/uwsgi.ini',
  'Procfile',
  'Dockerfile',
];

/** A detection that is well formed for `text`: lines in range, evidence cut, acceptances placed. */
function expectWellFormed(detection: Detection | null, text: string): void {
  expect(detection).not.toBeNull();
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const s of detection!.signals) {
    expect(Number.isInteger(s.line)).toBe(true);
    expect(s.line).toBeGreaterThanOrEqual(1);
    expect(s.line).toBeLessThanOrEqual(lines + 1);
    expect(typeof s.evidence).toBe('string');
    expect(s.evidence.length).toBeLessThanOrEqual(200);
  }
  for (const a of detection!.acceptances) {
    expect(a.line).toBeGreaterThanOrEqual(1);
    expect(a.line).toBeLessThanOrEqual(lines + 1);
  }
}

/**
 * Pieces of code that stress tokenizers: every kind of quote and string prefix, escapes,
 * brackets, comment starters of both languages, line continuations, the watched constructs.
 */
const FRAGMENTS = [
  "'", '"', "'''", '"""', '`', 'r"', "b'", 'f"', "rb'''", 'f"""', 'u"', 't"',
  '\\', '\\\n', '\\"', "\\'", '\n', '\r\n', '\r', '\t', ' ', '    ', '\f', '\u0000', '\uFEFF', '\uD800', '\u2028',
  '(', ')', '[', ']', '{', '}', '{{', '}}', ':', ';', ',', '.', '=', ':=', '<-', '->', '@',
  '#', '//', '/*', '*/', '# architecture-review: accept threads-io-only -- x',
  'import ', 'from ', ' import ', 'as ', 'threading', 'asyncio', 'gevent', 'concurrent.futures', 'os', 'fork()',
  'import threading', 'from gevent import monkey', 'async def f():', 'await x', 'async with a:', 'async for a in b:',
  'with nogil:', 'cdef', 'nogil', 'prange(', 'cimport', 'numba', '@njit', '@jit(nogil=True)',
  'package main', 'func ', 'go ', 'go f()', 'ch <- 1', '<-ch', 'chan ', 'chan<- ', '<-chan ', 'select {', 'case ', 'defer ',
  'x', 'y1', '_', '0', '0x1f', '1e10', '3j', 'é', '中', '😀', 'ｔｈｒｅａｄｉｎｇ',
  '[tool.poetry.dependencies]', 'gevent = "^24"', 'dependencies = ["gevent"]', '-r base.txt', 'gevent>=1.0',
  'worker_class = "gevent"', '-k gevent', '--worker-class=eventlet', '[uwsgi]', 'gevent = 100',
];

const fragmentSoup = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((parts) => parts.join(''));
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom('(', '[', '{', ')', ']', '}', '"', "'", '\\', '\n', '#', '/', '*', '`', 'x', ' '), maxLength: 400 }),
  fragmentSoup,
);

describe('detectors never throw, whatever the input', () => {
  it.each(PATHS)('detectFile(%s, …) on arbitrary text and code fragments', { timeout: TIMEOUT }, (path) => {
    fc.assert(
      fc.property(anyText, (text) => {
        expectWellFormed(detectFile(path, text), text);
      }),
      { numRuns: RUNS },
    );
  });

  it('analysePython (both dialects) and analyseGo', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const python = analysePython(text);
        const cython = analysePython(text, { dialect: 'cython' });
        const go = analyseGo(text);
        expect(Array.isArray(python.signals) && Array.isArray(cython.signals)).toBe(true);
        expect(go.counts.go).toBe(go.goLines.length);
        expect(go.counts.send + go.counts.receive).toBe(go.sendLines.length + go.receiveLines.length);
      }),
      { numRuns: RUNS },
    );
  });

  it('the same text always gives the same answer (no state leaks between files)', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        const first = detectFile('m.py', a);
        detectFile('m.py', b);
        detectFile('m.go', b);
        expect(detectFile('m.py', a)).toEqual(first);
      }),
      { numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Text in strings and comments is not code
// ---------------------------------------------------------------------------------------------

/**
 * A watched construct: the text placed inside strings and comments, and the same construct as
 * code (`code`, for the converse), with the signal it gives as code.
 */
interface Construct {
  text: string;
  code: string;
  signal: string;
}

const PYTHON_CONSTRUCTS: Construct[] = [
  { text: 'import threading', code: 'import threading', signal: 'threads' },
  { text: 'from threading import Thread', code: 'from threading import Thread', signal: 'threads' },
  { text: 'import _thread', code: 'import _thread', signal: 'threads' },
  { text: 'from concurrent.futures import ThreadPoolExecutor', code: 'from concurrent.futures import ThreadPoolExecutor', signal: 'threads' },
  { text: 'import multiprocessing.dummy', code: 'import multiprocessing.dummy', signal: 'threads' },
  { text: 'import asyncio', code: 'import asyncio', signal: 'asyncio' },
  { text: 'import trio', code: 'import trio', signal: 'asyncio' },
  { text: 'from aiohttp import web', code: 'from aiohttp import web', signal: 'asyncio' },
  { text: 'async def f():', code: 'async def f():\n    pass', signal: 'asyncio' },
  { text: 'await x', code: 'async def g():\n    await x', signal: 'asyncio' },
  { text: 'async with lock:', code: 'async def g():\n    async with lock:\n        pass', signal: 'asyncio' },
  { text: 'async for item in stream:', code: 'async def g():\n    async for item in stream:\n        pass', signal: 'asyncio' },
  { text: 'from gevent import monkey', code: 'from gevent import monkey', signal: 'greenlets' },
  { text: 'import eventlet', code: 'import eventlet', signal: 'greenlets' },
  { text: 'import greenlet', code: 'import greenlet', signal: 'greenlets' },
  { text: 'import multiprocessing', code: 'import multiprocessing', signal: 'multiprocessing' },
  { text: 'from concurrent.futures import ProcessPoolExecutor', code: 'from concurrent.futures import ProcessPoolExecutor', signal: 'multiprocessing' },
  { text: 'import numba', code: 'import numba', signal: 'numba' },
  { text: 'from numba import njit', code: 'from numba import njit', signal: 'numba' },
  { text: 'from cython.parallel import prange', code: 'from cython.parallel import prange', signal: 'cython-parallel' },
];

/** Cython only: `nogil` is syntax there. */
const CYTHON_CONSTRUCTS: Construct[] = [
  { text: 'with nogil:', code: 'def f():\n    with nogil:\n        pass', signal: 'cython-nogil' },
  { text: 'cdef void f() nogil:', code: 'cdef void f() nogil:\n    pass', signal: 'cython-nogil' },
  ...PYTHON_CONSTRUCTS,
];

const GO_CONSTRUCTS: Construct[] = [
  { text: 'go f()', code: 'go f()', signal: 'golang' },
  { text: 'go func() { done <- true }()', code: 'go func() { done <- true }()', signal: 'golang' },
  { text: 'ch <- 1', code: 'ch <- 1', signal: 'golang' },
  { text: 'v := <-ch', code: 'v := <-ch\n\t_ = v', signal: 'golang' },
  { text: 'select { case <-done: }', code: 'select {\n\tcase <-done:\n\t}', signal: 'golang' },
  { text: 'for v := range <-chans { }', code: 'for v := range <-chans {\n\t\t_ = v\n\t}', signal: 'golang' },
  // Python text in Go strings and comments is nothing either.
  { text: 'import threading', code: 'go f()', signal: 'golang' },
];

/** Text around the construct inside a string or comment: no quotes, backslashes, braces or line breaks. */
const innerText = fc.string({
  unit: fc.constantFrom(...'abcxyz XYZ019.,;:!?-+*=<>()[]@$%^&|~_é中😀'.split(/(?:)/u)),
  maxLength: 20,
});

/** Statements that are no signal of any kind, to surround the construct. */
const BENIGN_PYTHON = [
  'x = 1',
  'import os',
  'import sys, json',
  'from collections import OrderedDict',
  'def h(a, b=2):\n    return a + b',
  'class C:\n    """A class."""\n    value = [1, 2, 3]',
  'print("hello", end="")',
  'y = {"a": (1, 2), \'b\': [3]}',
  'if x:\n    pass\nelse:\n    z = x',
  'for i in range(3):\n    x += i',
  '@decorator\ndef decorated():\n    return None',
  'lambda_ = lambda v: v * 2',
  'w = f"{x!r:>10} and {y}"',
  's = """multi\nline"""',
  '# a comment with no watched words',
];
const benignPython = fc.array(fc.constantFrom(...BENIGN_PYTHON), { maxLength: 4 }).map((lines) => lines.join('\n'));

/** Every string prefix Python accepts (any case), and t-strings (3.14). */
const PREFIXES = ['', 'r', 'u', 'R', 'U', 'b', 'B', 'br', 'rb', 'Br', 'bR', 'RB', 'rB', 'f', 'F', 'fr', 'rf', 'Rf', 'fR', 'RF', 't', 'tr', 'Rt'];
const QUOTES = ["'", '"', "'''", '"""'];

/** How a construct is hidden in Python: the statement that holds it, and the construct placed in it. */
const pythonHiding = fc.oneof(
  // A string literal, as a value, an argument, an item.
  fc.record({
    prefix: fc.constantFrom(...PREFIXES),
    quote: fc.constantFrom(...QUOTES),
    before: innerText,
    after: innerText,
    broken: fc.boolean(),
    holder: fc.constantFrom('x = %s', 'print(%s, 1)', 'call(a, %s)', 'items = [%s]', '%s', 'assert x, %s'),
  }).map(({ prefix, quote, before, after, broken, holder }) => (construct: string) => {
    // Only triple-quoted strings may hold line breaks.
    const inner = `${before}${quote.length === 3 && broken ? '\n' : ' '}${construct} ${after}`;
    // f- and t-strings: a brace would be code.
    return holder.replace('%s', () => `${prefix}${quote}${inner}${quote}`);
  }),
  // A one-line string continued on the next line by a backslash (raw strings too).
  fc.record({ prefix: fc.constantFrom('', 'r', 'b', 'rb', 'u'), quote: fc.constantFrom("'", '"'), before: innerText }).map(
    ({ prefix, quote, before }) =>
      (construct: string) =>
        `x = ${prefix}${quote}${before}\\\n${construct}${quote}`,
  ),
  // A string inside an f-string's replacement field (3.12 allows the same quotes nested).
  fc.record({ outer: fc.constantFrom('"', "'", '"""'), inner: fc.constantFrom('"', "'"), fmt: fc.constantFrom('', '!r', ':>10') }).map(
    ({ outer, inner, fmt }) =>
      (construct: string) =>
        `x = f${outer}{${inner}${construct}${inner}${fmt}} and {y}${outer}`,
  ),
  // A comment, alone or after code.
  fc.record({ before: innerText, code: fc.constantFrom('', 'x = 1  ', 'call()  ') }).map(({ before, code }) => (construct: string) => `${code}# ${before} ${construct}`),
  // A docstring of the module, a function or a class.
  fc.record({ quote: fc.constantFrom('"""', "'''"), before: innerText, where: fc.constantFrom('module', 'def', 'class') }).map(
    ({ quote, before, where }) =>
      (construct: string) => {
        const doc = `${quote}${before}\n${construct}\n${quote}`;
        if (where === 'module') return doc;
        const indented = doc.split('\n').join('\n    ');
        return where === 'def' ? `def documented():\n    ${indented}\n    return 1` : `class Documented:\n    ${indented}`;
      },
  ),
);

/** Benign Go declarations (no go statement, no channel operation). */
const BENIGN_GO = [
  'import "fmt"',
  'var counter = 1',
  'const name = "svc"',
  'type T struct {\n\ta int\n\tb []string\n}',
  'func add(a, b int) int {\n\treturn a + b\n}',
  'func hello() {\n\tfmt.Println("hi", `raw`)\n}',
  'var table = map[string]int{"a": 1}',
  '// a comment with no watched words',
];
const benignGo = fc.array(fc.constantFrom(...BENIGN_GO), { maxLength: 4 }).map((decls) => decls.join('\n\n'));

/** How a construct is hidden in Go: inside a function body, or as a top-level declaration. */
const goHiding = fc.oneof(
  fc.record({ before: innerText, after: innerText, holder: fc.constantFrom('x := %s', 'fmt.Println(%s)', 'var s = %s') }).map(
    ({ before, after, holder }) =>
      (construct: string) =>
        `func hidden() {\n\t${holder.replace('%s', () => `\`${before}\n${construct}\n${after}\``)}\n}`,
  ),
  fc.record({ before: innerText, after: innerText, holder: fc.constantFrom('x := %s', 'fmt.Println(%s)', 'var s = %s') }).map(
    ({ before, after, holder }) =>
      (construct: string) =>
        `func hidden() {\n\t${holder.replace('%s', () => `"${before} ${construct} ${after}"`)}\n}`,
  ),
  fc.record({ before: innerText, top: fc.boolean() }).map(({ before, top }) => (construct: string) =>
    top ? `// ${before} ${construct}` : `func hidden() {\n\tx := 1 // ${before} ${construct}\n\t_ = x\n}`,
  ),
  fc.record({ before: innerText, after: innerText, broken: fc.boolean() }).map(({ before, after, broken }) => (construct: string) =>
    `func hidden() {\n\t/* ${before}${broken ? '\n' : ' '}${construct} ${after} */\n}`,
  ),
);

/** A Python file: benign code, the hidden construct, benign code. */
function pythonFile(before: string, hidden: string, after: string): string {
  return [before, hidden, after].filter((part) => part !== '').join('\n') + '\n';
}

function goFile(before: string, hidden: string, after: string): string {
  return ['package main', before, hidden, after].filter((part) => part !== '').join('\n\n') + '\n';
}

/** The signals a file gives beyond the one every Cython file has (its `cython` file signal). */
function codeSignals(path: string, text: string): string[] {
  const detection = detectFile(path, text);
  expect(detection).not.toBeNull();
  return detection!.signals
    .filter((s) => !(s.tags?.includes('file') && (s.signal === 'cython' || s.signal === 'golang')))
    .map((s) => `${s.signal}:${s.line}: ${s.evidence}`);
}

describe('text inside strings, comments and docstrings never counts', () => {
  it.each([
    ['app/main.py', PYTHON_CONSTRUCTS],
    ['app/fast.pyx', CYTHON_CONSTRUCTS],
    ['gunicorn.conf.py', PYTHON_CONSTRUCTS],
  ] as const)('%s', { timeout: TIMEOUT }, (path, constructs) => {
    fc.assert(
      fc.property(benignPython, fc.constantFrom(...constructs), pythonHiding, benignPython, (before, construct, hide, after) => {
        const text = pythonFile(before, hide(construct.text), after);
        fc.pre(!text.includes('architecture-review'));
        expect(codeSignals(path, text), text).toEqual([]);
      }),
      { numRuns: HIDING_RUNS },
    );
  });

  it('analysePython finds no import and no async syntax in them either', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(benignPython, fc.constantFrom(...CYTHON_CONSTRUCTS), pythonHiding, benignPython, (before, construct, hide, after) => {
        const text = pythonFile(before, hide(construct.text), after);
        for (const dialect of ['python', 'cython'] as const) {
          const analysis = analysePython(text, { dialect });
          expect(analysis.imports, text).toEqual([]);
          expect(analysis.asyncConstructs, text).toEqual([]);
          expect(analysis.signals.filter((s) => !s.tags?.includes('file')), text).toEqual([]);
        }
      }),
      { numRuns: HIDING_RUNS },
    );
  });

  it('cmd/main.go (raw and interpreted strings, line and block comments)', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(benignGo, fc.constantFrom(...GO_CONSTRUCTS, ...PYTHON_CONSTRUCTS), goHiding, benignGo, (before, construct, hide, after) => {
        const text = goFile(before, hide(construct.text), after);
        fc.pre(!text.includes('architecture-review'));
        // A Go file is a golang signal by itself (tag `file`); nothing else may be found.
        const detection = detectFile('cmd/main.go', text)!;
        expect(detection.signals.map((s) => s.tags), text).toEqual([['file', 'use']]);
        const analysis = analyseGo(text);
        expect(analysis.counts, text).toEqual({ go: 0, send: 0, receive: 0 });
      }),
      { numRuns: HIDING_RUNS },
    );
  });
});

/** Watched packages, and text that names them without depending on them. */
const PACKAGES: Array<[string, string]> = [
  ['gevent', 'greenlets'],
  ['eventlet', 'greenlets'],
  ['greenlet', 'greenlets'],
  ['trio', 'asyncio'],
  ['aiohttp', 'asyncio'],
  ['numba', 'numba'],
];

describe('manifests: comments and descriptions that name a package are not dependencies', () => {
  it('requirements.txt and pyproject.toml', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(fc.constantFrom(...PACKAGES), innerText, fc.boolean(), ([name, signal], words, converse) => {
        const requirements = converse ? `requests\n${name}>=1.0  # ${words}\n` : `requests\n# ${words} ${name}>=1.0\n  # ${name}\n`;
        const pyproject = converse
          ? `[project]\nname = "svc"\ndependencies = ["requests", "${name}>=1.0"]\n`
          : `[project]\nname = "svc"\ndescription = "${words} ${name}"\n# dependencies = ["${name}"]\ndependencies = ["requests"]\n`;
        for (const [path, text] of [['requirements.txt', requirements], ['pyproject.toml', pyproject]] as const) {
          const found = detectFile(path, text)!.signals.filter((s) => s.signal === signal);
          expect(found.length > 0, `${path}:\n${text}`).toBe(converse);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the converse: the same construct written as code is found', () => {
  it.each([
    ['app/main.py', PYTHON_CONSTRUCTS],
    ['app/fast.pyx', CYTHON_CONSTRUCTS],
  ] as const)('%s', { timeout: TIMEOUT }, (path, constructs) => {
    fc.assert(
      fc.property(benignPython, fc.constantFrom(...constructs), benignPython, (before, construct, after) => {
        const text = pythonFile(before, construct.code, after);
        const line = (before === '' ? 0 : before.split('\n').length) + 1;
        const found = detectFile(path, text)!.signals.filter((s) => s.signal === construct.signal);
        expect(found.length, text).toBeGreaterThan(0);
        // On the construct's own lines, not elsewhere.
        const lines = construct.code.split('\n').length;
        for (const s of found.filter((f) => !f.tags?.includes('file'))) {
          expect(s.line).toBeGreaterThanOrEqual(line);
          expect(s.line).toBeLessThan(line + lines);
        }
      }),
      { numRuns: HIDING_RUNS },
    );
  });

  it('cmd/main.go', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(benignGo, fc.constantFrom(...GO_CONSTRUCTS.filter((c) => c.text !== 'import threading')), benignGo, (before, construct, after) => {
        const body = `func visible(f func(), ch chan int, done chan bool, chans chan chan int) {\n\t${construct.code}\n}`;
        const text = goFile(before, body, after);
        const detection = detectFile('cmd/main.go', text)!;
        expect(detection.signals.some((s) => s.construct !== undefined), text).toBe(true);
        const counts = analyseGo(text).counts;
        expect(counts.go + counts.send + counts.receive, text).toBeGreaterThan(0);
      }),
      { numRuns: HIDING_RUNS },
    );
  });

  it('and the hiding itself is what hides it: the construct placed right after the string or comment counts', { timeout: TIMEOUT }, () => {
    // Guards against a generator that breaks the file so that nothing after it is read.
    fc.assert(
      fc.property(fc.constantFrom(...PYTHON_CONSTRUCTS), pythonHiding, (construct, hide) => {
        const text = pythonFile(hide('import json'), construct.code, '');
        expect(detectFile('app/main.py', text)!.signals.some((s) => s.signal === construct.signal), text).toBe(true);
      }),
      { numRuns: HIDING_RUNS },
    );
    fc.assert(
      fc.property(goHiding, (hide) => {
        const text = goFile(hide('fmt.Println()'), 'func visible(f func()) {\n\tgo f()\n}', '');
        expect(analyseGo(text).counts.go, text).toBe(1);
      }),
      { numRuns: HIDING_RUNS },
    );
  });
});
