/**
 * Every manifest fixture, checked annotation by annotation, the semgrep way: `# ruleid: <signal>`
 * says the next line must yield that signal, `# ok: <signal>` says it must not, and a signal on a
 * line nobody annotated is a failure too. The fixture's path (under fixtures/manifest) is the
 * path the detector sees, so its name chooses the syntax.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { annotationProblems, readAnnotations, walkFixtures } from '../support/annotated-fixtures.js';
import { detectManifest } from '../../src/detect/manifest.js';

const root = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'manifest');

const fixtures = walkFixtures(root).map((f) => relative(root, f));

describe('manifest fixtures', () => {
  it('has fixtures of every kind', () => {
    for (const name of ['requirements.txt', 'pyproject.toml', 'setup.cfg', 'Pipfile']) {
      expect(fixtures.some((f) => f.endsWith(name))).toBe(true);
    }
  });

  it.each(fixtures)('%s', (path) => {
    const text = readFileSync(join(root, path), 'utf8');
    const annotations = readAnnotations(text, '#');
    expect(annotations.length).toBeGreaterThan(0);
    const detection = detectManifest(path, text);
    expect(annotationProblems(annotations, detection)).toEqual([]);
  });
});
