/**
 * Every manifest fixture, checked annotation by annotation, the semgrep way: `# ruleid: <signal>`
 * says the next line must yield that signal, `# ok: <signal>` says it must not, and a signal on a
 * line nobody annotated is a failure too. The fixture's path (under fixtures/manifest) is the
 * path the detector sees, so its name chooses the syntax.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectManifest } from '../../src/detect/manifest.js';

const root = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'manifest');

interface Expectation {
  kind: 'ruleid' | 'ok';
  signal: string;
  line: number;
}

/** Reads `# ruleid: a, b` and `# ok: a` annotations; each applies to the next non-annotation line. */
function readAnnotations(text: string): Expectation[] {
  const out: Expectation[] = [];
  const pending: Omit<Expectation, 'line'>[] = [];
  text.split('\n').forEach((line, i) => {
    const m = /^\s*#\s*(ruleid|ok):\s*(.+?)\s*$/.exec(line);
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

const fixtures = walk(root).map((f) => relative(root, f));

describe('manifest fixtures', () => {
  it('has fixtures of every kind', () => {
    for (const name of ['requirements.txt', 'pyproject.toml', 'setup.cfg', 'Pipfile']) {
      expect(fixtures.some((f) => f.endsWith(name))).toBe(true);
    }
  });

  it.each(fixtures)('%s', (path) => {
    const text = readFileSync(join(root, path), 'utf8');
    const annotations = readAnnotations(text);
    expect(annotations.length).toBeGreaterThan(0);
    const detection = detectManifest(path, text);
    const problems: string[] = [];
    for (const a of annotations) {
      const found = detection.signals.some((s) => s.signal === a.signal && s.line === a.line);
      if (a.kind === 'ruleid' && !found) problems.push(`line ${a.line}: expected ${a.signal}, found none`);
      if (a.kind === 'ok' && found) problems.push(`line ${a.line}: expected no ${a.signal}, found one`);
    }
    for (const s of detection.signals) {
      if (!annotations.some((a) => a.kind === 'ruleid' && a.signal === s.signal && a.line === s.line)) {
        problems.push(`line ${s.line}: unexpected ${s.signal} (${s.module ?? ''}): ${s.evidence}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
