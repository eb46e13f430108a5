/**
 * Commands that maintainers write in a pull request's conversation, and their replay.
 *
 * A command is a line of its own, `/architecture-review <verb> …`, in a PR comment or in a
 * reply in one of this action's inline threads. Lines inside fenced or indented code, `>`
 * quotes and HTML comments are text about a command, not a command: quoting someone's
 * `/architecture-review accept …` never accepts anything.
 *
 * The state of record is the conversation itself: every run reads it again and replays the
 * commands in the order they were written, as they now read (an edited comment counts as
 * edited, a deleted one not at all). Acceptances belong to findings (their fingerprints), not
 * to commits, so they survive force-pushes.
 */
import picomatch from 'picomatch';
import { escapeCode } from '../report/escape.js';
import type { Finding } from '../types.js';

export const COMMAND_PREFIX = '/architecture-review';

/** A command as parsed; `line` is the line as written (trimmed). */
export type Command = { line: string } & (
  | { verb: 'accept'; rule?: string; glob?: string; reason: string }
  | { verb: 'revoke'; rule?: string; glob?: string }
  | { verb: 'explain'; rule?: string }
  | { verb: 'rerun' }
);

/** A command line that does not parse: the line as written and the form it should take. */
export interface Malformed {
  verb: 'malformed';
  line: string;
  /** Markdown; the comment's own words in it are escaped code spans. */
  problem: string;
  usage: string;
}

export const USAGE: Record<'accept' | 'revoke' | 'explain' | 'rerun', string> = {
  accept: `${COMMAND_PREFIX} accept <rule-id> [<path-glob>] -- <reason>`,
  revoke: `${COMMAND_PREFIX} revoke <rule-id> [<path-glob>]`,
  explain: `${COMMAND_PREFIX} explain <rule-id>`,
  rerun: `${COMMAND_PREFIX} rerun`,
};

const RULE_ID = /^[a-z0-9][a-z0-9-]*$/;

/** The lines of a comment that are its own text: not code, not a quote, not an HTML comment. */
function ownLines(body: string): string[] {
  const out: string[] = [];
  let fence: { char: string; length: number } | undefined;
  let inHtmlComment = false;
  for (const raw of body.split(/\r\n|\r|\n/)) {
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(raw);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = undefined;
      continue;
    }
    if (inHtmlComment) {
      if (raw.includes('-->')) inHtmlComment = false;
      continue;
    }
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(raw);
    if (open) {
      fence = { char: open[1]![0]!, length: open[1]!.length };
      continue;
    }
    if (/^ {0,3}<!--/.test(raw) && !raw.includes('-->')) {
      inHtmlComment = true;
      continue;
    }
    // Four spaces or a tab: indented code. `>`: a quote.
    if (/^(?: {4}|\t)/.test(raw) || /^ {0,3}>/.test(raw)) continue;
    out.push(raw.trim());
  }
  return out;
}

/**
 * The commands of a comment, in order, with the malformed ones as such. `inThread`: the comment
 * is a reply in one of the action's inline threads, where a rule may be left out (the thread's).
 */
export function parseCommands(body: string, inThread: boolean): (Command | Malformed)[] {
  const out: (Command | Malformed)[] = [];
  for (const line of ownLines(body)) {
    if (line !== COMMAND_PREFIX && !line.startsWith(`${COMMAND_PREFIX} `) && !line.startsWith(`${COMMAND_PREFIX}\t`)) continue;
    out.push(parseLine(line, inThread));
  }
  return out;
}

