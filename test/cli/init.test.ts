/**
 * `init` on real trees: the starter profile follows the layout (a Go module apart from the
 * Python package around it), suggests ignoring tests and vendored code in comments, and what
 * it writes is a profile that `validate` accepts and `audit` applies as intended.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../../src/profile/load-profile.js';
import type { Report } from '../../src/types.js';
import { runCliCaptured } from '../support/cli.js';
import { makeRepo, makeTempDir, removeRepos, type TestRepo } from '../support/git-repo.js';

afterAll(removeRepos);

const THREADS = 'import threading\nthreading.Thread(target=print).start()\n';
const GO = (pkg: string) => `package ${pkg}\n\nfunc serve() {\n\tgo func() {}()\n}\n`;

/** A tree shaped like Nexedi's wendelin.core: a Go module (wcfs) inside a Python package. */
function wendelinLike(): TestRepo {
  return makeRepo()
    .write('setup.py', 'from setuptools import setup\nsetup(name="wendelin.core")\n')
    .write('wcfs/__init__.py', 'import os\n')
    .write('wcfs/go.mod', 'module lab.nexedi.com/nexedi/wendelin.core/wcfs\n\ngo 1.19\n')
    .write('wcfs/go.sum', 'github.com/x/y v1.0.0 h1:abc=\n')
    .write('wcfs/wcfs.go', GO('main'))
    .write('wcfs/internal/zodb/zodb.go', GO('zodb'))
    .write('wcfs/internal/zodb/zodb_test.go', GO('zodb'))
    .write('wcfs/client/wcfs.py', THREADS)
    .write('bigfile/__init__.py', '')
    .write('bigfile/file_zodb.py', 'from concurrent.futures import ThreadPoolExecutor\nThreadPoolExecutor().submit(print)\n')
    .write('bigfile/tests/test_x.py', THREADS)
    .write('lib/__init__.py', '')
    .write('lib/tests/test_lib.py', 'import os\n')
    .write('3rdparty/ccan/ccan/array/array.c', 'int x;\n')
    .write('3rdparty/ccan/tools/run.py', 'import multiprocessing\nmultiprocessing.Process(target=print).start()\n')
    .write('README.rst', 'wendelin.core\n');
}

function profileOf(dir: string): string {
  return readFileSync(path.join(dir, '.github', 'service-profile.yml'), 'utf8');
}

/** The services that own each file's signals in an audit of `dir` with its profile. */
async function auditServices(dir: string): Promise<Map<string, string[]>> {
  const owners = new Map<string, string[]>();
  for (const s of (await auditJson(dir)).signals) {
    const list = owners.get(s.path) ?? [];
    if (!list.includes(s.service)) list.push(s.service);
    owners.set(s.path, list);
  }
  return owners;
}

