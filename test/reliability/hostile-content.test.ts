/**
 * Hostile repository content, end to end: what a pull request or a checked-out tree can hold
 * to break the review, inject into its comment, exhaust its memory, or make it read outside the
 * workspace. Through the CLI (`audit`, `review`) and, where a comment is at stake, the action.
 *
 * Memory: the 50 MB files are audited and reviewed by the real CLI (bin/, as users run it) in
 * a child process, and the child reports its own peak resident set size at exit
 * (`process.resourceUsage().maxRSS`, printed by a preloaded module). Peaks are compared, never
 * bounded absolutely (Node versions and machines differ): against the same change with 1 KB
 * files, and against the same change with a 150 MB file, so that memory is shown not to grow
 * with the file. Holding a 50 MB file, as a Buffer (off the V8 heap) or as a string, adds 50 MB
 * or more to the peak, far beyond the few MB two runs of the same program differ by; and a
 * child's own peak is not disturbed by tests running in parallel. The child also runs with a
 * small V8 heap (`--max-old-space-size=64`) as a backstop only: V8 places big strings in
 * large-object space, which that flag does not bound tightly, so it is not the measure.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectFile } from '../../src/detect/index.js';
import { makePullScenario, runAction } from '../action/harness.js';
import { githubReferences, parseGfm, type Token } from '../report/gfm.js';
import { runCliCaptured, type CliRun } from '../support/cli.js';
import { makePullRequestEvent, makePushEvent } from '../support/events.js';
import { startGitHubServer, type GitHubServer } from '../support/github-server/index.js';
import { makeRepo, makeTempDir, removeRepos, type TestRepo } from '../support/git-repo.js';

afterAll(removeRepos);

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'architecture-review.js');
const PROFILE_PATH = '.github/service-profile.yml';
const MARKER = '<!-- architecture-review -->';

const PROFILE = `version: 1
services:
  - name: app
    paths: ["**"]
    workload: cpu-bound
`;

interface JsonReport {
  signals: { signal: string; path: string; line: number; evidence: string; introduced: boolean }[];
  findings: { rule: string; verdict: string; locations: { path: string; line: number }[]; accepted: boolean }[];
  conclusion: string;
}

function jsonOf(run: CliRun): JsonReport {
  expect(run.stderr).toBe('');
  expect([0, 1]).toContain(run.status);
  return JSON.parse(run.stdout) as JsonReport;
}

// ---------------------------------------------------------------------------------------------
// Markup in file names and code lines
// ---------------------------------------------------------------------------------------------

/** Text that would be markup, HTML, a ping, a reference or a link if it reached the comment raw. */
const PAYLOAD =
  '<img src=x onerror=alert(1)> @octocat @octo-org/admins #123 GH-7 octo-org/octo-repo#9 ' +
  '[click](https://evil.example/x) ![pixel](https://evil.example/p.png) www.evil.example ' +
  '<!-- architecture-review --> </details><details><summary>x</summary> ``` `code` ' +
  '**bold** _em_ ~~strike~~ | a | b | &lt;&#64;&amp; \\ $x$ \u202Eevil\u202C';

/** File names a pull request may add (git allows any byte but NUL and `/` in a name). */
const HOSTILE_NAMES = [
  'app/<img src=x onerror=alert(1)>.py',
  'app/[click](https:evil.example) @octocat #123.py',
  'app/`code` ``more`` ```.py',
  'app/**bold** _em_ ~~s~~ | cell |.py',
  'app/<!-- architecture-review -->.py',
  'app/</details><details><summary>open.py',
  'app/www.evil.example GH-1 octo-org!octo-repo#2.py',
  'app/&lt;entity&gt; &#64;octocat.py',
  'app/\u202Eyp.evil.py',
  '# heading.py',
  '> quote.py',
  '1. item.py',
  '- item.py',
  '@octocat.py',
  'app/line\nbreak\n::error::pwned-by-name.py',
];

/** The files of the hostile change: every name carries threads; lines carry the payload. */
function hostileTree(): Record<string, string> {
  const tree: Record<string, string> = { [PROFILE_PATH]: PROFILE };
  HOSTILE_NAMES.forEach((name, i) => {
    tree[name] = `import threading  # ${PAYLOAD} ${i}\nthreading.Thread(target=print).start()  # ${PAYLOAD} ${i}\n`;
  });
  tree['app/async_mod.py'] = `async def handler():  # ${PAYLOAD}\n    await thing()  # ::error::pwned-by-line\n`;
  tree['go/main.go'] = `package main\n\nfunc main() {\n\tgo serve() // ${PAYLOAD}\n}\n`;
  tree['app/accepted.py'] =
    `import threading\n# architecture-review: accept threads-io-only -- ${PAYLOAD}\nthreading.Thread(target=print).start()\n`;
  return tree;
}

