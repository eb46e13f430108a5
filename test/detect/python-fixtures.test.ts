/**
 * The annotated fixtures, semgrep style: in test/detect/fixtures/python/*.py and
 * fixtures/cython/*.{pyx,pxd,pxi}, a comment line `# ruleid: <signal>[, <signal>...]` says the
 * next line (the next one that is not itself an annotation) must yield each signal, and
 * `# ok: <signal>` says it must not. `<signal>/<qualifier>` narrows the check to signals with
 * that tag, construct or module (`numba/nogil`, `asyncio/await`, `threads/concurrent.futures`).
 * Text after the list in parentheses is a note.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectCython } from '../../src/detect/cython.js';
import { detectPython } from '../../src/detect/python.js';
import type { DetectedSignal, Detection } from '../../src/types.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
/** Each fixture must prove absence as much as presence. */
const MIN_OK_ANNOTATIONS = 5;

interface Annotation {
  kind: 'ruleid' | 'ok';
  /** Line of the annotation comment. */
  line: number;
  /** Line the annotation is about. */
  target: number;
  signal: string;
  qualifier: string | null;
}

const ANNOTATION = /^\s*#\s*(ruleid|ok)\s*:\s*([^(]*?)\s*(\(.*\))?\s*$/;

function readAnnotations(text: string): Annotation[] {
  const lines = text.split(/\r\n|\r|\n/);
  const found: Annotation[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = ANNOTATION.exec(lines[i]!);
    if (!match) continue;
    let target = i + 1;
    while (target < lines.length && ANNOTATION.test(lines[target]!)) target++;
    for (const item of match[2]!.split(',')) {
      const [signal, qualifier] = item.trim().split('/', 2) as [string, string | undefined];
      found.push({ kind: match[1] as 'ruleid' | 'ok', line: i + 1, target: target + 1, signal, qualifier: qualifier ?? null });
    }
  }
  return found;
}

function matches(signal: DetectedSignal, annotation: Annotation): boolean {
  if (signal.signal !== annotation.signal || signal.line !== annotation.target) return false;
  const q = annotation.qualifier;
  return q === null || signal.construct === q || signal.module === q || (signal.tags ?? []).includes(q as never);
}

function fixtures(): { path: string; name: string; detect: (text: string) => Detection }[] {
  const found = [];
  for (const name of readdirSync(FIXTURES + 'python').sort()) {
    if (name.endsWith('.py')) found.push({ path: FIXTURES + 'python/' + name, name: 'python/' + name, detect: detectPython });
  }
  for (const name of readdirSync(FIXTURES + 'cython').sort()) {
    if (/\.(pyx|pxd|pxi)$/.test(name)) {
      found.push({ path: FIXTURES + 'cython/' + name, name: 'cython/' + name, detect: detectCython });
    }
  }
  return found;
}

describe('annotated fixtures', () => {
  const all = fixtures();

  it('finds the fixtures', () => {
    expect(all.filter((f) => f.name.startsWith('python/')).length).toBeGreaterThanOrEqual(8);
    expect(all.filter((f) => f.name.startsWith('cython/')).length).toBeGreaterThanOrEqual(4);
  });

  for (const fixture of all) {
    it(`${fixture.name}: every annotation holds`, () => {
      const text = readFileSync(fixture.path, 'utf8');
      const annotations = readAnnotations(text);
      const detection = fixture.detect(text);
      const failures: string[] = [];
      for (const annotation of annotations) {
        const hit = detection.signals.filter((s) => matches(s, annotation));
        const label = annotation.signal + (annotation.qualifier ? `/${annotation.qualifier}` : '');
        if (annotation.kind === 'ruleid' && hit.length === 0) {
          const onLine = detection.signals.filter((s) => s.line === annotation.target);
          failures.push(`line ${annotation.target}: expected ${label}, found ${JSON.stringify(onLine)}`);
        }
        if (annotation.kind === 'ok' && hit.length > 0) {
          failures.push(`line ${annotation.target}: unexpected ${label}: ${JSON.stringify(hit)}`);
        }
      }
      expect(failures).toEqual([]);
      expect(annotations.filter((a) => a.kind === 'ok').length).toBeGreaterThanOrEqual(MIN_OK_ANNOTATIONS);
    });
  }
});
