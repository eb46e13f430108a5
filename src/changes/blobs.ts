/**
 * Reading files at a commit: many files, two git processes, bounded memory.
 *
 * `git cat-file --batch-check` first gives every object's type and size, so that oversized files
 * (a 50 MB minified bundle) are never read at all; then one `git cat-file --batch` streams the
 * wanted blobs, each copied into a buffer of its announced size.
 */
import { UsageError } from '../errors.js';
import { decodeText } from '../utf8.js';
import { assertRevision, gitFailure, gitOutput, runGit } from './run-git.js';

/** Files larger than this are not read (5 MiB): no detector needs them, and memory stays flat. */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** A file that exists but was not read. */
export interface SkippedFile {
  path: string;
  reason: 'too-large';
  size: number;
}

/** Options of the readers. */
export interface ReadOptions {
  /** Files above this size are returned as null (default {@link DEFAULT_MAX_FILE_BYTES}). */
  maxBytes?: number;
  /** Told about every file returned as null although it exists, so the report can say so. */
  onSkip?: (skipped: SkippedFile) => void;
}

/** Where git runs: the repository, and extra environment (worktree.ts adds a temporary object store). */
export interface GitContext {
  repo: string;
  env?: Record<string, string>;
}

interface Entry {
  type: string;
  size: number;
  sha: string;
}

/**
 * Reads many files of one commit (or tree) as UTF-8 text, with two git processes in all.
 * The map has one key per requested path: the text, or null when the path is missing, is not a
 * file (a directory, a submodule) or is larger than `maxBytes`. A leading byte-order mark is
 * dropped. Invalid UTF-8 becomes U+FFFD: detectors read text and never throw on it.
 * Throws a UsageError when the commit itself is unknown.
 */
export async function readBlobs(
  repo: string,
  commit: string,
  paths: readonly string[],
  options: ReadOptions = {},
): Promise<Map<string, string | null>> {
  const bytes = await readBlobBytes({ repo }, commit, paths, options);
  const texts = new Map<string, string | null>();
  for (const [path, buf] of bytes) texts.set(path, buf === null ? null : decodeText(buf));
  return texts;
}

/** Reads one file of a commit as text; null when missing, not a file, or too large. See {@link readBlobs}. */
export async function readBlob(
  repo: string,
  commit: string,
  path: string,
  options: ReadOptions = {},
): Promise<string | null> {
  return (await readBlobs(repo, commit, [path], options)).get(path) ?? null;
}

/** {@link readBlobs} without the decoding, for callers that look at bytes (binary sniffing). */
export async function readBlobBytes(
  ctx: GitContext,
  commit: string,
  paths: readonly string[],
  options: ReadOptions = {},
): Promise<Map<string, Buffer | null>> {
  assertRevision(commit, ctx.repo);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const unique = [...new Set(paths)];
  const entries = await lookUp(ctx, commit, unique);

  const wanted = new Set<string>();
  for (const path of unique) {
    const e = entries.get(path);
    if (e === undefined || e.type !== 'blob') continue;
    if (e.size > maxBytes) options.onSkip?.({ path, reason: 'too-large', size: e.size });
    else wanted.add(e.sha);
  }
  const contents = await catBlobs(ctx, [...wanted]);

  const result = new Map<string, Buffer | null>();
  for (const path of unique) {
    const e = entries.get(path);
    result.set(path, e === undefined ? null : (contents.get(e.sha) ?? null));
  }
  return result;
}

/**
 * Type, size and id of each path at `commit`. The batch protocol is one line per request, so
 * names holding a line break (git allows them) are looked up with `ls-tree -z` instead.
 */
