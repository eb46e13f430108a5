import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import type { ChangedFile } from '../../src/types.js';
import {
  collectChanges,
  diffCommits,
  isGitRepo,
  listTrackedFiles,
  mergeBase,
  resolveCommit,
} from '../../src/changes/git.js';
import { cloneRepo, makeRepo, makeTempDir, removeRepos } from '../support/git-repo.js';

afterAll(removeRepos);

function byPath(files: ChangedFile[]): Map<string, ChangedFile> {
  return new Map(files.map((f) => [f.path, f]));
}

function lines(f: ChangedFile | undefined): number[] | 'all' | undefined {
  if (f === undefined) return undefined;
  return f.addedLines === 'all' ? 'all' : [...f.addedLines].sort((a, b) => a - b);
}

/** The message of the UsageError a promise rejects with. */
async function usageError(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UsageError);
  const message = (err as UsageError).message;
  expect(message).not.toContain('\n');
  expect(message).not.toMatch(/\bat .*\.(ts|js):\d+/);
  return message;
}

describe('diffCommits', () => {
  const repo = makeRepo();
  const ten = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
  const base = repo
    .write('src/app.py', 'import os\n\ndef main():\n    pass\n')
    .write('src/old.py', ten)
    .write('src/moved.py', ten)
    .write('src/edited.py', ten)
    .write('logo.png', '')
    .writeBytes('logo.png', Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2))
    .write('run.sh', 'echo hi\n')
    .write('doomed.go', 'package main\n')
    .write('sp ace/fi le.py', 'a\n')
    .write('naïve/café.py', 'a\n')
    .write('-rf.py', 'a\n')
    .commit('base');
  const head = repo
    .write('src/app.py', 'import os\nimport threading\n\ndef main():\n    threading.Thread().start()\n')
    .rename('src/moved.py', 'lib/moved.py')
    .rename('src/edited.py', 'lib/edited.py')
    .write('lib/edited.py', ten.replace('line 3\n', 'line 3 edited\n') + 'line 11\n')
    .writeBytes('logo.png', Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0, 0, 3, 4))
    .chmod('run.sh', 0o755)
    .remove('doomed.go')
    .write('sp ace/fi le.py', 'a\nb\n')
    .write('naïve/café.py', 'a\nb\n')
    .write('-rf.py', 'a\nb\n')
    .write('go/main.go', 'package main\n\nfunc main() {\n\tgo serve()\n}\n')
    .write('src/old.py', ten + 'line 11\n')
    .commit('head');

  it('lists each kind of change with its added lines', async () => {
    const files = byPath(await diffCommits(repo.dir, base, head));

    expect(files.get('src/app.py')).toMatchObject({ status: 'modified', binary: false });
    expect(lines(files.get('src/app.py'))).toEqual([2, 5]);
    expect(files.get('go/main.go')).toMatchObject({ status: 'added', addedLines: 'all' });
    expect(files.get('doomed.go')).toMatchObject({ status: 'deleted' });
    expect(lines(files.get('doomed.go'))).toEqual([]);
    expect(lines(files.get('src/old.py'))).toEqual([11]);

    // Moving a file introduces nothing; a moved and edited file introduces its edits only.
    expect(files.get('lib/moved.py')).toMatchObject({ status: 'renamed', previousPath: 'src/moved.py' });
    expect(lines(files.get('lib/moved.py'))).toEqual([]);
    expect(files.get('lib/edited.py')).toMatchObject({ status: 'renamed', previousPath: 'src/edited.py' });
    expect(lines(files.get('lib/edited.py'))).toEqual([3, 11]);
    expect(files.has('src/moved.py')).toBe(false);

    expect(files.get('logo.png')).toMatchObject({ status: 'modified', binary: true });
    expect(files.get('run.sh')).toMatchObject({ status: 'modified', binary: false });
    expect(lines(files.get('run.sh'))).toEqual([]);

    expect(lines(files.get('sp ace/fi le.py'))).toEqual([2]);
    expect(lines(files.get('naïve/café.py'))).toEqual([2]);
    expect(lines(files.get('-rf.py'))).toEqual([2]);
  });

  it('keeps names with a tab, a newline, quotes and backslashes exact', async () => {
    const odd = makeRepo();
    const names = [
      'tab\there.py',
      'new\nline.py',
      'say "hi".py',
      'back\\slash.py',
      'trailing-cr\r',
      ' leading space.py',
      'trailing space.py ',
      'x b/y.py',
      'a/ and b/.py',
    ];
    for (const n of names) odd.write(n, 'a\n');
    const b = odd.commit('base');
    for (const n of names) odd.write(n, 'a\nb\n');
    odd.write('brand\nnew.py', 'x\n');
    const h = odd.commit('head');
    const files = byPath(await diffCommits(odd.dir, b, h));
    for (const n of names) expect(lines(files.get(n)), JSON.stringify(n)).toEqual([2]);
    expect(files.get('brand\nnew.py')).toMatchObject({ status: 'added', addedLines: 'all' });
  });

  it('reports a file that turns into a symbolic link once, as modified', async () => {
    const r = makeRepo();
    const b = r.write('target.py', 'x\n').write('link.py', 'import threading\n').commit('base');
    const h = r.remove('link.py').symlink('target.py', 'link.py').commit('head');
    const files = await diffCommits(r.dir, b, h);
    expect(files.filter((f) => f.path === 'link.py')).toEqual([
      { path: 'link.py', status: 'modified', addedLines: 'all', binary: false },
    ]);
  });

  it('leaves submodules out', async () => {
    const r = makeRepo();
    const b = r.write('a.py', 'a\n').commit('base');
    r.git('update-index', '--add', '--cacheinfo', `160000,${b},vendor/lib`);
    r.git('commit', '-q', '-m', 'add a submodule entry');
    const files = await diffCommits(r.dir, b, r.sha());
    expect(files).toEqual([]);
  });

  it('decides binary by content, not by the change’s .gitattributes', async () => {
    const r = makeRepo();
    const b = r.write('README', 'x\n').commit('base');
    // A change that marks its own Go code binary must not hide it from the review.
    const h = r
      .write('.gitattributes', '*.go binary\n*.dat -diff\n')
      .write('sneaky.go', 'package main\n\nfunc f() { go g() }\n')
      .write('app/edit.go', 'package app\n')
      .writeBytes('real.dat', Uint8Array.of(1, 0, 2))
      .commit('head');
    const files = byPath(await diffCommits(r.dir, b, h));
    expect(files.get('sneaky.go')).toMatchObject({ status: 'added', binary: false, addedLines: 'all' });
    expect(files.get('real.dat')).toMatchObject({ binary: true });

    const h2 = r.write('app/edit.go', 'package app\n\nfunc x() { go y() }\n').commit('edit');
    const edited = byPath(await diffCommits(r.dir, h, h2));
    expect(edited.get('app/edit.go')).toMatchObject({ status: 'modified', binary: false });
    expect(lines(edited.get('app/edit.go'))).toEqual([2, 3]);
  });

  it('handles very long lines without reading them whole', async () => {
    const r = makeRepo();
    const b = r.write('app.js', 'a\n').commit('base');
    const long = 'x'.repeat(8 * 1024 * 1024);
    const h = r.write('app.js', `a\n${long}\n`).write('bundle.min.js', long).commit('head');
    const files = byPath(await diffCommits(r.dir, b, h));
    expect(lines(files.get('app.js'))).toEqual([2]);
    expect(files.get('bundle.min.js')).toMatchObject({ status: 'added', addedLines: 'all' });
  });

  it('gives paths from the top of the repository when given a subfolder', async () => {
    const files = await diffCommits(join(repo.dir, 'src'), base, head);
    expect(files.map((f) => f.path)).toContain('go/main.go');
  });

  it('refuses a revision that git would take for an option', async () => {
    expect(await usageError(diffCommits(repo.dir, '--output=/tmp/x', head))).toContain('not a valid revision');
  });
});

