/**
 * `detectPython` does less work than `analysePython` (it tokenizes only the logical lines that
 * may hold a signal, found with `scanPythonLayout`), and must still report exactly its signals
 * and acceptances. `analysePython` is the one held to CPython's `ast`
 * (python-stdlib.test.ts, python-generated.test.ts); this test holds the detector to it, over
 * the standard library, the fixtures, generated programs and random mixes of the pieces that
 * matter.
 */
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pythonFiles } from '../support/python-files.js';
import { analysePython, detectPython, mayContainPythonSignals } from '../../src/detect/python.js';
import {
  createTokenBuffer,
  lineStartBefore,
  REGION_COMMENT,
  REGION_FSTRING,
  REGION_STRING,
  scanPythonLayout,
  tokenizePython,
  TokenKind,
  type PythonTokens,
} from '../../src/detect/python-tokenizer.js';
import type { Detection } from '../../src/types.js';
import { Generator, random } from './python-programs.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/python', import.meta.url));

/**
 * What the detector must report: the full analysis's signals and acceptances, unless the
 * pre-check rules the text out. (The pre-check is sound for valid Python, as the differential
 * tests show; on text CPython rejects, such as `{import\nthreading`, it may rule out what the
 * analysis would read, and the detector then reports nothing.)
 */
function reference(text: string): Detection {
  if (!mayContainPythonSignals(text)) return { signals: [], acceptances: [] };
  const analysis = analysePython(text);
  return { signals: analysis.signals, acceptances: analysis.acceptances };
}

function expectSame(text: string): void {
  const got = detectPython(text);
  const want = reference(text);
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    throw new Error(`detectPython differs from analysePython on ${JSON.stringify(text.slice(0, 2000))}\n` +
      `  detect:  ${JSON.stringify(got).slice(0, 1000)}\n  analyse: ${JSON.stringify(want).slice(0, 1000)}`);
  }
}


