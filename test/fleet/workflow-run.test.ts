/**
 * The fleet-audit workflow's own `run:` scripts, taken from .github/workflows/fleet-audit.yml and
 * run with bash as a runner would run them (its env, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY), one job
 * after the other: the listing against the local GitHub API server (3 pages), each matrix job on
 * real git repositories, and the merge job on the reports the jobs wrote.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { makeRepo, removeRepos } from '../support/git-repo.js';
import { startGitHubServer } from '../support/github-server/index.js';
import { parseGfm } from '../report/gfm.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WORKFLOW = parse(readFileSync(path.join(ROOT, '.github/workflows/fleet-audit.yml'), 'utf8')) as {
  jobs: Record<string, { steps: { id?: string; run?: string; env?: Record<string, string> }[] }>;
};
const work = mkdtempSync(path.join(tmpdir(), 'ar-fleet-run-'));
afterAll(() => {
  removeRepos();
  rmSync(work, { recursive: true, force: true });
});

/** The `run:` script of a job's step (the one with `id`, or the only one). */
function script(job: string, id?: string): { run: string; env: Record<string, string> } {
  const steps = WORKFLOW.jobs[job]!.steps.filter((s) => s.run !== undefined && (id === undefined || s.id === id));
  expect(steps, `${job}: one run step`).toHaveLength(1);
  return { run: steps[0]!.run!, env: steps[0]!.env ?? {} };
}

/** A job's workspace, with the tool checked out at `.architecture-review` as the workflow does. */
function workspace(name: string): string {
  const dir = path.join(work, name);
  mkdirSync(dir, { recursive: true });
  symlinkSync(ROOT, path.join(dir, '.architecture-review'));
  return dir;
}

/** Runs a step's script with bash -e, as a runner does; GITHUB_OUTPUT parsed after. Not spawnSync: the API server is in this process. */
function runStep(run: string, cwd: string, env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string; outputs: Record<string, string>; summary: string }> {
  const output = path.join(cwd, 'github-output');
  const summary = path.join(cwd, 'step-summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', run], {
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      const outputs = Object.fromEntries(
        readFileSync(output, 'utf8')
          .split('\n')
          .filter((l) => l.includes('='))
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
      resolve({ status, stdout, stderr, outputs, summary: readFileSync(summary, 'utf8') });
    });
  });
}

