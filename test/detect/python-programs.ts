/**
 * A seeded generator of Python programs dense with what trips tokenizers: every string prefix
 * and quote, escapes, raw strings ending in escaped quotes, f-strings with code, specs and
 * nested strings, comments and docstrings that read like code, every import form, backslash
 * continuations, `;`, async syntax in every position, CRLF and CR line ends; PEP 701 f-strings
 * on request. The programs are valid Python. Used by the differential tests.
 */
/** mulberry32: small, seeded, good enough to pick snippets. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Generator {
  private counter = 0;

  constructor(
    private readonly rand: () => number,
    /** Write PEP 701 f-strings (Python 3.12+). */
    private readonly pep701: boolean,
  ) {}

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rand() * items.length)]!;
  }

  chance(p: number): boolean {
    return this.rand() < p;
  }

  name(): string {
    return this.pick(['x', 'y', 'value', 'task', 'loop', 'data', 'ｖａｌｕｅ']) + this.counter++;
  }

  /** Text that reads like code, for strings and comments. */
  codeLike(): string {
    return this.pick([
      'import threading',
      'await x',
      'async def f(): pass',
      'async for a in b',
      'from asyncio import run',
      'os.fork()',
      'f"{await x}"',
      '# not a comment',
      'with nogil:',
      'import asyncio as aio; await aio.sleep(0)',
      '@numba.jit(nogil=True)',
      'plain words',
      'ünïcödé',
    ]);
  }

  /** A valid string literal, any prefix, quote and escapes; no f-string. */
  stringLiteral(quoteChar?: string, allowBytes = true): string {
    const prefixes = ['', '', 'r', 'R', 'b', 'B', 'rb', 'bR', 'Rb', 'BR', 'u', 'U'];
    const prefix = this.pick(allowBytes ? prefixes : prefixes.filter((p) => !/b/i.test(p)));
    const bytes = /b/i.test(prefix);
    const raw = /r/i.test(prefix);
    const q = quoteChar ?? this.pick(['"', "'"]);
    const triple = this.chance(0.35);
    const parts: string[] = [];
    const count = 1 + Math.floor(this.rand() * 4);
    for (let i = 0; i < count; i++) {
      parts.push(
        this.pick([
          // The delimiter's quote is escaped wherever code-like text holds it.
          (bytes ? 'import threading' : this.codeLike()).split(q).join('\\' + q),
          '\\\\',
          '\\' + q,
          q === '"' ? "'" : '"',
          '{x}',
          '{{',
          ' # ',
          triple ? '\n' : ' ',
          triple ? '\n    await y\n' : ' ',
          '\\\n',
          raw ? '\\d' : '\\n',
        ]),
      );
    }
    let body = parts.join('');
    if (bytes) body = body.replace(/[\u0080-\uffff]/g, 'u');
    const delimiter = triple ? q.repeat(3) : q;
    return prefix + delimiter + body + delimiter;
  }

  /** An expression for an f-string field (no backslashes, other quotes only: Python 3.8+). */
  fieldExpression(q: string, inAsync: boolean, depth = 0): string {
    const other = this.pep701 && this.chance(0.5) ? q : q === '"' ? "'" : '"';
    const choices = [
      'x',
      'a.b[0]',
      `${other}await x${other}`,
      ' {1: 2}[1] ',
      '(lambda: 1)()',
      'x if y else z',
      `${other}{${other}.join(z)`,
      `f${other}{x}${other}`,
    ];
    if (inAsync) choices.push('await x', '[a async for a in b]', `f${other}{await y}${other}`, 'await (await x)');
    if (this.pep701) {
      choices.push(
        `${q}\\N{BULLET} await x${q}`,
        `x  # await y\n`,
        `(\n  await_free\n  # import threading\n)`,
      );
      if (depth < 3) choices.push(`f${q}{${this.fieldExpression(q, inAsync, depth + 1)}}${q}`);
      if (inAsync) choices.push(`[a\n  async for a in b]`, `await f${q}{await x}${q}`);
    }
    return this.pick(choices);
  }

  fString(inAsync: boolean): string {
    const q = this.pick(['"', "'"]);
    const triple = this.chance(0.3);
    const prefix = this.pick(['f', 'F', 'rf', 'fR', 'Rf']);
    const parts: string[] = [];
    const count = 1 + Math.floor(this.rand() * 4);
    for (let i = 0; i < count; i++) {
      const kind = this.pick(['text', 'field', 'field', 'spec', 'braces', 'escape']);
      if (kind === 'text') parts.push(this.codeLike().replace(/[{}]/g, '').replace(/["']/g, ''));
      else if (kind === 'braces') parts.push('{{await x}}');
      else if (kind === 'escape') parts.push('\\' + q);
      else {
        let field = this.fieldExpression(q, inAsync);
        if (this.chance(0.3)) field += this.pick(['!r', '!s', '=']);
        if (kind === 'spec') field += ':' + this.pick(['>10', '%H:%M', `{${this.fieldExpression(q, inAsync)}}`, '.{p}f']);
        parts.push('{' + field + '}');
      }
      if (triple && this.chance(0.3)) parts.push('\n');
    }
    const delimiter = triple ? q.repeat(3) : q;
    return prefix + delimiter + parts.join('') + delimiter;
  }

  importStatement(): string[] {
    const module = this.pick([
      'threading', 'asyncio', 'os', 'sys', 'concurrent.futures', 'multiprocessing', 'multiprocessing.dummy',
      'gevent.pywsgi', 'aiohttp.web', 'numba', 'cython.parallel', 'json', 'trio', 'golang', 'asyncio_extra', 'cython',
      'mypkg.threading', 'twisted.internet', '_thread', 'ａｓｙｎｃｉｏ', 'tornado',
    ]);
    const names = ['Thread', 'ThreadPoolExecutor', 'fork', 'run', 'web', 'pywsgi', 'prange', 'jit', 'path', 'dummy', 'nogil', 'parallel'];
    switch (this.pick(['import', 'import-as', 'import-many', 'from', 'from-paren', 'from-star', 'relative', 'continued'])) {
      case 'import':
        return [`import ${module}`];
      case 'import-as':
        return [`import ${module} as ${this.name()}`];
      case 'import-many':
        return [`import json, ${module} as m${this.counter++}, sys`];
      case 'from':
        return [`from ${module} import ${this.pick(names)}, ${this.pick(names)} as n${this.counter++}`];
      case 'from-paren':
        return [
          `from ${module} import (`,
          `    ${this.pick(names)},  # ${this.codeLike()}`,
          `    ${this.pick(names)} as p${this.counter++},`,
          ')',
        ];
      case 'from-star':
        return [`from ${module} import *`];
      case 'relative':
        return [
          this.pick([
            'from . import threading',
            'from .. import asyncio as aio',
            'from .threading import Thread',
            'from ...asyncio import *',
            'from .mod.sub import (a,\n    b)',
          ]),
        ].flatMap((l) => l.split('\n'));
      default:
        return [`from ${module} \\`, `        import ${this.pick(names)}`];
    }
  }

  /**
   * A use of a name the imports may have bound: attributes, calls, decorators and `with` items
   * that are signals, and look-alikes that are not (an attribute of something else, a keyword
   * argument, a definition of the same name, an uncalled `os.fork`).
   */
  useStatement(): string[] {
    const target = this.name();
    const expression = this.pick([
      'os.fork()', 'os.fork', 'os.forkpty()', 'fork()', 'forkpty()', 'x.os.fork()', 'f(os=1, fork=2)',
      'concurrent.futures.ThreadPoolExecutor(max_workers=2)', 'concurrent.futures.thread.ThreadPoolExecutor',
      'ThreadPoolExecutor()', 'isinstance(e, concurrent.futures.ProcessPoolExecutor)', 'process.BrokenProcessPool',
      'multiprocessing.dummy.Pool(2)', 'multiprocessing.pool.ThreadPool(2)', 'dummy.Pool(2)', 'pool.ThreadPool',
      'numba.njit(f)', 'numba.jit(nogil=True)(f)', 'jit(f)', 'njit', 'vectorize(["f8(f8)"])(g)', 'nb.guvectorize(s)(g)',
      'njit2(f)', 'par()', 'futures.ThreadPoolExecutor()', 'futures.process.ProcessPoolExecutor',
      '(os).fork()', '(os.fork)()', '((os)).fork()', 'f (os).fork()', 'not (os).fork()', 'lambda: (os).fork()',
      'y if (os).fork() else z', '[(prange)(i) for i in x]', 'f(os)(x).fork()', '(fork)()', 'x[0](os).fork()',
      '[prange(i) for i in x]', 'parallel()', 'prange', 'cython.parallel.prange(3)', 'f"{os.fork()}"',
    ]);
    // Bindings hold for the whole file, wherever the import is: often one comes along.
    const binding = this.chance(0.6)
      ? [this.pick([
          'import os', 'from os import *', 'import concurrent.futures', 'from concurrent import futures',
          'from concurrent.futures import *', 'import multiprocessing', 'from multiprocessing import *',
          'import multiprocessing.pool', 'import numba', 'from numba import *', 'import numba as nb',
          'import cython', 'from cython.parallel import *', 'from cython.parallel import prange, parallel as par',
          'from numba import jit as njit2, njit',
        ])]
      : [];
    return binding.concat(this.pick<string[]>([
      [`${target} = ${expression}`],
      [this.pick(['@numba.jit(nogil=True)', '@jit', '@njit(parallel=True)', '@numba.vectorize', '@cython.nogil', '@os.fork',
        '@(numba.jit)', '@(jit)(nogil=True)', '@(cython).nogil']),
        `def ${this.name()}(): pass`],
      [this.pick(['with cython.nogil: pass', 'with cython.nogil, y: pass', 'with x, cython.nogil as g: pass',
        'with (cython.nogil): pass', 'with (cython.nogil, y): pass', 'with ((cython).nogil): pass'])],
      [this.pick(['for i in prange(3): pass', 'def fork(): pass', 'class ThreadPoolExecutor: pass'])],
    ]));
  }

  simpleStatement(inAsync: boolean): string[] {
    const target = this.name();
    const choices: (() => string[])[] = [
      () => this.importStatement(),
      () => this.useStatement(),
      () => [`${target} = ${this.stringLiteral()}`],
      () => [`${target} = ${this.stringLiteral(undefined, false)} ${this.stringLiteral(undefined, false)}`],
      () => [`${target} = ${this.fString(inAsync)}`],
      () => [`${target} = 1  # ${this.codeLike()}`],
      () => [`# ${this.codeLike()}`],
      () => [`"""${this.codeLike().replace(/"/g, '\\"')}`, `${this.codeLike().replace(/"/g, '\\"')}"""`],
      () => [
        `${target} = (`,
        `    ${this.stringLiteral(undefined, false)}  # ${this.codeLike()}`,
        `    ${this.fString(inAsync)}`,
        ')',
      ],
      () => {
        const imported = this.importStatement();
        const tail = imported.length === 1 && !imported[0]!.endsWith('\\') ? imported[0]! : 'pass';
        return [`${target} = [1,`, `  2, ${this.stringLiteral()}]; ${tail}`];
      },
      () => [`${target} = 1 + \\`, `    2`],
      () => [`async_value = 1; awaiting = 2; ${target} = async_value + awaiting`],
    ];
    if (inAsync) {
      choices.push(
        () => [`${target} = await ${this.pick(['x', 'f()', 'a.b(c)', '(await y)'])}`],
        () => [`${target} = 1; await x; y = 2`],
        () => [`${target} = [a async for a in b if await a]`],
        () => [`${target} = {k: await v async for k, v in z}`],
        () => [`${target} = (lambda: await x)`],
        () => [`${target} = await \\`, `    x`],
        () => [`async for a in b: await a`],
        () => [`async with a as b, c: pass`],
        () => ['async for a in b:', '    pass'],
        () => ['async with (', '    a as b,', '    c,', '):', '    await b'],
      );
    }
    return this.pick(choices)();
  }

  block(depth: number, inAsync: boolean): string[] {
    // A nested block starts with `pass`: its other statements may all be comments.
    const lines: string[] = depth > 0 ? ['pass'] : [];
    const count = 2 + Math.floor(this.rand() * 6);
    for (let i = 0; i < count; i++) {
      if (depth < 3 && this.chance(0.15)) {
        const isAsync = this.chance(0.6);
        if (this.chance(0.3)) lines.push('@decorator(' + this.stringLiteral() + ')');
        lines.push(`${isAsync ? 'async ' : ''}def ${this.name()}(a, b=${this.stringLiteral()}):`);
        if (this.chance(0.5)) lines.push(`    ${this.stringLiteral('"')}`);
        for (const line of this.block(depth + 1, isAsync)) lines.push('    ' + line);
      } else if (depth < 3 && this.chance(0.08)) {
        const header = this.pick(['try:', 'if x:', 'class C:', 'with a:']);
        lines.push(header);
        for (const line of this.block(depth + 1, inAsync)) lines.push('    ' + line);
        if (header === 'try:') lines.push('except Exception:', '    import threading as t');
      } else {
        lines.push(...this.simpleStatement(inAsync));
      }
    }
    return lines;
  }

  program(): string {
    const newline = this.pick(['\n', '\n', '\n', '\r\n', '\r']);
    return this.block(0, false).join(newline) + newline;
  }
}
