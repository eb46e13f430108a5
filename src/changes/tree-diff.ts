/**
 * The diff between two trees, as ChangedFile[]: one streamed `git diff-tree -p` run through the
 * pure diff reader, then a content check of the files git called binary.
 */
import type { ChangedFile } from '../types.js';
import { createDiffParser, type ParsedFileDiff } from './diff.js';
import { readBlobBytes, type GitContext } from './blobs.js';
import { gitFailure, runGit } from './run-git.js';

/** Header lines longer than this are cut; hunk bodies only need their first character. */
const LINE_CAP = 64 * 1024;
/** Git's own test: a NUL byte in the first 8000 bytes makes a file binary. */
const SNIFF_BYTES = 8000;

/** Options of {@link diffTrees}. */
export interface TreeDiffOptions {
  /** Treat a line that differs only by a trailing CR as unchanged (work trees with CRLF checkouts). */
  ignoreCrAtEol?: boolean;
}

/**
 * Lists what changed from tree-ish `base` to tree-ish `head`, with the added lines of each file.
 * Paths are relative to the top of the repository.
 */
export async function diffTrees(
  ctx: GitContext,
  base: string,
  head: string,
  options: TreeDiffOptions = {},
): Promise<ChangedFile[]> {
  const parsed = await runDiffTree(ctx, base, head, options, null);
  const files = parsed.filter(isFileEntry);

  // Git calls a file binary by content (a NUL byte) or because .gitattributes says so (`-diff`,
  // `binary`). The attributes come from the change under review, so a change could hide a new
  // .go file by marking it binary. Only content decides here: the files git called binary are
  // sniffed, and those that are text after all are diffed again as text.
  const suspects = files.filter((f) => f.binary && f.status !== 'deleted');
  if (suspects.length > 0) {
    const bytes = await readBlobBytes(ctx, head, suspects.map((f) => f.path));
    const text = suspects.filter((f) => {
      const b = bytes.get(f.path);
      return b !== null && b !== undefined && !b.subarray(0, SNIFF_BYTES).includes(0);
    });
    if (text.length > 0) {
      const paths = text.flatMap((f) => (f.previousPath === undefined ? [f.path] : [f.path, f.previousPath]));
      const again = new Map(
        (await runDiffTree(ctx, base, head, options, paths)).filter(isFileEntry).map((f) => [f.path, f]),
      );
      for (let i = 0; i < files.length; i++) {
        const redone = again.get(files[i]!.path);
        if (redone !== undefined && text.includes(files[i]!)) files[i] = redone;
      }
    }
  }
  return files.map(toChangedFile);
}

/** Submodules (mode 160000) are commits of other repositories: nothing to read here. */
function isFileEntry(f: ParsedFileDiff): boolean {
  const mode = f.status === 'deleted' ? f.oldMode : f.newMode;
  return mode !== '160000' && f.path !== '';
}

/**
 * A parsed entry in the shape the pipeline uses. A copy counts as a new file: its lines are new
 * in that place. A rename keeps its added lines only, so moving a file introduces nothing. A
 * type change (a file that becomes a symbolic link, or the reverse) replaces the whole content.
 */
export function toChangedFile(f: ParsedFileDiff): ChangedFile {
  const status = f.status === 'copied' ? 'added' : f.status;
  // Modes 100644/100755 are files, 120000 links, 160000 submodules: the first two digits say which.
  const typeChanged =
    f.oldMode !== undefined && f.newMode !== undefined && f.oldMode.slice(0, 2) !== f.newMode.slice(0, 2);
  const file: ChangedFile = {
    path: f.path,
    status,
    addedLines: status === 'added' || (typeChanged && status !== 'deleted') ? 'all' : f.addedLines,
    binary: f.binary,
  };
  if (f.previousPath !== undefined && status === 'renamed') file.previousPath = f.previousPath;
  return file;
}

function runDiffTree(
  ctx: GitContext,
  base: string,
  head: string,
  options: TreeDiffOptions,
  paths: string[] | null,
): Promise<ParsedFileDiff[]> {
  const args = [
    ...(paths === null ? [] : ['--literal-pathspecs']),
    'diff-tree',
    '-r',
    '-p',
    // No context: every line of a hunk's new side is an added line, and the output is smallest.
    '-U0',
    '-M',
    '--no-ext-diff',
    '--no-textconv',
    '--no-color',
    // Fixed prefixes whatever diff.noprefix / diff.mnemonicPrefix say.
    '--src-prefix=a/',
    '--dst-prefix=b/',
    ...(paths === null ? [] : ['--text']),
    ...(options.ignoreCrAtEol ? ['--ignore-cr-at-eol'] : []),
    base,
    head,
    '--',
    ...(paths ?? []),
  ];
  // New files count as added everywhere, so their line sets would only cost memory.
  const parser = createDiffParser({ newFileLines: false });
  const split = lineSplitter((line) => parser.line(line));
  return runGit(ctx.repo, args, { onStdout: split.push, ...(ctx.env ? { env: ctx.env } : {}) }).then(
    async (result) => {
      if (result.code !== 0) throw await gitFailure(ctx.repo, `diffing ${base} and ${head}`, result);
      split.end();
      return parser.end();
    },
  );
}

/**
 * Cuts a byte stream into lines for the parser. Only the first {@link LINE_CAP} bytes of a line
 * are decoded: a one-line 50 MB minified file added to the diff costs no 50 MB string.
 */
function lineSplitter(onLine: (line: string) => void): { push: (chunk: Buffer) => void; end: () => void } {
  let parts: Buffer[] = [];
  let kept = 0;
  const emit = (): void => {
    onLine(Buffer.concat(parts).toString('utf8'));
    parts = [];
    kept = 0;
  };
  const keep = (piece: Buffer): void => {
    if (kept >= LINE_CAP) return;
    const slice = piece.subarray(0, LINE_CAP - kept);
    parts.push(slice);
    kept += slice.length;
  };
  return {
    push(chunk: Buffer) {
      let at = 0;
      for (;;) {
        const lf = chunk.indexOf(10, at);
        if (lf === -1) {
          if (at < chunk.length) keep(chunk.subarray(at));
          return;
        }
        keep(chunk.subarray(at, lf));
        emit();
        at = lf + 1;
      }
    },
    end() {
      if (kept > 0) emit();
    },
  };
}
