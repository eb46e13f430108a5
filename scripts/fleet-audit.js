#!/usr/bin/env node
/**
 * One job of the fleet audit (.github/workflows/fleet-audit.yml): for each repository in
 * REPOSITORIES (the JSON list `architecture-review repositories` gives a matrix job), a shallow
 * clone of its default branch, its audit, and the JSON report in REPORTS_DIR/<owner>__<name>.json.
 *
 * The repositories' code is read, never run: `git clone` runs no hook of the repository it
 * clones, Git LFS is told not to fetch, submodules are not cloned. The token goes to git in
 * environment variables (not on a command line other processes can read), as a header for the
 * server of the repository only, and is never printed.
 *
 * Environment: REPOSITORIES (required), REPORTS_DIR (default `reports`), GITHUB_TOKEN (optional:
 * public repositories need none), FLEET_CLONE_BASE (tests: a folder of bare repositories
 * `<owner>/<name>.git` to clone from instead of the repositories' pages).
 * Exit status: 0 when every repository was audited, 1 when one could not be (each said in a
 * `::error::` line, the others still audited), 2 when REPOSITORIES is not a list of repositories.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../bin/architecture-review.js', import.meta.url));
const NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

function fail(message) {
  process.stderr.write(`fleet-audit: ${message}\n`);
  process.exit(2);
}

/** The last line git or the audit wrote on stderr, safe for a workflow command. */
function lastLine(stderr) {
  const lines = stderr.toString('utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return (lines.at(-1) ?? 'no message').replace(/[\r\n%]/g, ' ').slice(0, 300);
}

let repositories;
try {
  repositories = JSON.parse(process.env.REPOSITORIES ?? '');
} catch {
  fail('REPOSITORIES must be the JSON list of a matrix job ([{"name":"owner/repo","branch":"main","url":"https://github.com/owner/repo"}])');
}
if (!Array.isArray(repositories)) fail('REPOSITORIES must be a JSON list of repositories');
for (const r of repositories) {
  const ok =
    r && typeof r.name === 'string' && NAME.test(r.name) && !r.name.split('/').some((p) => p === '.' || p === '..') && typeof r.branch === 'string' && /^[^-\s][^\s]*$/.test(r.branch) && typeof r.url === 'string' && /^https?:\/\/[^\s]+$/.test(r.url);
  if (!ok) fail(`REPOSITORIES holds ${JSON.stringify(r)}, not {"name":"owner/repo","branch":"<default branch>","url":"https://…"}`);
}

const reports = path.resolve(process.env.REPORTS_DIR || 'reports');
mkdirSync(reports, { recursive: true });
const work = mkdtempSync(path.join(process.env.RUNNER_TEMP || tmpdir(), 'fleet-audit-'));
const token = process.env.GITHUB_TOKEN;
const cloneBase = process.env.FLEET_CLONE_BASE;
let failed = 0;

for (const [i, r] of repositories.entries()) {
  const started = process.hrtime.bigint();
  const dir = path.join(work, String(i));
  const env = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_LFS_SKIP_SMUDGE: '1' };
  delete env.GITHUB_TOKEN;
  const source = cloneBase ? `${cloneBase.replace(/\/+$/, '')}/${r.name}.git` : `${r.url}.git`;
  if (token && !cloneBase) {
    // As actions/checkout does, scoped to the repository's own server.
    Object.assign(env, {
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: `http.${new URL(r.url).origin}/.extraheader`,
      GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`,
    });
  }
  const clone = spawnSync('git', ['clone', '--quiet', '--depth', '1', '--single-branch', '--no-tags', '--branch', r.branch, '--', source, dir], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  if (clone.status !== 0) {
    process.stdout.write(`::error title=architecture-review fleet::${r.name}: cannot clone its ${r.branch} branch (${lastLine(clone.stderr)})\n`);
    failed++;
    rmSync(dir, { recursive: true, force: true });
    continue;
  }
  const output = path.join(reports, `${r.name.replace('/', '__')}.json`);
  const audit = spawnSync(process.execPath, [CLI, 'audit', dir, '--repository', r.url, '--format', 'json', '--fail-on', 'never', '--output', output], {
    env,
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  rmSync(dir, { recursive: true, force: true });
  const seconds = (Number(process.hrtime.bigint() - started) / 1e9).toFixed(1);
  if (audit.status !== 0) {
    process.stdout.write(`::error title=architecture-review fleet::${r.name}: the audit stopped (${lastLine(audit.stderr)})\n`);
    failed++;
    continue;
  }
  // Warnings of the audit (a glob that matches no file) stay in the log, under the repository's name.
  for (const line of audit.stderr.toString('utf8').split('\n').filter((l) => l.trim() !== '')) process.stdout.write(`${r.name}: ${line}\n`);
  process.stdout.write(`${r.name} (${r.branch}): audited in ${seconds} s\n`);
}
rmSync(work, { recursive: true, force: true });
process.exit(failed > 0 ? 1 : 0);
