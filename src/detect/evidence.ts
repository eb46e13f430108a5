/**
 * What every detector writes the same way: the evidence line of a signal, and the inline
 * acceptance a comment may hold (`architecture-review: accept <rule-id> -- <reason>`, after
 * `#` or `//`), so that both read alike in every kind of file.
 */
import type { InlineAcceptance } from '../types.js';

/** Where an acceptance starts; a comment without it needs no closer look. */
export const ACCEPT_MARKER = 'architecture-review';

const ACCEPT_RE = /architecture-review\s*:\s*accept\s+([A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*)(.*)$/;

/**
 * Reads an inline acceptance from the text of one comment (one line of it). Returns null when
 * the comment holds none. The reason is what follows the rule id, without the `--`; it may be
 * empty.
 *
 * @param body the comment's text (after `#` or `//`, or all of it)
 * @param line the 1-based line of the comment
 */
export function readAcceptance(body: string, line: number): InlineAcceptance | null {
  if (body.indexOf(ACCEPT_MARKER) === -1) return null;
  const m = ACCEPT_RE.exec(body);
  if (!m) return null;
  let reason = (m[2] ?? '').trim();
  if (reason.startsWith('--')) reason = reason.slice(2).trim();
  return { line, rule: ownCopy(m[1] ?? ''), reason: ownCopy(reason) };
}

/**
 * A source line as evidence: trimmed, at most 200 characters, never half a surrogate pair.
 * The result is a string of its own: a slice of the file's text would keep all of that text
 * alive for as long as the signal lives, and an audit keeps signals, not contents.
 */
export function toEvidence(line: string): string {
  const trimmed = line.trim();
  if (trimmed.length <= 200) return ownCopy(trimmed);
  const last = trimmed.charCodeAt(199);
  return ownCopy(trimmed.slice(0, last >= 0xd800 && last <= 0xdbff ? 199 : 200));
}

/**
 * A copy of `s` that holds no reference to a longer string. V8 represents a long enough slice
 * as a view of its parent; flattening a concatenation copies the characters into a new string.
 */
export function ownCopy(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
