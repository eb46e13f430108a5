/**
 * `audit --shard I/N` and `merge`: the shards of this machine's Python standard library and of
 * Go's source tree, merged in any order, give the single audit's report byte for byte in every
 * format; a path's shard does not move when files are added; and merge refuses, with one line
 * and exit 2, reports that are malformed, of another schema version, missing, twice given, or
 * audited with another profile.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shardOf } from '../../src/shard.js';
import { runCliCaptured } from '../support/cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'ar-shard-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const STDLIB = path.join(work, 'stdlib');
cpSync(execFileSync('python3', ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' }).trim(), STDLIB, {
  recursive: true,
  filter: (src) => !src.includes('site-packages') && !src.endsWith('.pyc') && !src.includes('__pycache__'),
});
const GO_SRC = path.join(execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim(), 'src');

async function cli(args: string[]) {
  return runCliCaptured(args, { cwd: work });
}

/** Audits `dir` in `count` shards; returns the report files. */
async function shards(dir: string, count: number, tag: string): Promise<string[]> {
  const files: string[] = [];
  for (let i = 1; i <= count; i++) {
    const file = path.join(work, `${tag}-${i}-of-${count}.json`);
    const run = await cli(['audit', dir, '--shard', `${i}/${count}`, '--format', 'json', '--fail-on', 'never', '--output', file]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    files.push(file);
  }
  return files;
}

describe('merge of the shards is the single audit', () => {
  it("on this machine's Python standard library, 4 shards merged in any order, every format", { timeout: 180_000 }, async () => {
    const parts = await shards(STDLIB, 4, 'py');
    for (const format of ['json', 'text', 'markdown', 'sarif']) {
      const single = await cli(['audit', STDLIB, '--format', format, '--fail-on', 'never']);
      const merged = await cli(['merge', parts[2]!, parts[0]!, parts[3]!, parts[1]!, '--format', format, '--fail-on', 'never']);
      expect(merged.stderr).toBe('');
      expect(merged.status).toBe(0);
      expect(merged.stdout.length).toBeGreaterThan(1000);
      expect(merged.stdout === single.stdout, `${format}: merged = single, byte for byte`).toBe(true);
    }
    // Each shard holds about a quarter of the signals, and they are disjoint.
    const counts = parts.map((f) => (JSON.parse(readFileSync(f, 'utf8')) as { signals: unknown[] }).signals.length);
    const total = (JSON.parse((await cli(['audit', STDLIB, '--format', 'json', '--fail-on', 'never'])).stdout) as { signals: unknown[] }).signals.length;
    expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
    for (const c of counts) expect(c).toBeGreaterThan(total / 8);
  });

  it("on Go's source tree, 3 shards; the exit status follows --fail-on", { timeout: 180_000 }, async () => {
    const parts = await shards(GO_SRC, 3, 'go');
    const single = await cli(['audit', GO_SRC, '--format', 'json']);
    const merged = await cli(['merge', ...parts, '--format', 'json']);
    expect(merged.stdout === single.stdout).toBe(true);
    expect(merged.status).toBe(single.status);
    const shard = JSON.parse(readFileSync(parts[0]!, 'utf8')) as { shard: { index: number; count: number } };
    expect(shard.shard).toMatchObject({ index: 1, count: 3 });
  });
});

describe('shards', () => {
  it('a path keeps its shard when files are added, and shards split a tree evenly', () => {
    const paths = Array.from({ length: 20_000 }, (_, i) => `pkg${i % 97}/m${i}.py`);
    const before = paths.map((p) => shardOf(p, 8));
    const after = [...paths, ...Array.from({ length: 5000 }, (_, i) => `new/x${i}.py`)].map((p) => shardOf(p, 8));
    expect(after.slice(0, paths.length)).toEqual(before);
    const sizes = Array.from({ length: 8 }, (_, i) => before.filter((s) => s === i + 1).length);
    for (const size of sizes) expect(Math.abs(size - 2500)).toBeLessThan(250);
  });

  it('--shard is checked', async () => {
    for (const bad of ['0/4', '5/4', '2', 'a/b', '1/2000']) {
      const run = await cli(['audit', STDLIB, '--shard', bad]);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(`architecture-review: --shard must be I/N with 1 ≤ I ≤ N ≤ 1024, like 2/4 (got "${bad}")\n`);
    }
  });
});

describe('merge refuses what it cannot merge, with one line and exit 2', () => {
  it('malformed, other schema versions, not a shard, missing or twice given, another profile', { timeout: 120_000 }, async () => {
    const dir = path.join(work, 'small');
    cpSync(path.join(STDLIB, 'json'), dir, { recursive: true });
    const [one, two] = await shards(dir, 2, 'small');
    const write = (name: string, text: string) => {
      const file = path.join(work, name);
      writeFileSync(file, text);
      return file;
    };
    const text = readFileSync(one!, 'utf8');
    const cases: [string[], string][] = [
      [[write('broken.json', '{\n  "schemaVersion": 1,\n  "mode": "audit"\n  "x": 1\n}\n'), two!], `merge: ${path.join(work, 'broken.json')}:4:3: not JSON`],
      [[write('v2.json', text.replace('"schemaVersion": 1', '"schemaVersion": 2')), two!], `merge: ${path.join(work, 'v2.json')}:2:20: schemaVersion 2 is not 1, the version this architecture-review writes: audit again with this version`],
      [[write('plain.json', (await cli(['audit', dir, '--format', 'json', '--fail-on', 'never'])).stdout)], 'plain.json:4:17: names no repository: a fleet report needs each report\'s, so audit with --repository owner/name'],
      [[one!], 'shard(s) 2/2 missing: give all 2 shard reports'],
      [[one!, one!, two!], `are both shard 1/2: give each shard once`],
      [[write('other.json', text.replace('"count":2', '"count":3')), two!], 'but'],
      [[write('profile.json', text.replace('"profile":{"path":".github/service-profile.yml","text":null}', '"profile":{"path":".github/service-profile.yml","text":"version: 1\\n"}')), two!], 'was audited with another profile or rules file than'],
      [[path.join(work, 'nope.json')], 'no such file'],
    ];
    for (const [files, message] of cases) {
      const run = await cli(['merge', ...files, '--format', 'json']);
      expect(run.status, message).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n'), message).toHaveLength(1);
      expect(run.stderr).toContain(message);
    }
  });
});
