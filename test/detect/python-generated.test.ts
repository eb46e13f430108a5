/**
 * Differential test on generated programs: a seeded generator writes Python files dense with
 * what trips tokenizers (every string prefix and quote, escapes, raw strings ending in escaped
 * quotes, f-strings with code, specs and nested strings, comments and docstrings that read like
 * code, every import form, backslash continuations, `;`, async syntax in every position, uses
 * of imported names and look-alikes of them, CRLF and CR line ends), and `analysePython` must
 * agree exactly with CPython's `ast` on each of them,
 * as in the standard-library test. A mismatch prints the seed and the program. When the
 * reference Python is 3.12 or newer, the programs also use PEP 701 f-strings (the same quote
 * inside fields, nested to any depth, backslashes, comments and newlines in fields).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysePython, mayContainPythonSignals, type PythonAnalysis } from '../../src/detect/python.js';
import { runPythonReference, useKey } from '../support/python-reference.js';
import { Generator, random } from './python-programs.js';

const run = promisify(execFile);
const PYTHON = process.env.PYTHON ?? 'python3';
// Larger soak runs: GENERATED_FILES=20000 GENERATED_SEED=1 npx vitest run test/detect/python-generated
const FILES = Number(process.env.GENERATED_FILES ?? 300);
const SEED = Number(process.env.GENERATED_SEED ?? 20250917);

interface ReferenceResult {
  path: string;
  error?: string;
  imports?: string[];
  async?: Record<string, number[]>;
  asyncComprehensions?: number;
  uses?: string[];
}

function ours(analysis: PythonAnalysis): Omit<ReferenceResult, 'path' | 'error'> {
  const found: Record<string, number[]> = { 'async def': [], await: [], 'async for': [], 'async with': [] };
  let asyncComprehensions = 0;
  for (const occurrence of analysis.asyncConstructs) {
    if (occurrence.comprehension) asyncComprehensions++;
    else found[occurrence.construct]!.push(occurrence.line);
  }
  for (const lines of Object.values(found)) lines.sort((a, b) => a - b);
  const uses = [...new Set(analysis.uses.map(useKey))].sort();
  return { imports: analysis.imports.map((i) => `${i.line}:${i.statement}`).sort(), async: found, asyncComprehensions, uses };
}

describe('analysePython against CPython ast on generated programs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'python-generated-'));
  const sources = new Map<string, { seed: number; text: string }>();
  const reference = new Map<string, ReferenceResult>();

  beforeAll(async () => {
    const { stdout: version } = await run(PYTHON, ['-c', 'import sys; print(sys.version_info >= (3, 12))']);
    const pep701 = version.trim() === 'True';
    for (let k = 0; k < FILES; k++) {
      const seed = SEED + k;
      const text = new Generator(random(seed), pep701).program();
      const path = join(dir, `generated_${k}.py`);
      writeFileSync(path, text);
      sources.set(path, { seed, text });
    }
    const list = join(dir, 'files.txt');
    writeFileSync(list, [...sources.keys()].join('\n') + '\n');
    const stdout = await runPythonReference(PYTHON, list, 1 << 26);
    for (const line of stdout.split('\n')) {
      if (line.trim() === '') continue;
      const result = JSON.parse(line) as ReferenceResult;
      reference.set(result.path, result);
    }
  }, 120_000);

  afterAll(() => { if (!process.env.KEEP_GENERATED) rmSync(dir, { recursive: true, force: true }); else console.log(dir); });

  it('agrees exactly, program by program', () => {
    const mismatches: string[] = [];
    const rejected: string[] = [];
    let compared = 0;
    let constructs = 0;
    let uses = 0;
    for (const [path, { seed, text }] of sources) {
      const expected = reference.get(path);
      if (!expected || expected.error !== undefined) {
        rejected.push(`seed ${seed}: ${expected?.error ?? 'no answer'}`);
        continue;
      }
      compared++;
      const wanted = {
        imports: [...expected.imports!].sort(),
        async: expected.async,
        asyncComprehensions: expected.asyncComprehensions,
        uses: expected.uses!,
      };
      constructs +=
        wanted.imports.length + Object.values(wanted.async!).flat().length + wanted.asyncComprehensions! + wanted.uses.length;
      uses += wanted.uses.length;
      const actual = ours(analysePython(text));
      if (JSON.stringify(actual) !== JSON.stringify(wanted)) {
        mismatches.push(`seed ${seed}\n  ast:  ${JSON.stringify(wanted)}\n  ours: ${JSON.stringify(actual)}\n${text}`);
      }
      // The pre-check may only skip programs in which there is nothing to find.
      const found =
        wanted.imports.length > 0 || Object.values(wanted.async!).flat().length > 0 || wanted.asyncComprehensions! > 0 || wanted.uses.length > 0;
      if (found && !mayContainPythonSignals(text)) mismatches.push(`seed ${seed}: the pre-check skips it\n${text}`);
    }
    console.log(
      `generated programs: ${compared} compared, ${constructs} constructs (${uses} uses of imported names), ${rejected.length} rejected by CPython`,
    );
    if (rejected.length > 0) console.log(rejected.slice(0, 10).join('\n'));
    if (mismatches.length > 0) console.log(mismatches.slice(0, 5).join('\n\n'));
    expect(mismatches).toEqual([]);
    // The generator must write valid Python, or this test proves little.
    expect(compared).toBeGreaterThanOrEqual(FILES * 0.95);
    expect(constructs).toBeGreaterThan(FILES * 5);
    expect(uses).toBeGreaterThan(FILES / 30);
  });
});