describe('detectPython reports exactly what analysePython finds', () => {
  it('on every file of the standard library and the fixtures', () => {
    const stdlib = execFileSync(process.env.PYTHON ?? 'python3', ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], {
      encoding: 'utf8',
    }).trim();
    const files = [...pythonFiles(stdlib), ...pythonFiles(FIXTURES)];
    const mismatches: string[] = [];
    let signals = 0;
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      const got = detectPython(text);
      const want = reference(text);
      signals += want.signals.length;
      if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(path);
    }
    expect(mismatches).toEqual([]);
    expect(files.length).toBeGreaterThan(1000);
    expect(signals).toBeGreaterThan(1000);
  });

  it('on generated programs', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const text = new Generator(random(seed), seed % 2 === 0).program();
      expectSame(text);
      // The same program with its candidates last: the cut falls inside it, not at its end.
      expectSame(`${text}x = 1\n"await"  # import threading\n`);
    }
  });

  it('on any mix of the pieces that matter', () => {
    const piece = fc.constantFrom(
      'f"', "f'", 'rf"', 'Rb"', 'b"', "r'", 'u"', 't"', '"', "'", '"""', "'''", 'f"""', '{', '}', '{{', '}}', '\\', '\n', '\r',
      '\r\n', '#', ' ', 'x', '=', '.', ',', ';', ':', '(', ')', '[', ']', '@', '*', '!r', '0x1', '1e', '12rf"', '1.j"',
      'é', 'ｔｈｒｅａｄｉｎｇ', '\ufeff', 'await', 'async', 'def', 'for', 'with', 'import', 'from', 'as', 'threading', 'asyncio',
      'concurrent', 'futures', 'ThreadPoolExecutor', 'multiprocessing', 'dummy', 'os', 'fork', 'numba', 'jit', 'nogil',
      'cython', 'prange', 'architecture-review: accept threads-io-only -- why', '# architecture-review: accept x',
      'sys', 'mymod', 'importlib', 'awaitable', 'forkpty', ' as ', '\\\n', '\\\r\n',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        expectSame(pieces.join(''));
      }),
      { numRuns: 5000 },
    );
  });

  it('on lines that read like code inside strings and comments, before and after real code', () => {
    const cases = [
      '"""\nimport threading\nawait x\n"""\n',
      'import threading\n"""\nawait x\n"""\n',
      '# await x\nx = 1\n',
      'x = f"{await y}"  # architecture-review: accept a -- b\n"await"\n',
      'import asyncio\n\n\ndef f():\n    """await, from asyncio import x"""\n    # import threading\n',
      'import threading  # architecture-review: accept threads-io-only -- tools\n' + 'x = 1\n'.repeat(100) + '"import threading"\n',
      'from concurrent import futures\n' + 'x = 1\n'.repeat(50) + 'futures.ThreadPoolExecutor()\n"import threading"\n',
      'import numba as nb\n"import asyncio"\n@nb.njit(nogil=True)\ndef f(): pass\n',
      'import os\n' + 'x = 1\n'.repeat(30) + 'os.fork()\n"await"\n',
      'os.fork()\n' + 'x = 1\n'.repeat(30) + 'import sys, os\n"import asyncio"\n',
      'from os import *\nimport asyncio\n' + 'x = 1\n'.repeat(30) + 'fork()\n# fork\n',
      'import os as o\nimport threading\n' + 'x = 1\n'.repeat(30) + 'o.forkpty()\n"fork"\n',
      'import multiprocessing as mp\nimport asyncio\n' + 'x = 1\n'.repeat(30) + 'mp.dummy.Pool()\n"mp"  # mp\n',
      'from concurrent.futures import ThreadPoolExecutor as TPE\n' + 'x = 1\n'.repeat(30) + 'TPE.map\nxTPE = "TPE"\n',
      'from numba import *\n' + 'x = 1\n'.repeat(30) + '@njit\ndef f(): pass\n"njit"\n',
      'from numba import jit as ñ\n' + 'x = 1\n'.repeat(30) + '@ñ\ndef f(): pass\n',
      'import numba as nb\n' + 'x = 1\n'.repeat(30) + 'y = f"{nb.jit(nogil=True)(g)}"\n',
      '\ufeffimport numba as nb\n' + 'x = 1\n'.repeat(30) + '\ufeffnb.jit(f)\n',
      "x = '''\n",
      'x = (\n  "import threading"\n  # await\n',
      // Imports that name no watched module are left out of the search; those that do are not.
      'import concurrent.futures as cf\nfrom mymod import cf\n' + 'x = 1\n'.repeat(30) + 'cf.ThreadPoolExecutor()\n',
      'import json\nfrom concurrent.futures import (\n    ThreadPoolExecutor,\n)\nimport sys\n',
      'from \\\n  threading \\\r\n  import Thread\nimport json\n',
      'import sys, \\\r\n threading\nimport json, os\n"fork"\n',
      'import sys\nimport json, os\n' + 'x = 1\n'.repeat(30) + 'os.fork()\n',
      'import sys\nimport json, os\n' + 'x = 1\n'.repeat(30) + 'y = "os.fork()"\n',
      'x = asyncio_compat.awaitable(importlib.import_module("threading"))\nimport asyncio\nimported = 1\n',
      'import json\nimport ｔｈｒｅａｄｉｎｇ\nimport re\n',
      'from ｃｏｎｃｕｒｒｅｎｔ.futures import ThreadPoolExecutor as T\n' + 'x = 1\n'.repeat(30) + 'T()\n',
      'import ｏｓ\n' + 'x = 1\n'.repeat(30) + 'os.ｆｏｒｋ()\n',
      'import json, os\n' + 'x = 1\n'.repeat(30) + 'os.ｆｏｒｋｐｔｙ()\n',
      'import json; import threading\nimport re, asyncio as aio\nimport os.path\n',
      'def f():\n    import warnings\n    async def g():\n        await h()\n',
    ];
    for (const text of cases) expectSame(text);
  });
});