describe('collectChanges and mergeBase', () => {
  // main: base → main-only change; feature (from base): its own change.
  const repo = makeRepo();
  const forkPoint = repo.write('shared.py', 'a\n').write('main_only.py', 'x\n').commit('base');
  repo.branch('feature');
  repo.write('main_only.py', 'x\nimport asyncio\n').write('later.go', 'package later\n').commit('main moves on');
  const mainHead = repo.sha('main');
  repo.checkout('feature');
  const featureHead = repo.write('shared.py', 'a\nimport threading\n').commit('feature');

  it('finds where the branch left main', async () => {
    expect(await mergeBase(repo.dir, mainHead, featureHead)).toBe(forkPoint);
    expect(await mergeBase(repo.dir, 'main', 'feature')).toBe(forkPoint);
  });

  it('diffs merge-base...head: changes made only on main do not appear', async () => {
    const change = await collectChanges(repo.dir, 'main', 'feature');
    expect(change.base).toBe(forkPoint);
    expect(change.head).toBe(featureHead);
    expect(change.files.map((f) => f.path)).toEqual(['shared.py']);
    expect(lines(change.files[0])).toEqual([2]);
    // A plain base..head diff would wrongly show main's changes (as reverted).
    const naive = await diffCommits(repo.dir, mainHead, featureHead);
    expect(naive.map((f) => f.path).sort()).toEqual(['later.go', 'main_only.py', 'shared.py']);
  });

  it('works on a detached HEAD, which is the default head', async () => {
    repo.checkout(featureHead);
    try {
      expect(await resolveCommit(repo.dir, 'HEAD')).toBe(featureHead);
      const change = await collectChanges(repo.dir, 'main');
      expect(change.head).toBe(featureHead);
      expect(change.files.map((f) => f.path)).toEqual(['shared.py']);
    } finally {
      repo.checkout('feature');
    }
  });

  it('resolves branches, tags, short shas and relative revisions', async () => {
    repo.git('tag', 'v1', forkPoint);
    expect(await resolveCommit(repo.dir, 'v1')).toBe(forkPoint);
    expect(await resolveCommit(repo.dir, forkPoint.slice(0, 10))).toBe(forkPoint);
    expect(await resolveCommit(repo.dir, 'feature~1')).toBe(forkPoint);
    expect(await resolveCommit(repo.dir, 'main')).toBe(mainHead);
  });

  it('says when two histories share nothing', async () => {
    repo.git('checkout', '-q', '--orphan', 'island');
    const island = repo.commit('unrelated');
    repo.checkout('feature');
    expect(await usageError(mergeBase(repo.dir, mainHead, island))).toBe(
      `no merge base between ${mainHead} and ${island} in ${repo.dir}: ` +
        'they share no history; compare branches of the same project',
    );
  });
});