async function initProfile(dir: string): Promise<{ stdout: string; text: string; services: [string, string[]][] }> {
  const run = await runCliCaptured(['init', dir]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const text = profileOf(dir);
  return { stdout: run.stdout, text, services: loadProfile(text, 'profile').services.map((s) => [s.name, s.paths]) };
}

async function auditJson(dir: string): Promise<Report> {
  const run = await runCliCaptured(['audit', dir, '--format', 'json', '--fail-on', 'never']);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as Report;
}

/** The profile text with every suggested `ignore:` entry accepted, as a team would: uncommented. */
function acceptAllIgnores(text: string): string {
  return text.replace(/^ {2}# ("[^"]+",)/gm, '  $1');
}

describe('init on a Go module inside a Python package', () => {
  const repo = wendelinLike();
  repo.commit('tree');
  const run = runCliCaptured(['init', repo.dir]);

  it('writes one service per top-level unit of each language, the Go one after the package around it', async () => {
    expect((await run).status).toBe(0);
    const profile = loadProfile(profileOf(repo.dir), 'profile');
    expect(profile.services.map((s) => [s.name, s.paths])).toEqual([
      ['bigfile', ['bigfile/**']],
      ['wcfs', ['wcfs/**']],
      ['wcfs-go', ['wcfs/**/*.go', 'wcfs/go.mod']],
    ]);
    expect(profile.services.every((s) => Object.keys(s.needs).length === 0)).toBe(true);
    const text = profileOf(repo.dir);
    expect(text).toContain('  # wcfs: the Python package wcfs/\n');
    expect(text).toContain('  # wcfs-go: the Go module wcfs/go.mod, apart from the Python code around it;\n');
    expect(text).toContain('  #   keep it after "wcfs": the last service whose paths match a file owns it\n');
    expect(text).toMatch(/- name: "wcfs-go"\n {4}paths: .*\n {4}# found: golang\n/);
    expect(text).toMatch(/- name: "wcfs"\n {4}paths: .*\n {4}# found: threads\n/);
  });

  it('suggests ignoring the test and vendored folders, and Go tests, as comments in the ignore list', async () => {
    await run;
    const text = profileOf(repo.dir);
    const block = text.slice(text.indexOf('ignore: ['));
    expect(block).toBe(
      [
        'ignore: [',
        '  # "**/*_test.go",      # Go tests; found: golang',
        '  # "3rdparty/**",       # vendored; found: multiprocessing',
        '  # "bigfile/tests/**",  # tests; found: threads',
        '  # "lib/tests/**",      # tests',
        ']',
        '',
      ].join('\n'),
    );
    // As written, nothing is ignored: the suggestions wait for the team.
    expect(loadProfile(text, 'profile').ignore).toEqual([]);
    expect(loadProfile(acceptAllIgnores(text), 'profile').ignore).toEqual(['**/*_test.go', '3rdparty/**', 'bigfile/tests/**', 'lib/tests/**']);
  });

  it('says what it proposed', async () => {
    const { stdout } = await run;
    expect(stdout).toContain('3 service(s)');
    expect(stdout).toContain('  services: bigfile (bigfile/**); wcfs (wcfs/**); wcfs-go (wcfs/**/*.go, wcfs/go.mod)\n');
    expect(stdout).toContain(
      '  ignore, suggested in comments: **/*_test.go (Go tests), 3rdparty/** (vendored), bigfile/tests/** (tests), lib/tests/** (tests)\n',
    );
    expect(stdout).toContain('uncomment the ignore entries you accept');
  });

  it('writes a profile that validate --strict accepts: every glob matches a file', async () => {
    await run;
    const validated = await runCliCaptured(['validate', '--strict'], { cwd: repo.dir });
    expect(validated.stderr).toBe('');
    expect(validated.status).toBe(0);
    expect(validated.stdout).toContain('.github/service-profile.yml: valid, 3 service(s)');
  });

  it('puts the Go files in the Go service and the Python files in the package around it when audited', async () => {
    await run;
    const owners = await auditServices(repo.dir);
    const serviceOf = (p: string) => owners.get(p);
    expect(serviceOf('wcfs/wcfs.go')).toEqual(['wcfs-go']);
    expect(serviceOf('wcfs/internal/zodb/zodb.go')).toEqual(['wcfs-go']);
    expect(serviceOf('wcfs/go.mod')).toEqual(['wcfs-go']);
    expect(serviceOf('wcfs/client/wcfs.py')).toEqual(['wcfs']);
    expect(serviceOf('bigfile/file_zodb.py')).toEqual(['bigfile']);
    // Not ignored until the team says so: tests fall in their package, 3rdparty in no service.
    expect(serviceOf('bigfile/tests/test_x.py')).toEqual(['bigfile']);
    expect(serviceOf('3rdparty/ccan/tools/run.py')).toEqual(['default']);
  });

  it('leaves the suggested folders out of an audit once the team uncomments them', async () => {
    await run;
    const accepted = makeRepo();
    for (const f of repo.git('ls-files').trim().split('\n')) accepted.write(f, readFileSync(path.join(repo.dir, f), 'utf8'));
    accepted.write('.github/service-profile.yml', acceptAllIgnores(profileOf(repo.dir))).commit('accepted');
    const paths = new Set((await auditJson(accepted.dir)).signals.map((s) => s.path));
    expect(paths.has('wcfs/wcfs.go')).toBe(true);
    expect(paths.has('bigfile/tests/test_x.py')).toBe(false);
    expect(paths.has('3rdparty/ccan/tools/run.py')).toBe(false);
    expect(paths.has('wcfs/internal/zodb/zodb_test.go')).toBe(false);
  });
});

describe('init on other layouts', () => {
  it('puts a Go module at the root after every folder, so its Go files anywhere stay Go', async () => {
    // Not a git work tree: init walks the folder, as audit does.
    const dir = makeTempDir('root-module');
    const files: Record<string, string> = {
      'go.mod': 'module example.com/shop\n\ngo 1.22\n',
      'main.go': GO('main'),
      'cmd/server/main.go': GO('main'),
      'scripts/sync.py': THREADS,
      'scripts/gen.go': GO('main'),
      'run.py': THREADS,
    };
    for (const [f, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      writeFileSync(path.join(dir, f), text);
    }
    const { services, text } = await initProfile(dir);
    expect(services).toEqual([
      ['main', ['**']],
      ['scripts', ['scripts/**']],
      ['go', ['**/*.go', 'go.mod']],
    ]);
    expect(text).toContain('  #   keep it after every other service: the last service whose paths match a file owns it\n');
    expect(text).toContain('ignore: []\n');
    const owners = await auditServices(dir);
    expect(owners.get('scripts/gen.go')).toEqual(['go']);
    expect(owners.get('cmd/server/main.go')).toEqual(['go']);
    expect(owners.get('go.mod')).toEqual(['go']);
    expect(owners.get('scripts/sync.py')).toEqual(['scripts']);
    expect(owners.get('run.py')).toEqual(['main']);
  });

  it('splits Go files from a Python package with no go.mod, and keeps a Go-only folder whole', async () => {
    const repo = makeRepo()
      .write('pkg/__init__.py', THREADS)
      .write('pkg/fast/x.go', GO('fast'))
      .write('storage/main.go', GO('main'))
      .write('storage/vendor/github.com/a/b/b.go', GO('b'))
      .write('storage/vendor/github.com/a/b/go.mod', 'module github.com/a/b\n');
    repo.commit('tree');
    const { services, text } = await initProfile(repo.dir);
    expect(services).toEqual([
      ['pkg', ['pkg/**']],
      ['pkg-go', ['pkg/**/*.go']],
      ['storage', ['storage/**']],
    ]);
    expect(text).toContain('  # pkg-go: the Go files of pkg/, apart from the Python code around it;\n');
    expect(text).toContain('  # "storage/vendor/**",  # vendored; found: golang\n');
    const owners = await auditServices(repo.dir);
    expect(owners.get('pkg/fast/x.go')).toEqual(['pkg-go']);
    expect(owners.get('pkg/__init__.py')).toEqual(['pkg']);
    expect(owners.get('storage/main.go')).toEqual(['storage']);
  });

  it('proposes no service for tests or vendored code, and one glob for many folders of one name', async () => {
    const repo = makeRepo();
    for (const p of ['a', 'b', 'c', 'd', 'e', 'f']) repo.write(`${p}/tests/test_it.py`, THREADS);
    repo.write('tests/test_top.py', THREADS).write('third_party/lib.py', THREADS).write('app/x.py', 'import os\n');
    repo.commit('tree');
    const { services, text, stdout } = await initProfile(repo.dir);
    // Every signal is in a test or vendored folder: one service for everything remains.
    expect(services).toEqual([['main', ['**']]]);
    expect(text.slice(text.indexOf('ignore: ['))).toBe(
      [
        'ignore: [',
        '  # "**/tests/**",     # tests; found: threads',
        '  # "third_party/**",  # vendored; found: threads',
        ']',
        '',
      ].join('\n'),
    );
    expect(stdout).toMatch(/: 1 service\(s\), \d+ signal\(s\) found\n/);
    expect(stdout).toContain('ignore, suggested in comments: **/tests/** (tests), third_party/** (vendored)');
  });

  it('names services uniquely and writes folder names as literal globs', async () => {
    const repo = makeRepo().write('a b/x.py', THREADS).write('a-b/y.py', THREADS).write('[lab]/z.py', THREADS);
    repo.commit('tree');
    const { services } = await initProfile(repo.dir);
    expect(services).toEqual([
      ['lab', ['\\[lab\\]/**']],
      ['a-b', ['a b/**']],
      ['a-b-2', ['a-b/**']],
    ]);
    const owners = await auditServices(repo.dir);
    expect(owners.get('[lab]/z.py')).toEqual(['lab']);
    expect(owners.get('a b/x.py')).toEqual(['a-b']);
    expect(owners.get('a-b/y.py')).toEqual(['a-b-2']);
  });
});
