import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { isGitWorkTree, listTrackedFiles, openTree, readFiles, type SkippedFile } from '../../src/changes/git.js';
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

describe('isGitWorkTree', () => {
  /** Runs `isGitWorkTree(dir)` with a `git` first on PATH that logs its arguments, then runs the real one. */
  async function gitCalls(dir: string): Promise<{ result: boolean; calls: string[] }> {
    const bin = makeTempDir('fake-git');
    const log = join(bin, 'calls.log');
    const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path ?? ''}`;
    try {
      const result = await isGitWorkTree(dir);
      return { result, calls: existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [] };
    } finally {
      process.env.PATH = path;
    }
  }

  it('does not start git for a folder with no .git in it or above it', async () => {
    const plain = makeTempDir('no-git');
    mkdirSync(join(plain, 'sub'));
    // git itself agrees that there is no work tree here (else the temp folder is in one, and
    // this test would prove nothing).
    const asked = spawnSync('git', ['-C', join(plain, 'sub'), 'rev-parse', '--is-inside-work-tree'], { encoding: 'utf8' });
    expect(asked.stdout.trim()).not.toBe('true');
    expect(await gitCalls(join(plain, 'sub'))).toEqual({ result: false, calls: [] });
  });

  it('asks git when a .git is in the folder or above it, whatever git then says', async () => {
    const repo = makeRepo();
    repo.write('pkg/a.py', 'a\n').commit('a');
    const inRepo = await gitCalls(join(repo.dir, 'pkg'));
    expect(inRepo.result).toBe(true);
    expect(inRepo.calls).toHaveLength(1);
    expect(inRepo.calls[0]).toContain('rev-parse --is-inside-work-tree');
    // A .git that is not a repository: git is asked, and says no.
    const fake = makeTempDir('fake-dot-git');
    mkdirSync(join(fake, '.git'));
    mkdirSync(join(fake, 'sub'));
    const notRepo = await gitCalls(join(fake, 'sub'));
    expect(notRepo.result).toBe(false);
    expect(notRepo.calls).toHaveLength(1);
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

  it('reads a file of exactly the limit, skips one byte more, and reads files larger than any read before whole', async () => {
    const tree = makeTempDir('read-sizes');
    const text = (n: number, seed: string) => Array.from({ length: n }, (_, i) => seed[i % seed.length]).join('');
    writeFileSync(join(tree, 'at.py'), text(100, 'ab\n'));
    writeFileSync(join(tree, 'over.py'), text(101, 'cd\n'));
    const skipped: SkippedFile[] = [];
    const small = await readFiles(tree, ['at.py', 'over.py'], { maxBytes: 100, onSkip: (s) => skipped.push(s) });
    expect(Object.fromEntries(small)).toEqual({ 'at.py': text(100, 'ab\n'), 'over.py': null });
    expect(skipped).toEqual([{ path: 'over.py', reason: 'too-large', size: 101 }]);
    // Growing sizes, then a small file after the large ones: the shared buffer grows and is
    // reused, and no file keeps bytes of another.
    const sizes = [70_000, 300_000, 1_500_000, 10];
    sizes.forEach((n, i) => writeFileSync(join(tree, `f${i}.py`), text(n, `${i}xyz\n`)));
    const big = await readFiles(tree, sizes.map((_, i) => `f${i}.py`));
    sizes.forEach((n, i) => expect(big.get(`f${i}.py`), `f${i}.py`).toBe(text(n, `${i}xyz\n`)));
  });

  it('gives the bytes undecoded to readBytes, and their text to read, under the same limits', () => {
    const tree = makeTempDir('read-bytes');
    const bytes = Buffer.concat([Buffer.from('\uFEFFgo f() // é'), Buffer.from([0xff, 0x80]), Buffer.from('\n')]);
    writeFileSync(join(tree, 'a.go'), bytes);
    writeFileSync(join(tree, 'b.go'), 'package b\n');
    writeFileSync(join(tree, 'big.go'), 'x'.repeat(101));
    symlinkSync(join(outside, 'secret.py'), join(tree, 'escape.py'));
    const reader = openTree(tree, { maxBytes: 100 });
    expect(Buffer.from(reader.readBytes('a.go')!)).toEqual(bytes);
    expect(reader.read('a.go')).toBe('go f() // é\uFFFD\uFFFD\n');
    expect(reader.readBytes('b.go')!.toString()).toBe('package b\n');
    for (const refused of ['big.go', 'escape.py', 'missing.go', '../a.go']) expect(reader.readBytes(refused), refused).toBeNull();
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

  it('follows folder links at any depth, each part once resolved, only while they stay inside', async () => {
    const tree = makeTempDir('read-deep-links');
    mkdirSync(join(tree, 'pkg', 'sub', 'deep'), { recursive: true });
    writeFileSync(join(tree, 'pkg', 'sub', 'deep', 'mod.py'), 'import asyncio\n');
    writeFileSync(join(tree, 'top.py'), 'import gevent\n');
    symlinkSync(outside, join(tree, 'pkg', 'sub', 'away')); // a link deep down, out of the tree
    symlinkSync('../..', join(tree, 'pkg', 'sub', 'root')); // back to the tree's root
    symlinkSync('../../..', join(tree, 'pkg', 'sub', 'above')); // to the folder holding the tree
    symlinkSync('deep', join(tree, 'pkg', 'sub', 'same')); // a sibling
    symlinkSync('pkg/sub/same', join(tree, 'chain')); // a link to a link
    writeFileSync(join(tree, 'pkg', 'file'), 'x');
    const base = relative(join(tree, '..'), tree);
    const texts = await readFiles(tree, [
      'pkg/sub/away/secret.py',
      'pkg/sub/root/top.py',
      `pkg/sub/above/${base}/top.py`,
      'pkg/sub/same/mod.py',
      'chain/mod.py',
      'pkg/sub/deep/mod.py',
      'pkg/file/x.py',
      'pkg/missing/x.py',
      `pkg/${'n'.repeat(300)}/x.py`, // a name too long for the file system: ENAMETOOLONG, not a crash
    ]);
    expect(Object.fromEntries(texts)).toEqual({
      'pkg/sub/away/secret.py': null,
      'pkg/sub/root/top.py': 'import gevent\n',
      // Out of the tree and back in: the file itself is inside, as its real path says.
      [`pkg/sub/above/${base}/top.py`]: 'import gevent\n',
      'pkg/sub/same/mod.py': 'import asyncio\n',
      'chain/mod.py': 'import asyncio\n',
      'pkg/sub/deep/mod.py': 'import asyncio\n',
      'pkg/file/x.py': null,
      'pkg/missing/x.py': null,
      [`pkg/${'n'.repeat(300)}/x.py`]: null,
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
