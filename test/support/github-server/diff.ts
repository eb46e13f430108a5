/**
 * Unified diffs as GitHub puts them in a pull request file's `patch` (hunks only, no file
 * headers), so tests can state a PR as two trees and get realistic `files` entries.
 */
import { blobSha } from './objects.js';

/** One entry of `GET /repos/{owner}/{repo}/pulls/{pull_number}/files` (diff-entry). */
export interface PullFile {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  additions: number;
  deletions: number;
  changes: number;
  /** Absent for binary files, pure renames and diffs GitHub deems too large. */
  patch?: string;
  previous_filename?: string;
  sha: string;
}

/** A tree of text files: path → content. */
export type FileTree = Record<string, string>;

type Op = { kind: ' ' | '-' | '+'; line: string };

const NO_EOL = '\u0000no-eol';
/** Above this many cells the LCS table is skipped: the middle becomes one delete + one insert. */
const MAX_LCS_CELLS = 4_000_000;

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  // The last line without a newline differs from the same line with one, as in git.
  else lines[lines.length - 1] += NO_EOL;
  return lines;
}

function diffLines(a: string[], b: string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: Op[] = a.slice(0, start).map((line) => ({ kind: ' ', line }));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > MAX_LCS_CELLS) {
    for (const line of midA) ops.push({ kind: '-', line });
    for (const line of midB) ops.push({ kind: '+', line });
  } else {
    ops.push(...lcsOps(midA, midB));
  }
  for (const line of a.slice(endA)) ops.push({ kind: ' ', line });
  return ops;
}

function lcsOps(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j]
          ? (table[(i + 1) * width + j + 1] as number) + 1
          : Math.max(table[(i + 1) * width + j] as number, table[i * width + j + 1] as number);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i] as string });
      i++;
      j++;
    } else if ((table[(i + 1) * width + j] as number) >= (table[i * width + j + 1] as number)) {
      ops.push({ kind: '-', line: a[i++] as string });
    } else {
      ops.push({ kind: '+', line: b[j++] as string });
    }
  }
  while (i < n) ops.push({ kind: '-', line: a[i++] as string });
  while (j < m) ops.push({ kind: '+', line: b[j++] as string });
  return ops;
}

function range(start: number, count: number): string {
  // git's format: ",1" is implied; an empty range names the line before it.
  if (count === 1) return `${start}`;
  return `${count === 0 ? start - 1 : start},${count}`;
}

/**
 * The hunks of a unified diff from `oldText` to `newText` (what GitHub returns as `patch`),
 * with `context` lines around changes, or '' when the texts are equal.
 */
