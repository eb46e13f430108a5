/**
 * Every rule of SPEC 2, through the whole CLI, on real git repositories: each scenario in
 * `scenarios/` is a base commit (profile + files) and a change; the test runs
 * `architecture-review review --format json` and checks which rules fire, which stay silent,
 * which are accepted and how, and the exit status.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadDefaultRules } from '../../src/rules/load-rules.js';
import { makeRepo, removeRepos } from '../support/git-repo.js';
import { runCliCaptured } from '../support/cli.js';

afterAll(removeRepos);

interface Scenario {
  description: string;
  profile?: string;
  base?: Record<string, string>;
  change: Record<string, string>;
  expect: {
    exit: number;
    fires?: string[];
    silent?: string[];
    accepted?: Record<string, { kind: string; byThisChange: boolean }>;
    messages?: Record<string, string[]>;
    services?: Record<string, string>;
  };
}

interface JsonFinding {
  rule: string;
  verdict: string;
  message: string;
  accepted: boolean;
  acceptedBy: { kind: string; byThisChange: boolean } | null;
}

const dir = new URL('./scenarios/', import.meta.url);
const scenarios = readdirSync(dir)
  .filter((f) => f.endsWith('.yml'))
  .sort()
  .map((f) => ({ file: f, scenario: parse(readFileSync(new URL(f, dir), 'utf8')) as Scenario }));

describe('rules, scenario by scenario, through the CLI', () => {
  it.each(scenarios)('$file', async ({ scenario }) => {
    const repo = makeRepo();
    repo.write('README.md', 'scenario\n');
    if (scenario.profile) repo.write('.github/service-profile.yml', scenario.profile);
    for (const [p, text] of Object.entries(scenario.base ?? {})) repo.write(p, text);
    repo.commit('base');
    repo.branch('feature').checkout('feature');
    for (const [p, text] of Object.entries(scenario.change)) repo.write(p, text);
    repo.commit('change');

    const run = await runCliCaptured(['review', '--repo', repo.dir, '--base', 'main', '--head', 'feature', '--format', 'json']);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { findings: JsonFinding[]; signals: { path: string; service: string }[] };
    const open = report.findings.filter((f) => !f.accepted).map((f) => f.rule);
    const all = report.findings.map((f) => f.rule);

    for (const rule of scenario.expect.fires ?? []) expect(open, `${rule} should fire`).toContain(rule);
    if (scenario.expect.fires?.length === 0 && !scenario.expect.accepted) expect(report.findings).toEqual([]);
    for (const rule of scenario.expect.silent ?? []) expect(all, `${rule} should stay silent`).not.toContain(rule);
    for (const [rule, by] of Object.entries(scenario.expect.accepted ?? {})) {
      const accepted = report.findings.find((f) => f.rule === rule && f.accepted);
      expect(accepted?.acceptedBy, `${rule} should be accepted`).toMatchObject(by);
    }
    for (const [rule, parts] of Object.entries(scenario.expect.messages ?? {})) {
      const finding = report.findings.find((f) => f.rule === rule);
      for (const part of parts) expect(finding?.message).toContain(part);
    }
    for (const [p, service] of Object.entries(scenario.expect.services ?? {})) {
      expect(report.signals.filter((s) => s.path === p).map((s) => s.service)).toContain(service);
    }
    expect(run.status).toBe(scenario.expect.exit);
  });

  it('covers every default rule firing at least once and staying silent at least once', () => {
    const ids = loadDefaultRules().map((r) => r.id);
    const fired = new Set(scenarios.flatMap(({ scenario }) => [...(scenario.expect.fires ?? []), ...Object.keys(scenario.expect.accepted ?? {})]));
    const silent = new Set(scenarios.flatMap(({ scenario }) => scenario.expect.silent ?? []));
    expect(ids.filter((id) => !fired.has(id))).toEqual([]);
    expect(ids.filter((id) => !silent.has(id))).toEqual([]);
    expect(ids).toHaveLength(20);
  });
});
