import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectFile } from '../../src/detect/index.js';
import { detectManifest, normalizePackageName, parseRequirementString } from '../../src/detect/manifest.js';

describe('normalizePackageName', () => {
  it('normalises as PEP 503 does', () => {
    expect(normalizePackageName('Cython')).toBe('cython');
    expect(normalizePackageName('zope.interface')).toBe('zope-interface');
    expect(normalizePackageName('Foo__Bar-._baz')).toBe('foo-bar-baz');
  });
});

describe('parseRequirementString', () => {
  it('reads the name and extras, and nothing after them', () => {
    expect(parseRequirementString('gunicorn[gevent, setproctitle]>=20; extra == "gevent"')).toEqual({
      name: 'gunicorn',
      extras: ['gevent', 'setproctitle'],
    });
    expect(parseRequirementString('gevent @ https://example.org/trio.whl')).toEqual({ name: 'gevent', extras: [] });
    expect(parseRequirementString('  numba  ')).toEqual({ name: 'numba', extras: [] });
  });

  it('is null for URLs, paths and empty strings', () => {
    expect(parseRequirementString('https://example.org/gevent.tar.gz')).toBeNull();
    expect(parseRequirementString('./vendor/gevent')).toBeNull();
    expect(parseRequirementString('C:\\wheels\\gevent.whl')).toBeNull();
    expect(parseRequirementString('')).toBeNull();
  });
});

