import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { isGitWorkTree, listTrackedFiles, readFiles, type SkippedFile } from '../../src/changes/git.js';
import { makeRepo, makeTempDir, removeRepos } from '../support/git-repo.js';

afterAll(removeRepos);

/** A folder outside every tree under test, for links that point away. */
const outside = makeTempDir('outside');
writeFileSync(join(outside, 'secret.py'), 'import threading\n');

describe('listTrackedFiles in a git work tree', () => {
  const repo = makeRepo();
  repo
    .write('.gitignore', 'build/\n*.log\n')
    .write('src/app.py', 'a\n')
    .write('src/sp ace.py', 'a\n')
    .write('src/ünï.py', 'a\n')
    .write('odd\nname.py', 'a\n')
    .write('-dash.py', 'a\n')
    .write('node_modules/dep/index.js', 'tracked on purpose\n')
    .symlink('src/app.py', 'inside-link.py')
    .symlink(join(outside, 'secret.py'), 'outside-link.py')
    .symlink('src', 'dir-link')
    .commit('files');
  repo.git('update-index', '--add', '--cacheinfo', `160000,${repo.sha()},vendor/sub`);
  repo.git('commit', '-q', '-m', 'submodule entry');
  repo.write('untracked.py', 'a\n').write('build/out.py', 'a\n').write('debug.log', 'a\n');

  it('lists the tracked files, nothing ignored or untracked, as sorted POSIX paths', async () => {
    expect(await isGitWorkTree(repo.dir)).toBe(true);
    expect(await listTrackedFiles(repo.dir)).toEqual([
      '-dash.py',
      '.gitignore',
      'inside-link.py',
      'node_modules/dep/index.js',
      'odd\nname.py',
      'src/app.py',
      'src/sp ace.py',
      'src/ünï.py',
    ]);
  });

  it('gives paths relative to a subfolder when given one', async () => {
    expect(await listTrackedFiles(join(repo.dir, 'src'))).toEqual(['app.py', 'sp ace.py', 'ünï.py']);
  });
});

describe('listTrackedFiles outside git', () => {
  const dir = makeTempDir('tree');
  const put = (path: string, text = 'x\n'): void => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  put('app.py');
  put('pkg/mod.py');
  put('pkg/deep/er.go');
  put('sp ace/ünï.py');
  put('.git/config');
  put('node_modules/x/index.js');
  put('pkg/__pycache__/mod.cpython-312.pyc');
  put('venv/pyvenv.cfg');
  put('venv/lib/site.py');
  symlinkSync(join(outside, 'secret.py'), join(dir, 'outside-link.py'));
  symlinkSync(outside, join(dir, 'outside-dir'));
  symlinkSync('pkg', join(dir, 'loop-dir'));
  symlinkSync('app.py', join(dir, 'inside-link.py'));
  symlinkSync('nowhere.py', join(dir, 'dangling.py'));

  it('walks the folder, skipping VCS data, dependencies, caches, virtualenvs and links that leave it', async () => {
    expect(await isGitWorkTree(dir)).toBe(false);
    expect(await listTrackedFiles(dir)).toEqual([
      'app.py',
      'inside-link.py',
      'pkg/deep/er.go',
      'pkg/mod.py',
      'sp ace/ünï.py',
    ]);
  });

  it('fails clearly on a folder that does not exist or is a file', async () => {
    const missing = join(dir, 'missing');
    const err = await listTrackedFiles(missing).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe(`folder ${missing} does not exist: check the path`);
    const file = join(dir, 'app.py');
    expect(((await listTrackedFiles(file).catch((e: unknown) => e)) as Error).message).toBe(
      `${file} is not a folder: give the folder to audit`,
    );
  });
});

describe('readFiles', () => {
  const dir = makeTempDir('read');
  writeFileSync(join(dir, 'a.py'), '\uFEFFimport os\n');
  writeFileSync(join(dir, 'big.js'), 'x'.repeat(1000));
  mkdirSync(join(dir, 'sub'));
  symlinkSync(join(outside, 'secret.py'), join(dir, 'escape.py'));
  symlinkSync('a.py', join(dir, 'alias.py'));

  it('reads files as text and refuses anything that leads outside the folder', async () => {
    const dotdot = relative(dir, join(outside, 'secret.py'));
    expect(dotdot.startsWith('..')).toBe(true);
    const skipped: SkippedFile[] = [];
    const texts = await readFiles(
      dir,
      ['a.py', 'alias.py', 'missing.py', 'sub', 'escape.py', dotdot, join(outside, 'secret.py'), 'big.js'],
      { maxBytes: 100, onSkip: (s) => skipped.push(s) },
    );
    expect(Object.fromEntries(texts)).toEqual({
      'a.py': 'import os\n',
      'alias.py': 'import os\n',
      'missing.py': null,
      sub: null,
      'escape.py': null,
      [dotdot]: null,
      [join(outside, 'secret.py')]: null,
      'big.js': null,
    });
    expect(skipped).toEqual([{ path: 'big.js', reason: 'too-large', size: 1000 }]);
  });

  it('refuses files reached through a folder link that leaves the folder, and reads them through one that stays', async () => {
    const tree = makeTempDir('read-links');
    mkdirSync(join(tree, 'pkg'));
    writeFileSync(join(tree, 'pkg', 'mod.py'), 'import asyncio\n');
    symlinkSync(outside, join(tree, 'away'));
    symlinkSync('pkg', join(tree, 'here'));
    const texts = await readFiles(tree, ['away/secret.py', 'here/mod.py', 'pkg/../pkg/mod.py', 'pkg/..', '.', '']);
    expect(Object.fromEntries(texts)).toEqual({
      'away/secret.py': null,
      'here/mod.py': 'import asyncio\n',
      'pkg/../pkg/mod.py': 'import asyncio\n',
      'pkg/..': null,
      '.': null,
      '': null,
    });
  });

  it('returns null for a named pipe rather than waiting on it, and decodes invalid UTF-8 as U+FFFD', async () => {
    const tree = makeTempDir('read-special');
    execFileSync('mkfifo', [join(tree, 'pipe.py')]);
    writeFileSync(join(tree, 'bad.py'), Buffer.from([0x61, 0xff, 0x62, 0x0a]));
    writeFileSync(join(tree, 'empty.py'), '');
    const texts = await readFiles(tree, ['pipe.py', 'bad.py', 'empty.py']);
    expect(Object.fromEntries(texts)).toEqual({ 'pipe.py': null, 'bad.py': 'a\ufffdb\n', 'empty.py': '' });
  }, 10_000);
});
