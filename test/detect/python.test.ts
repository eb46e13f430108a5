import { describe, expect, it } from 'vitest';
import { analysePython, detectPython, mayContainPythonSignals } from '../../src/detect/python.js';
import type { DetectedSignal } from '../../src/types.js';

function signals(text: string): DetectedSignal[] {
  return detectPython(text).signals;
}

/** `signal@line` for each signal, with tags/construct when present: compact expectations. */
function summary(text: string): string[] {
  return signals(text).map((s) => {
    const extra = [...(s.tags ?? []), ...(s.construct ? [s.construct] : []), ...(s.module ? [`module=${s.module}`] : [])];
    return `${s.signal}@${s.line}${extra.length ? `[${extra.join(',')}]` : ''}`;
  });
}

describe('analysePython: imports', () => {
  it('lists watched imports with canonical text, module, names and line', () => {
    const text = [
      'import os, asyncio as aio, threading',
      'from concurrent.futures import (',
      '    ThreadPoolExecutor as TPE,',
      '    wait,',
      ')',
      'from . import threading',
      'from .asyncio import x',
      'import json',
      'from os import path, fork',
      'from gevent import *',
    ].join('\n');
    expect(analysePython(text).imports).toEqual([
      { statement: 'import asyncio as aio', module: 'asyncio', names: [], line: 1 },
      { statement: 'import threading', module: 'threading', names: [], line: 1 },
      {
        statement: 'from concurrent.futures import ThreadPoolExecutor as TPE, wait',
        module: 'concurrent.futures',
        names: ['ThreadPoolExecutor', 'wait'],
        line: 2,
      },
      { statement: 'from os import path, fork', module: 'os', names: ['path', 'fork'], line: 9 },
      { statement: 'from gevent import *', module: 'gevent', names: ['*'], line: 10 },
    ]);
  });

  it('puts a continued import on the line of its module name', () => {
    const text = 'from \\\n  asyncio import run\nimport json, \\\n  trio';
    expect(analysePython(text).imports.map((i) => `${i.line}:${i.statement}`)).toEqual([
      '2:from asyncio import run',
      '4:import trio',
    ]);
    expect(summary(text)).toEqual(['asyncio@2[import,module=asyncio]', 'asyncio@4[import,module=trio]']);
  });

  it('normalizes non-ASCII identifiers as Python does (NFKC)', () => {
    const text = 'import ａｓｙｎｃｉｏ as ａｉｏ';
    expect(analysePython(text).imports[0]?.statement).toBe('import asyncio as aio');
    expect(mayContainPythonSignals(text)).toBe(true);
    // An attribute too: `os.ｆｏｒｋ` is `os.fork`.
    const fork = 'import os\nos.ｆｏｒｋ()\n';
    expect(analysePython(fork).signals.map((s) => `${s.signal}@${s.line}`)).toEqual(['multiprocessing@2']);
    expect(detectPython(fork).signals.map((s) => `${s.signal}@${s.line}`)).toEqual(['multiprocessing@2']);
  });

  it('sees a use through parentheses that only group, not through those of a call', () => {
    const text = [
      'import os',
      'import numba',
      'x = (os).fork()',
      'y = (os.fork)()',
      '@(numba.jit)',
      'def f(): pass',
      'z = f (os).fork()',
      'w = not (os).fork()',
      'v = [1](os).fork()',
    ].join('\n');
    // What CPython's ast says: lines 3, 4, 5 and 8 (test/reference/python_reference.py).
    expect(analysePython(text).uses.map((u) => `${u.line}:${u.signal}`)).toEqual([
      '3:multiprocessing',
      '4:multiprocessing',
      '5:numba',
      '8:multiprocessing',
    ]);
    expect(detectPython(text).signals.map((s) => `${s.signal}@${s.line}`)).toEqual([
      'numba@2',
      'multiprocessing@3',
      'multiprocessing@4',
      'numba@5',
      'multiprocessing@8',
    ]);
  });

  it('counts imports in functions, under try and if, and after `;` or `:`', () => {
    const text = [
      'def f():',
      '    import trio',
      'try: import uvloop',
      'except ImportError: uvloop = None',
      'if x: from gevent import spawn',
      'x = 1; import eventlet',
    ].join('\n');
    expect(summary(text)).toEqual([
      'asyncio@2[import,module=trio]',
      'asyncio@3[import,module=uvloop]',
      'greenlets@5[import,module=gevent]',
      'greenlets@6[import,module=eventlet]',
    ]);
  });

  it('does not read `yield from`, `raise ... from` or Cython-free `cimport` as imports', () => {
    const text = 'def g():\n    yield from asyncio\n    raise X from threading\ncimport threading';
    expect(analysePython(text).imports).toEqual([]);
    expect(signals(text)).toEqual([]);
  });

  it("reads pygolang's go, chan and sync as threads, and its string helpers as nothing", () => {
    expect(summary('import golang\nfrom golang import func, defer, b, u\n@func\ndef f(): defer(g)')).toEqual([]);
    expect(summary('import golang\nfrom golang import go, chan\ngo(f)\ngolang.go(g, 1)\nch = chan()')).toEqual([
      'threads@2[import,module=golang]',
      'threads@3[use,module=golang.go]',
      'threads@4[use,module=golang.go]',
    ]);
    expect(summary('from golang import sync, context\nwg = sync.WorkGroup(context.background())\nwg.go(f)')).toEqual([
      'threads@1[import,module=golang]',
      'threads@2[use,module=golang.sync.WorkGroup]',
    ]);
    expect(signals('from golang import go\ngo(f)')[1]?.idiom).toBe("pygolang's `go`");
  });

  it('reads pygolang on its gevent runtime as greenlets', () => {
    const text = 'from gevent import monkey\nmonkey.patch_all()\nfrom golang import go\ngo(f)';
    expect(summary(text)).toEqual([
      'greenlets@1[import,module=gevent]',
      'greenlets@2[use,module=gevent.monkey.patch_]',
      'threads@3[import,module=golang]',
      'greenlets@4[use,module=golang.go]',
    ]);
    expect(signals(text)[3]?.idiom).toBe("pygolang's `go` on its gevent runtime");
  });
});

