/**
 * Typos in where the profile is and in what it names do not pass silently (issue 12, item 7):
 * a profile named on the command line that does not exist, a service glob that matches no
 * file, a profile reviewed from the base commit that only the working tree has. Real git
 * repositories, the whole CLI.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { makeRepo, removeRepos, type TestRepo } from '../support/git-repo.js';
import { runCliCaptured } from '../support/cli.js';

afterAll(removeRepos);

const PROFILE = `version: 1
services:
  - name: wcfs
    paths: ["wcfs/**"]
    needs: { low-latency: true }
  - name: storage
    paths: ["stroage/**", "bigfile/**"]
`;

/** A checkout shaped like wendelin.core: a Python package with a Go part, and bigfile/. */
function wendelinLike(profile = PROFILE): TestRepo {
  const repo = makeRepo();
  repo.write('wcfs/__init__.py', 'import threading\n');
  repo.write('wcfs/wcfs.go', 'package main\n\nfunc main() { go serve() }\n\nfunc serve() {}\n');
  repo.write('storage/zodb.py', 'x = 1\n');
  repo.write('bigfile/file_zodb.py', 'y = 2\n');
  repo.write('.github/service-profile.yml', profile);
  repo.commit('base');
  return repo;
}

describe('a profile named on the command line', () => {
  it('must exist: validate and audit stop with exit 2 and the similar file', async () => {
    const repo = wendelinLike();
    for (const argv of [
      ['validate', '--profile', '.github/service-profle.yml'],
      ['audit', '--profile', '.github/service-profle.yml'],
    ]) {
      const run = await runCliCaptured(argv, { cwd: repo.dir });
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        'architecture-review: --profile .github/service-profle.yml: no such file (did you mean .github/service-profile.yml?): give the path of an existing file, or leave the option out for the default\n',
      );
    }
  });

  it('finds the file behind a mistyped folder too', async () => {
    const repo = wendelinLike();
    const run = await runCliCaptured(['validate', '--profile', '.githb/service-profile.yml'], { cwd: repo.dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('(did you mean .github/service-profile.yml?)');
  });

  it('says only "no such file" when nothing is close', async () => {
    const repo = wendelinLike();
    const run = await runCliCaptured(['audit', '--profile', 'profiles/shop.yml'], { cwd: repo.dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^architecture-review: --profile profiles\/shop.yml: no such file: give the path/);
  });

  it('may be absent when not named: every need counts as not declared', async () => {
    const repo = makeRepo();
    repo.write('a.py', 'x = 1\n');
    repo.commit('base');
    const run = await runCliCaptured(['validate'], { cwd: repo.dir });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('no profile at .github/service-profile.yml');
  });
});

describe('a service glob that matches no file', () => {
  const warning =
    'architecture-review: warning: .github/service-profile.yml:7:13: service "storage": paths glob "stroage/**" matches no file in the tree; the closest folder is storage/: did you mean "storage/**"?\n';

  it('is a warning of validate, placed at the glob, with the closest folder', async () => {
    const repo = wendelinLike();
    const run = await runCliCaptured(['validate'], { cwd: repo.dir });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(warning);
  });

  it('is an error of validate --strict', async () => {
    const repo = wendelinLike();
    const run = await runCliCaptured(['validate', '--strict'], { cwd: repo.dir });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'architecture-review: .github/service-profile.yml:7:13: service "storage": paths glob "stroage/**" matches no file in the tree; the closest folder is storage/: did you mean "storage/**"?\n',
    );
  });

  it('is a warning of audit, which still reports, and a note of its markdown', async () => {
    const repo = wendelinLike();
    const run = await runCliCaptured(['audit', '--format', 'markdown', '--fail-on', 'never'], { cwd: repo.dir });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(warning);
    expect(run.stdout).toContain('Profile: .github/service-profile.yml:7:13: service');
    expect(run.stdout).toContain('stroage/');
  });

  it('without a close folder, says where its files go instead', async () => {
    const repo = wendelinLike(PROFILE.replace('stroage/**', 'services/api/**'));
    const run = await runCliCaptured(['validate'], { cwd: repo.dir });
    expect(run.stderr).toContain('paths glob "services/api/**" matches no file in the tree; its files belong to another service (or the default one) whose needs may not be');
  });

  it('is held to the head commit in a review', async () => {
    const repo = wendelinLike();
    const base = repo.sha();
    repo.write('bigfile/threads.py', 'import threading\nthreading.Thread(target=print).start()\n');
    repo.commit('change');
    const run = await runCliCaptured(['review', '--base', base, '--format', 'json', '--fail-on', 'never'], { cwd: repo.dir });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(warning.replace('in the tree', `at the head commit ${repo.sha().slice(0, 12)}`));
    // The glob that does match keeps its files in the service.
    const report = JSON.parse(run.stdout) as { signals: { path: string; service: string }[] };
    expect(report.signals.find((s) => s.path === 'bigfile/threads.py')?.service).toBe('storage');
  });

  it('says nothing when every glob matches', async () => {
    const repo = wendelinLike(PROFILE.replace('stroage/**', 'storage/**'));
    for (const argv of [['validate', '--strict'], ['audit', '--fail-on', 'never']]) {
      const run = await runCliCaptured(argv, { cwd: repo.dir });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    }
  });
});

describe('a review with a profile only the working tree has', () => {
  it('says so on stderr, and how to use it', async () => {
    const repo = makeRepo();
    repo.write('app.py', 'x = 1\n');
    repo.commit('base');
    const base = repo.sha();
    repo.write('app.py', 'import threading\nthreading.Thread(target=print).start()\n');
    repo.commit('change');
    repo.write('.github/service-profile.yml', PROFILE); // not committed
    const run = await runCliCaptured(['review', '--base', base, '--fail-on', 'never'], { cwd: repo.dir });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(
      `architecture-review: note: .github/service-profile.yml is in the working tree but not at the base commit ${base.slice(0, 12)}, so this review used no profile (every need not declared); to try it on this change, commit it on the branch and add --profile-from head; to make it count for every review, commit it to the base branch\n`,
    );
  });

  it('says nothing when there is no profile anywhere', async () => {
    const repo = makeRepo();
    repo.write('app.py', 'x = 1\n');
    repo.commit('base');
    const base = repo.sha();
    repo.write('app.py', 'import threading\nthreading.Thread(target=print).start()\n');
    repo.commit('change');
    const run = await runCliCaptured(['review', '--base', base, '--fail-on', 'never'], { cwd: repo.dir });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
  });
});