describe('fleet-audit.yml, its steps run one job after the other', () => {
  it('lists 250 repositories over 3 pages, audits the 3 it keeps (one with the topic is archived) in matrix jobs, and merges them into the summary', async () => {
    // An organisation of 250 repositories; 4 have the topic `architecture` (one of them archived,
    // so skipped), 3 exist as real git repositories to clone.
    const topical = new Set(['svc-007', 'svc-120', 'svc-201', 'svc-248']);
    const organization = Array.from({ length: 250 }, (_, i) => {
      const name = `svc-${String(i).padStart(3, '0')}`;
      return { name, topics: topical.has(name) ? ['architecture'] : ['other'], archived: name === 'svc-201' };
    });
    const server = await startGitHubServer({ organizations: { 'octo-org': organization } });
    try {
      const clones = path.join(work, 'git');
      const sources: Record<string, string> = {
        'svc-007': 'package main\n\nfunc main() { go serve() }\n',
        'svc-120': 'import threading\n\nthreading.Thread(target=lambda: sum(range(10**6))).start()\n',
        'svc-248': 'import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n\nasyncio.run(main())\n',
      };
      for (const [name, text] of Object.entries(sources)) {
        const repo = makeRepo();
        repo.write(name === 'svc-007' ? 'main.go' : 'app.py', text).commit(name);
        mkdirSync(path.join(clones, 'octo-org'), { recursive: true });
        const run = await runStep(`git clone --quiet --bare "${repo.dir}" "${path.join(clones, 'octo-org', `${name}.git`)}"`, work, {});
        expect(run.status, run.stderr).toBe(0);
      }

      // Job `list`, its step `list`, with the env its expressions give for these inputs.
      const list = script('list', 'list');
      expect(Object.keys(list.env).sort()).toEqual(['GITHUB_TOKEN', 'INCLUDE_ARCHIVED', 'INCLUDE_FORKS', 'NAMES', 'ORG', 'PER_JOB', 'TOPICS']);
      const listed = await runStep(list.run, workspace('list'), {
        GITHUB_TOKEN: server.state.token,
        GITHUB_API_URL: server.url,
        ORG: 'octo-org',
        TOPICS: 'architecture',
        NAMES: 'svc-* nothing-*',
        INCLUDE_ARCHIVED: 'false',
        INCLUDE_FORKS: 'false',
        PER_JOB: '2',
      });
      expect(listed.status, listed.stderr).toBe(0);
      expect(server.requests.filter((r) => r.path === '/orgs/octo-org/repos')).toHaveLength(3);
      expect(listed.outputs.count).toBe('3');
      expect(listed.summary).toBe('3 of 250 repositories of octo-org to audit, in 2 job(s) of up to 2.\n');
      const matrix = JSON.parse(listed.outputs.matrix!) as { include: { job: number; repositories: unknown[] }[] };
      expect(matrix.include.map((j) => j.job)).toEqual([1, 2]);

      // Job `audit`, once per matrix entry, REPOSITORIES as `toJSON(matrix.repositories)` gives it;
      // then each job's reports land in one folder, as download-artifact with merge-multiple does.
      const audit = script('audit');
      expect(audit.env.REPOSITORIES).toBe('${{ toJSON(matrix.repositories) }}');
      const merged = workspace('merge');
      mkdirSync(path.join(merged, 'reports'));
      for (const entry of matrix.include) {
        const dir = workspace(`audit-${entry.job}`);
        const run = await runStep(audit.run, dir, { REPOSITORIES: JSON.stringify(entry.repositories, null, 2), REPORTS_DIR: 'reports', FLEET_CLONE_BASE: `file://${clones}` });
        expect(run.status, run.stdout + run.stderr).toBe(0);
        for (const r of entry.repositories as { name: string }[]) {
          const file = `${r.name.replace('/', '__')}.json`;
          expect(existsSync(path.join(dir, 'reports', file))).toBe(true);
          writeFileSync(path.join(merged, 'reports', file), readFileSync(path.join(dir, 'reports', file)));
        }
      }

      // Job `merge`.
      const merge = script('merge', 'merge');
      const done = await runStep(merge.run, merged, {});
      expect(done.status, done.stderr).toBe(0);
      expect(done.outputs.conclusion).toBe('question');
      const fleet = JSON.parse(readFileSync(path.join(merged, 'fleet/fleet.json'), 'utf8')) as { repositories: { repository: { name: string; url: string } }[] };
      expect(fleet.repositories.map((r) => r.repository)).toMatchObject(['svc-007', 'svc-120', 'svc-248'].map((n) => ({ name: `octo-org/${n}`, url: `https://github.com/octo-org/${n}` })));
      expect(readFileSync(path.join(merged, 'fleet/fleet.md'), 'utf8')).toBe(done.summary);
      expect(done.summary).toMatch(/^## ❓ Architecture review of 3 repositories: 2 repositories have open questions\n/);
      const cells = parseGfm(done.summary).filter((t) => t.type === 'inline' && /^\[?octo-org\//.test(t.content));
      expect(cells.length).toBe(3);
      const sarif = JSON.parse(readFileSync(path.join(merged, 'fleet/fleet.sarif'), 'utf8')) as { runs: unknown[] };
      expect(sarif.runs).toHaveLength(3);
    } finally {
      await server.close();
    }
  });

  it('merge job: says so in one line when no repository could be audited', async () => {
    const dir = workspace('empty-merge');
    mkdirSync(path.join(dir, 'reports'));
    const done = await runStep(script('merge', 'merge').run, dir, {});
    expect(done.status).toBe(1);
    expect(done.stdout.trim()).toBe("::error title=architecture-review fleet::no repository could be audited: see the audit jobs' errors");
  });
});
