/**
 * Runs test/reference/python_reference.py, CPython's own answer for the Python detector's
 * differential tests, with the detector's use rules handed over as data (the table says what
 * a name means; the reference finds in CPython's AST where code reaches it).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PYTHON_USE_RULES } from '../../src/detect/python.js';

const run = promisify(execFile);
const REFERENCE = fileURLToPath(new URL('../reference/python_reference.py', import.meta.url));

/** The reference's output for the files listed (a path per line) in `list`, as one text. */
export async function runPythonReference(python: string, list: string, maxBuffer = 1 << 28): Promise<string> {
  const { stdout } = await run(python, [REFERENCE, list], {
    maxBuffer,
    env: { ...process.env, ARCHITECTURE_REVIEW_USE_RULES: JSON.stringify(PYTHON_USE_RULES) },
  });
  return stdout;
}

/** A use as the reference prints it: line, signal and role. */
export function useKey(u: { line: number; signal: string; role: string }): string {
  return `${u.line}:${u.signal}:${u.role}`;
}
