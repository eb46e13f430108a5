import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, formatProblem } from '../../src/errors.js';
import { PROFILE_PATH, defaultProfile, loadProfile } from '../../src/profile/index.js';
import type { Profile } from '../../src/types.js';

const FILE = PROFILE_PATH;
const specExample = readFileSync(new URL('./fixtures/spec-example.yml', import.meta.url), 'utf8');

/** The problems of a profile that must not load, as `file:line:col: message` lines. */
function problemsOf(text: string): string[] {
  try {
    loadProfile(text, FILE);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.map(formatProblem);
  }
  throw new Error('the profile loaded, but it should not have');
}

/** Lines joined, so that YAML in tests keeps its indentation visible. */
const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;

describe('loadProfile: valid profiles', () => {
  it('loads the example of SPEC 3 exactly', () => {
    const expected: Profile = {
      version: 1,
      services: [
        {
          name: 'storage',
          paths: ['storage/**', 'go/**'],
          context: 'standalone',
          workload: 'cpu-bound',
          needs: {
            'low-latency': true,
            'high-concurrency': true,
            'multi-core': true,
            'shared-memory': true,
            'cython-parallel': false,
            'parallel-request': false,
          },
          evidence: {
            'latency-p99-ms': 5,
            'concurrent-clients': 10000,
            profiling: 'https://example.org/pprofile-report',
          },
          notes: 'free text shown in the comment',
          line: 3,
          pathPositions: [
            { line: 4, col: 13 },
            { line: 4, col: 27 },
          ],
        },
      ],
      accept: [{ rule: 'threads-io-only', paths: ['tools/**'], reason: 'build scripts; not on the request path', line: 20, rulePosition: { line: 20, col: 11 } }],
      ignore: ['vendor/**', '**/*_pb2.py'],
    };
    expect(loadProfile(specExample, FILE)).toStrictEqual(expected);
  });

  it('applies the defaults', () => {
    const profile = loadProfile(
      yaml('services:', '  - name: web', 'accept:', '  - rule: async-in-erp5', '    reason: legacy code'),
      FILE,
    );
    expect(profile).toStrictEqual<Profile>({
      version: 1,
      services: [{ name: 'web', paths: ['**'], context: 'standalone', needs: {}, evidence: {}, line: 2, pathPositions: [{ line: 2, col: 5 }] }],
      accept: [{ rule: 'async-in-erp5', paths: ['**'], reason: 'legacy code', line: 4, rulePosition: { line: 4, col: 11 } }],
      ignore: [],
    });
  });

  it('accepts a profile with nothing but the version', () => {
    expect(loadProfile('version: 1\n', FILE)).toStrictEqual(defaultProfile());
  });

  it('keeps a need not declared absent, and a need declared false', () => {
    const [service] = loadProfile(
      yaml('services:', '  - name: api', '    needs:', '      low-latency: false', '      multi-core: true'),
      FILE,
    ).services;
    expect(service!.needs).toStrictEqual({ 'low-latency': false, 'multi-core': true });
    expect('high-concurrency' in service!.needs).toBe(false);
    expect(Object.hasOwn(service!, 'workload')).toBe(false);
    expect(Object.hasOwn(service!, 'notes')).toBe(false);
  });

  it('gives each service and accept entry the line it starts on', () => {
    const profile = loadProfile(
      yaml(
        '# the profile',
        'services:',
        '  - name: a',
        '',
        '  -',
        '    name: b',
        'accept: [{rule: numba-jit, reason: fine}]',
      ),
      FILE,
    );
    expect(profile.services.map((s) => s.line)).toEqual([3, 6]);
    expect(profile.accept.map((a) => a.line)).toEqual([7]);
  });

  it('accepts a byte order mark', () => {
    expect(loadProfile(`\uFEFF${specExample}`, FILE)).toStrictEqual(loadProfile(specExample, FILE));
  });

  it('accepts anchors and aliases used sensibly', () => {
    const profile = loadProfile(
      yaml(
        'services:',
        '  - name: a',
        '    needs: &fast {low-latency: true, high-concurrency: true}',
        '  - name: b',
        '    needs: *fast',
      ),
      FILE,
    );
    expect(profile.services[1]!.needs).toStrictEqual({ 'low-latency': true, 'high-concurrency': true });
  });

  it('accepts CRLF line endings', () => {
    expect(loadProfile(specExample.replace(/\n/g, '\r\n'), FILE)).toStrictEqual(loadProfile(specExample, FILE));
  });
});

