/**
 * The repository is read as data: whatever its `.git/config` and `.gitattributes` say, no
 * program of its choosing runs. Each trap below writes a marker file when it runs; a control
 * shows that plain git does run them, so the test would notice a regression.
 */
import { chmodSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  collectChanges,
  diffWorktree,
  isGitRepo,
  listTrackedFiles,
  readBlobs,
  resolveCommit,
} from '../../src/changes/git.js';
import { makeRepo, makeTempDir, removeRepos } from '../support/git-repo.js';

afterAll(removeRepos);

describe('no repository code runs', () => {
  const repo = makeRepo();
  const base = repo.write('.gitattributes', '* diff=evil filter=evil\n').write('app.py', 'a\n').commit('base');
  repo.branch('feature').checkout('feature');
  repo.write('app.py', 'a\nimport threading\n').commit('feature');
  repo.write('app.py', 'a\nimport threading\nimport asyncio\n').write('untracked.py', 'x\n');

  // Armed after the commits, as a repository handed over with a hostile .git/config would be.
  const bin = makeTempDir('trap');
  const marker = join(bin, 'ran');
  const trap = join(bin, 'trap.sh');
  writeFileSync(trap, `#!/bin/sh\necho "$0 $*" >> '${marker}'\ncat "$@" 2>/dev/null\nexit 0\n`);
  chmodSync(trap, 0o755);
  const hooks = join(repo.dir, '.git', 'hooks');
  for (const hook of ['post-checkout', 'pre-commit', 'reference-transaction', 'post-index-change']) {
    writeFileSync(join(hooks, hook), `#!/bin/sh\necho hook >> '${marker}'\n`);
    chmodSync(join(hooks, hook), 0o755);
  }
  repo.git('config', '--unset', 'core.hooksPath');
  for (const [key, value] of [
    ['core.fsmonitor', trap],
    ['core.pager', trap],
    ['diff.external', trap],
    ['diff.evil.command', trap],
    ['diff.evil.textconv', trap],
    ['filter.evil.clean', trap],
    ['filter.evil.smudge', trap],
    ['filter.evil.process', trap],
  ] as const) {
    repo.git('config', key, value);
  }

  it('plain git would run them (control)', () => {
    repo.git('diff', 'HEAD');
    expect(existsSync(marker)).toBe(true);
    rmSync(marker);
  });

  it('reading commits, diffs, blobs, files and the work tree runs none of them', async () => {
    expect(await isGitRepo(repo.dir)).toBe(true);
    expect(await resolveCommit(repo.dir, 'feature')).toMatch(/^[0-9a-f]{40}$/);
    const change = await collectChanges(repo.dir, 'main', 'feature');
    expect(change.base).toBe(base);
    expect(change.files.map((f) => f.path)).toEqual(['app.py']);
    expect([...(change.files[0]!.addedLines as Set<number>)]).toEqual([2]);
    const texts = await readBlobs(repo.dir, change.head, ['app.py', '.gitattributes']);
    expect(texts.get('app.py')).toBe('a\nimport threading\n');
    expect(await listTrackedFiles(repo.dir)).toEqual(['.gitattributes', 'app.py']);
    const worktree = await diffWorktree(repo.dir, base);
    expect(worktree.map((f) => f.path).sort()).toEqual(['app.py', 'untracked.py']);
    expect(existsSync(marker)).toBe(false);
  });

  it('ignores GIT_DIR and friends inherited from a parent git (a hook running the tool)', async () => {
    const other = makeRepo();
    other.write('other.py', 'x\n').commit('other');
    const saved = { GIT_DIR: process.env.GIT_DIR, GIT_INDEX_FILE: process.env.GIT_INDEX_FILE };
    process.env.GIT_DIR = join(other.dir, '.git');
    process.env.GIT_INDEX_FILE = join(other.dir, '.git', 'index');
    try {
      expect(await listTrackedFiles(repo.dir)).toEqual(['.gitattributes', 'app.py']);
      expect(await resolveCommit(repo.dir, 'feature')).toBe(repo.sha('feature'));
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