/** What the renderer itself writes as HTML: the markers, folded locations, the citation. */
const OWN_HTML = /^(?:<!-- architecture-review -->|<!-- architecture-review:head [0-9a-f]+ -->|<details><summary>\d+ locations<\/summary>|<\/details>|<sub>|<\/sub>|\s)+$/;

/** Checks that a rendered comment (or summary) cannot carry markup from the repository. */
/** `marker`: a PR comment, which must start with the one marker (a summary may or may not). */
function expectHarmless(markdown: string, options: { marker: boolean }): Token[] {
  const tokens = parseGfm(markdown);
  expect(tokens.filter((t) => t.type === 'image')).toEqual([]);
  for (const link of tokens.filter((t) => t.type === 'link_open')) {
    // The only links are the rule docs: a README anchor of this action.
    expect(link.attrGet('href')).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/blob\/[\w./-]+\/README\.md#[a-z0-9-]+$/);
  }
  for (const html of tokens.filter((t) => t.type === 'html_block' || t.type === 'html_inline')) {
    expect(html.content, 'HTML that the renderer did not write').toMatch(OWN_HTML);
  }
  expect(githubReferences(tokens)).toEqual([]);
  // No bidi override or control character survives (a newline is layout, not content).
  // eslint-disable-next-line no-control-regex
  expect(markdown).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/);
  // Exactly one marker, the renderer's own, first: the publisher finds its comment by it.
  const markers = markdown.split(MARKER).length - 1;
  if (options.marker) expect(markers).toBe(1);
  else expect(markers).toBeLessThanOrEqual(1);
  if (markers === 1) expect(markdown.startsWith(MARKER)).toBe(true);
  return tokens;
}

/**
 * What the comment shows of a path: bidi characters dropped, line breaks as spaces, and a word
 * joiner in `<!--`, so that the raw body never holds a second marker.
 */
function shownPath(name: string): string {
  return name.replace(/[\u202A-\u202E]/g, '').replace(/\n/g, ' ').replace(/<!--/g, '<\u2060!--');
}

/** The review is not vacuous: every hostile file is there, as code. */
function expectEveryFileShownAsCode(tokens: Token[]): void {
  const code = tokens.filter((t) => t.type === 'code_inline').map((t) => t.content);
  for (const name of HOSTILE_NAMES) {
    expect(code.some((c) => c.startsWith(`${shownPath(name)}:2`)), `${JSON.stringify(name)} is shown as code`).toBe(true);
  }
}