describe('analysePython: async syntax', () => {
  it('counts every construct with its line, comprehensions told apart', () => {
    const text = [
      'async def f():',
      '    await a; await b',
      '    async for x in y: pass',
      '    async with z: pass',
      '    return [i async for i in y], f"{await c}", (lambda: await d)',
    ].join('\n');
    const analysis = analysePython(text);
    expect(analysis.counts).toEqual({ 'async def': 1, await: 4, 'async for': 2, 'async with': 1 });
    expect(analysis.asyncConstructs.filter((a) => a.comprehension)).toEqual([
      { construct: 'async for', line: 5, comprehension: true },
    ]);
    expect(summary(text)).toEqual([
      'asyncio@1[use,async def]',
      'asyncio@2[use,await]',
      'asyncio@3[use,async for]',
      'asyncio@4[use,async with]',
      'asyncio@5[use,async for]',
      'asyncio@5[use,await]',
    ]);
  });

  it('ignores names that merely start with async or await', () => {
    expect(signals('asyncio_free = awaitable = asynchronous = 1')).toEqual([]);
  });
});

describe('detectPython: signals', () => {
  it('resolves executors through aliases of concurrent.futures', () => {
    const text = [
      'from concurrent import futures as f',
      'import concurrent.futures as cf',
      'a = f.ThreadPoolExecutor()',
      'b = cf.ProcessPoolExecutor()',
      'c = f.wait',
    ].join('\n');
    expect(summary(text)).toEqual([
      'threads@3[use,module=concurrent.futures.ThreadPoolExecutor]',
      'multiprocessing@4[use,module=concurrent.futures.ProcessPoolExecutor]',
    ]);
  });

  it('resolves star imports', () => {
    const text = 'from concurrent.futures import *\nfrom os import *\npool = ThreadPoolExecutor()\nfork()';
    expect(summary(text)).toEqual([
      'threads@3[use,module=concurrent.futures.ThreadPoolExecutor]',
      'multiprocessing@4[use,module=os.fork]',
    ]);
  });

  it('finds os.fork() through os and its aliases only', () => {
    const text = 'import os as o\nimport os\no.fork()\nos.forkpty()\nother.fork()\nos.fork\n';
    expect(summary(text)).toEqual(['multiprocessing@3[use,module=os.fork]', 'multiprocessing@4[use,module=os.forkpty]']);
    expect(summary('os.fork()')).toEqual([]); // no `import os`: not this os
  });

  it('tags numba decorators from their keyword arguments', () => {
    const text = [
      'import numba as nb',
      '@nb.njit(nogil=True, parallel=True)',
      'def f(): pass',
      '@nb.jit(nogil=False, parallel=f(parallel=True))',
      'def g(): pass',
    ].join('\n');
    expect(summary(text)).toEqual([
      'numba@1[import,module=numba]',
      'numba@2[use,nogil,parallel,module=numba.njit]',
      'numba@4[use,module=numba.jit]',
    ]);
  });

  it('tags async servers', () => {
    expect(summary('from aiohttp import web')).toEqual(['asyncio@1[import,async-server,module=aiohttp.web]']);
    expect(summary('import gevent.pywsgi')).toEqual(['greenlets@1[import,async-server,module=gevent.pywsgi]']);
    expect(summary('from aiohttp.web_runner import AppRunner')).toEqual([
      'asyncio@1[import,async-server,module=aiohttp.web]',
    ]);
  });

  it('gives evidence as the trimmed line, cut to 200 characters', () => {
    const long = `import threading  # ${'x'.repeat(300)}`;
    const [signal] = signals(`\r\n   ${long}   \r\n`);
    expect(signal?.line).toBe(2);
    expect(signal?.evidence).toBe(long.slice(0, 200));
    const surrogate = `import threading # ${'x'.repeat(180)}😀😀`;
    expect(signals(surrogate)[0]?.evidence).toBe(surrogate.slice(0, 199));
  });

  it('gives one signal per kind, line and construct', () => {
    expect(summary('await a; await b')).toEqual(['asyncio@1[use,await]']);
    expect(summary('from multiprocessing import Pool, Process')).toEqual([
      'multiprocessing@1[import,module=multiprocessing]',
    ]);
  });
});