describe('errors say what failed, where, and how to fix it', () => {
  const repo = makeRepo();
  repo.write('a.py', 'a\n').commit('one');

  it('names an unknown revision', async () => {
    expect(await usageError(resolveCommit(repo.dir, 'nope'))).toBe(
      `unknown revision nope in ${repo.dir}: fetch it or check the name`,
    );
    expect(await usageError(collectChanges(repo.dir, 'main', 'nope'))).toContain('unknown revision nope');
    expect(await usageError(diffCommits(repo.dir, 'main', 'nope'))).toMatch(
      new RegExp(`^diffing main and nope failed in ${repo.dir}: `),
    );
  });

  it('points at origin/X when only the remote branch exists (CI checkouts)', async () => {
    repo.branch('develop');
    const clone = cloneRepo(repo, ['--branch', 'main']);
    expect(await usageError(resolveCommit(clone.dir, 'develop'))).toBe(
      `unknown revision develop in ${clone.dir}: fetch it or check the name (origin/develop exists: use that)`,
    );
  });

  it('names a folder that is not a git repository', async () => {
    const dir = makeTempDir('plain');
    expect(await isGitRepo(dir)).toBe(false);
    expect(await usageError(resolveCommit(dir, 'HEAD'))).toBe(
      `${dir} is not a git repository (nor inside one): give the folder of a git clone`,
    );
    expect(await usageError(diffCommits(dir, 'a', 'b'))).toBe(
      `${dir} is not a git repository (nor inside one): give the folder of a git clone`,
    );
  });

  it('names a folder that does not exist', async () => {
    const dir = join(makeTempDir('gone'), 'missing');
    expect(await isGitRepo(dir)).toBe(false);
    expect(await usageError(mergeBase(dir, 'a', 'b'))).toBe(`repository folder ${dir} does not exist: check the path`);
  });

  it('recognises repositories, bare ones included', async () => {
    expect(await isGitRepo(repo.dir)).toBe(true);
    expect(await isGitRepo(join(repo.dir, '.git'))).toBe(true);
    expect(await isGitRepo(makeRepo({ bare: true }).dir)).toBe(true);
  });

  it('tells a shallow clone to fetch more history', async () => {
    const origin = makeRepo();
    origin.write('a.py', 'a\n').commit('one');
    origin.write('a.py', 'a\nb\n').commit('two');
    origin.branch('feature').checkout('feature');
    origin.write('f.py', 'f\n').commit('feature one');
    origin.write('f.py', 'f\ng\n').commit('feature two');
    origin.checkout('main');
    origin.write('a.py', 'a\nb\nc\n').commit('three');

    // As actions/checkout does by default: the PR head only, one commit deep, then the base tip.
    const clone = cloneRepo(origin, ['--depth', '1', '--branch', 'feature']);
    clone.git('fetch', '-q', '--depth', '1', 'origin', 'main:main');
    const message = await usageError(collectChanges(clone.dir, 'main', 'feature'));
    expect(message).toBe(
      `no merge base between main and feature in ${clone.dir}: ` +
        'the clone is shallow, so their common history is missing; fetch more history ' +
        '(actions/checkout with fetch-depth: 0, or git fetch --unshallow)',
    );

    clone.git('fetch', '-q', '--unshallow', 'origin');
    const change = await collectChanges(clone.dir, 'main', 'feature');
    expect(change.files.map((f) => f.path)).toEqual(['f.py']);
  });

  it.skipIf(process.getuid?.() !== 0)('says how to trust a repository another user owns', async () => {
    const other = makeRepo();
    other.write('a.py', 'a\n').commit('one');
    execFileSync('chown', ['-R', '65534', other.dir]);
    const expected =
      `git refuses to read ${other.dir} because another user owns it: ` +
      `if you trust it, run git config --global --add safe.directory ${other.dir}`;
    // A machine-wide safe.directory=* would hide the refusal: read no user or system config.
    const saved = { GIT_CONFIG_GLOBAL: process.env.GIT_CONFIG_GLOBAL, GIT_CONFIG_NOSYSTEM: process.env.GIT_CONFIG_NOSYSTEM };
    process.env.GIT_CONFIG_GLOBAL = '/dev/null';
    process.env.GIT_CONFIG_NOSYSTEM = '1';
    try {
      expect(await usageError(resolveCommit(other.dir, 'HEAD'))).toBe(expected);
      expect(await usageError(isGitRepo(other.dir))).toBe(expected);
      expect(await usageError(listTrackedFiles(other.dir))).toBe(expected);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it('keeps git’s own words as the cause', async () => {
    const err = await resolveCommit(makeTempDir('x'), 'HEAD').catch((e: unknown) => e);
    expect((err as Error).cause).toBeInstanceOf(Error);
    expect(String((err as Error & { cause: Error }).cause.message)).toContain('not a git repository');
  });
});