async function lookUp(ctx: GitContext, commit: string, paths: string[]): Promise<Map<string, Entry>> {
  const found = new Map<string, Entry>();
  const byLine = paths.filter((p) => !/[\r\n]/.test(p));
  const odd = paths.filter((p) => /[\r\n]/.test(p));

  // The first request checks the commit itself, so an unknown commit is an error rather than
  // "every file is missing", without a process of its own.
  const input = [`${commit}^{tree}`, ...byLine.map((p) => `${commit}:${p}`)].join('\n') + '\n';
  const out = await gitOutput(
    ctx.repo,
    ['cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize)'],
    `reading files of ${commit}`,
    { input, ...(ctx.env ? { env: ctx.env } : {}) },
  );
  const lines = out.toString('utf8').split('\n');
  if (!/^[0-9a-f]+ tree \d+$/.test(lines[0] ?? '')) {
    throw new UsageError(`unknown revision ${commit} in ${ctx.repo}: fetch it or check the name`);
  }
  byLine.forEach((path, i) => {
    const m = /^([0-9a-f]{40,64}) (\w+) (\d+)$/.exec(lines[i + 1] ?? '');
    if (m !== null) found.set(path, { sha: m[1]!, type: m[2]!, size: Number(m[3]) });
  });

  if (odd.length > 0) {
    const listing = await gitOutput(
      ctx.repo,
      ['--literal-pathspecs', 'ls-tree', '-z', '-l', '--full-tree', commit, '--', ...odd],
      `reading files of ${commit}`,
      ctx.env ? { env: ctx.env } : {},
    );
    for (const record of listing.toString('utf8').split('\0')) {
      // "<mode> <type> <sha> <size, padded>\t<path>"
      const m = /^\d+ (\w+) ([0-9a-f]+) +(\d+|-)\t([\s\S]*)$/.exec(record);
      if (m === null) continue;
      found.set(m[4]!, { type: m[1]!, sha: m[2]!, size: m[3] === '-' ? 0 : Number(m[3]) });
    }
  }
  return found;
}

/** Streams the given blobs out of one `git cat-file --batch`. */
async function catBlobs(ctx: GitContext, shas: string[]): Promise<Map<string, Buffer>> {
  const contents = new Map<string, Buffer>();
  if (shas.length === 0) return contents;
  const reader = batchReader((sha, body) => contents.set(sha, body));
  const result = await runGit(ctx.repo, ['cat-file', '--batch'], {
    input: shas.join('\n') + '\n',
    onStdout: reader,
    ...(ctx.env ? { env: ctx.env } : {}),
  });
  if (result.code !== 0) throw await gitFailure(ctx.repo, 'reading file contents', result);
  return contents;
}

/**
 * A chunk handler for `cat-file --batch` output: `<sha> <type> <size>\n<size bytes>\n` per
 * object, `<name> missing\n` for an unknown one. Each body goes straight into a buffer of its
 * announced size: no concatenation of the whole stream.
 */
function batchReader(onObject: (sha: string, body: Buffer) => void): (chunk: Buffer) => void {
  let header: Buffer[] = [];
  let body: Buffer | null = null;
  let filled = 0;
  let sha = '';
  // The line feed that follows each body.
  let skipLf = false;

  return (chunk: Buffer) => {
    let at = 0;
    while (at < chunk.length) {
      if (skipLf) {
        skipLf = false;
        if (chunk[at] === 10) at++;
        continue;
      }
      if (body !== null) {
        const n = Math.min(body.length - filled, chunk.length - at);
        chunk.copy(body, filled, at, at + n);
        filled += n;
        at += n;
        if (filled === body.length) {
          onObject(sha, body);
          body = null;
          skipLf = true;
        }
        continue;
      }
      const lf = chunk.indexOf(10, at);
      if (lf === -1) {
        header.push(chunk.subarray(at));
        break;
      }
      header.push(chunk.subarray(at, lf));
      at = lf + 1;
      const line = Buffer.concat(header).toString('utf8');
      header = [];
      const m = /^([0-9a-f]+) \w+ (\d+)$/.exec(line);
      if (m === null) continue; // "<name> missing": nothing follows
      sha = m[1]!;
      body = Buffer.allocUnsafe(Number(m[2]));
      filled = 0;
      if (body.length === 0) {
        onObject(sha, body);
        body = null;
        skipLf = true;
      }
    }
  };
}
