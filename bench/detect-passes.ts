/**
 * Run by bench/main.ts in a fresh process: reads every file of a tree, then runs the detectors
 * over all of them twice, and prints the two times as JSON. The first pass is what one audit
 * pays (the JIT still warming up), the second what the same code costs once optimized. Also
 * counts the Python files that the sound pre-check lets through to the tokenizer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { detectFile } from '../src/detect/index.js';
import { mayContainPythonSignals } from '../src/detect/python.js';

const root = process.argv[2]!;
const files: { path: string; text: string }[] = [];
const walk = (dir: string) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p);
    else files.push({ path: path.relative(root, p), text: readFileSync(p, 'utf8') });
  }
};
walk(root);
const python = files.filter((f) => f.path.endsWith('.py'));
const passing = python.filter((f) => mayContainPythonSignals(f.text));
const pass = () => {
  const started = performance.now();
  let signals = 0;
  for (const f of files) signals += detectFile(f.path, f.text)?.signals.length ?? 0;
  return { ms: performance.now() - started, signals };
};
const first = pass();
const second = pass();
if (first.signals !== second.signals) throw new Error('the two passes disagree');
console.log(
  JSON.stringify({
    files: files.length,
    python: python.length,
    pythonPassing: passing.length,
    pythonPassingMiB: passing.reduce((n, f) => n + f.text.length, 0) / 2 ** 20,
    firstMs: first.ms,
    secondMs: second.ms,
  }),
);
