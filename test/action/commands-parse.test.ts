/**
 * The command parser and the replay of decisions, on their own: which lines of a comment are
 * commands (GitHub's markdown decides what is quoted or code), how each parses, and which
 * decision about a question stands.
 */
import { describe, expect, it } from 'vitest';
import { applyDecisions, holdsCommand, isBot, parseCommands, type Decision } from '../../src/action/commands.js';
import type { Finding } from '../../src/types.js';
import { parseGfm } from '../report/gfm.js';

const ACCEPT = '/architecture-review accept threads-io-only -- waits on sockets';

describe('parseCommands', () => {
  it('reads each form, with an optional path glob, and keeps the line as written', () => {
    expect(parseCommands(`${ACCEPT}\n/architecture-review accept golang-unjustified cmd/** -- a CLI\n/architecture-review revoke threads-io-only\n/architecture-review explain async-no-multicore\n/architecture-review rerun`, false)).toEqual([
      { verb: 'accept', line: ACCEPT, rule: 'threads-io-only', glob: undefined, reason: 'waits on sockets' },
      { verb: 'accept', line: '/architecture-review accept golang-unjustified cmd/** -- a CLI', rule: 'golang-unjustified', glob: 'cmd/**', reason: 'a CLI' },
      { verb: 'revoke', line: '/architecture-review revoke threads-io-only', rule: 'threads-io-only', glob: undefined },
      { verb: 'explain', line: '/architecture-review explain async-no-multicore', rule: 'async-no-multicore' },
      { verb: 'rerun', line: '/architecture-review rerun' },
    ]);
  });

  it('in a thread the rule may be left out; elsewhere that is malformed', () => {
    expect(parseCommands('/architecture-review accept -- fine', true)).toMatchObject([{ verb: 'accept', rule: undefined, reason: 'fine' }]);
    expect(parseCommands('/architecture-review accept -- fine', false)).toMatchObject([{ verb: 'malformed', problem: expect.stringContaining('a rule id is needed') }]);
    expect(parseCommands('/architecture-review revoke', true)).toMatchObject([{ verb: 'revoke', rule: undefined }]);
  });

  it('malformed lines say what is wrong, with the form', () => {
    const cases: [string, RegExp][] = [
      ['/architecture-review accept threads-io-only', /a reason is needed after `--`/],
      ['/architecture-review accept threads-io-only a b -- x', /too many words/],
      ['/architecture-review accept Threads_IO -- x', /is not a rule id/],
      ['/architecture-review approve', /`approve` is not a command \(the commands: accept, revoke, explain, rerun\)/],
      ['/architecture-review', /a command is needed/],
      ['/architecture-review rerun now', /takes nothing after it/],
      ['/architecture-review revoke threads-io-only -- why', /nothing else/],
    ];
    for (const [line, problem] of cases) {
      const [parsed] = parseCommands(line, false);
      expect(parsed, line).toMatchObject({ verb: 'malformed', line });
      expect((parsed as { problem: string }).problem, line).toMatch(problem);
    }
  });

  it("a word from the comment in a problem is a code span: it cannot become markup", () => {
    const [parsed] = parseCommands('/architecture-review ![x](https://evil.example/p.png)', false);
    const tokens = parseGfm((parsed as { problem: string }).problem);
    expect(tokens.filter((t) => t.type === 'image' || t.type === 'link_open')).toEqual([]);
  });

  it('ignores what is quoted, fenced, indented or in an HTML comment, and text that only starts alike', () => {
    const body = [
      `> ${ACCEPT}`,
      '```',
      ACCEPT,
      '```',
      '~~~~ text',
      ACCEPT,
      '~~~~',
      `    ${ACCEPT}`,
      `\t${ACCEPT}`,
      '<!--',
      ACCEPT,
      '-->',
      `/architecture-reviewer accept threads-io-only -- x`,
      `Please run ${ACCEPT}`,
    ].join('\n');
    expect(parseCommands(body, false)).toEqual([]);
    expect(holdsCommand(body)).toBe(false);
    // The same line standing alone, up to three spaces in, does count.
    expect(parseCommands(`thanks\n   ${ACCEPT}\r\n`, false)).toHaveLength(1);
    // An unclosed fence hides the rest of the comment, as GitHub renders it.
    expect(parseCommands(`\`\`\`\n${ACCEPT}`, false)).toEqual([]);
  });

  it('agrees with a markdown parser on which lines are paragraphs of their own', () => {
    const body = `intro\n\n> quoted\n> ${ACCEPT}\n\n\`\`\`python\n${ACCEPT}\n\`\`\`\n\n${ACCEPT}\n`;
    const paragraphs = parseGfm(body).filter((t) => t.type === 'inline' && t.content.startsWith('/architecture-review'));
    expect(paragraphs.map((t) => t.content)).toEqual([ACCEPT]);
    expect(parseCommands(body, false).map((c) => c.line)).toEqual([ACCEPT]);
  });
});

describe('isBot', () => {
  it('knows bots by type or by the [bot] suffix', () => {
    expect(isBot({ login: 'github-actions[bot]', type: 'Bot' })).toBe(true);
    expect(isBot({ login: 'renovate[bot]' })).toBe(true);
    expect(isBot({ login: 'octocat', type: 'User' })).toBe(false);
    expect(isBot(null)).toBe(false);
  });
});

describe('applyDecisions', () => {
  const question = (rule: string, path: string): Finding =>
    ({ rule, verdict: 'question', service: 'app', signal: 'threads', locations: [{ path, line: 1 }], message: '', accepted: false, acceptedBy: null, detail: {} }) as unknown as Finding;
  const by = (verb: 'accept' | 'revoke', extra: Partial<Decision>): Decision => ({ verb, login: 'm', url: 'https://github.com/o/r/pull/1#issuecomment-1', reason: verb === 'accept' ? 'r' : undefined, ...extra });

  it('the last decision about a question stands; globs and thread fingerprints pick the questions', () => {
    const findings = [question('threads-io-only', 'reports/a.py'), question('threads-io-only', 'tools/b.py'), question('golang-unjustified', 'cmd/main.go')];
    const fps = ['f0:1', 'f1:1', 'f2:1'];
    const n = applyDecisions(findings, fps, [
      by('accept', { rule: 'threads-io-only' }),
      by('revoke', { rule: 'threads-io-only', glob: 'tools/**' }),
      by('accept', { fingerprint: 'f2:1' }),
    ]);
    expect(n).toBe(2);
    expect(findings.map((f) => f.accepted)).toEqual([true, false, true]);
    expect(findings[0]!.acceptedBy).toEqual({ kind: 'comment', login: 'm', url: 'https://github.com/o/r/pull/1#issuecomment-1', reason: 'r', byThisChange: false });
  });

  it('keeps an acceptance of another kind, and never accepts what is not a question', () => {
    const labelled = { ...question('threads-io-only', 'a.py'), accepted: true, acceptedBy: { kind: 'label', reason: 'l', byThisChange: false } } as Finding;
    const note = { ...question('threads-for-io', 'a.py'), verdict: 'info' } as Finding;
    expect(applyDecisions([labelled, note], ['a:1', 'b:1'], [by('accept', { rule: 'threads-io-only' }), by('accept', { rule: 'threads-for-io' })])).toBe(0);
    expect(labelled.acceptedBy!.kind).toBe('label');
    expect(note.accepted).toBe(false);
  });
});
