/**
 * Suggested changes: where the alternative is the same statement with another name, the inline
 * comment carries a one-click rewrite. Each one is applied to the file of a real git
 * repository and the change reviewed again through the CLI: the question is gone, and the only
 * new finding is the recommendation of the alternative itself.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderInlineComment } from '../../src/report/inline.js';
import { suggestionFor } from '../../src/report/suggest.js';
import type { Finding } from '../../src/types.js';
import { runCliCaptured } from '../support/cli.js';
import { makeRepo, removeRepos } from '../support/git-repo.js';

afterAll(removeRepos);

const PROFILE = `version: 1
services:
  - name: batch
    workload: cpu-bound
    evidence: { profiling: "py-spy, 2026-11" }
`;

interface Reported {
  findings: Finding[];
}

async function reviewJson(dir: string, base: string): Promise<Reported> {
  const run = await runCliCaptured(['review', '--base', base, '--format', 'json', '--fail-on', 'never'], { cwd: dir });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as Reported;
}

/** Reviews `file`'s head text, applies the suggestion of its threads-io-only question, reviews again. */
async function applyAndReview(file: string, text: string): Promise<{ suggestion: string | undefined; after: Finding[]; applied: string }> {
  const repo = makeRepo();
  const base = repo.write('.github/service-profile.yml', PROFILE).write('README', 'x\n').commit('base');
  repo.write(file, text).commit('pool');
  const before = await reviewJson(repo.dir, base);
  const question = before.findings.find((f) => f.rule === 'threads-io-only');
  expect(question, 'the pool is questioned before the suggestion').toBeDefined();
  const lines = readFileSync(path.join(repo.dir, file), 'utf8').split('\n');
  // The JSON report leaves the evidence line to its signals; the action's report has it.
  const where = question!.locations[0]!;
  const place = { ...where, evidence: lines[where.line - 1]!.trim() };
  const suggestion = suggestionFor(question!, place, lines[place.line - 1]);
  if (suggestion === undefined) return { suggestion, after: before.findings, applied: text };
  // What GitHub does when the suggestion is committed: the commented line is replaced.
  lines[place.line - 1] = suggestion;
  const applied = lines.join('\n');
  repo.write(file, applied).commit('apply suggestion');
  return { suggestion, after: (await reviewJson(repo.dir, base)).findings, applied };
}