export function unifiedPatch(oldText: string, newText: string, context = 3): string {
  const oldLines = splitLines(oldText);
  const ops = diffLines(oldLines, splitLines(newText));
  const changed = ops.map((op, index) => (op.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
  if (changed.length === 0) return '';
  const hunks: [number, number][] = [];
  for (const index of changed) {
    const from = Math.max(0, index - context);
    const to = Math.min(ops.length, index + context + 1);
    const last = hunks[hunks.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else hunks.push([from, to]);
  }
  const out: string[] = [];
  // Line numbers at the start of each op, 1-based.
  let oldLine = 1;
  let newLine = 1;
  let cursor = 0;
  for (const [from, to] of hunks) {
    for (; cursor < from; cursor++) {
      const op = ops[cursor] as Op;
      if (op.kind !== '+') oldLine++;
      if (op.kind !== '-') newLine++;
    }
    const body: string[] = [];
    let oldCount = 0;
    let newCount = 0;
    for (const op of ops.slice(from, to)) {
      if (op.kind !== '+') oldCount++;
      if (op.kind !== '-') newCount++;
      const noEol = op.line.endsWith(NO_EOL);
      body.push(`${op.kind}${noEol ? op.line.slice(0, -NO_EOL.length) : op.line}`);
      if (noEol) body.push('\\ No newline at end of file');
    }
    const context = functionContext(oldLines, oldLine - 1);
    out.push(`@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@${context ? ` ${context}` : ''}`, ...body);
    oldLine += oldCount;
    newLine += newCount;
    cursor = to;
  }
  return out.join('\n');
}

/**
 * git's default "function name" shown after a hunk header: the nearest line before the hunk
 * (in the old file) that starts with a letter, `_` or `$`, cut at 80 bytes, trailing space
 * trimmed. GitHub's patches carry it too (`@@ -132,7 +132,7 @@ module Test`).
 */
function functionContext(oldLines: string[], hunkStart: number): string {
  for (let i = hunkStart - 1; i >= 0; i--) {
    const line = (oldLines[i] as string).replace(NO_EOL, '');
    if (/^[A-Za-z_$]/.test(line)) return Buffer.from(line).subarray(0, 80).toString('utf8').replace(/\s+$/, '').replace(/\uFFFD$/, '');
  }
  return '';
}

/** Counts the added and deleted lines of a patch. */
export function countPatch(patch: string): { additions: number; deletions: number } {
  let additions = 0;
  let deletions = 0;
  for (const line of patch.split('\n')) {
    if (line.startsWith('+')) additions++;
    else if (line.startsWith('-')) deletions++;
  }
  return { additions, deletions };
}

/**
 * The `files` of a pull request that turns `base` into `head`, sorted by path as GitHub lists
 * them: added/removed/modified with patches, and exact-content moves as `renamed`.
 */
export function diffTrees(base: FileTree, head: FileTree): PullFile[] {
  const files: PullFile[] = [];
  const removed = new Map<string, string>(); // content → path, for rename detection
  const added: string[] = [];
  for (const path of new Set([...Object.keys(base), ...Object.keys(head)])) {
    const before = base[path];
    const after = head[path];
    if (before === after) continue;
    if (before === undefined) added.push(path);
    else if (after === undefined) removed.set(before, path);
    else files.push(entry(path, 'modified', before, after));
  }
  for (const path of added) {
    const text = head[path] as string;
    const from = removed.get(text);
    if (from !== undefined) {
      removed.delete(text);
      files.push({ filename: path, status: 'renamed', additions: 0, deletions: 0, changes: 0, previous_filename: from, sha: blobSha(text) });
    } else {
      files.push(entry(path, 'added', '', text));
    }
  }
  for (const [text, path] of removed) files.push({ ...entry(path, 'removed', text, ''), sha: blobSha(text) });
  return files.sort((a, b) => (a.filename < b.filename ? -1 : a.filename > b.filename ? 1 : 0));
}

function entry(filename: string, status: PullFile['status'], before: string, after: string): PullFile {
  const patch = unifiedPatch(before, after);
  const { additions, deletions } = countPatch(patch);
  return { filename, status, additions, deletions, changes: additions + deletions, patch, sha: blobSha(after) };
}

/** One line of a patch as review comments address it. */
export interface PatchLine {
  /** GitHub's diff `position`: 1 is the line below the first `@@`; later `@@` lines count too. */
  position: number;
  kind: ' ' | '-' | '+';
  /** Line number in the old file (context and deleted lines). */
  oldLine?: number;
  /** Line number in the new file (context and added lines). */
  newLine?: number;
  /** Which hunk (0-based) the line is in. */
  hunk: number;
  /** The hunk header through this line: what GitHub shows as a review comment's `diff_hunk`. */
  diffHunk: string;
}

/** The commentable lines of a patch, in order (hunk headers and "\ No newline" markers left out). */
export function patchLines(patch: string): PatchLine[] {
  const rows = patch.split('\n');
  const out: PatchLine[] = [];
  let position = -1;
  let hunk = -1;
  let header = 0;
  let oldLine = 0;
  let newLine = 0;
  rows.forEach((row, index) => {
    const start = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(row);
    if (start) {
      position++; // the first header is position 0
      hunk++;
      header = index;
      oldLine = Number(start[1]);
      newLine = Number(start[2]);
      return;
    }
    if (hunk < 0) return;
    position++;
    const kind = row[0];
    if (kind !== ' ' && kind !== '-' && kind !== '+') return; // "\ No newline at end of file"
    const line: PatchLine = { position, kind, hunk, diffHunk: rows.slice(header, index + 1).join('\n') };
    if (kind !== '+') line.oldLine = oldLine++;
    if (kind !== '-') line.newLine = newLine++;
    out.push(line);
  });
  return out;
}

/**
 * The patch line a review comment on `line` of `side` addresses: on RIGHT an added or context
 * line of the new file, on LEFT a deleted or context line of the old one; undefined when the
 * line is not in the diff (GitHub then answers "Line could not be resolved").
 */
export function findPatchLine(patch: string, line: number, side: 'RIGHT' | 'LEFT'): PatchLine | undefined {
  return patchLines(patch).find((l) => (side === 'RIGHT' ? l.newLine === line : l.oldLine === line));
}
