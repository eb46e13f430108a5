/**
 * Runs dist/index.js as test/action/harness.ts does, with two additions the reliability tests
 * need: extra environment variables (the request timeout, GITHUB_RUN_ATTEMPT of a re-run) and
 * an API URL other than the server's own (a gate in front of it). Also reads the report file,
 * so that every artifact of a run can be searched for the token.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { DIST, type ActionRun } from '../action/harness.js';
import { actionEnv, writeEventFile, type JsonObject } from '../support/events.js';
import type { GitHubServer } from '../support/github-server/index.js';

const root = path.resolve(import.meta.dirname, '../..');

export interface StepOptions {
  server: GitHubServer;
  eventName?: 'pull_request' | 'pull_request_target' | 'workflow_dispatch';
  payload: JsonObject;
  inputs?: Record<string, string>;
  workspace?: string;
  token?: string;
  /** Added to (and overriding) the runner's variables: `GITHUB_RUN_ATTEMPT`, `ARCHITECTURE_REVIEW_REQUEST_TIMEOUT_MS`. */
  env?: Record<string, string>;
  /** GITHUB_API_URL; default the server's. */
  apiUrl?: string;
}

export interface StepRun extends ActionRun {
  /** The JSON report the `report` output names, '' when none was written. */
  report: string;
}

function actionDefaults(): Record<string, string> {
  const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
  const out: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs)) {
    if (typeof input.default === 'string' && !input.default.includes('${{')) out[name] = input.default;
  }
  return out;
}

function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i] ?? '');
    out[m[1]!] = value.join('\n');
  }
  return out;
}

/** `node dist/index.js` as a step of a pull_request job; asynchronous, as the server lives in this process. */
export async function runStep(options: StepOptions): Promise<StepRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ar-reliability-'));
  const eventPath = await writeEventFile(dir, options.payload);
  const outputFile = path.join(dir, 'output');
  const summaryFile = path.join(dir, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const inputs = { ...actionDefaults(), 'github-token': options.token ?? options.server.state.token, ...options.inputs };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? dir,
    ...actionEnv({
      eventName: (options.eventName ?? 'pull_request') as 'pull_request',
      payload: options.payload,
      eventPath,
      apiUrl: options.apiUrl ?? options.server.url,
    }),
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: dir,
    ...options.env,
  };
  if (options.workspace) env.GITHUB_WORKSPACE = options.workspace;
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;

  const child = spawn(process.execPath, [DIST], { env, cwd: options.workspace ?? dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const outputs = parseOutputs(readFileSync(outputFile, 'utf8'));
  let report = '';
  if (outputs.report) {
    try {
      report = readFileSync(outputs.report, 'utf8');
    } catch {
      report = '';
    }
  }
  return {
    status,
    stdout,
    stderr,
    outputs,
    summary: readFileSync(summaryFile, 'utf8'),
    commands: [...stdout.matchAll(/^::(warning|notice|error)([^:]*)::(.*)$/gm)].map((m) => ({ level: m[1]!, props: m[2]!.trim(), message: m[3]! })),
    report,
  };
}

/** The last line the step printed. */
export function lastLine(run: ActionRun): string {
  return run.stdout.trimEnd().split('\n').pop() ?? '';
}