describe('suggested changes for thread pools doing CPU work', () => {
  const cases: [string, string, string][] = [
    [
      'a fully qualified ThreadPoolExecutor',
      'import concurrent.futures\n\ndef run(jobs):\n    ex = concurrent.futures.ThreadPoolExecutor(max_workers=4)\n    return list(ex.map(sum, jobs))\n',
      '    ex = concurrent.futures.ProcessPoolExecutor(max_workers=4)',
    ],
    [
      'a with statement on futures.ThreadPoolExecutor',
      'from concurrent import futures\n\ndef run(jobs):\n    with futures.ThreadPoolExecutor(4) as ex:  # hot loop\n        return list(ex.map(sum, jobs))\n',
      '    with futures.ProcessPoolExecutor(4) as ex:  # hot loop',
    ],
    [
      'multiprocessing.pool.ThreadPool',
      'import multiprocessing.pool\n\npool = multiprocessing.pool.ThreadPool(8)\nprint(pool.map(sum, [[1], [2]]))\n',
      'pool = multiprocessing.pool.Pool(8)',
    ],
    [
      'multiprocessing.dummy.Pool',
      'import multiprocessing.dummy\n\npool = multiprocessing.dummy.Pool(8)\nprint(pool.map(sum, [[1], [2]]))\n',
      'pool = multiprocessing.Pool(8)',
    ],
  ];

  for (const [name, text, expected] of cases) {
    it(`rewrites ${name}, and the question is gone once applied`, async () => {
      const { suggestion, after } = await applyAndReview('batch/work.py', text);
      expect(suggestion).toBe(expected);
      expect(after.filter((f) => f.verdict === 'question')).toEqual([]);
      // Only the alternative itself is new: processes for multi-core work.
      expect(after.map((f) => f.rule).filter((r) => r !== 'multiprocessing-ok' && r !== 'measure-first')).toEqual([]);
      expect(after.map((f) => f.rule)).toContain('multiprocessing-ok');
    });
  }

  it('offers nothing where one line cannot carry the change', async () => {
    // The import names ThreadPoolExecutor: rewriting the call alone would break the code.
    const bare = await applyAndReview('batch/a.py', 'from concurrent.futures import ThreadPoolExecutor\n\nex = ThreadPoolExecutor(4)\n');
    expect(bare.suggestion).toBeUndefined();
    // A call with a nested call or a string argument is not a simple constructor call.
    const nested = await applyAndReview('batch/b.py', 'import concurrent.futures\nex = concurrent.futures.ThreadPoolExecutor(max_workers=len(x()))\n');
    expect(nested.suggestion).toBeUndefined();
    // A Thread is not a drop-in for a process.
    const thread = await applyAndReview('batch/c.py', 'import threading\nthreading.Thread(target=print).start()\n');
    expect(thread.suggestion).toBeUndefined();
  });

  it('keeps the line as the file has it, and never rewrites a line other than the evidence', () => {
    const finding = { rule: 'threads-io-only', verdict: 'question', accepted: false } as Finding;
    const place = { path: 'a.py', line: 3, evidence: 'ex = concurrent.futures.ThreadPoolExecutor(2)' };
    expect(suggestionFor(finding, place, '\t\tex = concurrent.futures.ThreadPoolExecutor(2)')).toBe('\t\tex = concurrent.futures.ProcessPoolExecutor(2)');
    expect(suggestionFor(finding, place, 'something else')).toBeUndefined();
    expect(suggestionFor({ ...finding, accepted: true }, place, place.evidence)).toBeUndefined();
    expect(suggestionFor({ ...finding, rule: 'threads-for-io' }, place, place.evidence)).toBeUndefined();
    // An acceptance comment on the line is the team's answer: no rewrite that would drop it.
    const accepting = 'ex = concurrent.futures.ThreadPoolExecutor(2)  # architecture-review: accept threads-io-only -- ok';
    expect(suggestionFor(finding, { ...place, evidence: accepting }, accepting)).toBeUndefined();
    // A line past the evidence's 200 characters is still the evidence's line.
    const long = `ex = concurrent.futures.ThreadPoolExecutor(2)  # ${'x'.repeat(300)}`;
    expect(suggestionFor(finding, { ...place, evidence: long.slice(0, 200) }, long)).toBe(long.replace('Thread', 'Process'));
    // Characters that hide or reorder what a reader sees, or a fence of its own: no suggestion.
    for (const tail of ['\u202Eevil\u202C', '\u2066x\u2069', 'a\u0007b', '``` x']) {
      const line = `ex = concurrent.futures.ThreadPoolExecutor(2)  # ${tail}`;
      expect(suggestionFor(finding, { ...place, evidence: line }, line), JSON.stringify(tail)).toBeUndefined();
    }
  });

  it('puts the rewrite in a GitHub suggestion block of the inline comment', () => {
    const finding = {
      rule: 'threads-io-only',
      verdict: 'question',
      service: 'batch',
      accepted: false,
      acceptedBy: null,
      signal: 'threads',
      locations: [],
      message: '',
      detail: { title: 't', headline: 'h', reason: 'r', alternative: 'a', facts: [], docs: 'https://x.test/#r' },
    } as Finding;
    const body = renderInlineComment(finding, { fingerprint: `${'a'.repeat(32)}:1`, profilePath: 'p.yml', acceptLabel: 'ok', suggestion: '    x = 1' });
    expect(body).toContain('\n```suggestion\n    x = 1\n```\n');
  });
});
