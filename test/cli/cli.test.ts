/**
 * The command line as a user meets it: commands, formats, exit statuses, and errors that are
 * one clear line with no stack trace. Mostly in-process (runCli, as the bin does); the bin
 * itself is run as a real process where the process boundary matters.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../../src/docs.js';
import { loadProfile } from '../../src/profile/load-profile.js';
import { runCliCaptured } from '../support/cli.js';
import { makeRepo, makeTempDir, removeRepos, type TestRepo } from '../support/git-repo.js';

afterAll(removeRepos);

const root = path.resolve(import.meta.dirname, '../..');

const PROFILE = `version: 1
services:
  - name: storage
    paths: ["storage/**"]
    needs: { low-latency: true }
  - name: tools
    paths: ["tools/**"]
    workload: io-bound
`;

let repo: TestRepo;
beforeAll(() => {
  repo = makeRepo();
  repo.write('.github/service-profile.yml', PROFILE).write('tools/old.py', 'import threading\nthreading.Thread(target=print).start()\n').commit('base');
  repo.branch('feature').checkout('feature');
  repo.write('storage/main.go', 'package main\n\nfunc main() {\n\tgo serve()\n}\n').commit('go');
});

describe('review', () => {
  it('prints the text report and exits 1 on an open question', async () => {
    const run = await runCliCaptured(['review', '--repo', repo.dir, '--base', 'main', '--head', 'feature']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('golang-unjustified');
    expect(run.stdout).toContain('storage/main.go:4');
    expect(run.stdout).not.toContain('\u001b['); // no colour off a terminal
    // The existing thread is context: no threads finding.
    expect(run.stdout).not.toContain('threads-for-io');
  });

  it('colours the text report on a terminal', async () => {
    const run = await runCliCaptured(['review', '--repo', repo.dir, '--base', 'main', '--head', 'feature'], { isTTY: true });
    expect(run.stdout).toContain('\u001b[');
  });

  it('exits 0 with --fail-on never', async () => {
    const run = await runCliCaptured(['review', '--repo', repo.dir, '--base', 'main', '--head', 'feature', '--fail-on', 'never']);
    expect(run.status).toBe(0);
  });

  it('prints the PR comment with --format markdown', async () => {
    const run = await runCliCaptured(['review', '--repo', repo.dir, '--base', 'main', '--head', 'feature', '--format', 'markdown']);
    expect(run.stdout.startsWith('<!-- architecture-review -->')).toBe(true);
    expect(run.stdout).toContain('#golang-unjustified');
  });

  it('writes JSON exactly as SPEC 8 to --output', async () => {
    const out = path.join(makeTempDir('out'), 'nested', 'report.json');
    const run = await runCliCaptured(['review', '--repo', repo.dir, '--base', 'main', '--head', 'feature', '--format', 'json', '--output', out]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(report)).toEqual(['schemaVersion', 'mode', 'repository', 'base', 'head', 'profile', 'services', 'signals', 'findings', 'conclusion']);
    expect(report.mode).toBe('review');
    expect(report.base).toBe(repo.sha('main'));
    expect(report.head).toBe(repo.sha('feature'));
    expect(report.profile).toEqual({ path: '.github/service-profile.yml', from: 'base', found: true });
    expect(report.services[0]).toEqual({
      name: 'storage',
      criteria: { 'low-latency': true, 'high-concurrency': null, 'shared-memory-multi-core': null, 'beyond-cython-parallel': null },
    });
    expect(report.conclusion).toBe('question');
  });

  it('says in one line when --output cannot be written, and writes nothing else', async () => {
    const folder = makeTempDir('out-folder');
    const blocker = path.join(makeTempDir('out-file'), 'report.json');
    writeFileSync(blocker, 'kept\n');
    for (const [out, reason] of [
      [folder, 'it is a folder'],
      [path.join(blocker, 'report.json'), 'a part of its path is a file, not a folder'],
    ] as const) {
      const run = await runCliCaptured(['review', '--repo', repo.dir, '--base', 'main', '--head', 'feature', '--format', 'json', '--output', out]);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain(`--output ${out}: cannot write the report`);
      expect(run.stderr).toContain(reason);
      expect(run.stderr).not.toContain('internal error');
    }
    expect(readFileSync(blocker, 'utf8')).toBe('kept\n');
  });

  it('writes SARIF 2.1.0 with one rule per rule id', async () => {
    const run = await runCliCaptured(['review', '--repo', repo.dir, '--base', 'main', '--head', 'feature', '--format', 'sarif']);
    const sarif = JSON.parse(run.stdout);
    expect(sarif.version).toBe('2.1.0');
    const ids = sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toContain('golang-unjustified');
    expect(new Set(ids).size).toBe(ids.length);
    expect(sarif.runs[0].results[0].ruleId).toBe('golang-unjustified');
  });

  it('reads the profile from the base commit, so the change cannot edit its way out', async () => {
    const r = makeRepo();
    r.write('.github/service-profile.yml', PROFILE).commit('base');
    r.branch('feature').checkout('feature');
    r.write(
      '.github/service-profile.yml',
      PROFILE.replace('needs: { low-latency: true }', 'needs: { low-latency: true, high-concurrency: true, multi-core: true, shared-memory: true, cython-parallel: false }'),
    );
    r.write('storage/main.go', 'package main\n\nfunc main() { go serve() }\n').commit('justify myself');
    const fromBase = JSON.parse((await runCliCaptured(['review', '--repo', r.dir, '--base', 'main', '--head', 'feature', '--format', 'json'])).stdout);
    expect(fromBase.findings.map((f: { rule: string }) => f.rule)).toEqual(expect.arrayContaining(['golang-unjustified', 'profile-changed']));
    const fromHead = JSON.parse(
      (await runCliCaptured(['review', '--repo', r.dir, '--base', 'main', '--head', 'feature', '--format', 'json', '--profile-from', 'head'])).stdout,
    );
    expect(fromHead.findings.map((f: { rule: string }) => f.rule)).toEqual(expect.arrayContaining(['golang-justified', 'profile-changed']));
  });

  it('fails with one line and status 2 on an unknown ref', async () => {
    const run = await runCliCaptured(['review', '--repo', repo.dir, '--base', 'no-such-branch']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('no-such-branch');
  });

  it('fails with status 2 outside a git repository', async () => {
    const run = await runCliCaptured(['review', '--repo', makeTempDir('plain'), '--base', 'main']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^architecture-review: .+\n$/);
  });

  it('lists every problem of a bad base profile with its place, status 2, and prints no report', async () => {
    const r = makeRepo();
    r.write('.github/service-profile.yml', 'version: 1\nservices:\n  - name: a\n    needs:\n      low-latncy: true\n    contxt: erp5\n').commit('base');
    r.branch('feature').checkout('feature');
    r.write('a.py', 'import threading\n').commit('change');
    const run = await runCliCaptured(['review', '--repo', r.dir, '--base', 'main', '--head', 'feature', '--format', 'markdown']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^architecture-review: \.github\/service-profile\.yml:5:7: .*low-latncy.*did you mean low-latency\?/);
    expect(lines[1]).toMatch(/^architecture-review: \.github\/service-profile\.yml:6:5: .*contxt.*did you mean context\?/);
  });

  it('rejects --profile outside the repository in a review', async () => {
    const run = await runCliCaptured(['review', '--repo', repo.dir, '--base', 'main', '--profile', '../../etc/passwd']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('inside the repository');
  });
});

describe('usage', () => {
  it.each([
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['review'], '--base REF is required'],
    [['review', '--base', 'main', '--format', 'html'], '--format must be one of text, markdown, json, sarif (got "html")'],
    [['review', '--base', 'main', '--fail-on', 'sometimes'], '--fail-on must be one of question, never'],
    [['review', '--base', 'main', '--profile-from', 'tip'], '--profile-from must be one of base, head'],
    [['audit', '--base', 'main'], '--base is only for review'],
    [['audit', '--colour'], "Unknown option '--colour'"],
    [['validate', 'extra'], 'unexpected argument "extra"'],
  ])('%j → status 2: %s', async (argv, message) => {
    const run = await runCliCaptured(argv);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prints help and the version', async () => {
    expect((await runCliCaptured(['--help'])).stdout).toContain('architecture-review review');
    expect((await runCliCaptured(['--version'])).stdout.trim()).toBe(VERSION);
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(VERSION).toBe(pkg.version);
  });
});

describe('audit', () => {
  it('reviews every file of a tree, existing signals included', async () => {
    const run = await runCliCaptured(['audit', repo.dir, '--format', 'json']);
    const report = JSON.parse(run.stdout);
    expect(report.mode).toBe('audit');
    expect(report.profile.from).toBe('worktree');
    const rules = report.findings.map((f: { rule: string }) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['golang-unjustified', 'threads-for-io']));
    expect(report.signals.every((s: { introduced: boolean }) => s.introduced)).toBe(true);
    expect(run.status).toBe(1);
  });

  it('audits a folder that is not a git work tree', async () => {
    const dir = makeTempDir('plain-audit');
    mkdirSync(path.join(dir, 'app'));
    writeFileSync(path.join(dir, 'app', 'jobs.py'), 'from multiprocessing import Pool\nPool(4)\n');
    const run = await runCliCaptured(['audit', dir, '--format', 'json']);
    const report = JSON.parse(run.stdout);
    expect(report.findings.map((f: { rule: string }) => f.rule)).toEqual(expect.arrayContaining(['multiprocessing-ok', 'profile-missing']));
    expect(report.conclusion).toBe('recommend');
    expect(run.status).toBe(0);
  });

  it('fails with status 2 on a folder that does not exist', async () => {
    const run = await runCliCaptured(['audit', '/nonexistent/architecture-review']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('does not exist');
  });
});

describe('validate', () => {
  it('accepts a good profile and rules file', async () => {
    const dir = makeTempDir('validate');
    mkdirSync(path.join(dir, '.github'));
    writeFileSync(path.join(dir, '.github', 'service-profile.yml'), PROFILE);
    writeFileSync(path.join(dir, 'rules.yml'), 'version: 1\ndisable: [measure-first]\n');
    const run = await runCliCaptured(['validate', '--rules', 'rules.yml'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('2 service(s)');
    expect(run.stdout).toContain('19 rule(s)');
  });

  it('lists every problem of a bad rules file with positions', async () => {
    const dir = makeTempDir('validate-bad');
    writeFileSync(
      path.join(dir, 'rules.yml'),
      'version: 1\ndisable: [measure-frist]\nrules:\n  - id: my-rule\n    title: T\n    verdict: maybe\n    trigger: { signals: [threads] }\n    reason: r\n    message: "{{whta}}"\n    alternative: a\n    docs: my-rule\n',
    );
    const run = await runCliCaptured(['validate', '--rules', 'rules.yml'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('rules.yml:6:14:');
    expect(run.stderr).toMatch(/verdict/);
  });

  it('says when there is no profile', async () => {
    const run = await runCliCaptured(['validate'], { cwd: makeTempDir('none') });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('no profile');
  });
});

describe('an empty tree', () => {
  it('says that no file is tracked, in audit and init, rather than an unexplained "all clear"', async () => {
    const r = makeRepo();
    r.write('app.py', 'import threading\nthreading.Thread(target=print).start()\n');
    const audit = await runCliCaptured(['audit', r.dir]);
    expect(audit.status).toBe(0);
    expect(audit.stdout).toContain(`No file is tracked by git in ${r.dir}`);
    expect(audit.stdout).toContain('git add');
    const init = await runCliCaptured(['init', r.dir]);
    expect(init.stdout).toContain('0 signal(s) found');
    expect(init.stdout).toContain('note: No file is tracked by git');

    r.git('add', 'app.py');
    const after = await runCliCaptured(['audit', r.dir, '--format', 'json']);
    expect(after.stdout).not.toContain('No file is tracked');
    expect((JSON.parse(after.stdout) as { signals: unknown[] }).signals.length).toBeGreaterThan(0);
  });
});

describe('init', () => {
  it('writes a valid starter profile from what it finds, and never overwrites it', async () => {
    const r = makeRepo();
    r.write('storage/main.go', 'package main\n').write('web/app.py', 'import gevent\n').write('README.md', 'x\n').commit('tree');
    const first = await runCliCaptured(['init', r.dir]);
    expect(first.status).toBe(0);
    const file = path.join(r.dir, '.github', 'service-profile.yml');
    const text = readFileSync(file, 'utf8');
    const profile = loadProfile(text, 'profile');
    expect(profile.services.map((s) => s.name)).toEqual(['storage', 'web']);
    expect(profile.services.every((s) => Object.keys(s.needs).length === 0)).toBe(true);
    expect(text).toContain('# found: greenlets');
    const second = await runCliCaptured(['init', r.dir]);
    expect(second.status).toBe(2);
    expect(second.stderr).toContain('already exists');
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});

describe('the bin, as a real process', () => {
  const bin = path.join(root, 'bin', 'architecture-review.js');
  it('prints one line and no stack trace on a bad profile', () => {
    const dir = makeTempDir('bin');
    mkdirSync(path.join(dir, '.github'));
    writeFileSync(path.join(dir, '.github', 'service-profile.yml'), 'services: [\n');
    const res = spawnSync(process.execPath, [bin, 'validate'], { cwd: dir, encoding: 'utf8' });
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/^architecture-review: \.github\/service-profile\.yml:\d+:\d+: /);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  it('stops writing, with no stack trace and its own status, when the reader closes the pipe early', async () => {
    // Enough Go for a report far larger than a pipe's buffer.
    const dir = makeTempDir('bin-pipe');
    for (let i = 0; i < 300; i++) writeFileSync(path.join(dir, `f${i}.go`), `package p\n\nfunc f${i}(c chan int) {\n\tgo work()\n\tc <- 1\n\t<-c\n}\n`);
    for (const [failOn, status] of [['never', 0], ['question', 1]] as const) {
      const child = spawn(process.execPath, [bin, 'audit', dir, '--format', 'json', '--fail-on', failOn], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      // Read the first piece, then close our end, as `| head -c 100` does.
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(stderr).toBe('');
      expect(code).toBe(status);
    }
  });

  it('starts without the YAML parser and schemas, and loads them when a rules file is given', () => {
    // dist/cli.js and the chunks it imports statically: what every run loads.
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/^(?:import|} from|export \* from)[^"'\n]*["'](\.[^"']+)["']/gm)) visit(path.resolve(path.dirname(file), m[1]!));
    };
    visit(path.join(root, 'dist', 'cli.js'));
    const eager = [...seen].map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(seen.size).toBeGreaterThan(1);
    // Class names of yaml's parser error and zod's error: present in the bundle, loaded lazily.
    for (const marker of ['YAMLParseError = class', 'ZodError']) {
      expect(eager).not.toContain(marker);
      const chunks = path.join(root, 'dist', 'chunks');
      expect(readdirSync(chunks).some((f) => readFileSync(path.join(chunks, f), 'utf8').includes(marker))).toBe(true);
    }

    const dir = makeTempDir('bin-rules');
    writeFileSync(path.join(dir, 'app.py'), 'import threading\nthreading.Thread(target=print).start()\n');
    writeFileSync(path.join(dir, 'rules.yml'), 'disable: [threads-io-only]\n');
    const plain = spawnSync(process.execPath, [bin, 'audit', dir, '--format', 'json', '--fail-on', 'never'], { encoding: 'utf8' });
    const disabled = spawnSync(
      process.execPath,
      [bin, 'audit', dir, '--format', 'json', '--fail-on', 'never', '--rules', 'rules.yml'],
      { cwd: dir, encoding: 'utf8' },
    );
    expect([plain.status, disabled.status]).toEqual([0, 0]);
    const ruleIds = (out: string) => (JSON.parse(out) as { findings: { rule: string }[] }).findings.map((f) => f.rule);
    expect(ruleIds(plain.stdout)).toContain('threads-io-only');
    expect(ruleIds(disabled.stdout)).not.toContain('threads-io-only');
    expect(ruleIds(disabled.stdout)).toContain('measure-first');
    writeFileSync(path.join(dir, 'rules.yml'), 'disable: [threads-io-onyl]\n');
    const typo = spawnSync(process.execPath, [bin, 'audit', dir, '--rules', 'rules.yml'], { cwd: dir, encoding: 'utf8' });
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('rules.yml:1:');
    expect(typo.stderr).toContain('did you mean threads-io-only?');
  });

  it('runs the bundled example end to end', () => {
    const out = execFileSync(process.execPath, [path.join(root, 'scripts', 'example.js')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toContain('golang-justified');
    expect(out).toContain('async-no-multicore');
    expect(out).toContain('threads-for-io');
  });
});

describe('accept entries', () => {
  it('must name a rule of the run, with a did-you-mean', async () => {
    const dir = makeTempDir('accept');
    mkdirSync(path.join(dir, '.github'));
    writeFileSync(path.join(dir, '.github', 'service-profile.yml'), 'version: 1\naccept:\n  - rule: threads-io-onyl\n    reason: scripts\n');
    const run = await runCliCaptured(['validate'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'architecture-review: .github/service-profile.yml:3:11: accept names threads-io-onyl, which is not a rule of this run (did you mean threads-io-only?): use one of the ids listed in the README\n',
    );
  });
});
