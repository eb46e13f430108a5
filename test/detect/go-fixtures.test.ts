/**
 * Every Go fixture, checked annotation by annotation, the semgrep way: `// ruleid: golang`
 * says the next line must yield a golang signal, `// ok: golang` says it must not, and a
 * signal on a line nobody annotated is a failure too.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { annotationProblems, readAnnotations, walkFixtures } from '../support/annotated-fixtures.js';
import { detectGo, detectGoModule } from '../../src/detect/go.js';
import type { Detection } from '../../src/types.js';

const root = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'go');

function detect(path: string, text: string): Detection {
  return path.endsWith('.go') ? detectGo(text) : detectGoModule(text);
}

const fixtures = walkFixtures(root).filter((f) => /\.go$|\/go\.(mod|work)$/.test(f));

describe('Go fixtures', () => {
  it('has fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(6);
  });

  it.each(fixtures.map((f) => [relative(root, f), f]))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const annotations = readAnnotations(text, '//');
    expect(annotations.length).toBeGreaterThan(0);
    const detection = detect(file, text);
    expect(annotationProblems(annotations, detection)).toEqual([]);
  });
});