function parseLine(line: string, inThread: boolean): Command | Malformed {
  const rest = line.slice(COMMAND_PREFIX.length).trim();
  const dash = rest.search(/(?:^|\s)--(?:\s|$)/);
  const head = (dash >= 0 ? rest.slice(0, dash) : rest).trim();
  const reason = dash >= 0 ? rest.slice(dash).trim().slice(2).trim() : undefined;
  const [verb = '', ...args] = head.split(/\s+/).filter(Boolean);
  const bad = (usage: string, problem: string): Malformed => ({ verb: 'malformed', line, problem, usage });
  const known = Object.keys(USAGE).join(', ');
  switch (verb) {
    case 'accept': {
      const [rule, glob, extra] = args;
      if (extra !== undefined) return bad(USAGE.accept, 'too many words before `--`: one rule id and at most one path glob');
      if (rule === undefined && !inThread) return bad(USAGE.accept, 'a rule id is needed (only a reply in one of its threads may leave it out)');
      if (rule !== undefined && !RULE_ID.test(rule)) return bad(USAGE.accept, `${escapeCode(rule, 100)} is not a rule id`);
      if (!reason) return bad(USAGE.accept, 'a reason is needed after `--`');
      return { verb: 'accept', line, rule, glob, reason };
    }
    case 'revoke': {
      const [rule, glob, extra] = args;
      if (extra !== undefined || reason !== undefined) return bad(USAGE.revoke, 'one rule id and at most one path glob, nothing else');
      if (rule === undefined && !inThread) return bad(USAGE.revoke, 'a rule id is needed (only a reply in one of its threads may leave it out)');
      if (rule !== undefined && !RULE_ID.test(rule)) return bad(USAGE.revoke, `${escapeCode(rule, 100)} is not a rule id`);
      return { verb: 'revoke', line, rule, glob };
    }
    case 'explain': {
      const [rule, extra] = args;
      if (extra !== undefined || reason !== undefined) return bad(USAGE.explain, 'one rule id, nothing else');
      if (rule === undefined && !inThread) return bad(USAGE.explain, 'a rule id is needed');
      if (rule !== undefined && !RULE_ID.test(rule)) return bad(USAGE.explain, `${escapeCode(rule, 100)} is not a rule id`);
      return { verb: 'explain', line, rule };
    }
    case 'rerun':
      if (args.length > 0 || reason !== undefined) return bad(USAGE.rerun, '`rerun` takes nothing after it');
      return { verb: 'rerun', line };
    default:
      return bad(Object.values(USAGE).join('\n'), verb ? `${escapeCode(verb, 100)} is not a command (the commands: ${known})` : `a command is needed (the commands: ${known})`);
  }
}

/** A bot account (this action, Dependabot, any app): never a source of commands. */
export function isBot(user: { type?: string; login?: string } | null | undefined): boolean {
  return user?.type === 'Bot' || /\[bot\]$/i.test(user?.login ?? '');
}

/** Whether a comment's text holds a command line (well-formed or not). */
export function holdsCommand(body: string | null | undefined): boolean {
  return parseCommands(body ?? '', true).length > 0;
}

/** One accept or revoke, as replayed: who, where, and what it is about. */
export interface Decision {
  verb: 'accept' | 'revoke';
  login: string;
  url: string;
  reason?: string;
  rule?: string;
  glob?: string;
  /** A reply in an inline thread without a rule: the thread's finding. */
  fingerprint?: string;
}

function matches(d: Decision, f: Finding, fingerprint: string): boolean {
  if (d.rule === undefined) return d.fingerprint === fingerprint;
  if (d.rule !== f.rule) return false;
  if (d.glob === undefined) return true;
  const isMatch = picomatch(d.glob, { dot: true });
  return f.locations.some((l) => isMatch(l.path));
}

/**
 * Applies the decisions, in order, to the open questions: the last decision about a question
 * stands (an accept after a revoke accepts again). A question accepted otherwise (profile,
 * inline comment, label) keeps that acceptance. Returns how many questions a comment accepts.
 */
export function applyDecisions(findings: Finding[], fingerprints: string[], decisions: Decision[]): number {
  let accepted = 0;
  for (const [i, f] of findings.entries()) {
    if (f.verdict !== 'question' || f.accepted) continue;
    let last: Decision | undefined;
    for (const d of decisions) if (matches(d, f, fingerprints[i]!)) last = d;
    if (last?.verb !== 'accept') continue;
    f.accepted = true;
    f.acceptedBy = { kind: 'comment', login: last.login, url: last.url, reason: last.reason ?? '', byThisChange: false };
    accepted++;
  }
  return accepted;
}
