// Builds the example shop as a real git repository in a temporary folder (main = base/,
// feature = base/ + change/) and reviews the feature branch, printing the PR comment.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const example = path.join(root, 'examples', 'shop');
const repo = mkdtempSync(path.join(tmpdir(), 'architecture-review-example-'));
const git = (...args) =>
  execFileSync('git', ['-C', repo, '-c', 'user.name=Example', '-c', 'user.email=example@example.org', '-c', 'commit.gpgsign=false', ...args], {
    stdio: 'pipe',
  });
try {
  git('init', '-q', '-b', 'main');
  cpSync(path.join(example, 'base'), repo, { recursive: true });
  git('add', '-A');
  git('commit', '-q', '-m', 'The shop');
  git('checkout', '-q', '-b', 'feature');
  cpSync(path.join(example, 'change'), repo, { recursive: true });
  git('add', '-A');
  git('commit', '-q', '-m', 'Serve with gevent, fetch in parallel, add the Go storage server');
  const format = process.argv[2] ?? 'markdown';
  const args = ['review', '--repo', repo, '--base', 'main', '--head', 'feature', '--format', format];
  try {
    execFileSync(process.execPath, [path.join(root, 'bin', 'architecture-review.js'), ...args], { stdio: 'inherit' });
  } catch (err) {
    // Exit status 1 means "a question remains": that is the point of the example.
    if (err.status !== 1) throw err;
    console.error('\n(exit status 1: an unaccepted question remains, so a required check would fail)');
  }
} finally {
  rmSync(repo, { recursive: true, force: true });
}