describe('inline acceptances', () => {
  it('reads the comment, whitespace tolerant, reason optional', () => {
    const text = [
      'import threading  # architecture-review: accept threads-io-only -- build scripts only',
      '#architecture-review:accept   threads-io-only--  tight',
      '# architecture-review: accept async-no-multicore',
      '#   architecture-review : accept cmfactivity-first --   ',
      'x = "# architecture-review: accept not-a-comment -- in a string"',
      '"""',
      '# architecture-review: accept not-a-comment -- in a docstring',
      '"""',
      '# architecture-review: accepted nothing',
    ].join('\n');
    expect(detectPython(text).acceptances).toEqual([
      { line: 1, rule: 'threads-io-only', reason: 'build scripts only' },
      { line: 2, rule: 'threads-io-only', reason: 'tight' },
      { line: 3, rule: 'async-no-multicore', reason: '' },
      { line: 4, rule: 'cmfactivity-first', reason: '' },
    ]);
  });

  it('is found in a file with no signal at all', () => {
    const text = 'x = 1\n# architecture-review: accept golang-unjustified -- benchmarked\n';
    expect(mayContainPythonSignals(text)).toBe(true);
    expect(detectPython(text)).toEqual({
      signals: [],
      acceptances: [{ line: 2, rule: 'golang-unjustified', reason: 'benchmarked' }],
    });
  });
});

describe('mayContainPythonSignals', () => {
  it('is false only when nothing can be found', () => {
    expect(mayContainPythonSignals('import os\nprint("hello")\n')).toBe(false);
    expect(detectPython('import os\nprint("hello")\n')).toEqual({ signals: [], acceptances: [] });
    // Watched names outside imports, and words that merely contain async/await, cannot count.
    expect(mayContainPythonSignals('"""Uses threading and asyncio."""\nx = awaitable or asynchronous')).toBe(false);
    expect(mayContainPythonSignals('import os  # fork later')).toBe(true);
    expect(mayContainPythonSignals('x = os.fork()')).toBe(false);
  });

  it('is true for every shape of watched import and for async syntax', () => {
    const texts = [
      'async def f(): pass',
      'x = await y',
      '# architecture-review: accept threads-io-only',
      'import json, \\\n    threading',
      'import json as j,threading',
      'from \\\r\n  asyncio import run',
      'import é, _thread',
      'import sys, os\nos.fork()',
      'from os import path, fork',
      'from concurrent import futures',
      'import cython.parallel',
      'cimport numba',
    ];
    for (const module of ['threading', '_thread', 'concurrent', 'multiprocessing', 'asyncio', 'trio', 'anyio',
      'curio', 'uvloop', 'aiohttp', 'tornado', 'twisted', 'gevent', 'greenlet', 'eventlet', 'numba', 'cython']) {
      texts.push(`import ${module}`, `from ${module}.sub import x`);
    }
    for (const text of texts) expect(mayContainPythonSignals(text), text).toBe(true);
  });

  it('sees watched names written with compatibility characters', () => {
    expect(mayContainPythonSignals('import ｔｒｉｏ')).toBe(true);
    expect(mayContainPythonSignals('x = "naïve"')).toBe(false);
  });
});
