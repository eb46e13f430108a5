/**
 * Every server-configuration fixture, checked annotation by annotation, the semgrep way: `# ruleid: <signal>`
 * says the next line must yield that signal, `# ok: <signal>` says it must not, and a signal on a
 * line nobody annotated is a failure too. The fixture's path (under fixtures/server-config) is the
 * path the detector sees, so its name chooses the syntax.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { annotationProblems, readAnnotations, walkFixtures } from '../support/annotated-fixtures.js';
import { detectServerConfig, isServerConfigPath } from '../../src/detect/server-config.js';

const root = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'server-config');

const fixtures = walkFixtures(root).map((f) => relative(root, f));

describe('server-config fixtures', () => {
  it('has fixtures, and the detector reads every one of them', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
    for (const f of fixtures) expect(isServerConfigPath(f), f).toBe(true);
  });

  it.each(fixtures)('%s', (path) => {
    const text = readFileSync(join(root, path), 'utf8');
    const annotations = readAnnotations(text, '#');
    expect(annotations.length).toBeGreaterThan(0);
    const detection = detectServerConfig(path, text);
    expect(annotationProblems(annotations, detection)).toEqual([]);
  });
});
