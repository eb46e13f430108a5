/**
 * Every Go fixture, checked annotation by annotation, the semgrep way: `// ruleid: golang`
 * says the next line must yield a golang signal, `// ok: golang` says it must not, and a
 * signal on a line nobody annotated is a failure too.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectGo, detectGoModule } from '../../src/detect/go.js';
import type { Detection } from '../../src/types.js';

const root = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'go');

interface Expectation {
  kind: 'ruleid' | 'ok';
  signal: string;
  /** The annotated line: the next line that is not itself an annotation. */
  line: number;
}

/** Reads `// ruleid: a, b` and `// ok: a` annotations. */
function readAnnotations(text: string): Expectation[] {
  const lines = text.split('\n');
  const out: Expectation[] = [];
  const pending: Omit<Expectation, 'line'>[] = [];
  lines.forEach((line, i) => {
    const m = /^\s*\/\/\s*(ruleid|ok):\s*(.+?)\s*$/.exec(line);
    if (m) {
      for (const signal of (m[2] ?? '').split(',')) pending.push({ kind: m[1] as 'ruleid' | 'ok', signal: signal.trim() });
      return;
    }
    for (const p of pending) out.push({ ...p, line: i + 1 });
    pending.length = 0;
  });
  return out;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

function detect(path: string, text: string): Detection {
  return path.endsWith('.go') ? detectGo(text) : detectGoModule(text);
}

const fixtures = walk(root).filter((f) => /\.go$|\/go\.(mod|work)$/.test(f));

describe('Go fixtures', () => {
  it('has fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(6);
  });

  it.each(fixtures.map((f) => [relative(root, f), f]))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const annotations = readAnnotations(text);
    expect(annotations.length).toBeGreaterThan(0);
    const detection = detect(file, text);
    const problems: string[] = [];
    for (const a of annotations) {
      const found = detection.signals.some((s) => s.signal === a.signal && s.line === a.line);
      if (a.kind === 'ruleid' && !found) problems.push(`line ${a.line}: expected ${a.signal}, found none`);
      if (a.kind === 'ok' && found) problems.push(`line ${a.line}: expected no ${a.signal}, found one`);
    }
    for (const s of detection.signals) {
      const annotated = annotations.some((a) => a.kind === 'ruleid' && a.signal === s.signal && a.line === s.line);
      if (!annotated) problems.push(`line ${s.line}: unexpected ${s.signal} (${s.construct ?? s.tags?.join(',')}): ${s.evidence}`);
    }
    expect(problems).toEqual([]);
  });
});