describe('markup, HTML, mentions and references in file names and code lines', () => {
  let server: GitHubServer;
  beforeEach(async () => {
    server = await startGitHubServer();
  });
  afterEach(async () => {
    expect(server.violations).toEqual([]);
    await server.close();
  });

  it('the action posts one comment that renders harmless, and no workflow command is injected', async () => {
    const pr = makePullScenario(server, { number: 5, base: { [PROFILE_PATH]: PROFILE }, head: hostileTree() });
    const payload = makePullRequestEvent({ pull: server.state.pulls.get(5) });
    // Annotations as workflow commands (no check run): the path where escaping is the action's.
    const run = await runAction({ server, eventName: 'pull_request', payload, workspace: pr.repo.dir, inputs: { 'check-name': '' } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);

    const comments = server.commentsOn(5);
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body;
    const tokens = expectHarmless(body, { marker: true });
    expectEveryFileShownAsCode(tokens);
    // The self-acceptance is shown, its hostile reason escaped.
    expect(body).toContain('accepted by this PR');
    expectHarmless(run.summary, { marker: false });

    // File names and lines reach annotations only through @actions/core's escaping: no line of
    // the log is a command the repository wrote.
    const lines = run.stdout.split('\n');
    expect(lines.filter((l) => /pwned/.test(l) && /^::(?:error|warning|notice|set-output|add-mask|stop-commands)/.test(l.replace(/^::(warning|notice) [^:]*::/, '')))).toEqual([]);
    expect(lines.filter((l) => l.startsWith('::error::pwned'))).toEqual([]);
    for (const c of run.commands) expect(c.props).not.toMatch(/[\r\n]/);
    expect(run.commands.filter((c) => c.level === 'warning').length).toBeGreaterThan(0);
  });

  it('the CLI review prints the same harmless comment, and a text report without control characters', async () => {
    const repo = makeRepo();
    repo.write(PROFILE_PATH, PROFILE).commit('base');
    repo.branch('feature').checkout('feature');
    for (const [name, text] of Object.entries(hostileTree())) repo.write(name, text);
    repo.commit('hostile');

    const markdown = await runCliCaptured(['review', '--repo', repo.dir, '--base', 'main', '--format', 'markdown']);
    expect(markdown.status).toBe(1);
    expect(markdown.stderr).toBe('');
    expectEveryFileShownAsCode(expectHarmless(markdown.stdout, { marker: true }));

    const text = await runCliCaptured(['review', '--repo', repo.dir, '--base', 'main'], { isTTY: true });
    // Colour is the renderer's own (ESC [ … m); nothing else may reach the terminal.
    // eslint-disable-next-line no-control-regex
    const withoutColour = text.stdout.replace(/\u001b\[[0-9;]*m/g, '');
    // eslint-disable-next-line no-control-regex
    expect(withoutColour).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);

    const audit = await runCliCaptured(['audit', repo.dir, '--format', 'markdown']);
    expectEveryFileShownAsCode(expectHarmless(audit.stdout, { marker: true }));
  });
});

// ---------------------------------------------------------------------------------------------
// Size and shape: long lines, huge files, deep nesting, bytes that are not text
// ---------------------------------------------------------------------------------------------

const MB = 1024 * 1024;

/** Runs the built CLI in a child process with a capped heap; reports the child's own peak RSS. */
function runCliChild(args: string[], options: { cwd: string; heapMb: number }): Promise<{ status: number | null; signal: string | null; stdout: string; stderr: string; maxRssMb: number }> {
  // Printed by the child itself at exit: resourceUsage is per process.
  const probe = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\nmaxrss-kb='+process.resourceUsage().maxRSS+'\\n'))`;
  const child = spawn(process.execPath, [`--max-old-space-size=${options.heapMb}`, '--import', probe, BIN, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? options.cwd, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.on('close', (status, signal) => {
      const m = /\nmaxrss-kb=(\d+)\n$/.exec(stderr);
      resolve({
        status,
        signal,
        stdout,
        stderr: m ? stderr.slice(0, m.index) : stderr,
        maxRssMb: m ? Number(m[1]) / 1024 : Infinity,
      });
    }),
  );
}

describe('size and shape', () => {
  it('a 1 MB line is read, its evidence cut to 200 characters, the comment kept small', { timeout: 60_000 }, async () => {
    const repo = makeRepo();
    repo.write(PROFILE_PATH, PROFILE).commit('base');
    repo.branch('feature').checkout('feature');
    repo.write('long/one_line.py', `import threading; x = "${'x'.repeat(MB)}"\n`);
    repo.write('long/tail.py', `x = "${'y'.repeat(MB)}"; import asyncio\n`);
    repo.write('long/main.go', `package main\n\nfunc main() { go serve(); s := "${'z'.repeat(MB)}"; _ = s }\n`);
    repo.commit('long lines');

    const audit = jsonOf(await runCliCaptured(['audit', repo.dir, '--format', 'json']));
    const kinds = audit.signals.map((s) => `${s.path}:${s.signal}`);
    expect(kinds).toEqual(expect.arrayContaining(['long/one_line.py:threads', 'long/tail.py:asyncio', 'long/main.go:golang']));
    for (const s of audit.signals) expect(s.evidence.length).toBeLessThanOrEqual(200);

    const review = await runCliCaptured(['review', '--repo', repo.dir, '--base', 'main', '--format', 'markdown']);
    expect(review.status).toBe(1);
    expect(review.stdout.length).toBeLessThan(65_536);
    expectHarmless(review.stdout, { marker: true });
  });

  it('a 50 MB minified file (.js and .py) is never loaded: memory does not grow with its size', { timeout: 180_000 }, async () => {
    /** The same change with bundles of the given sizes (one line each, as minifiers write them). */
    const build = (jsSize: number, pySize: number): TestRepo => {
      const repo = makeRepo();
      repo.write(PROFILE_PATH, PROFILE).write('app/small.py', 'x = 1\n').commit('base');
      repo.branch('feature').checkout('feature');
      const chunk = 'var a=function(b){return b&&b.c?b.c(d):e[f]||g(h,i,"j")};';
      repo.write('static/app.min.js', chunk.repeat(Math.ceil(jsSize / chunk.length)));
      repo.write('app/generated.py', 'import threading;' + 'x=(1,2,"a");'.repeat(Math.ceil(pySize / 12)));
      repo.write('app/small.py', 'import asyncio\nx = 1\n');
      repo.commit('add bundles');
      return repo;
    };
    const small = build(1024, 1024);
    const huge = build(50 * MB, 50 * MB);
    const huger = build(150 * MB, 50 * MB);

    const signals = (r: { stdout: string }) => (JSON.parse(r.stdout) as JsonReport).signals.map((s) => `${s.path}:${s.signal}`);
    const peaks: Record<string, number> = {};
    for (const [name, repo] of [
      ['small', small],
      ['huge', huge],
      ['huger', huger],
    ] as const) {
      for (const args of [
        ['audit', '.', '--format', 'json'],
        ['review', '--base', 'main', '--format', 'json'],
      ]) {
        const run = await runCliChild(args, { cwd: repo.dir, heapMb: 64 });
        expect(run.signal).toBeNull();
        expect(run.stderr).not.toMatch(/heap out of memory|FATAL ERROR/);
        expect([0, 1]).toContain(run.status);
        // A small bundle is read (its threading import counts); one over 5 MiB is not, and
        // the rest of the change is reviewed as usual.
        expect(signals(run)).toEqual(name === 'small' ? ['app/generated.py:threads', 'app/small.py:asyncio'] : ['app/small.py:asyncio']);
        peaks[`${args[0]} ${name}`] = run.maxRssMb;
      }
    }
    const shown = JSON.stringify(Object.fromEntries(Object.entries(peaks).map(([k, v]) => [k, Math.round(v)])));
    // An audit lists files and skips the big ones by size: its peak is that of the small change.
    // Holding either file, as bytes or as text, would add 50 MB or more.
    expect(peaks['audit huge']! - peaks['audit small']!, shown).toBeLessThan(25);
    // A review streams the diff (100-200 MB of patch text here) through git in 64 KB chunks;
    // garbage awaiting collection raises its peak by a fixed amount, but tripling the bundle
    // must not raise it further: memory is bounded, not proportional to the files.
    expect(peaks['review huger']! - peaks['review huge']!, shown).toBeLessThan(25);
    expect(peaks['review huge']! - peaks['review small']!, shown).toBeLessThan(60);
  });

  it('a Go file padded past the 5 MiB read limit still counts as Go: size cannot hide a language choice', { timeout: 60_000 }, async () => {
    // Whether a file is Go depends on its name alone, so not reading a huge one must not lose
    // the golang signal: otherwise a comment of 5 MiB turns a golang question into "all clear".
    const repo = makeRepo();
    repo.write('README.md', 'svc\n').commit('base');
    repo.branch('feature').checkout('feature');
    repo.write('storage/big.go', `package main\n\n/*${'x'.repeat(6 * MB)}*/\n\nfunc main() {\n\tgo serve()\n}\n`);
    repo.commit('padded Go');
    const review = jsonOf(await runCliCaptured(['review', '--repo', repo.dir, '--base', 'main', '--format', 'json']));
    expect(review.signals.map((s) => `${s.path}:${s.signal}`)).toContain('storage/big.go:golang');
    expect(review.findings.map((f) => f.rule)).toContain('golang-unjustified');
    const audit = jsonOf(await runCliCaptured(['audit', repo.dir, '--format', 'json']));
    expect(audit.signals.map((s) => `${s.path}:${s.signal}`)).toContain('storage/big.go:golang');
  });

  it('a .gitattributes in the change cannot hide code by calling it binary', { timeout: 60_000 }, async () => {
    const repo = makeRepo();
    repo.write(PROFILE_PATH, PROFILE).commit('base');
    repo.branch('feature').checkout('feature');
    repo.write('.gitattributes', '*.go binary\n*.py -diff\n');
    repo.write('svc/main.go', 'package main\n\nfunc main() {\n\tgo serve()\n}\n').write('svc/tool.py', 'import threading\n');
    repo.commit('hide');
    const report = jsonOf(await runCliCaptured(['review', '--repo', repo.dir, '--base', 'main', '--format', 'json']));
    expect(report.signals.map((s) => `${s.path}:${s.signal}:${s.line}`).sort()).toEqual(['svc/main.go:golang:4', 'svc/tool.py:threads:1']);
  });

  it('100,000 nested brackets in .py and .go neither throw nor hide the code after them', { timeout: 60_000 }, () => {
    const deep = 100_000;
    const py = `x = ${'('.repeat(deep)}1${')'.repeat(deep)}\nimport threading\n`;
    expect(detectFile('deep.py', py)?.signals.map((s) => `${s.signal}:${s.line}`)).toEqual(['threads:2']);
    const unclosedPy = `x = ${'('.repeat(deep)}\nimport threading\n`;
    expect(() => detectFile('open.py', unclosedPy)).not.toThrow();
    const pyx = `x = ${'['.repeat(deep)}${']'.repeat(deep)}\nwith nogil:\n    pass\n`;
    expect(detectFile('deep.pyx', pyx)?.signals.map((s) => s.signal)).toContain('cython-nogil');

    const go = `package main\n\nfunc main() {\n\tx := ${'('.repeat(deep)}1${')'.repeat(deep)}\n\tgo serve(x)\n}\n`;
    expect(detectFile('deep.go', go)?.signals.map((s) => `${s.construct ?? s.tags?.join()}:${s.line}`)).toEqual(['go:5']);
    const braces = `package main\n\nfunc main() ${'{'.repeat(deep)}\n\tgo serve()\n${'}'.repeat(deep)}\n`;
    expect(() => detectFile('braces.go', braces)).not.toThrow();
    expect(() => detectFile('open.go', `package main\nvar x = ${'('.repeat(deep)}`)).not.toThrow();
  });

  it('100,000 nested brackets through the CLI audit', { timeout: 60_000 }, async () => {
    const dir = makeTempDir('deep');
    writeFileSync(path.join(dir, 'deep.py'), `x = ${'('.repeat(100_000)}1${')'.repeat(100_000)}\nimport threading\n`);
    writeFileSync(path.join(dir, 'deep.go'), `package main\nfunc main() {\n\tx := ${'['.repeat(100_000)}${']'.repeat(100_000)}\n\tgo f()\n}\n`);
    const report = jsonOf(await runCliCaptured(['audit', dir, '--format', 'json']));
    expect(report.signals.map((s) => `${s.path}:${s.signal}:${s.line}`).sort()).toEqual(['deep.go:golang:4', 'deep.py:threads:2']);
  });

  it('NUL bytes and invalid UTF-8 in source files: audit reads around them, review never breaks', { timeout: 60_000 }, async () => {
    const repo = makeRepo();
    repo.write(PROFILE_PATH, PROFILE).commit('base');
    repo.branch('feature').checkout('feature');
    repo.writeBytes('bytes/nul.py', Buffer.from('import threading\n\u0000\u0000x = 1\u0000\n'));
    repo.writeBytes('bytes/latin1.py', Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9, 0xff, 0xfe]), Buffer.from('\nimport asyncio\n')]));
    repo.writeBytes('bytes/broken.go', Buffer.concat([Buffer.from('package main\n// '), Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), Buffer.from('\nfunc main() { go f() }\n')]));
    repo.writeBytes('bytes/utf16.py', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('import gevent\n', 'utf16le')]));
    repo.commit('bytes');

    const audit = jsonOf(await runCliCaptured(['audit', repo.dir, '--format', 'json']));
    const found = audit.signals.map((s) => `${s.path}:${s.signal}:${s.line}`);
    expect(found).toEqual(expect.arrayContaining(['bytes/nul.py:threads:1', 'bytes/latin1.py:asyncio:2', 'bytes/broken.go:golang:3']));

    // In a review, git calls a file with NUL bytes binary: it is not read (neither Python nor
    // Go allows a NUL in source). The rest is reviewed as usual.
    const review = await runCliCaptured(['review', '--repo', repo.dir, '--base', 'main', '--format', 'json']);
    const reviewed = jsonOf(review).signals.map((s) => `${s.path}:${s.signal}:${s.line}`);
    expect(reviewed).toEqual(expect.arrayContaining(['bytes/latin1.py:asyncio:2', 'bytes/broken.go:golang:3']));
    const markdown = await runCliCaptured(['review', '--repo', repo.dir, '--base', 'main', '--format', 'markdown']);
    expectHarmless(markdown.stdout, { marker: true });
  });
});

