/**
 * Differential test of the Cython detector against Cython's own parser (Debian's cython3,
 * through test/reference/cython_reference.py): on every `.pyx`, `.pxd` and `.pxi` file of
 * Debian's Cython, numpy and of the Cython-written libraries .ci/run installs, and on seeded
 * generated Cython files dense with `prange`, `parallel()`, `with nogil` and look-alikes, the
 * detector and Cython must agree exactly, line by line, on
 * - `with nogil:` blocks (a release of the GIL: a use),
 * - `nogil` qualifiers and `@cython.nogil` (a function that may run without the GIL: a mention),
 * - `prange(...)` and `parallel()` of cython.parallel, and `prange(..., nogil=True)`.
 * Files Cython rejects (Cython's Tempita-templated utility code) are excluded and counted. The
 * comparison needs Cython: without it the test fails, it is never skipped.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysePython } from '../../src/detect/python.js';
import { random } from './python-programs.js';

const run = promisify(execFile);
const REFERENCE = fileURLToPath(new URL('../reference/cython_reference.py', import.meta.url));
// Debian's cython3 is a package of Debian's python3, whatever python3 is first on PATH.
const PYTHON = process.env.CYTHON_PYTHON ?? '/usr/bin/python3';
const DIST_PACKAGES = '/usr/lib/python3/dist-packages';
// Cython's own includes and utility code, numpy's declarations, and libraries written in Cython.
const PACKAGES = ['Cython', 'numpy', 'blis', 'cysignals', 'cytoolz', 'preshed', 'cymem', 'murmurhash'];
const GENERATED = Number(process.env.GENERATED_FILES ?? 400);
const SEED = Number(process.env.GENERATED_SEED ?? 20261207);

const KEYS = ['withNogil', 'nogilFunctions', 'prange', 'prangeNogil', 'parallel'] as const;
type Key = (typeof KEYS)[number];
type Found = Record<Key, number[]>;
interface ReferenceResult extends Partial<Found> {
  path: string;
  error?: string;
}

/** The detector's answer in the reference's shape. */
function ours(text: string): Found {
  const found: Record<Key, Set<number>> = {
    withNogil: new Set(),
    nogilFunctions: new Set(),
    prange: new Set(),
    prangeNogil: new Set(),
    parallel: new Set(),
  };
  for (const s of analysePython(text, { dialect: 'cython' }).signals) {
    if (s.signal === 'cython-nogil') {
      if (s.construct === 'with nogil') found.withNogil.add(s.line);
      else if (s.construct === 'nogil function') found.nogilFunctions.add(s.line);
      else found.prangeNogil.add(s.line); // the GIL released by prange(..., nogil=True)
    } else if (s.signal === 'cython-parallel' && s.module === 'cython.parallel.prange') found.prange.add(s.line);
    else if (s.signal === 'cython-parallel' && s.module === 'cython.parallel.parallel') found.parallel.add(s.line);
  }
  const sorted = (lines: Set<number>) => [...lines].sort((a, b) => a - b);
  return {
    withNogil: sorted(found.withNogil),
    nogilFunctions: sorted(found.nogilFunctions),
    prange: sorted(found.prange),
    prangeNogil: sorted(found.prangeNogil),
    parallel: sorted(found.parallel),
  };
}

function cythonFiles(dir: string): string[] {
  const found: string[] = [];
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop()!;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile() && /\.(pyx|pxd|pxi)$/.test(entry.name)) found.push(path);
    }
  }
  return found.sort();
}

