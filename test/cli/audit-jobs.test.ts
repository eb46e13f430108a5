/**
 * `audit --jobs N` through the bundled CLI (bin/architecture-review.js runs dist/, where the
 * detection worker lives): the report is byte for byte the one of `--jobs 1` on real trees
 * (this machine's Python standard library, Go's source tree from golang-go) and on a generated
 * one, in every format; a worker that dies fails the audit with one line, exit 2, and no report.
 */
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = path.resolve(import.meta.dirname, '../../bin/architecture-review.js');
const GOROOT = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
const work = mkdtempSync(path.join(tmpdir(), 'ar-jobs-'));
// A copy of the standard library's .py files: where it is installed may be inside a git work
// tree (pyenv's), whose tracked files an audit would read instead.
const STDLIB = path.join(work, 'stdlib');
cpSync(execFileSync('python3', ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' }).trim(), STDLIB, {
  recursive: true,
  filter: (src) => !src.includes('site-packages') && !src.endsWith('.pyc') && !src.includes('__pycache__'),
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A tree of n files: threads, asyncio, gevent, Go and plain files, over a few services. */
function generatedTree(n: number): string {
  const dir = path.join(work, `gen-${n}`);
  const kinds = [
    'import threading\nthreading.Thread(target=print).start()\n',
    'import asyncio\n\nasync def main():\n    await asyncio.sleep(0)\n',
    'import gevent\ngevent.spawn(print)\n',
    'def f():\n    return 1\n',
  ];
  for (let i = 0; i < n; i++) {
    const sub = path.join(dir, `svc${i % 5}`, `pkg${i % 37}`);
    mkdirSync(sub, { recursive: true });
    if (i % 11 === 0) writeFileSync(path.join(sub, `m${i}.go`), `package pkg\n\nfunc F${i}() {\n\tgo func() {}()\n}\n`);
    else writeFileSync(path.join(sub, `m${i}.py`), kinds[i % kinds.length]!);
  }
  mkdirSync(path.join(dir, '.github'), { recursive: true });
  writeFileSync(
    path.join(dir, '.github/service-profile.yml'),
    `version: 1\nservices:\n${[0, 1, 2, 3, 4].map((s) => `  - name: svc${s}\n    paths: ["svc${s}/**"]\n    workload: ${s % 2 ? 'io-bound' : 'cpu-bound'}\n`).join('')}`,
  );
  return dir;
}

async function expectSameReport(dir: string, format: string, jobs: number[]): Promise<void> {
  const one = await cli(['audit', dir, '--format', format, '--fail-on', 'never', '--jobs', '1']);
  expect(one.stderr).toBe('');
  expect(one.status).toBe(0);
  expect(one.stdout.length).toBeGreaterThan(1000);
  for (const n of jobs) {
    const many = await cli(['audit', dir, '--format', format, '--fail-on', 'never', '--jobs', String(n)]);
    expect(many.stderr, `--jobs ${n}`).toBe('');
    expect(many.status).toBe(0);
    expect(many.stdout === one.stdout, `--jobs ${n} gives the --jobs 1 report, byte for byte (${format})`).toBe(true);
  }
}

describe('audit --jobs N gives the report of --jobs 1, byte for byte', () => {
  it("on this machine's Python standard library (json, text, sarif)", { timeout: 180_000 }, async () => {
    await expectSameReport(STDLIB, 'json', [2, 3]);
    await expectSameReport(STDLIB, 'text', [2]);
    await expectSameReport(STDLIB, 'sarif', [2]);
  });

  it("on Go's source tree (json, markdown)", { timeout: 180_000 }, async () => {
    const src = path.join(GOROOT, 'src');
    expect(existsSync(src)).toBe(true);
    await expectSameReport(src, 'json', [2, 4]);
    await expectSameReport(src, 'markdown', [2]);
  });

  it('on a generated tree of 6,000 files with a profile, and without --jobs (the default)', { timeout: 180_000 }, async () => {
    const dir = generatedTree(6000);
    await expectSameReport(dir, 'json', [2, 7]);
    const byDefault = await cli(['audit', dir, '--format', 'json', '--fail-on', 'never']);
    const one = await cli(['audit', dir, '--format', 'json', '--fail-on', 'never', '--jobs', '1']);
    expect(byDefault.stdout === one.stdout).toBe(true);
    const report = JSON.parse(one.stdout) as { signals: unknown[]; findings: unknown[] };
    expect(report.signals.length).toBeGreaterThan(4000);
    expect(report.findings.length).toBeGreaterThan(5);
  });
});

describe('a worker that dies', () => {
  it('fails the audit with one line and exit 2, and writes no report', { timeout: 120_000 }, async () => {
    const out = path.join(work, 'report.json');
    const run = await cli(['audit', STDLIB, '--format', 'json', '--jobs', '2', '--output', out], { ARCHITECTURE_REVIEW_TEST_CRASH_ON: 'asyncio/tasks.py' });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      'architecture-review: audit: a detection worker failed (a worker thread exited with status 70); no report was written: run again, or with --jobs 1 to see which file it was',
    ]);
    expect(existsSync(out)).toBe(false);
    // Without workers the same file is read fine (the hook only kills workers).
    const single = await cli(['audit', STDLIB, '--format', 'json', '--fail-on', 'never', '--jobs', '1', '--output', out], { ARCHITECTURE_REVIEW_TEST_CRASH_ON: 'asyncio/tasks.py' });
    expect(single.status).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).signals.length).toBeGreaterThan(100);
  });

  it('a bad --jobs is refused before anything is read', async () => {
    for (const bad of ['0', 'two', '1.5', '257']) {
      const run = await cli(['audit', STDLIB, '--jobs', bad]);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(`architecture-review: --jobs must be a whole number from 1 to 256, like 4 (got "${bad}")\n`);
    }
    const review = await cli(['review', '--base', 'HEAD', '--jobs', '2']);
    expect(review.stderr).toBe('architecture-review: review: --jobs is only for audit\n');
  });
});
