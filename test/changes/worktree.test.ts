import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChangedFile } from '../../src/types.js';
import { diffWorktree } from '../../src/changes/git.js';
import { makeRepo, removeRepos } from '../support/git-repo.js';

afterAll(removeRepos);

function byPath(files: ChangedFile[]): Map<string, ChangedFile> {
  return new Map(files.map((f) => [f.path, f]));
}

function lines(f: ChangedFile | undefined): number[] | 'all' | undefined {
  if (f === undefined) return undefined;
  return f.addedLines === 'all' ? 'all' : [...f.addedLines].sort((a, b) => a - b);
}

/** Every file under .git/objects, to prove nothing is written to the repository. */
function objectFiles(dir: string): string[] {
  return readdirSync(join(dir, '.git', 'objects'), { recursive: true, encoding: 'utf8' }).sort();
}

describe('diffWorktree', () => {
  const repo = makeRepo();
  const ten = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
  const base = repo
    .write('.gitignore', 'build/\n')
    .write('app.py', 'import os\n')
    .write('crlf.py', 'a\nb\n')
    .write('moved.py', ten)
    .write('gone.py', 'x\n')
    .write('run.sh', 'echo\n')
    .write('staged.py', 'a\n')
    .commit('base');
  // Committed on top of base: the work tree is compared with base, whatever HEAD is.
  repo.write('committed.py', 'import asyncio\n').commit('later');
  repo
    .write('app.py', 'import os\nimport threading\n')
    .write('crlf.py', 'a\r\nb\r\n')
    .rename('moved.py', 'lib/moved.py')
    .remove('gone.py')
    .chmod('run.sh', 0o755)
    .write('new.go', 'package main\n')
    .write('odd\nname.py', 'odd\n')
    .writeBytes('blob.bin', Uint8Array.of(0, 1, 2))
    .symlink('app.py', 'link.py')
    .write('build/generated.py', 'import threading\n')
    .write('staged.py', 'a\nb\n');
  repo.git('add', 'staged.py');

  it('lists tracked edits, untracked files and deletions against the commit', async () => {
    const files = byPath(await diffWorktree(repo.dir, base));
    expect(lines(files.get('app.py'))).toEqual([2]);
    expect(files.get('committed.py')).toMatchObject({ status: 'added', addedLines: 'all' });
    expect(files.get('new.go')).toMatchObject({ status: 'added', addedLines: 'all' });
    expect(files.get('odd\nname.py')).toMatchObject({ status: 'added' });
    expect(files.get('gone.py')).toMatchObject({ status: 'deleted' });
    expect(files.get('lib/moved.py')).toMatchObject({ status: 'renamed', previousPath: 'moved.py' });
    expect(lines(files.get('lib/moved.py'))).toEqual([]);
    expect(files.get('run.sh')).toMatchObject({ status: 'modified' });
    expect(lines(files.get('run.sh'))).toEqual([]);
    expect(files.get('blob.bin')).toMatchObject({ status: 'added', binary: true });
    expect(files.get('link.py')).toMatchObject({ status: 'added' });
    expect(lines(files.get('staged.py'))).toEqual([2]);
    expect(files.has('build/generated.py')).toBe(false);
  });

  it('does not count a CRLF checkout as added lines', async () => {
    const files = byPath(await diffWorktree(repo.dir, base));
    // Git leaves the file out (or, in other versions, lists it with nothing added).
    expect(lines(files.get('crlf.py')) ?? []).toEqual([]);
  });

  it('writes nothing to the repository: objects and index untouched', async () => {
    const objects = objectFiles(repo.dir);
    const index = readFileSync(join(repo.dir, '.git', 'index'));
    await diffWorktree(repo.dir, 'HEAD');
    expect(objectFiles(repo.dir)).toEqual(objects);
    expect(readFileSync(join(repo.dir, '.git', 'index')).equals(index)).toBe(true);
  });

  it('works from a subfolder and on a clean tree', async () => {
    const clean = makeRepo();
    clean.write('pkg/a.py', 'a\n').commit('one');
    expect(await diffWorktree(join(clean.dir, 'pkg'), 'HEAD')).toEqual([]);
    clean.write('pkg/a.py', 'a\nb\n');
    expect((await diffWorktree(join(clean.dir, 'pkg'), 'HEAD')).map((f) => f.path)).toEqual(['pkg/a.py']);
  });

  it('handles an empty work tree', async () => {
    const empty = makeRepo();
    const first = empty.write('a.py', 'a\n').commit('one');
    empty.remove('a.py');
    expect(await diffWorktree(empty.dir, first)).toEqual([
      { path: 'a.py', status: 'deleted', addedLines: new Set(), binary: false },
    ]);
  });

  it('names an unknown base', async () => {
    await expect(diffWorktree(repo.dir, 'nope')).rejects.toThrow(
      `unknown revision nope in ${repo.dir}: fetch it or check the name`,
    );
  });
});
