/**
 * The classes of issue 12, each a real change on a real git repository, read as a reviewer
 * would: `classes/*.yml` gives a profile, the files at the base and the files at the head.
 * Comment lines in the head files annotate the next code line, semgrep style:
 * - `# ruleid: <rule>`: the rule has a finding at that line, in `review` and in `audit`;
 * - `# ok: <rule>`: it has none there, in either mode;
 * - `# review-ok: <rule>`: none in `review` (the change moved or reworded what was there),
 *   one in `audit` (the code does use it).
 * Both modes run the whole CLI (`--format json`). `messages` holds text a rule's message must
 * contain.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { makeRepo, removeRepos } from '../support/git-repo.js';
import { runCliCaptured } from '../support/cli.js';

afterAll(removeRepos);

interface Case {
  description: string;
  profile: string;
  base?: Record<string, string>;
  /** A file given as `~` is deleted by the change. */
  head: Record<string, string | null>;
  messages?: Record<string, string[]>;
  /** Text the review's notes must contain. */
  notes?: string[];
}

interface Finding {
  rule: string;
  message: string;
  locations: { path: string; line: number }[];
}

type Kind = 'ruleid' | 'ok' | 'review-ok';
interface Annotation {
  kind: Kind;
  rule: string;
  path: string;
  line: number;
}

const ANNOTATION = /^\s*(?:#|\/\/)\s*(ruleid|ok|review-ok)\s*:\s*([^(]*?)\s*(\(.*\))?\s*$/;

function annotations(files: Record<string, string | null>): Annotation[] {
  const found: Annotation[] = [];
  for (const [path, text] of Object.entries(files)) {
    if (text === null) continue;
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const m = ANNOTATION.exec(lines[i]!);
      if (!m) continue;
      let target = i + 1;
      while (target < lines.length && ANNOTATION.test(lines[target]!)) target++;
      for (const rule of m[2]!.split(',')) found.push({ kind: m[1] as Kind, rule: rule.trim(), path, line: target + 1 });
    }
  }
  return found;
}

const dir = new URL('./classes/', import.meta.url);
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.yml'))
  .sort()
  .map((file) => ({ file, c: parse(readFileSync(new URL(file, dir), 'utf8')) as Case }));

function at(findings: Finding[], a: Annotation): boolean {
  return findings.some((f) => f.rule === a.rule && f.locations.some((l) => l.path === a.path && l.line === a.line));
}

describe('issue 12 classes, through the CLI, in review and in audit', () => {
  it('has a case for each class, each proving presence and absence', () => {
    expect(cases.length).toBeGreaterThanOrEqual(8);
    for (const { file, c } of cases) {
      const kinds = new Set(annotations(c.head).map((a) => a.kind));
      expect([file, kinds.has('ruleid') || kinds.has('review-ok'), kinds.has('ok') || kinds.has('review-ok')]).toEqual([file, true, true]);
    }
  });

  it.each(cases)('$file', async ({ c }) => {
    const repo = makeRepo();
    repo.write('README.md', 'case\n');
    repo.write('.github/service-profile.yml', c.profile);
    for (const [p, text] of Object.entries(c.base ?? {})) repo.write(p, text);
    repo.commit('base');
    repo.branch('feature').checkout('feature');
    for (const [p, text] of Object.entries(c.head)) {
      if (text === null) repo.remove(p);
      else repo.write(p, text);
    }
    repo.commit('change');

    const review = await runCliCaptured(['review', '--repo', repo.dir, '--base', 'main', '--head', 'feature', '--format', 'json']);
    expect(review.stderr).toBe('');
    const audit = await runCliCaptured(['audit', repo.dir, '--format', 'json']);
    expect(audit.stderr).toBe('');
    const reviewed = (JSON.parse(review.stdout) as { findings: Finding[] }).findings;
    const audited = (JSON.parse(audit.stdout) as { findings: Finding[] }).findings;

    const wrong: string[] = [];
    for (const a of annotations(c.head)) {
      const where = `${a.kind}: ${a.rule} at ${a.path}:${a.line}`;
      const inReview = at(reviewed, a);
      const inAudit = at(audited, a);
      if (a.kind === 'ruleid' && !(inReview && inAudit)) wrong.push(`${where}: review ${inReview}, audit ${inAudit}`);
      if (a.kind === 'ok' && (inReview || inAudit)) wrong.push(`${where}: review ${inReview}, audit ${inAudit}`);
      if (a.kind === 'review-ok' && (inReview || !inAudit)) wrong.push(`${where}: review ${inReview}, audit ${inAudit}`);
    }
    for (const [rule, parts] of Object.entries(c.messages ?? {})) {
      const finding = reviewed.find((f) => f.rule === rule);
      for (const part of parts) if (!finding?.message.includes(part)) wrong.push(`${rule}: message lacks ${JSON.stringify(part)}`);
    }
    if (c.notes) {
      // Notes are the comment's and the terminal's, not the JSON report's.
      const comment = await runCliCaptured(['review', '--repo', repo.dir, '--base', 'main', '--head', 'feature', '--format', 'text']);
      for (const part of c.notes) if (!comment.stdout.includes(part)) wrong.push(`the comment lacks ${JSON.stringify(part)}`);
    }
    if (wrong.length > 0) console.log(JSON.stringify(reviewed.map((f) => [f.rule, f.locations]), null, 1));
    expect(wrong).toEqual([]);
  });
});
