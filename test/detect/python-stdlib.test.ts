/**
 * Differential test of the Python detector against CPython's own parser: every `.py` file of the
 * installed Python's standard library is analysed by `analysePython` and by `ast` (through
 * test/reference/python_reference.py, one python3 process for all files), and the two must
 * agree exactly on the watched imports (canonical text and line), on the async syntax (the
 * line of every `async def`, `await`, `async for` statement and `async with`, and the number of
 * async comprehensions), and on the uses of imported names that are signals (line and signal:
 * `concurrent.futures.ThreadPoolExecutor`, `os.fork()`, `@numba.njit`). The annotated fixtures of test/detect/fixtures/python go through the
 * same comparison. Files CPython cannot parse (Python 2 test data, bad-syntax fixtures, the
 * PEP 701 fixture before Python 3.12) are excluded and counted.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { pythonFiles } from '../support/python-files.js';
import { runPythonReference, useKey } from '../support/python-reference.js';
import { analysePython, mayContainPythonSignals, type PythonAnalysis } from '../../src/detect/python.js';

const run = promisify(execFile);
const FIXTURES = fileURLToPath(new URL('./fixtures/python', import.meta.url));
const PYTHON = process.env.PYTHON ?? 'python3';
const MIN_FILES = 1000;

interface ReferenceResult {
  path: string;
  error?: string;
  imports?: string[];
  async?: Record<string, number[]>;
  asyncComprehensions?: number;
  uses?: string[];
}


/** PEP 263: a coding cookie on line 1, or on line 2 when line 1 is blank or a comment. */
function codingCookie(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 1024).toString('latin1').split(/\r\n|\r|\n/, 2);
  const cookie = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
  const first = cookie.exec(head[0] ?? '');
  if (first) return first[1]!;
  if (!/^[ \t\f]*(#.*)?$/.test(head[0] ?? '')) return null;
  return cookie.exec(head[1] ?? '')?.[1] ?? null;
}

/** Decodes a source file as the interpreter does: UTF-8 unless a coding cookie says otherwise. */
function decodeSource(bytes: Buffer): string {
  const cookie = codingCookie(bytes);
  const name = (cookie ?? 'utf-8').slice(0, 12).toLowerCase().replace(/_/g, '-');
  if (name === 'utf-8' || name.startsWith('utf-8-') || name === 'utf8') {
    return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  }
  if (/^(latin-1|iso-8859-1|iso-latin-1)(-|$)/.test(name)) return bytes.toString('latin1');
  try {
    return new TextDecoder(cookie!.replace(/_/g, '-'), { fatal: false }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** Our analysis, in the reference's shape. */
function ours(analysis: PythonAnalysis): Required<Omit<ReferenceResult, 'path' | 'error'>> {
  const imports = analysis.imports.map((i) => `${i.line}:${i.statement}`).sort();
  const found: Record<string, number[]> = { 'async def': [], await: [], 'async for': [], 'async with': [] };
  let asyncComprehensions = 0;
  for (const occurrence of analysis.asyncConstructs) {
    if (occurrence.comprehension) asyncComprehensions++;
    else found[occurrence.construct]!.push(occurrence.line);
  }
  for (const lines of Object.values(found)) lines.sort((a, b) => a - b);
  const uses = [...new Set(analysis.uses.map(useKey))].sort();
  return { imports, async: found, asyncComprehensions, uses };
}

/** Debian's packages of the stack's concurrency libraries: real code that uses every signal. */
const DIST_PACKAGES = '/usr/lib/python3/dist-packages';
const LIBRARIES = ['gevent', 'eventlet', 'twisted', 'tornado', 'aiohttp', 'trio', 'anyio'];

interface Tally {
  compared: number;
  uses: number;
  useRoles: Map<string, number>;
}

/**
 * Compares `analysePython` with the reference over every `.py` file under `roots()`; returns
 * what was compared, for the caller's own expectations.
 */
function differential(title: string, roots: () => Promise<string[]>, minFiles: number, check: (tally: Tally) => void): void {
  describe(title, () => {
    let files: string[] = [];
    const reference = new Map<string, ReferenceResult>();

    beforeAll(async () => {
      files = [...(await roots()).flatMap((root) => pythonFiles(root)), ...pythonFiles(FIXTURES)];
      const dir = mkdtempSync(join(tmpdir(), 'python-reference-'));
      try {
        const list = join(dir, 'files.txt');
        writeFileSync(list, files.join('\n') + '\n');
        const stdout = await runPythonReference(PYTHON, list, 1 << 28);
        for (const line of stdout.split('\n')) {
          if (line.trim() === '') continue;
          const result = JSON.parse(line) as ReferenceResult;
          reference.set(result.path, result);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 300_000);

    it('agrees exactly on watched imports, async syntax and uses of imported names, file by file', () => {
      const mismatches: string[] = [];
      const excluded: string[] = [];
      let compared = 0;
      let constructs = 0;
      let skippedByPrecheck = 0;
      let uses = 0;
      let bytes = 0;
      const useRoles = new Map<string, number>();
      for (const path of files) {
        const expected = reference.get(path);
        if (!expected) {
          mismatches.push(`${path}: no answer from the reference`);
          continue;
        }
        if (expected.error !== undefined) {
          excluded.push(`${path} (${expected.error})`);
          continue;
        }
        const raw = readFileSync(path);
        bytes += raw.length;
        const text = decodeSource(raw);
        const actual = ours(analysePython(text));
        const wanted = {
          imports: [...expected.imports!].sort(),
          async: expected.async!,
          asyncComprehensions: expected.asyncComprehensions!,
          uses: expected.uses!,
        };
        compared++;
        uses += wanted.uses.length;
        for (const use of wanted.uses) {
          const key = use.slice(use.indexOf(':') + 1);
          useRoles.set(key, (useRoles.get(key) ?? 0) + 1);
        }
        constructs +=
          wanted.imports.length +
          Object.values(wanted.async).reduce((sum, lines) => sum + lines.length, 0) +
          wanted.asyncComprehensions +
          wanted.uses.length;
        if (JSON.stringify(actual) !== JSON.stringify(wanted)) {
          mismatches.push(`${path}\n  ast:  ${JSON.stringify(wanted)}\n  ours: ${JSON.stringify(actual)}`);
        }
        // The pre-check may only skip files in which there is nothing to find.
        if (!mayContainPythonSignals(text)) {
          skippedByPrecheck++;
          const empty =
            actual.imports.length === 0 && actual.uses.length === 0 && Object.values(actual.async).every((l) => l.length === 0);
          if (!empty || wanted.imports.length > 0 || wanted.uses.length > 0) mismatches.push(`${path}: pre-check skips a file with signals`);
        }
      }
      const roles = [...useRoles].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, n]) => `${k} ${n}`).join(', ');
      console.log(
        `${title}: ${compared} files (${(bytes / 1048576).toFixed(1)} MiB) compared, ` +
          `${constructs} constructs compared (imports, async lines, async comprehensions, ${uses} uses of imported names: ${roles}), ` +
          `${excluded.length} files excluded because CPython cannot parse them, ` +
          `${skippedByPrecheck} files the pre-check would skip`,
      );
      for (const file of excluded) console.log(`  excluded: ${file}`);
      if (mismatches.length > 0) console.log(mismatches.slice(0, 30).join('\n'));
      expect(mismatches).toEqual([]);
      expect(compared).toBeGreaterThanOrEqual(minFiles);
      check({ compared, uses, useRoles });
    });
  });
}

differential(
  'analysePython against CPython ast over the standard library',
  async () => {
    const { stdout: where } = await run(PYTHON, ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"]);
    return [where.trim()];
  },
  MIN_FILES,
  ({ uses, useRoles }) => {
    // os.fork(), concurrent.futures.ThreadPoolExecutor, multiprocessing.dummy: the library uses them.
    expect(uses).toBeGreaterThan(20);
    // threading.Thread(...), multiprocessing.Process(...) and asyncio.run(...) are in its tests.
    for (const key of ['threads:use', 'multiprocessing:use', 'asyncio:use']) expect(useRoles.get(key) ?? 0).toBeGreaterThan(50);
  },
);

differential(
  "analysePython against CPython ast over Debian's concurrency libraries",
  async () => {
    const missing = LIBRARIES.filter((name) => !existsSync(join(DIST_PACKAGES, name)));
    // .ci/run installs them; without them this comparison cannot be made, and must say so.
    if (missing.length > 0) {
      throw new Error(`missing ${missing.map((m) => join(DIST_PACKAGES, m)).join(', ')}: apt-get install ${missing.map((m) => `python3-${m}`).join(' ')}`);
    }
    return LIBRARIES.map((name) => join(DIST_PACKAGES, name));
  },
  500,
  ({ useRoles }) => {
    // gevent and eventlet spawn greenlets and serve WSGI, twisted runs its reactor, trio and
    // anyio their loops, tornado its IOLoop: every kind of use is there.
    for (const key of ['threads:use', 'asyncio:use', 'greenlets:use', 'multiprocessing:use']) {
      expect(useRoles.get(key) ?? 0, key).toBeGreaterThan(5);
    }
  },
);