describe('scanPythonLayout', () => {
  const KIND = { [REGION_STRING]: 'S', [REGION_COMMENT]: 'C', [REGION_FSTRING]: 'F' } as Record<number, string>;

  function regions(text: string): string[] {
    const layout = scanPythonLayout(text, text.length);
    const out: string[] = [];
    for (let i = 0; i < layout.regionCount; i++) {
      out.push(`${KIND[layout.regionKinds[i]!]}:${text.slice(layout.regionStarts[i], layout.regionEnds[i])}`);
    }
    return out;
  }

  function lineStarts(text: string): number[] {
    const layout = scanPythonLayout(text, text.length);
    lineStartBefore(text, layout, text.length);
    return [...layout.lineStarts.subarray(0, layout.lineStartCount)];
  }

  it('finds the strings, comments and f-strings the tokenizer finds', () => {
    const text = 'a = "x" + rb\'y\' # c\nf"{"q"}" """d\n"""\nxf"s"\n';
    expect(regions(text)).toEqual(['S:"x"', "S:rb'y'", 'C:# c', 'F:f"{"q"}"', 'S:"""d\n"""', 'S:"s"']);
    expect(scanPythonLayout(text, text.length).scannedTo).toBe(text.length);
  });

  it('finds where logical lines may start: not inside brackets, strings or f-strings, nor after a backslash', () => {
    const text = 'a = (1,\n2)\nb = """\n"""\nc = 1 + \\\n2\nd = f"{(\n1)}"\r\ne\r# (\nf\n';
    const starts = lineStarts(text);
    expect(starts.map((s) => text.slice(s, s + 1))).toEqual(['a', 'b', 'c', 'd', 'e', '#', 'f', '']);
  });

  it('stops where it cannot tell what the tokenizer would read', () => {
    const text = 'a = "x"\nb = 12rf"{x}"\nc = "y"\n';
    const layout = scanPythonLayout(text, text.length);
    expect(layout.regionCount).toBe(1);
    expect(layout.scannedTo).toBe(text.indexOf('12rf'));
  });

  const piece = fc.constantFrom(
    'f"', "f'", 'rf"', 'b"', "r'", 'xf"', '"', "'", '"""', "'''", '{', '}', '(', ')', '[', ']', '\\', '\n', '\r', '#', ' ', 'x',
    '1', '=', 'é', '\ufeff',
  );

  it('agrees with the tokenizer on every string, f-string and comment, for any mix of pieces', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        const layout = scanPythonLayout(text, text.length);
        const tokens = tokenizePython(text);
        // Every string and f-string token outside f-strings is a region, every comment outside
        // f-strings is one, and nothing else is.
        const want: string[] = [];
        let fstrings = 0;
        let fstart = 0;
        for (let i = 0; i < tokens.count; i++) {
          const kind = tokens.kinds[i];
          if (tokens.starts[i]! >= layout.scannedTo && fstrings === 0) break;
          if (kind === TokenKind.FStringStart) {
            if (fstrings++ === 0) fstart = tokens.starts[i]!;
          } else if (kind === TokenKind.FStringEnd) {
            if (--fstrings === 0) want.push(`F${fstart}-${tokens.ends[i]}`);
          } else if (kind === TokenKind.String && fstrings === 0) {
            want.push(`S${tokens.starts[i]}-${tokens.ends[i]}`);
          }
        }
        const got: string[] = [];
        for (let i = 0; i < layout.regionCount; i++) {
          if (layout.regionKinds[i] !== REGION_COMMENT) got.push(`${KIND[layout.regionKinds[i]!]}${layout.regionStarts[i]}-${layout.regionEnds[i]}`);
        }
        expect(got).toEqual(want);
        const comments = new Set<string>();
        for (let k = 0; k < tokens.commentCount; k++) comments.add(`${tokens.commentStarts[k]}-${tokens.commentEnds[k]}`);
        for (let i = 0; i < layout.regionCount; i++) {
          if (layout.regionKinds[i] === REGION_COMMENT) {
            expect(comments.has(`${layout.regionStarts[i]}-${layout.regionEnds[i]}`)).toBe(true);
          }
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('gives line starts from which the tokenizer reads what it reads from the start', () => {
    const show = (t: PythonTokens, text: string): string[] => {
      const out: string[] = [];
      for (let i = 0; i < t.count; i++) out.push(`${t.kinds[i]}@${t.starts[i]}:${text.slice(t.starts[i], t.ends[i])}`);
      return out;
    };
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.nat(), (pieces, pick) => {
        const text = pieces.join('');
        const layout = scanPythonLayout(text, text.length);
        lineStartBefore(text, layout, text.length);
        const start = layout.lineStarts[pick % layout.lineStartCount]!;
        // From a line start to the end: the tail of the whole text's tokens, from there on.
        const all = show(tokenizePython(text), text).filter((t) => Number(t.slice(t.indexOf('@') + 1, t.indexOf(':'))) >= start);
        const tail = show(tokenizePython(text, createTokenBuffer(16), { from: start }), text);
        expect(tail).toEqual(all);
      }),
      { numRuns: 5000 },
    );
  });
});
