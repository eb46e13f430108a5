import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { readBlob, readBlobs, type SkippedFile } from '../../src/changes/git.js';
import { makeRepo, makeTempDir, removeRepos } from '../support/git-repo.js';

afterAll(removeRepos);

/**
 * Runs `fn` with a `git` on PATH that logs each invocation before running the real git, and
 * returns the logged command lines: a way to count processes without mocking anything.
 */
async function countingGit(fn: () => Promise<void>): Promise<string[]> {
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const dir = makeTempDir('shim');
  const log = join(dir, 'calls.log');
  writeFileSync(log, '');
  writeFileSync(join(dir, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${realGit}' "$@"\n`);
  chmodSync(join(dir, 'git'), 0o755);
  const saved = process.env.PATH;
  process.env.PATH = `${dir}:${saved ?? ''}`;
  try {
    await fn();
  } finally {
    process.env.PATH = saved;
  }
  return readFileSync(log, 'utf8').split('\n').filter((l) => l !== '');
}

describe('readBlobs', () => {
  const repo = makeRepo();
  for (let i = 0; i < 500; i++) repo.write(`pkg/mod${String(i).padStart(3, '0')}.py`, `# module ${i}\nimport os\n`);
  repo
    .write('sp ace/a b.py', 'spaces\n')
    .write('tést/ünï.py', 'unicode\n')
    .write('-leading-dash.py', 'dash\n')
    .write('colon:name.py', 'colon\n')
    .write('new\nline.py', 'newline\n')
    .write('ends-with-cr\r', 'cr\n')
    .write(' lead.py', 'lead\n')
    .write('trail.py ', 'trail\n')
    .write('same1.txt', 'same\n')
    .write('same2.txt', 'same\n')
    .write('bom.py', '\uFEFFimport asyncio\n')
    .writeBytes('latin1.py', Uint8Array.from([0x23, 0x20, 0xe9, 0x0a]))
    .write('empty.py', '')
    .symlink('sp ace/a b.py', 'link.py')
    .write('big.js', 'x'.repeat(6 * 1024 * 1024));
  const commit = repo.commit('files');
  repo.write('pkg/mod000.py', 'changed\n').commit('later');

  it('reads 500 files with two git processes', async () => {
    const paths = Array.from({ length: 500 }, (_, i) => `pkg/mod${String(i).padStart(3, '0')}.py`);
    let texts = new Map<string, string | null>();
    const calls = await countingGit(async () => {
      texts = await readBlobs(repo.dir, commit, paths);
    });
    expect(calls.filter((c) => c.includes('cat-file'))).toHaveLength(2);
    expect(calls).toHaveLength(2);
    expect(texts.size).toBe(500);
    expect(texts.get('pkg/mod000.py')).toBe('# module 0\nimport os\n');
    expect(texts.get('pkg/mod499.py')).toBe('# module 499\nimport os\n');
  });

  it('reads the version of the commit asked for, not the work tree', async () => {
    expect(await readBlob(repo.dir, commit, 'pkg/mod000.py')).toBe('# module 0\nimport os\n');
    expect(await readBlob(repo.dir, 'HEAD', 'pkg/mod000.py')).toBe('changed\n');
  });

  it('reads awkward names exactly', async () => {
    const names = [
      'sp ace/a b.py',
      'tést/ünï.py',
      '-leading-dash.py',
      'colon:name.py',
      'new\nline.py',
      'ends-with-cr\r',
      ' lead.py',
      'trail.py ',
    ];
    const texts = await readBlobs(repo.dir, commit, names);
    expect(Object.fromEntries(texts)).toEqual({
      'sp ace/a b.py': 'spaces\n',
      'tést/ünï.py': 'unicode\n',
      '-leading-dash.py': 'dash\n',
      'colon:name.py': 'colon\n',
      'new\nline.py': 'newline\n',
      'ends-with-cr\r': 'cr\n',
      ' lead.py': 'lead\n',
      'trail.py ': 'trail\n',
    });
  });

  it('gives null for what is not a readable file', async () => {
    const texts = await readBlobs(repo.dir, commit, ['missing.py', 'pkg', 'pkg/missing.py', '']);
    expect([...texts.values()]).toEqual([null, null, null, null]);
  });

  it('decodes text: byte-order mark dropped, invalid UTF-8 replaced, empty file empty', async () => {
    const texts = await readBlobs(repo.dir, commit, ['bom.py', 'latin1.py', 'empty.py', 'same1.txt', 'same2.txt']);
    expect(texts.get('bom.py')).toBe('import asyncio\n');
    expect(texts.get('latin1.py')).toBe('# \uFFFD\n');
    expect(texts.get('empty.py')).toBe('');
    expect(texts.get('same1.txt')).toBe('same\n');
    expect(texts.get('same2.txt')).toBe('same\n');
  });

  it('gives a symbolic link as git stores it: its target, never followed', async () => {
    expect(await readBlob(repo.dir, commit, 'link.py')).toBe('sp ace/a b.py');
  });

  it('skips files over the size cap without reading them, and says so', async () => {
    const skipped: SkippedFile[] = [];
    const texts = await readBlobs(repo.dir, commit, ['big.js', 'empty.py'], { onSkip: (s) => skipped.push(s) });
    expect(texts.get('big.js')).toBeNull();
    expect(texts.get('empty.py')).toBe('');
    expect(skipped).toEqual([{ path: 'big.js', reason: 'too-large', size: 6 * 1024 * 1024 }]);
    const small = await readBlobs(repo.dir, commit, ['same1.txt'], { maxBytes: 2 });
    expect(small.get('same1.txt')).toBeNull();
    const large = await readBlobs(repo.dir, commit, ['big.js'], { maxBytes: 10 * 1024 * 1024 });
    expect(large.get('big.js')).toHaveLength(6 * 1024 * 1024);
  });

  it('answers once per path when a path is asked twice', async () => {
    const texts = await readBlobs(repo.dir, commit, ['same1.txt', 'same1.txt']);
    expect(texts.size).toBe(1);
  });

  it('fails clearly on an unknown commit or a non-repository', async () => {
    const unknown = await readBlobs(repo.dir, 'no-such-branch', ['a.py']).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(UsageError);
    expect((unknown as Error).message).toBe(`unknown revision no-such-branch in ${repo.dir}: fetch it or check the name`);
    const dir = makeTempDir('plain');
    const notRepo = await readBlobs(dir, 'HEAD', ['a.py']).catch((e: unknown) => e);
    expect((notRepo as Error).message).toBe(`${dir} is not a git repository (nor inside one): give the folder of a git clone`);
  });
});