describe('detectManifest', () => {
  it('reports a runtime requirement as a use, with its package as module and the line as evidence', () => {
    expect(detectManifest('requirements.txt', '# deps\n  gevent==24.2 \n').signals).toEqual([
      { signal: 'greenlets', line: 2, evidence: 'gevent==24.2', tags: ['import', 'use'], module: 'gevent' },
    ]);
  });

  it('reports a gunicorn green-thread extra as greenlets, not as a server: the worker class chooses that', () => {
    expect(detectManifest('requirements.txt', 'gunicorn[gevent]\n').signals).toEqual([
      { signal: 'greenlets', line: 1, evidence: 'gunicorn[gevent]', tags: ['import', 'use'], module: 'gevent' },
    ]);
  });

  it('reads build, optional, development and test requirements as mentions, not runtime choices', () => {
    const roles = (path: string, text: string): string[] =>
      detectManifest(path, text).signals.map((s) => `${s.line}:${s.module}:${s.tags?.includes('use') ? 'use' : 'mention'}`);
    const pyproject = [
      '[build-system]',
      'requires = ["setuptools", "cython"]',
      '[project]',
      'dependencies = ["trio"]',
      '[project.optional-dependencies]',
      'green = ["gevent"]',
      '[dependency-groups]',
      'test = ["anyio"]',
    ].join('\n');
    expect(roles('pyproject.toml', pyproject)).toEqual(['2:cython:mention', '4:trio:use', '6:gevent:mention', '8:anyio:mention']);
    const setupCfg = '[options]\nsetup_requires = cython\ninstall_requires = eventlet\ntests_require = trio\n[options.extras_require]\ngreen = gevent\n';
    expect(roles('setup.cfg', setupCfg)).toEqual(['2:cython:mention', '3:eventlet:use', '4:trio:mention', '6:gevent:mention']);
    expect(roles('Pipfile', '[packages]\ngevent = "*"\n[dev-packages]\ntrio = "*"\n')).toEqual(['2:gevent:use', '4:trio:mention']);
    const poetry = '[tool.poetry.dependencies]\ngevent = "*"\n[tool.poetry.group.dev.dependencies]\ntrio = "*"\n';
    expect(roles('pyproject.toml', poetry)).toEqual(['2:gevent:use', '4:trio:mention']);
    expect(roles('requirements-dev.txt', 'gevent\n')).toEqual(['1:gevent:mention']);
    expect(roles('requirements/test.txt', 'gevent\n')).toEqual(['1:gevent:mention']);
    expect(roles('requirements/base.txt', 'gevent\n')).toEqual(['1:gevent:use']);
    expect(roles('requirements.in', 'gevent\n')).toEqual(['1:gevent:use']);
  });

  it('chooses the syntax by file name', () => {
    const kinds: [string, string][] = [
      ['requirements-dev.txt', 'trio\n'],
      ['requirements/base.txt', 'trio\n'],
      ['requirements.in', 'trio\n'],
      ['sub/pyproject.toml', '[project]\ndependencies = ["trio"]\n'],
      ['Pipfile', '[packages]\ntrio = "*"\n'],
      ['setup.cfg', '[options]\ninstall_requires = trio\n'],
    ];
    for (const [path, text] of kinds) {
      expect(detectManifest(path, text).signals.map((s) => s.module), path).toEqual(['trio']);
    }
  });

  it('reads Windows line endings', () => {
    expect(detectManifest('requirements.txt', 'a\r\n# x\r\nuvloop\r\n').signals.map((s) => [s.line, s.evidence])).toEqual([[3, 'uvloop']]);
    expect(detectManifest('pyproject.toml', '[project]\r\ndependencies = [\r\n  "numba",\r\n]\r\n').signals.map((s) => s.line)).toEqual([3]);
    expect(detectManifest('setup.cfg', '[options]\r\ninstall_requires =\r\n    cython\r\n').signals.map((s) => s.line)).toEqual([3]);
  });

  it('reads pip line continuations, reporting the line where the requirement starts', () => {
    expect(detectManifest('requirements.txt', 'numba==0.60 \\\n  --hash=sha256:00\n').signals.map((s) => s.line)).toEqual([1]);
  });

  it('reads inline acceptances from # comments of every syntax', () => {
    const accept = '# architecture-review: accept async-no-multicore -- batch job';
    expect(detectManifest('requirements.txt', `gevent ${accept}\n`).acceptances).toEqual([
      { line: 1, rule: 'async-no-multicore', reason: 'batch job' },
    ]);
    expect(detectManifest('pyproject.toml', `[project]\ndependencies = [\n  ${accept}\n  "gevent",\n]\n`).acceptances.map((a) => a.line)).toEqual([3]);
    expect(detectManifest('setup.cfg', `[options]\ninstall_requires =\n    ${accept}\n    gevent\n`).acceptances.map((a) => a.line)).toEqual([3]);
  });

  it('never throws, whatever the input, and survives deep nesting', () => {
    const tomlish = fc
      .array(fc.constantFrom('[', ']', '[[', '{', '}', '=', '"', "'", '"""', "'''", ',', '.', '\n', ' ', '#', 'gevent', 'project', 'dependencies', 'tool', '\\', 'x'), { maxLength: 60 })
      .map((p) => p.join(''));
    for (const path of ['requirements.txt', 'pyproject.toml', 'Pipfile', 'setup.cfg']) {
      fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (t) => void detectManifest(path, t)), { numRuns: 500 });
      fc.assert(fc.property(tomlish, (t) => void detectManifest(path, t)), { numRuns: 500 });
    }
    const setupPyish = fc
      .array(fc.constantFrom('setup(', 'install_requires', 'extras_require', '=', '+=', ':', '[', ']', '(', ')', '{', '}', "'gevent'", '"trio', ',', '\n', ' ', '#', 'x', '\\'), { maxLength: 60 })
      .map((p) => p.join(''));
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (t) => void detectFile('setup.py', t)), { numRuns: 500 });
    fc.assert(fc.property(setupPyish, (t) => void detectFile('setup.py', t)), { numRuns: 500 });
    expect(() => detectManifest('pyproject.toml', `x = ${'['.repeat(100_000)}`)).not.toThrow();
    expect(() => detectManifest('pyproject.toml', `x = ${'{a='.repeat(100_000)}`)).not.toThrow();
  });

  it('stays linear on large inputs', () => {
    const cases: [string, string][] = [
      ['requirements.txt', 'x \\\n'.repeat(100_000)],
      ['requirements.txt', `./${'a-1'.repeat(100_000)}.whl`],
      ['pyproject.toml', `x = "${'a'.repeat(1_000_000)}`],
      ['pyproject.toml', `[project]\ndependencies = [${'"gevent",'.repeat(50_000)}`],
      ['setup.cfg', `[options]\ninstall_requires = ${'gevent;'.repeat(50_000)}`],
    ];
    const setupPy = `r = [${"'gevent',".repeat(50_000)}]\nsetup(${'install_requires=r,'.repeat(50_000)})\n`;
    expect(detectFile('setup.py', setupPy)!.signals).toHaveLength(50_000);
    for (const [path, text] of cases) {
      const d = detectManifest(path, text);
      expect(Array.isArray(d.signals) && Array.isArray(d.acceptances), path).toBe(true);
    }
    // Speed is measured by `npm run bench`; here the timeout only guards against a hang.
  }, 10_000);
});
