/**
 * A unified-diff reader: `git diff` / `git diff-tree -p` output for many files, and the `patch`
 * field of GitHub's pull-request files API (one file's hunks, no headers).
 *
 * Pure and total: any text gives an answer, garbage gives an empty one, nothing throws. Work is
 * linear in the input: lines are visited once and hunk bodies are walked by the counts in their
 * `@@` headers (as `git apply` does), so a removed line that happens to read `--- a/x` or
 * `diff --git` inside a hunk is never mistaken for a header.
 */

/** What happened to one file, as a diff tells it. */
export type DiffStatus = 'added' | 'modified' | 'renamed' | 'copied' | 'deleted';

/** One file of a parsed diff. */
export interface ParsedFileDiff {
  /**
   * The path in the new version; for a deletion, the path that was deleted. Empty when the diff
   * names no file (bare hunks, as in a GitHub `patch`).
   */
  path: string;
  /** For a rename or copy: the path in the old version. */
  previousPath?: string;
  status: DiffStatus;
  /** Git said "Binary files … differ" (or gave a binary patch): no line information. */
  binary: boolean;
  /** 1-based line numbers, in the new version, of the lines the diff adds. */
  addedLines: Set<number>;
  /** File modes from the headers (`100644`, `100755`, `120000` symlink, `160000` submodule). */
  oldMode?: string;
  newMode?: string;
}

/** Options of {@link createDiffParser}. */
export interface DiffParserOptions {
  /**
   * Record the added lines of new files (default true). A caller that treats every line of a new
   * file as added anyway can say false and save a set of one entry per line of a large new file.
   */
  newFileLines?: boolean;
}