describe('loadProfile: every problem with its place', () => {
  it('lists several YAML syntax errors at once', () => {
    expect(problemsOf(yaml('services: [a, b', 'accept: {c', 'ignore: "x'))).toEqual([
      `${FILE}:2:1: invalid YAML: flow sequence in block collection must be sufficiently indented and end with a ]`,
      `${FILE}:3:1: invalid YAML: flow map in block collection must be sufficiently indented and end with a }`,
      `${FILE}:4:1: invalid YAML: missing closing "quote`,
    ]);
  });

  it('names the expected type and the value received', () => {
    expect(
      problemsOf(
        yaml(
          'services:',
          '  - name: api',
          '    paths: storage/**',
          '    context: erp6',
          '    needs:',
          '      low-latency: yes',
          '    evidence:',
          '      latency-p99-ms: fast',
          '      concurrent-clients: 10.5',
          '  - name: 7',
          '  - just-a-name',
          'ignore: vendor/**',
        ),
      ),
    ).toEqual([
      `${FILE}:3:12: paths must be a list (got "storage/**")`,
      `${FILE}:4:14: context must be one of erp5, zope, standalone (got "erp6")`,
      `${FILE}:6:20: needs.low-latency must be true or false (got "yes")`,
      `${FILE}:8:23: evidence.latency-p99-ms must be a number (got "fast")`,
      `${FILE}:9:27: evidence.concurrent-clients must be a whole number (got 10.5)`,
      `${FILE}:10:11: name must be a string (got 7)`,
      `${FILE}:11:5: services[2] must be a mapping with keys from: name, paths, context, workload, needs, evidence, notes (got "just-a-name")`,
      `${FILE}:12:9: ignore must be a list (got "vendor/**")`,
    ]);
  });

  it('rejects unknown keys with a "did you mean"', () => {
    expect(
      problemsOf(
        yaml(
          'version: 1',
          'servics:',
          '  - name: a',
          'services:',
          '  - name: storage',
          '    contxt: erp5',
          '    needs:',
          '      low-latncy: true',
          '      lowLatency: true',
          '      speed: true',
          '    low-latency: true',
          '    evidence: {latency-p99: 5}',
        ),
      ),
    ).toEqual([
      `${FILE}:2:1: servics is not a known top-level key (did you mean services?)`,
      `${FILE}:6:5: contxt is not a known service key (did you mean context?)`,
      `${FILE}:8:7: needs.low-latncy is not a known need (did you mean low-latency?)`,
      `${FILE}:9:7: needs.lowLatency is not a known need (did you mean low-latency?)`,
      `${FILE}:10:7: needs.speed is not a known need (expected one of: low-latency, high-concurrency, multi-core, shared-memory, cython-parallel, parallel-request)`,
      `${FILE}:11:5: low-latency is not a known service key (did you mean needs.low-latency?)`,
      `${FILE}:12:16: evidence.latency-p99 is not a known kind of evidence (did you mean latency-p99-ms?)`,
    ]);
  });

  it('rejects missing required keys at the entry that lacks them', () => {
    expect(problemsOf(yaml('services:', '  - paths: ["a/**"]', 'accept:', '  - rule: numba-jit', '  - reason: ok'))).toEqual([
      `${FILE}:2:5: name is required: every service needs a unique name`,
      `${FILE}:4:5: reason is required: say why the question is accepted`,
      `${FILE}:5:5: rule is required: the id of the rule whose question is accepted`,
    ]);
  });

  it('rejects duplicate keys, naming the first', () => {
    expect(problemsOf(yaml('services:', '  - name: a', '    context: erp5', '    context: zope', 'services: []'))).toEqual([
      `${FILE}:4:5: duplicate key context: it is already set at line 3; remove one of them`,
      `${FILE}:5:1: duplicate key services: it is already set at line 1; remove one of them`,
    ]);
  });

  it('rejects duplicate service names at the second, naming the first', () => {
    expect(
      problemsOf(yaml('services:', '  - name: storage', '  - name: web', '  - name: storage', '    context: erp9')),
    ).toEqual([
      `${FILE}:4:11: name "storage" is already used by the service at line 2: give each service a unique name`,
      `${FILE}:5:14: context must be one of erp5, zope, standalone (got "erp9")`,
    ]);
  });

  it('rejects bad globs, saying how to fix them', () => {
    expect(
      problemsOf(
        yaml(
          'services:',
          '  - name: a',
          '    paths: ["[abc", "{a,b", "", "/srv/**", "../up/**", "./x/**", "docs/", "!vendor/**"]',
          '    #       ^3:13    ^3:21  ^29 ^3:33     ^3:44       ^3:56     ^3:66    ^3:75',
          '  - name: b',
          '    paths: []',
          `ignore: ['a\\b', "x)"]`,
        ),
      ),
    ).toEqual([
      `${FILE}:3:13: paths[0] "[abc" is not a valid glob: a "[" is never closed; close it with "]", or write "\\[" to match a "["`,
      `${FILE}:3:21: paths[1] "{a,b" is not a valid glob: a "{" is never closed; close it with "}", or write "\\{" to match a "{"`,
      `${FILE}:3:29: paths[2] is an empty glob: write "**" for every file, or remove it`,
      `${FILE}:3:33: paths[3] "/srv/**" is absolute: globs are relative to the repository root, write "srv/**"`,
      `${FILE}:3:44: paths[4] "../up/**" has a ".." segment: globs cannot leave the repository; write the path from its root`,
      `${FILE}:3:56: paths[5] "./x/**" starts with "./": write "x/**"`,
      `${FILE}:3:66: paths[6] "docs/" ends with "/", so it matches no file: write "docs/**"`,
      `${FILE}:3:75: paths[7] "!vendor/**" is a negation, which is not supported here: list what to include, or add the glob to ignore:`,
      `${FILE}:6:12: paths must list at least one item (got an empty list)`,
      `${FILE}:7:10: ignore[0] "a\\\\b" has a backslash: separate folders with "/"`,
      `${FILE}:7:17: ignore[1] "x)" is not a valid glob: a ")" is never opened; write "\\)" to match a ")"`,
    ]);
  });

  it('rejects accept entries whose rule is not a kebab-case id, or with no reason', () => {
    expect(
      problemsOf(
        yaml('accept:', '  - rule: Threads_IO_Only', '    reason: x', '  - rule: threads-io-only', '    reason: "  "'),
      ),
    ).toEqual([
      `${FILE}:2:11: rule must be a rule id in kebab-case, such as threads-io-only (got "Threads_IO_Only")`,
      `${FILE}:5:13: reason must not be empty: say why the question is accepted`,
    ]);
  });

  it('rejects version 2', () => {
    expect(problemsOf('version: 2\n')).toEqual([`${FILE}:1:10: version must be 1 (got 2)`]);
    expect(problemsOf('version: "1"\n')).toEqual([`${FILE}:1:10: version must be 1 (got "1")`]);
  });

  it('rejects an empty file', () => {
    const empty = `${FILE}:1:1: empty profile: write at least "version: 1", or delete the file to review without one`;
    expect(problemsOf('')).toEqual([empty]);
    expect(problemsOf('\n\n  \n')).toEqual([empty]);
    expect(problemsOf('# services: to do\n')).toEqual([empty]);
  });

  it('rejects a document that is not a mapping', () => {
    const keys = 'version, services, accept, ignore';
    expect(problemsOf('- name: a\n')).toEqual([`${FILE}:1:1: the file must be a mapping with keys from: ${keys} (got a list)`]);
    expect(problemsOf('storage\n')).toEqual([`${FILE}:1:1: the file must be a mapping with keys from: ${keys} (got "storage")`]);
    expect(problemsOf('~\n')).toEqual([`${FILE}:1:1: the file must be a mapping with keys from: ${keys} (got an empty value)`]);
  });

  it('rejects tabs used for indentation', () => {
    expect(problemsOf('services:\n\t- name: a\n')).toEqual([
      `${FILE}:2:1: a tab is used for indentation: YAML indents with spaces only; replace the tab with spaces`,
    ]);
  });

  it('rejects binary content and text that was not UTF-8', () => {
    expect(problemsOf('version: 1\nservices: [\u0000\u0001\u0002]\n')).toEqual([
      `${FILE}:2:12: the file contains a NUL character: it is binary, not YAML text`,
    ]);
    expect(problemsOf('version: 1\nservices:\n  - name: caf\uFFFD\n    notes: "\u001b[31m"\n')).toEqual([
      `${FILE}:3:14: invalid UTF-8 (the bytes here decoded as U+FFFD): save the file as UTF-8`,
      `${FILE}:4:13: control character U+001B is not allowed in YAML: remove it`,
    ]);
  });

  it('rejects more than one document', () => {
    expect(problemsOf('version: 1\n---\nversion: 1\n')).toEqual([
      `${FILE}:2:1: only one YAML document is allowed: remove the "---" line and what follows, or merge the documents`,
    ]);
  });

  it('rejects an alias bomb quickly', () => {
    const lol = Array.from({ length: 9 }, (_, i) => {
      const item = i === 0 ? '"lol"' : `*l${i - 1}`;
      return `l${i}: &l${i} [${Array(9).fill(item).join(', ')}]`;
    });
    const started = performance.now();
    expect(problemsOf(yaml('version: 1', ...lol, 'services: *l8'))).toEqual([
      `${FILE}:3:10: aliases expand to too much data (more than yaml's budget of 100): use fewer aliases`,
    ]);
    // Expanded, this document would hold 9^9 strings; refusing it must cost next to nothing.
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('rejects an alias that contains itself', () => {
    expect(problemsOf('services: &s [*s]\n')).toEqual([
      `${FILE}:1:15: alias *s refers to a node that contains it, which would repeat forever`,
    ]);
  });

  it('rejects very deep nesting without exhausting the stack', () => {
    const depth = 100_000;
    expect(problemsOf(`services: ${'['.repeat(depth)}${']'.repeat(depth)}\n`)).toEqual([
      `${FILE}:1:74: the document is nested more than 64 levels deep`,
    ]);
    expect(problemsOf(`services:\n${'  - '.repeat(1000)}x\n`)).toEqual([
      `${FILE}:2:255: the document is nested more than 64 levels deep`,
    ]);
  });

  it('rejects a 10 MB file without parsing it', () => {
    const text = `version: 1\nnotes: "${'x'.repeat(10 * 1024 * 1024)}"\n`;
    expect(problemsOf(text)).toEqual([
      `${FILE}:1:1: the file is too large: 10,485,781 characters, more than the 1,048,576 a configuration file may have`,
    ]);
  });
});
