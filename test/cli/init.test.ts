/**
 * `init` on real trees: the starter profile follows the layout (a Go module apart from the
 * Python package around it), suggests ignoring tests and vendored code in comments, and what
 * it writes is a profile that `validate` accepts and `audit` applies as intended.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../../src/profile/load-profile.js';
import type { Report } from '../../src/types.js';
import { runCliCaptured } from '../support/cli.js';
import { makeRepo, removeRepos, type TestRepo } from '../support/git-repo.js';

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

  it('writes a profile that validate accepts', async () => {
    await run;
    const validated = await runCliCaptured(['validate'], { cwd: repo.dir });
    expect(validated.stderr).toBe('');
    expect(validated.status).toBe(0);
    expect(validated.stdout).toContain('.github/service-profile.yml: valid, 3 service(s)');
  });

  it('puts the Go files in the Go service and the Python files in the package around it when audited', async () => {
    await run;
    const report = await auditJson(repo.dir);
    const serviceOf = (p: string) => [...new Set(report.signals.filter((s) => s.path === p).map((s) => s.service))];
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