/** An incremental parser: feed it lines (without their `\n`), then ask for the files. */
export interface DiffParser {
  /** Takes one line of the diff, without the line feed. A trailing `\r` is tolerated. */
  line(text: string): void;
  /** Ends the input and returns every file seen, in order. */
  end(): ParsedFileDiff[];
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

interface Draft {
  file: ParsedFileDiff;
  /** Paths from the `diff --git` line, the weakest source (ambiguous when unquoted with spaces). */
  headerOld?: string;
  headerNew?: string;
  /** Paths from `---` / `+++`, `rename from/to`, `copy from/to`: exact. `null` is /dev/null. */
  oldPath?: string | null;
  newPath?: string | null;
  isNew: boolean;
  isDeleted: boolean;
  hadHunk: boolean;
  /** `diff --git` started this entry (so `---` belongs to it rather than starting a new one). */
  gitHeader: boolean;
}

/**
 * Creates an incremental unified-diff parser, for output too large to hold as one string
 * (the local git reader streams `git diff-tree` through it). {@link parseUnifiedDiff} is the
 * one-string front end.
 */
export function createDiffParser(options: DiffParserOptions = {}): DiffParser {
  const keepNewFileLines = options.newFileLines ?? true;
  const files: ParsedFileDiff[] = [];
  let draft: Draft | null = null;
  // Lines still expected in the current hunk, per side, and the next line number of the new side.
  let oldLeft = 0;
  let newLeft = 0;
  let newLine = 0;
  let record = true;

  const start = (gitHeader: boolean): Draft => {
    finish();
    draft = {
      file: { path: '', status: 'modified', binary: false, addedLines: new Set() },
      isNew: false,
      isDeleted: false,
      hadHunk: false,
      gitHeader,
    };
    return draft;
  };

  const finish = (): void => {
    if (draft === null) return;
    // Outside `diff --git` output, a `---` line without hunks is prose (a commit message in a
    // format-patch mail), not a file.
    if (draft.gitHeader || draft.hadHunk) {
      settle(draft);
      files.push(draft.file);
    }
    draft = null;
    oldLeft = 0;
    newLeft = 0;
  };

  const inHunkBody = (text: string): boolean => {
    const c = text.charCodeAt(0);
    if (c === 43 /* + */) {
      if (newLeft === 0) return false;
      if (record && draft !== null) draft.file.addedLines.add(newLine);
      newLine++;
      newLeft--;
    } else if (c === 45 /* - */) {
      if (oldLeft === 0) return false;
      oldLeft--;
    } else if (c === 32 /* space */ || text.length === 0 || text === '\r') {
      // Some tools strip the single space of an empty context line; accept that as context.
      if (oldLeft === 0 || newLeft === 0) return false;
      newLine++;
      oldLeft--;
      newLeft--;
    } else if (c === 92 /* \ */) {
      // "\ No newline at end of file": a marker, not a line.
    } else {
      return false;
    }
    return true;
  };

  const line = (raw: string): void => {
    if (oldLeft > 0 || newLeft > 0) {
      if (inHunkBody(raw)) return;
      // A hunk shorter than its header said: the diff is truncated or mangled. Read on as headers.
      oldLeft = 0;
      newLeft = 0;
    }
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const c = text.charCodeAt(0);
    if (c === 64 /* @ */) {
      const m = HUNK.exec(text);
      if (m === null) return;
      const d = draft ?? start(false);
      d.hadHunk = true;
      oldLeft = m[2] === undefined ? 1 : Number(m[2]);
      newLeft = m[4] === undefined ? 1 : Number(m[4]);
      newLine = Number(m[3]);
      // Guard against absurd counts in garbage: they only make the body loop end early.
      if (!Number.isSafeInteger(oldLeft) || !Number.isSafeInteger(newLeft)) {
        oldLeft = 0;
        newLeft = 0;
      }
      record = keepNewFileLines || !(d.isNew || d.oldPath === null);
      return;
    }
    if (c === 92 /* \ */) return;
    if (text.startsWith('diff --git ')) {
      const d = start(true);
      const pair = splitGitHeader(text.slice('diff --git '.length));
      if (pair !== null) {
        d.headerOld = stripPrefix(pair[0], 'a/');
        d.headerNew = stripPrefix(pair[1], 'b/');
      }
      return;
    }
    if (text.startsWith('--- ')) {
      let d = draft;
      // Without a `diff --git` line (plain `diff -u`), `---` starts the next file.
      if (d === null || d.hadHunk || !d.gitHeader) d = start(false);
      d.oldPath = labelPath(text.slice(4), 'a/');
      return;
    }
    if (text.startsWith('+++ ')) {
      const d = draft ?? start(false);
      d.newPath = labelPath(text.slice(4), 'b/');
      return;
    }
    const d = draft;
    if (d === null) return;
    if (text.startsWith('new file mode ')) {
      d.isNew = true;
      d.file.newMode = text.slice('new file mode '.length).trim();
    } else if (text.startsWith('deleted file mode ')) {
      d.isDeleted = true;
      d.file.oldMode = text.slice('deleted file mode '.length).trim();
    } else if (text.startsWith('old mode ')) {
      d.file.oldMode = text.slice('old mode '.length).trim();
    } else if (text.startsWith('new mode ')) {
      d.file.newMode = text.slice('new mode '.length).trim();
    } else if (text.startsWith('index ')) {
      // `index abc..def 100644`: the mode of an unchanged-mode file.
      const mode = /^index \S+ (\d{6})$/.exec(text);
      if (mode !== null) {
        d.file.oldMode ??= mode[1];
        d.file.newMode ??= mode[1];
      }
    } else if (text.startsWith('rename from ')) {
      d.oldPath = unquote(text.slice('rename from '.length));
      d.file.status = 'renamed';
    } else if (text.startsWith('rename to ')) {
      d.newPath = unquote(text.slice('rename to '.length));
      d.file.status = 'renamed';
    } else if (text.startsWith('copy from ')) {
      d.oldPath = unquote(text.slice('copy from '.length));
      d.file.status = 'copied';
    } else if (text.startsWith('copy to ')) {
      d.newPath = unquote(text.slice('copy to '.length));
      d.file.status = 'copied';
    } else if (text.startsWith('Binary files ') || text === 'GIT binary patch') {
      d.file.binary = true;
      if (text.startsWith('Binary files /dev/null and ')) d.isNew = true;
      else if (text.endsWith(' and /dev/null differ')) d.isDeleted = true;
    }
  };

  const end = (): ParsedFileDiff[] => {
    finish();
    return mergeTypeChanges(files);
  };

  return { line, end };
}

/**
 * Parses unified-diff text (`git diff`, `git diff -M`, `git diff --no-renames`, `git format-patch`,
 * plain `diff -u`) into one entry per file. Never throws; unknown lines are skipped.
 */
export function parseUnifiedDiff(text: string): ParsedFileDiff[] {
  const parser = createDiffParser();
  // indexOf walk rather than split: the same linear cost, without a second array of 50k strings.
  let from = 0;
  while (from < text.length) {
    let to = text.indexOf('\n', from);
    if (to === -1) to = text.length;
    parser.line(text.slice(from, to));
    from = to + 1;
  }
  return parser.end();
}

/**
 * The added lines of one file's hunks: GitHub's `patch` field, which starts at the first `@@`.
 * Returns 1-based line numbers of the new version. Never throws; garbage gives an empty set.
 */
export function addedLinesFromPatch(patch: string): Set<number> {
  const files = parseUnifiedDiff(patch);
  if (files.length === 1) return files[0]!.addedLines;
  const all = new Set<number>();
  for (const f of files) for (const n of f.addedLines) all.add(n);
  return all;
}

/** Decides path and status once every header line of a file has been seen. */
function settle(d: Draft): void {
  const f = d.file;
  const oldPath = d.oldPath === undefined ? d.headerOld : d.oldPath;
  const newPath = d.newPath === undefined ? d.headerNew : d.newPath;
  if (d.isNew || (oldPath === null && newPath !== null)) {
    f.status = 'added';
  } else if (d.isDeleted || (newPath === null && oldPath !== null)) {
    f.status = 'deleted';
  }
  if (f.status === 'deleted') {
    f.path = oldPath ?? newPath ?? '';
    f.addedLines.clear();
  } else {
    f.path = newPath ?? oldPath ?? '';
  }
  if ((f.status === 'renamed' || f.status === 'copied') && oldPath) {
    f.previousPath = oldPath;
  }
}

/**
 * Git prints a type change (file ↔ symlink) as a deletion followed by an addition of the same
 * path. One file changed, so it is reported once, as modified, with the new side's lines.
 */
function mergeTypeChanges(files: ParsedFileDiff[]): ParsedFileDiff[] {
  const out: ParsedFileDiff[] = [];
  for (const f of files) {
    const prev = out[out.length - 1];
    if (
      prev !== undefined &&
      prev.status === 'deleted' &&
      f.status === 'added' &&
      prev.path === f.path &&
      f.path !== ''
    ) {
      out[out.length - 1] = {
        ...f,
        status: 'modified',
        ...(prev.oldMode === undefined ? {} : { oldMode: prev.oldMode }),
      };
      continue;
    }
    out.push(f);
  }
  return out;
}

/**
 * Splits the two names of `diff --git <a> <b>`. Quoted names are exact. Unquoted names are
 * ambiguous when they hold spaces; git's own rule applies: without a rename both halves are the
 * same path, so the split that gives two equal names (after their prefixes) wins. Renames are
 * settled later by `rename from/to`, which are exact.
 */
function splitGitHeader(rest: string): [string, string] | null {
  if (rest.startsWith('"')) {
    const first = readQuoted(rest, 0);
    if (first === null) return null;
    const second = rest.slice(first.end).trimStart();
    return [first.value, unquote(second)];
  }
  const quotedSecond = rest.indexOf(' "');
  if (quotedSecond !== -1 && rest.endsWith('"')) {
    return [rest.slice(0, quotedSecond), unquote(rest.slice(quotedSecond + 1))];
  }
  // Same path on both sides: "a/P b/P", so the length is 2 * (len(P) + 2) + 1.
  if ((rest.length - 1) % 2 === 0) {
    const half = (rest.length - 1) / 2;
    const a = rest.slice(0, half);
    const b = rest.slice(half + 1);
    if (rest[half] === ' ' && a.slice(2) === b.slice(2)) return [a, b];
  }
  const at = rest.indexOf(' b/');
  if (at !== -1 && rest.indexOf(' b/', at + 1) === -1) return [rest.slice(0, at), rest.slice(at + 1)];
  const space = rest.indexOf(' ');
  return space === -1 ? null : [rest.slice(0, space), rest.slice(space + 1)];
}

/**
 * The name on a `---` / `+++` line: `/dev/null` means no file. Git appends a tab when a name
 * holds a space (and plain `diff -u` appends a tab and a timestamp), so a tab ends the name.
 */
function labelPath(label: string, prefix: string): string | null {
  let name: string;
  if (label.startsWith('"')) {
    name = readQuoted(label, 0)?.value ?? label;
  } else {
    const tab = label.indexOf('\t');
    name = tab === -1 ? label : label.slice(0, tab);
  }
  if (name === '/dev/null') return null;
  return stripPrefix(name, prefix);
}

function stripPrefix(name: string, prefix: string): string {
  return name.startsWith(prefix) ? name.slice(prefix.length) : name;
}

/** Undoes git's C-style quoting when the name is quoted; otherwise returns it as is. */
function unquote(name: string): string {
  if (!name.startsWith('"')) return name;
  return readQuoted(name, 0)?.value ?? name;
}

const ESCAPES: Record<string, number> = {
  a: 7,
  b: 8,
  t: 9,
  n: 10,
  v: 11,
  f: 12,
  r: 13,
  '"': 34,
  '\\': 92,
};

/**
 * Reads a C-style quoted string starting at `from` (on the opening quote). Octal escapes are
 * bytes (git writes UTF-8 names as `\303\251`), so the bytes are gathered and decoded as UTF-8.
 */
function readQuoted(text: string, from: number): { value: string; end: number } | null {
  const bytes: number[] = [];
  let i = from + 1;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') {
      return { value: Buffer.from(bytes).toString('utf8'), end: i + 1 };
    }
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === undefined) return null;
      const octal = /^[0-7]{3}/.exec(text.slice(i + 1, i + 4));
      if (octal !== null) {
        bytes.push(parseInt(octal[0], 8) & 0xff);
        i += 4;
        continue;
      }
      const code = ESCAPES[next];
      if (code === undefined) {
        bytes.push(...Buffer.from(next, 'utf8'));
      } else {
        bytes.push(code);
      }
      i += 2;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const s = String.fromCodePoint(cp);
    for (const b of Buffer.from(s, 'utf8')) bytes.push(b);
    i += s.length;
  }
  return null;
}