async function reference(paths: string[]): Promise<Map<string, ReferenceResult>> {
  const dir = mkdtempSync(join(tmpdir(), 'cython-reference-'));
  try {
    const list = join(dir, 'files.txt');
    writeFileSync(list, paths.join('\n') + '\n');
    const { stdout } = await run(PYTHON, [REFERENCE, list], { maxBuffer: 1 << 27 });
    const results = new Map<string, ReferenceResult>();
    for (const line of stdout.split('\n')) {
      if (line.trim() === '') continue;
      const result = JSON.parse(line) as ReferenceResult;
      results.set(result.path, result);
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Outcome {
  compared: number;
  excluded: string[];
  mismatches: string[];
  counts: Record<Key, number>;
}

function compare(paths: string[], results: Map<string, ReferenceResult>): Outcome {
  const outcome: Outcome = {
    compared: 0,
    excluded: [],
    mismatches: [],
    counts: { withNogil: 0, nogilFunctions: 0, prange: 0, prangeNogil: 0, parallel: 0 },
  };
  for (const path of paths) {
    const expected = results.get(path);
    if (!expected) {
      outcome.mismatches.push(`${path}: no answer from Cython`);
      continue;
    }
    if (expected.error !== undefined) {
      outcome.excluded.push(`${path} (${expected.error})`);
      continue;
    }
    outcome.compared++;
    const actual = ours(readFileSync(path, 'utf8'));
    for (const key of KEYS) {
      const wanted = expected[key] ?? [];
      outcome.counts[key] += wanted.length;
      if (wanted.join(',') !== actual[key].join(',')) {
        outcome.mismatches.push(`${path} ${key}: Cython [${wanted.join(', ')}], ours [${actual[key].join(', ')}]`);
      }
    }
  }
  return outcome;
}

function summary(title: string, outcome: Outcome): string {
  const counts = KEYS.map((k) => `${outcome.counts[k]} ${k}`).join(', ');
  return `${title}: ${outcome.compared} files compared (${counts}), ${outcome.excluded.length} excluded because Cython rejects them`;
}

async function cythonVersion(): Promise<string> {
  try {
    const { stdout } = await run(PYTHON, ['-c', 'import Cython; print(Cython.__version__)']);
    return stdout.trim();
  } catch {
    // .ci/run installs cython3; without it this comparison cannot be made, and must say so.
    throw new Error(`Cython is not importable by ${PYTHON}: apt-get install cython3 (or set CYTHON_PYTHON)`);
  }
}

describe("the Cython detector against Cython's parser on Debian's Cython sources", () => {
  let paths: string[] = [];
  let results = new Map<string, ReferenceResult>();

  beforeAll(async () => {
    await cythonVersion();
    const missing = PACKAGES.filter((name) => !existsSync(join(DIST_PACKAGES, name)));
    if (missing.length > 0) throw new Error(`missing in ${DIST_PACKAGES}: ${missing.join(', ')} (.ci/run installs them)`);
    paths = PACKAGES.flatMap((name) => cythonFiles(join(DIST_PACKAGES, name)));
    results = await reference(paths);
  }, 120_000);

  it('agrees file by file on with nogil, nogil qualifiers, prange and parallel', () => {
    const outcome = compare(paths, results);
    console.log(summary('Debian', outcome));
    for (const file of outcome.excluded) console.log(`  excluded: ${file}`);
    expect(outcome.mismatches).toEqual([]);
    // Enough real code to mean something: hundreds of nogil declarations, some releases, and
    // only templated utility code rejected.
    expect(outcome.compared).toBeGreaterThanOrEqual(150);
    expect(outcome.counts.nogilFunctions).toBeGreaterThan(300);
    expect(outcome.counts.withNogil).toBeGreaterThan(3);
    expect(outcome.excluded.every((e) => e.includes('/Cython/'))).toBe(true);
  });
});

/** One generated Cython module: imports in every form, then functions that mix the constructs with look-alikes. */
function program(rand: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const chance = (p: number) => rand() < p;
  // How the module reaches prange and parallel, if at all.
  const imports = pick([
    { head: 'from cython.parallel cimport prange, parallel', prange: 'prange', parallel: 'parallel' },
    { head: 'from cython.parallel import prange, parallel', prange: 'prange', parallel: 'parallel' },
    { head: 'from cython.parallel cimport prange as prg, parallel as par', prange: 'prg', parallel: 'par' },
    { head: 'cimport cython.parallel', prange: 'cython.parallel.prange', parallel: 'cython.parallel.parallel' },
    { head: 'from cython cimport parallel as cp', prange: 'cp.prange', parallel: 'cp.parallel' },
    { head: 'from mylib import prange, parallel', prange: 'prange', parallel: 'parallel' },
    { head: 'import os', prange: 'prange', parallel: 'parallel' },
  ]);
  // `cimport cython` alone does not bring cython.parallel (Cython then rejects its names):
  // only the forms above do. It brings `with cython.nogil:` and `@cython.nogil`.
  const cimportsCython = imports.head === 'cimport cython.parallel' || chance(0.6);
  const lines: string[] = ['# cython: language_level=3', imports.head];
  if (cimportsCython && imports.head !== 'cimport cython.parallel') lines.push('cimport cython');
  if (chance(0.4)) lines.push('from libc.stdlib cimport malloc, free');
  lines.push('');

  const nogilArg = () => pick(['nogil=True', 'nogil=False', 'nogil=1', 'nogil=0']);
  const rangeArgs = () => {
    const args = [pick(['n', '0, n', '0, n, 2', 'n - 1'])];
    if (chance(0.6)) args.push(nogilArg());
    if (chance(0.3)) args.push(pick(["schedule='static'", "schedule='dynamic'", "schedule='guided', chunksize=8"]));
    if (chance(0.3)) args.push('num_threads=4');
    return args.join(', ');
  };
  const loop = (indent: string) => {
    const body = [`${indent}for i in ${imports.prange}(${rangeArgs()}):`, `${indent}    total += i`];
    if (chance(0.3)) body.push(`${indent}    with gil:`, `${indent}        print(i)`);
    return body;
  };
  const noise = (indent: string) =>
    pick([
      [`${indent}s = "for i in prange(n, nogil=True): with nogil:"`],
      [`${indent}# with nogil:  for i in prange(n):`, `${indent}pass`],
      [`${indent}"""with nogil:`, `${indent}    prange(n)"""`],
      [`${indent}x = {'nogil': 1}`],
      [`${indent}f(nogil=True)`],
      [`${indent}obj.nogil = 1`],
      [`${indent}total += len([j for j in range(3)])`],
    ]);
  const block = (indent: string): string[] => {
    const kind = rand();
    if (kind < 0.3) return [`${indent}with nogil:`, ...loop(indent + '    ')];
    if (kind < 0.45) return [`${indent}with nogil, ${imports.parallel}():`, ...loop(indent + '    ')];
    if (kind < 0.55) return [`${indent}with ${imports.parallel}(num_threads=2):`, ...loop(indent + '    ')];
    if (kind < 0.65 && cimportsCython) return [`${indent}with cython.nogil:`, `${indent}    total = 0`];
    if (kind < 0.8) return loop(indent);
    return noise(indent);
  };

  const functions = 2 + Math.floor(rand() * 4);
  for (let f = 0; f < functions; f++) {
    const shape = rand();
    const body: string[] = [];
    let indent = '    ';
    if (shape < 0.25) lines.push(`cdef long f${f}(long n) ${pick(['nogil', 'noexcept nogil', 'except -1 nogil', 'nogil except -1'])}:`);
    else if (shape < 0.45) lines.push(`def f${f}(n):`);
    else if (shape < 0.6) lines.push(`cpdef long f${f}(long n):`);
    else if (shape < 0.75) {
      lines.push(`cdef class C${f}:`, '    cdef bint nogil', `    cdef long m(self, long n) ${pick(['nogil', 'except -1', 'noexcept nogil'])}:`);
      indent = '        ';
    } else if (cimportsCython) lines.push(`@cython.nogil`, `cdef long f${f}(long n):`);
    else lines.push(`cdef long f${f}(long n) except? -1:`);
    body.push(`${indent}cdef long i, total = 0`);
    const blocks = 1 + Math.floor(rand() * 3);
    for (let b = 0; b < blocks; b++) {
      if (chance(0.15)) {
        body.push(`${indent}IF UNAME_SYSNAME == "Linux":`, ...block(indent + '    '), `${indent}ELSE:`, ...block(indent + '    '));
      } else body.push(...block(indent));
    }
    body.push(`${indent}return total`, '');
    lines.push(...body);
  }
  if (chance(0.5)) {
    lines.push('cdef extern from "work.h" nogil:', '    int c_work(int n)', '    void c_done() nogil', '');
  }
  if (chance(0.3)) lines.push('ctypedef void (*callback)(int) noexcept nogil', '');
  if (chance(0.3)) lines.push('cdef extern from "queue.h":', '    cdef cppclass Queue nogil:', '        void push(int)', '');
  if (chance(0.2)) lines.push('cdef nogil:', '    int shared_counter', '');
  return lines.join(chance(0.1) ? '\r\n' : '\n');
}

describe("the Cython detector against Cython's parser on generated Cython", () => {
  let dir = '';
  const paths: string[] = [];
  let results = new Map<string, ReferenceResult>();

  beforeAll(async () => {
    await cythonVersion();
    dir = mkdtempSync(join(tmpdir(), 'cython-generated-'));
    const rand = random(SEED);
    for (let i = 0; i < GENERATED; i++) {
      const path = join(dir, `m${String(i).padStart(4, '0')}.pyx`);
      writeFileSync(path, program(rand));
      paths.push(path);
    }
    results = await reference(paths);
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('agrees file by file (seeded: GENERATED_SEED, GENERATED_FILES)', () => {
    const outcome = compare(paths, results);
    console.log(summary(`generated (seed ${SEED})`, outcome));
    if (outcome.mismatches.length > 0) {
      const first = outcome.mismatches[0]!.split(' ')[0]!;
      console.log(`first mismatching program, ${first}:\n${readFileSync(first, 'utf8')}`);
    }
    expect(outcome.mismatches).toEqual([]);
    // The generator writes valid Cython: nothing may be excluded, or the comparison shrinks unseen.
    expect(outcome.excluded).toEqual([]);
    for (const key of KEYS) expect(outcome.counts[key]).toBeGreaterThan(GENERATED / 10);
  });
});