// ---------------------------------------------------------------------------------------------
// Symbolic links and paths that lead outside the workspace
// ---------------------------------------------------------------------------------------------

/** A folder outside every repository, holding code that would be a signal if it were read. */
function outsideFolder(): string {
  const dir = realpathSync(makeTempDir('outside'));
  mkdirSync(path.join(dir, 'pkg'), { recursive: true });
  writeFileSync(path.join(dir, 'threads.py'), 'import threading\n');
  writeFileSync(path.join(dir, 'pkg', 'workers.py'), 'import threading\n');
  writeFileSync(path.join(dir, 'main.go'), 'package main\n\nfunc main() { go f() }\n');
  // A profile that would justify Go, and rules that would silence it.
  writeFileSync(
    path.join(dir, 'profile.yml'),
    'version: 1\nservices:\n  - name: app\n    needs: {low-latency: true, high-concurrency: true, multi-core: true, shared-memory: true, cython-parallel: false}\n',
  );
  writeFileSync(path.join(dir, 'rules.yml'), 'version: 1\ndisable: [golang-unjustified, measure-first]\n');
  return dir;
}

/** Links of every kind out of `root`, and one legitimate link inside it. */
function plantLinks(root: string, outside: string, write: (p: string, text: string) => void, link: (target: string, p: string) => void): void {
  write('real/inside.py', 'import asyncio\n');
  link('/etc/passwd', 'evil.py');
  link(path.join(outside, 'threads.py'), 'leak_absolute.py');
  link(path.relative(root, path.join(outside, 'threads.py')), 'leak_relative.py');
  link(path.join(outside, 'main.go'), 'leak.go');
  link(path.join(outside, 'pkg'), 'linked_pkg');
  link('real/inside.py', 'inside_link.py');
}

