/**
 * The fleet report's renderers on fleets built in memory: the job-summary limit, the order of
 * the rules, and links that are only ever made from safe URLs.
 */
import { describe, expect, it } from 'vitest';
import { buildFleet, type FleetFinding, type FleetRepository } from '../../src/fleet.js';
import { FINDINGS_PER_REPOSITORY, lineUrl, renderFleetJson, renderFleetMarkdown, renderFleetText, toFleetJson } from '../../src/report/fleet.js';
import { parseGfm } from './gfm.js';

function finding(i: number, verdict: FleetFinding['verdict'], rule = `rule-${i % 3}`): FleetFinding {
  return {
    rule,
    verdict,
    service: 'api',
    signal: 'threads',
    locations: [{ path: `src/m${i}.py`, line: i + 1, evidence: `threading.Thread(target=f${i}).start()` }],
    message: `finding ${i}`,
    accepted: false,
    acceptedBy: null,
  };
}

function repository(name: string, findings: FleetFinding[], url = `https://github.com/${name}`): FleetRepository {
  const counts = { question: findings.filter((f) => f.verdict === 'question').length, recommend: findings.filter((f) => f.verdict === 'recommend').length, info: 0, accepted: 0 };
  return {
    repository: { name, url, commit: 'a'.repeat(40) },
    conclusion: counts.question > 0 ? 'question' : 'recommend',
    counts,
    services: [{ name: 'api', criteria: { 'low-latency': true, 'high-concurrency': null, 'shared-memory-multi-core': false, 'beyond-cython-parallel': null }, counts }],
    findings,
    profile: { path: '.github/service-profile.yml', from: 'worktree', found: true },
  };
}

describe('renderFleetMarkdown', () => {
  const repos = Array.from({ length: 300 }, (_, r) => repository(`octo/r${String(r).padStart(3, '0')}`, Array.from({ length: 15 }, (_, i) => finding(i, i % 2 ? 'question' : 'recommend'))));
  const fleet = buildFleet(repos, new Map());

  it('keeps every row and drops whole repositories of findings to stay under the limit', () => {
    const md = renderFleetMarkdown(fleet, 200_000);
    expect(md.length).toBeLessThanOrEqual(200_000);
    const rows = md.split('\n').filter((l) => l.startsWith('| [octo/'));
    expect(rows).toHaveLength(300);
    const shown = md.match(/<details><summary>/g)?.length ?? 0;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(300);
    expect(md).toContain(`**${300 - shown} more repositories with open findings not shown here** (the job summary's limit): see the fleet's JSON report.`);
    // Each block shown is whole: as many <details> as </details>, and its first 10 findings.
    expect(md.match(/<\/details>/g)).toHaveLength(shown);
    const first = md.slice(md.indexOf('<details>'), md.indexOf('</details>'));
    expect(first.match(/^- /gm)).toHaveLength(FINDINGS_PER_REPOSITORY + 1);
    expect(first).toContain('- and 5 more open findings');
  });

  it('shows all of it when it fits, questions first in each repository', () => {
    const small = buildFleet(repos.slice(0, 3), new Map());
    const md = renderFleetMarkdown(small);
    expect(md).not.toContain('not shown here');
    const block = md.slice(md.indexOf('<details>'), md.indexOf('</details>'));
    const verdicts = block.split('\n').filter((l) => l.startsWith('- ❓') || l.startsWith('- ✅')).map((l) => l.slice(2, 3));
    expect(verdicts.indexOf('✅')).toBeGreaterThan(verdicts.lastIndexOf('❓'));
  });

  it('counts the rules across the fleet, most open findings first', () => {
    expect(fleet.rules.map((r) => [r.rule, r.findings, r.repositories])).toEqual([
      ['rule-0', 1500, 300],
      ['rule-1', 1500, 300],
      ['rule-2', 1500, 300],
    ]);
    expect(fleet.counts).toEqual({ repositories: 300, services: 300, question: 2100, recommend: 2400, info: 0, accepted: 0 });
  });

  it('links only to safe URLs: a repository page that is not one is shown as text', () => {
    const odd = buildFleet([repository('octo/odd', [finding(1, 'question')], 'javascript:alert(1)//github.com/octo/odd')], new Map());
    const md = renderFleetMarkdown(odd);
    const hrefs = parseGfm(md)
      .filter((t) => t.type === 'link_open')
      .map((t) => String(t.attrGet('href')));
    expect(hrefs.every((h) => h.startsWith('https://'))).toBe(true);
    expect(md).toContain('| octo/odd | api |');
    expect(lineUrl(odd.repositories[0]!, 'src/a.py', 3)).toBeNull();
    expect(lineUrl(repos[0]!, "src/it's (x).py", 3)).toBe(`https://github.com/octo/r000/blob/${'a'.repeat(40)}/src/it%27s%20%28x%29.py#L3`);
  });
});

describe('renderFleetJson', () => {
  it('writes, a repository at a time, exactly the pretty-printed fleet', () => {
    for (const n of [0, 1, 3]) {
      const fleet = buildFleet(Array.from({ length: n }, (_, r) => repository(`octo/j${r}`, [finding(r, 'question'), finding(r + 1, 'recommend')])), new Map());
      const chunks = [...renderFleetJson(fleet)];
      expect(chunks.length).toBeGreaterThan(n);
      expect(chunks.join('')).toBe(`${JSON.stringify(toFleetJson(fleet), null, 2)}\n`);
    }
  });
});

describe('renderFleetText', () => {
  it('writes no control character from the reports', () => {
    const fleet = buildFleet([repository('octo/t', [{ ...finding(1, 'question'), service: 'a\u001b[31mred', locations: [{ path: 'x\u0007.py', line: 2 }] }])], new Map());
    const text = renderFleetText(fleet);
    const controls = [...text].filter((c) => c !== '\n' && (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f));
    expect(controls).toEqual([]);
    expect(text).toContain('question rule-1');
  });
});
