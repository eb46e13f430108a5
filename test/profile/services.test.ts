import { describe, expect, it } from 'vitest';
import {
  IMPLICIT_SERVICE_NAME,
  defaultProfile,
  implicitService,
  isIgnored,
  loadProfile,
  matchesAny,
  serviceFor,
} from '../../src/profile/index.js';
import type { Profile, Service } from '../../src/types.js';

function makeService(name: string, paths: string[], extra: Partial<Service> = {}): Service {
  return { name, paths, context: 'standalone', needs: {}, evidence: {}, line: 1, ...extra };
}

function makeProfile(services: Service[], ignore: string[] = []): Profile {
  return { version: 1, services, accept: [], ignore };
}

describe('serviceFor', () => {
  const profile = makeProfile([
    makeService('app', ['**']),
    makeService('storage', ['storage/**', 'go/**']),
    makeService('storage-tools', ['storage/tools/**']),
  ]);

  it('gives a file to the last service that matches, as CODEOWNERS does', () => {
    expect(serviceFor(profile, 'storage/tools/fsck.py').name).toBe('storage-tools');
    expect(serviceFor(profile, 'storage/engine.py').name).toBe('storage');
    expect(serviceFor(profile, 'go/main.go').name).toBe('storage');
    expect(serviceFor(profile, 'web/views.py').name).toBe('app');
  });

  it('matches dotfiles and dot folders', () => {
    expect(serviceFor(profile, '.github/workflows/ci.yml').name).toBe('app');
    expect(serviceFor(profile, 'storage/.hidden/x.py').name).toBe('storage');
  });

  it('reads a leading ./ as the repository root', () => {
    expect(serviceFor(profile, './storage/engine.py').name).toBe('storage');
  });

  it('gives unmatched files to the implicit service', () => {
    const narrow = makeProfile([makeService('storage', ['storage/**'])]);
    expect(serviceFor(narrow, 'web/views.py')).toStrictEqual({
      name: IMPLICIT_SERVICE_NAME,
      paths: ['**'],
      context: 'standalone',
      needs: {},
      evidence: {},
      line: 0,
    });
    expect(serviceFor(narrow, 'a.py')).toBe(serviceFor(narrow, 'b.py'));
    expect(serviceFor(defaultProfile(), 'anything.go')).toStrictEqual(implicitService());
  });

  it('uses the profile\'s own service named "default" for unmatched files', () => {
    const declared = makeService('default', ['misc/**'], { context: 'erp5', needs: { 'low-latency': true } });
    const withDefault = makeProfile([declared, makeService('storage', ['storage/**'])]);
    expect(serviceFor(withDefault, 'web/views.py')).toBe(declared);
    expect(serviceFor(withDefault, 'storage/x.py').name).toBe('storage');
  });

  it('works on a loaded profile', () => {
    const loaded = loadProfile(
      'services:\n  - name: all\n  - name: go\n    paths: ["**/*.go", go.mod]\n',
      '.github/service-profile.yml',
    );
    expect(serviceFor(loaded, 'cmd/x/main.go').name).toBe('go');
    expect(serviceFor(loaded, 'go.mod').name).toBe('go');
    expect(serviceFor(loaded, 'setup.py').name).toBe('all');
  });

  it('routes a 100,000-file audit over 50 services, last match winning (speed is measured by npm run bench)', () => {
    const services = Array.from({ length: 50 }, (_, i) => makeService(`s${i}`, [`pkg${i}/**`, `**/*_${i}.py`, `lib/{a,b}${i}/*.go`]));
    const big = makeProfile(services, ['vendor/**', '**/*_pb2.py']);
    const files = Array.from({ length: 100_000 }, (_, i) => `pkg${i % 60}/sub/dir/file_${i % 70}.py`);
    const counts = new Map<string, number>();
    for (const file of files) {
      if (isIgnored(big, file)) continue;
      const name = serviceFor(big, file).name;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    // pkgN/** for N < 50, then **/*_M.py for M < 50 overrides it (later service); file_5x/6x stay with pkgN.
    expect(counts.get('s49')).toBeGreaterThan(0);
    expect(serviceFor(big, 'pkg3/sub/dir/file_7.py').name).toBe('s7');
    expect(serviceFor(big, 'pkg3/sub/dir/file_65.py').name).toBe('s3');
    expect(serviceFor(big, 'pkg55/sub/dir/file_65.py').name).toBe('default');
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(100_000);
  });
});

describe('isIgnored and matchesAny', () => {
  const profile = makeProfile([], ['vendor/**', '**/*_pb2.py', 'docs/*.md']);

  it('matches the ignore globs', () => {
    expect(isIgnored(profile, 'vendor/lib/x.go')).toBe(true);
    expect(isIgnored(profile, 'api/service_pb2.py')).toBe(true);
    expect(isIgnored(profile, 'service_pb2.py')).toBe(true);
    expect(isIgnored(profile, 'docs/index.md')).toBe(true);
    expect(isIgnored(profile, 'docs/api/index.md')).toBe(false);
    expect(isIgnored(profile, 'src/vendor.py')).toBe(false);
  });

  it('ignores nothing by default', () => {
    expect(isIgnored(defaultProfile(), 'vendor/x.go')).toBe(false);
  });

  it('supports braces, classes and stars', () => {
    expect(matchesAny(['src/{a,b}/*.py'], 'src/b/x.py')).toBe(true);
    expect(matchesAny(['src/[ab]*.py'], 'src/bx.py')).toBe(true);
    expect(matchesAny(['src/*.py'], 'src/sub/x.py')).toBe(false);
    expect(matchesAny([], 'x')).toBe(false);
  });

  it('lets a glob that does not compile match nothing', () => {
    expect(matchesAny(['', 'ok/**'], 'ok/x')).toBe(true);
    expect(matchesAny([''], '')).toBe(false);
  });
});