describe('symbolic links never lead the review outside the workspace', () => {
  it('audit of a git work tree skips links that leave it, follows links that stay inside', async () => {
    const outside = outsideFolder();
    const repo = makeRepo();
    plantLinks(repo.dir, outside, (p, t) => repo.write(p, t), (t, p) => repo.symlink(t, p));
    repo.commit('links');
    const report = jsonOf(await runCliCaptured(['audit', repo.dir, '--format', 'json']));
    expect(report.signals.map((s) => `${s.path}:${s.signal}`).sort()).toEqual(['inside_link.py:asyncio', 'real/inside.py:asyncio']);
  });

  it('audit of a plain folder (no git) does the same', async () => {
    const outside = outsideFolder();
    const dir = realpathSync(makeTempDir('plain'));
    plantLinks(
      dir,
      outside,
      (p, t) => {
        mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
        writeFileSync(path.join(dir, p), t);
      },
      (t, p) => symlinkSync(t, path.join(dir, p)),
    );
    const report = jsonOf(await runCliCaptured(['audit', dir, '--format', 'json']));
    expect(report.signals.map((s) => `${s.path}:${s.signal}`).sort()).toEqual(['inside_link.py:asyncio', 'real/inside.py:asyncio']);
  });

  it('review reads a committed link as what git stores, its target path, and never follows it', async () => {
    const outside = outsideFolder();
    const repo = makeRepo();
    repo.write(PROFILE_PATH, PROFILE).commit('base');
    repo.branch('feature').checkout('feature');
    repo.symlink('/etc/passwd', 'evil.py');
    repo.symlink(path.join(outside, 'threads.py'), 'leak_absolute.py');
    repo.symlink(path.relative(repo.dir, path.join(outside, 'threads.py')), 'leak_relative.py');
    repo.symlink(path.join(outside, 'pkg'), 'linked_pkg');
    repo.commit('links');
    const run = await runCliCaptured(['review', '--repo', repo.dir, '--base', 'main', '--format', 'json']);
    const report = jsonOf(run);
    expect(report.signals).toEqual([]);
    expect(run.stdout).not.toContain('import threading');
    expect(run.stdout).not.toContain('root:');
  });

  it('audit does not read a profile or rules file that links out of the tree', async () => {
    const outside = outsideFolder();
    const repo = makeRepo();
    repo.write('svc/main.go', 'package main\n\nfunc main() { go serve() }\n');
    repo.symlink(path.join(outside, 'profile.yml'), PROFILE_PATH);
    repo.symlink(path.join(outside, 'rules.yml'), '.github/arch-rules.yml');
    repo.commit('linked configuration');

    const profile = await runCliCaptured(['audit', repo.dir, '--format', 'json']);
    expect(profile.status).toBe(2);
    expect(profile.stdout).toBe('');
    expect(profile.stderr).toMatch(/^architecture-review: .*service-profile\.yml.*outside.*\n$/);

    repo.remove(PROFILE_PATH).commit('no profile');
    const rules = await runCliCaptured(['audit', repo.dir, '--rules', '.github/arch-rules.yml', '--format', 'json']);
    expect(rules.status).toBe(2);
    expect(rules.stdout).toBe('');
    expect(rules.stderr).toMatch(/^architecture-review: .*arch-rules\.yml.*outside.*\n$/);
  });
});

describe('profile and rules paths that lead outside the repository are refused', () => {
  let repo: TestRepo;
  const setup = () => {
    repo = makeRepo();
    repo.write(PROFILE_PATH, PROFILE).commit('base');
    repo.branch('feature').checkout('feature');
    repo.write('svc/main.go', 'package main\n\nfunc main() { go serve() }\n').commit('go');
  };

  it.each([
    ['--profile', '../../etc/passwd'],
    ['--profile', '/etc/passwd'],
    ['--profile', 'sub/../../outside.yml'],
    ['--rules', '../../etc/passwd'],
    ['--rules', '/etc/passwd'],
    ['--profile', '..\\..\\etc\\passwd'],
  ])('CLI review %s %s', async (flag, value) => {
    setup();
    const run = await runCliCaptured(['review', '--repo', repo.dir, '--base', 'main', flag, value]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `architecture-review: ${flag} ${value}: in a review the file is read from a commit, so give a path inside the repository\n`,
    );
  });

  it('CLI validate reads the file the user names, wherever it is (the user\'s own machine)', async () => {
    const outside = outsideFolder();
    const cwd = makeTempDir('cwd');
    const run = await runCliCaptured(['validate', '--profile', path.relative(cwd, path.join(outside, 'profile.yml'))], { cwd });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('valid, 1 service(s)');
  });

  describe('the action', () => {
    let server: GitHubServer;
    beforeEach(async () => {
      server = await startGitHubServer();
    });
    afterEach(async () => {
      expect(server.violations).toEqual([]);
      await server.close();
    });

    it.each([
      ['profile', '../../etc/passwd'],
      ['profile', '/etc/passwd'],
      ['rules', '../../../../etc/passwd'],
      ['rules', 'a/../../b.yml'],
      ['sarif', '../../outside.sarif'],
    ])('refuses input %s: %s, reads nothing and posts nothing', async (input, value) => {
      const pr = makePullScenario(server, {
        number: 3,
        base: { [PROFILE_PATH]: PROFILE },
        head: { [PROFILE_PATH]: PROFILE, 'svc/main.go': 'package main\n\nfunc main() { go serve() }\n' },
      });
      const payload = makePullRequestEvent({ pull: server.state.pulls.get(3) });
      const run = await runAction({ server, eventName: 'pull_request', payload, workspace: pr.repo.dir, inputs: { [input]: value } });
      expect(run.status).toBe(2);
      expect(run.commands.filter((c) => c.level === 'error').map((c) => c.message)).toEqual([
        `input ${input} must be a path inside the repository, like .github/service-profile.yml (got "${value}")`,
      ]);
      expect(server.requests.filter((r) => r.server === 'api')).toEqual([]);
      expect(server.commentsOn(3)).toEqual([]);
    });

    it('an audit run (push) does not read a profile that links out of the checkout', async () => {
      const outside = outsideFolder();
      const repo2 = makeRepo();
      repo2.write('svc/main.go', 'package main\n\nfunc main() { go serve() }\n');
      repo2.symlink(path.join(outside, 'profile.yml'), PROFILE_PATH);
      const sha = repo2.commit('linked profile');
      const payload = makePushEvent({ after: sha, added: ['svc/main.go', PROFILE_PATH] });
      const run = await runAction({ server, eventName: 'push', payload, workspace: repo2.dir });
      expect(run.status).toBe(2);
      expect(run.commands.filter((c) => c.level === 'error').map((c) => c.message).join('\n')).toMatch(/service-profile\.yml.*outside/);
      // Had it been read, Go would be justified.
      expect(run.stdout).not.toContain('golang-justified');
    });
  });
});
