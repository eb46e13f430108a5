import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);
import {
  profileFromText,
  recordShard,
  ruleSetFrom,
  runEngine,
  serviceFor,
  shardOf,
  wantsFile
} from "./chunk-T3FG3OPU.js";
import {
  assertRevision,
  gitFailure,
  gitOutput,
  isGitWorkTree,
  listTrackedFiles,
  openTree,
  readBlobBytes,
  runGit
} from "./chunk-MI6TRKNM.js";
import {
  detectFile
} from "./chunk-GEH7THRF.js";
import {
  PROFILE_PATH,
  matchesAny
} from "./chunk-HZEKXUOR.js";
import {
  checkAcceptedRules
} from "./chunk-G42FD34K.js";
import {
  closestMatches
} from "./chunk-FB4OO7TI.js";
import {
  DOCS_URL
} from "./chunk-3YSN2IB3.js";
import {
  NEEDS,
  WHOLE_PROFILE
} from "./chunk-MLVVSL3L.js";
import {
  ConfigError,
  UsageError
} from "./chunk-4ALPS4ZO.js";

// src/repository.ts
var NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
function parseRepository(value, commit) {
  const fix = "give owner/name, like octo-org/storage, or the repository page, like https://github.example.com/octo-org/storage";
  if (NAME.test(value) && !value.split("/").some((part) => part === "." || part === "..")) {
    return { name: value, url: `https://github.com/${value}`, commit };
  }
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--repository "${value}" is not a repository: ${fix}`);
  }
  const parts = url.pathname.replace(/\.git$/, "").split("/").filter((p) => p !== "");
  const name = parts.slice(-2).join("/");
  if (url.protocol !== "https:" && url.protocol !== "http:" || url.username || url.password || url.search || url.hash || parts.length < 2 || !NAME.test(name)) {
    throw new UsageError(`--repository "${value}" is not a repository page: ${fix}`);
  }
  return { name, url: `${url.origin}/${parts.join("/")}`, commit };
}

// src/audit.ts
import { existsSync as existsSync2 } from "node:fs";
import { readdir, readFile, realpath } from "node:fs/promises";
import path from "node:path";

// src/changes/commits.ts
async function resolveCommit(repo, ref) {
  assertRevision(ref, repo);
  const result = await runGit(repo, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  if (result.code === 0) return result.stdout.toString("utf8").trim();
  if (result.stderr.trim() !== "") throw await gitFailure(repo, `resolving ${ref}`, result);
  let hint = "";
  if (!ref.startsWith("origin/")) {
    const remote = await runGit(repo, ["rev-parse", "--verify", "--quiet", `refs/remotes/origin/${ref}^{commit}`]);
    if (remote.code === 0) hint = ` (origin/${ref} exists: use that)`;
  }
  throw new UsageError(`unknown revision ${ref} in ${repo}: fetch it or check the name${hint}`);
}
async function mergeBase(repo, a, b) {
  assertRevision(a, repo);
  assertRevision(b, repo);
  const result = await runGit(repo, ["merge-base", a, b]);
  if (result.code === 0) return result.stdout.toString("utf8").trim();
  if (result.code !== 1 || result.stderr.trim() !== "") {
    throw await gitFailure(repo, `finding the merge base of ${a} and ${b}`, result);
  }
  const shallow = await runGit(repo, ["rev-parse", "--is-shallow-repository"]);
  if (shallow.stdout.toString("utf8").trim() === "true") {
    throw new UsageError(
      `no merge base between ${a} and ${b} in ${repo}: the clone is shallow, so their common history is missing; fetch more history (actions/checkout with fetch-depth: 0, or git fetch --unshallow)`
    );
  }
  throw new UsageError(
    `no merge base between ${a} and ${b} in ${repo}: they share no history; compare branches of the same project`
  );
}

// src/changes/diff.ts
var HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
function createDiffParser(options = {}) {
  const keepNewFileLines = options.newFileLines ?? true;
  const files = [];
  let draft = null;
  let oldLeft = 0;
  let newLeft = 0;
  let newLine = 0;
  let record = true;
  const start = (gitHeader) => {
    finish();
    draft = {
      file: { path: "", status: "modified", binary: false, addedLines: /* @__PURE__ */ new Set() },
      isNew: false,
      isDeleted: false,
      hadHunk: false,
      gitHeader
    };
    return draft;
  };
  const finish = () => {
    if (draft === null) return;
    if (draft.gitHeader || draft.hadHunk) {
      settle(draft);
      files.push(draft.file);
    }
    draft = null;
    oldLeft = 0;
    newLeft = 0;
  };
  const inHunkBody = (text) => {
    const c = text.charCodeAt(0);
    if (c === 43) {
      if (newLeft === 0) return false;
      if (record && draft !== null) draft.file.addedLines.add(newLine);
      newLine++;
      newLeft--;
    } else if (c === 45) {
      if (oldLeft === 0) return false;
      oldLeft--;
    } else if (c === 32 || text.length === 0 || text === "\r") {
      if (oldLeft === 0 || newLeft === 0) return false;
      newLine++;
      oldLeft--;
      newLeft--;
    } else if (c === 92) {
    } else {
      return false;
    }
    return true;
  };
  const line = (raw) => {
    if (oldLeft > 0 || newLeft > 0) {
      if (inHunkBody(raw)) return;
      oldLeft = 0;
      newLeft = 0;
    }
    const text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const c = text.charCodeAt(0);
    if (c === 64) {
      const m = HUNK.exec(text);
      if (m === null) return;
      const d2 = draft ?? start(false);
      d2.hadHunk = true;
      oldLeft = m[2] === void 0 ? 1 : Number(m[2]);
      newLeft = m[4] === void 0 ? 1 : Number(m[4]);
      newLine = Number(m[3]);
      if (!Number.isSafeInteger(oldLeft) || !Number.isSafeInteger(newLeft)) {
        oldLeft = 0;
        newLeft = 0;
      }
      record = keepNewFileLines || !(d2.isNew || d2.oldPath === null);
      return;
    }
    if (c === 92) return;
    if (text.startsWith("diff --git ")) {
      const d2 = start(true);
      const pair = splitGitHeader(text.slice("diff --git ".length));
      if (pair !== null) {
        d2.headerOld = stripPrefix(pair[0], "a/");
        d2.headerNew = stripPrefix(pair[1], "b/");
      }
      return;
    }
    if (text.startsWith("--- ")) {
      let d2 = draft;
      if (d2 === null || d2.hadHunk || !d2.gitHeader) d2 = start(false);
      d2.oldPath = labelPath(text.slice(4), "a/");
      return;
    }
    if (text.startsWith("+++ ")) {
      const d2 = draft ?? start(false);
      d2.newPath = labelPath(text.slice(4), "b/");
      return;
    }
    const d = draft;
    if (d === null) return;
    if (text.startsWith("new file mode ")) {
      d.isNew = true;
      d.file.newMode = text.slice("new file mode ".length).trim();
    } else if (text.startsWith("deleted file mode ")) {
      d.isDeleted = true;
      d.file.oldMode = text.slice("deleted file mode ".length).trim();
    } else if (text.startsWith("old mode ")) {
      d.file.oldMode = text.slice("old mode ".length).trim();
    } else if (text.startsWith("new mode ")) {
      d.file.newMode = text.slice("new mode ".length).trim();
    } else if (text.startsWith("index ")) {
      const mode = /^index \S+ (\d{6})$/.exec(text);
      if (mode !== null) {
        d.file.oldMode ??= mode[1];
        d.file.newMode ??= mode[1];
      }
    } else if (text.startsWith("rename from ")) {
      d.oldPath = unquote(text.slice("rename from ".length));
      d.file.status = "renamed";
    } else if (text.startsWith("rename to ")) {
      d.newPath = unquote(text.slice("rename to ".length));
      d.file.status = "renamed";
    } else if (text.startsWith("copy from ")) {
      d.oldPath = unquote(text.slice("copy from ".length));
      d.file.status = "copied";
    } else if (text.startsWith("copy to ")) {
      d.newPath = unquote(text.slice("copy to ".length));
      d.file.status = "copied";
    } else if (text.startsWith("Binary files ") || text === "GIT binary patch") {
      d.file.binary = true;
      if (text.startsWith("Binary files /dev/null and ")) d.isNew = true;
      else if (text.endsWith(" and /dev/null differ")) d.isDeleted = true;
    }
  };
  const end = () => {
    finish();
    return mergeTypeChanges(files);
  };
  return { line, end };
}
function parseUnifiedDiff(text) {
  const parser = createDiffParser();
  let from = 0;
  while (from < text.length) {
    let to = text.indexOf("\n", from);
    if (to === -1) to = text.length;
    parser.line(text.slice(from, to));
    from = to + 1;
  }
  return parser.end();
}
function addedLinesFromPatch(patch) {
  const files = parseUnifiedDiff(patch);
  if (files.length === 1) return files[0].addedLines;
  const all = /* @__PURE__ */ new Set();
  for (const f of files) for (const n of f.addedLines) all.add(n);
  return all;
}
function settle(d) {
  const f = d.file;
  const oldPath = d.oldPath === void 0 ? d.headerOld : d.oldPath;
  const newPath = d.newPath === void 0 ? d.headerNew : d.newPath;
  if (d.isNew || oldPath === null && newPath !== null) {
    f.status = "added";
  } else if (d.isDeleted || newPath === null && oldPath !== null) {
    f.status = "deleted";
  }
  if (f.status === "deleted") {
    f.path = oldPath ?? newPath ?? "";
    f.addedLines.clear();
  } else {
    f.path = newPath ?? oldPath ?? "";
  }
  if ((f.status === "renamed" || f.status === "copied") && oldPath) {
    f.previousPath = oldPath;
  }
}
function mergeTypeChanges(files) {
  const out = [];
  for (const f of files) {
    const prev = out[out.length - 1];
    if (prev !== void 0 && prev.status === "deleted" && f.status === "added" && prev.path === f.path && f.path !== "") {
      out[out.length - 1] = {
        ...f,
        status: "modified",
        ...prev.oldMode === void 0 ? {} : { oldMode: prev.oldMode }
      };
      continue;
    }
    out.push(f);
  }
  return out;
}
function splitGitHeader(rest) {
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
  if ((rest.length - 1) % 2 === 0) {
    const half = (rest.length - 1) / 2;
    const a = rest.slice(0, half);
    const b = rest.slice(half + 1);
    if (rest[half] === " " && a.slice(2) === b.slice(2)) return [a, b];
  }
  const at = rest.indexOf(" b/");
  if (at !== -1 && rest.indexOf(" b/", at + 1) === -1) return [rest.slice(0, at), rest.slice(at + 1)];
  const space = rest.indexOf(" ");
  return space === -1 ? null : [rest.slice(0, space), rest.slice(space + 1)];
}
function labelPath(label, prefix) {
  let name;
  if (label.startsWith('"')) {
    name = readQuoted(label, 0)?.value ?? label;
  } else {
    const tab = label.indexOf("	");
    name = tab === -1 ? label : label.slice(0, tab);
  }
  if (name === "/dev/null") return null;
  return stripPrefix(name, prefix);
}
function stripPrefix(name, prefix) {
  return name.startsWith(prefix) ? name.slice(prefix.length) : name;
}
function unquote(name) {
  if (!name.startsWith('"')) return name;
  return readQuoted(name, 0)?.value ?? name;
}
var ESCAPES = {
  a: 7,
  b: 8,
  t: 9,
  n: 10,
  v: 11,
  f: 12,
  r: 13,
  '"': 34,
  "\\": 92
};
function readQuoted(text, from) {
  const bytes = [];
  let i = from + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      return { value: Buffer.from(bytes).toString("utf8"), end: i + 1 };
    }
    if (ch === "\\") {
      const next = text[i + 1];
      if (next === void 0) return null;
      const octal = /^[0-7]{3}/.exec(text.slice(i + 1, i + 4));
      if (octal !== null) {
        bytes.push(parseInt(octal[0], 8) & 255);
        i += 4;
        continue;
      }
      const code = ESCAPES[next];
      if (code === void 0) {
        bytes.push(...Buffer.from(next, "utf8"));
      } else {
        bytes.push(code);
      }
      i += 2;
      continue;
    }
    const cp = text.codePointAt(i);
    const s = String.fromCodePoint(cp);
    for (const b of Buffer.from(s, "utf8")) bytes.push(b);
    i += s.length;
  }
  return null;
}

// src/changes/tree-diff.ts
var LINE_CAP = 64 * 1024;
var SNIFF_BYTES = 8e3;
async function diffTrees(ctx, base, head, options = {}) {
  const parsed = await runDiffTree(ctx, base, head, options, null);
  const files = parsed.filter(isFileEntry);
  const suspects = files.filter((f) => f.binary && f.status !== "deleted");
  if (suspects.length > 0) {
    const bytes = await readBlobBytes(ctx, head, suspects.map((f) => f.path));
    const text = suspects.filter((f) => {
      const b = bytes.get(f.path);
      return b !== null && b !== void 0 && !b.subarray(0, SNIFF_BYTES).includes(0);
    });
    if (text.length > 0) {
      const paths = text.flatMap((f) => f.previousPath === void 0 ? [f.path] : [f.path, f.previousPath]);
      const again = new Map(
        (await runDiffTree(ctx, base, head, options, paths)).filter(isFileEntry).map((f) => [f.path, f])
      );
      for (let i = 0; i < files.length; i++) {
        const redone = again.get(files[i].path);
        if (redone !== void 0 && text.includes(files[i])) files[i] = redone;
      }
    }
  }
  return files.map(toChangedFile);
}
function isFileEntry(f) {
  const mode = f.status === "deleted" ? f.oldMode : f.newMode;
  return mode !== "160000" && f.path !== "";
}
function toChangedFile(f) {
  const status = f.status === "copied" ? "added" : f.status;
  const typeChanged = f.oldMode !== void 0 && f.newMode !== void 0 && f.oldMode.slice(0, 2) !== f.newMode.slice(0, 2);
  const file = {
    path: f.path,
    status,
    addedLines: status === "added" || typeChanged && status !== "deleted" ? "all" : f.addedLines,
    binary: f.binary
  };
  if (f.previousPath !== void 0 && status === "renamed") file.previousPath = f.previousPath;
  return file;
}
function runDiffTree(ctx, base, head, options, paths) {
  const args = [
    ...paths === null ? [] : ["--literal-pathspecs"],
    "diff-tree",
    "-r",
    "-p",
    // No context: every line of a hunk's new side is an added line, and the output is smallest.
    "-U0",
    "-M",
    "--no-ext-diff",
    "--no-textconv",
    "--no-color",
    // Fixed prefixes whatever diff.noprefix / diff.mnemonicPrefix say.
    "--src-prefix=a/",
    "--dst-prefix=b/",
    ...paths === null ? [] : ["--text"],
    ...options.ignoreCrAtEol ? ["--ignore-cr-at-eol"] : [],
    base,
    head,
    "--",
    ...paths ?? []
  ];
  const parser = createDiffParser({ newFileLines: false });
  const split = lineSplitter((line) => parser.line(line));
  return runGit(ctx.repo, args, { onStdout: split.push, ...ctx.env ? { env: ctx.env } : {} }).then(
    async (result) => {
      if (result.code !== 0) throw await gitFailure(ctx.repo, `diffing ${base} and ${head}`, result);
      split.end();
      return parser.end();
    }
  );
}
function lineSplitter(onLine) {
  let parts = [];
  let kept = 0;
  const emit = () => {
    onLine(Buffer.concat(parts).toString("utf8"));
    parts = [];
    kept = 0;
  };
  const keep = (piece) => {
    if (kept >= LINE_CAP) return;
    const slice = piece.subarray(0, LINE_CAP - kept);
    parts.push(slice);
    kept += slice.length;
  };
  return {
    push(chunk) {
      let at = 0;
      for (; ; ) {
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
    }
  };
}

// src/changes/git.ts
async function diffCommits(repo, base, head) {
  assertRevision(base, repo);
  assertRevision(head, repo);
  return diffTrees({ repo }, base, head);
}
async function listCommitFiles(repo, commit) {
  assertRevision(commit, repo);
  const out = await gitOutput(repo, ["ls-tree", "-r", "-z", "--full-tree", commit], `listing the files of ${commit.slice(0, 12)}`);
  const files = [];
  for (const record of out.toString("utf8").split("\0")) {
    const tab = record.indexOf("	");
    if (tab !== -1 && record.slice(0, tab).includes(" blob ")) files.push(record.slice(tab + 1));
  }
  return files;
}
async function workTreeTop(dir) {
  const result = await runGit(dir, ["rev-parse", "--show-toplevel"]);
  return result.code === 0 ? result.stdout.toString("utf8").replace(/\n$/, "") : null;
}
async function headCommitOf(dir) {
  if (!await isGitWorkTree(dir)) return null;
  const result = await runGit(dir, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]);
  return result.code === 0 ? result.stdout.toString("utf8").trim() : null;
}

// src/profile/unmatched.ts
function literalFolder(glob) {
  const segments = glob.split("/");
  const literal = [];
  for (const segment of segments.slice(0, -1)) {
    if (/[*?[\]{}()!+@]/.test(segment)) break;
    literal.push(segment);
  }
  return literal.join("/");
}
function foldersOf(files) {
  const folders = /* @__PURE__ */ new Set();
  for (const file of files) {
    let slash = file.indexOf("/");
    while (slash !== -1) {
      folders.add(file.slice(0, slash));
      slash = file.indexOf("/", slash + 1);
    }
  }
  return [...folders].sort();
}
function unmatchedGlobs(profile, files) {
  if (files.length === 0) return [];
  let folders;
  const out = [];
  for (const service of profile.services) {
    service.paths.forEach((glob, i) => {
      const one = [glob];
      if (files.some((f) => matchesAny(one, f))) return;
      const position = service.pathPositions?.[i] ?? { line: service.line, col: 1 };
      const entry = { service: service.name, glob, ...position };
      const folder = literalFolder(glob);
      if (folder !== "") {
        folders ??= foldersOf(files);
        const [closest] = closestMatches(folder, folders);
        if (closest !== void 0) {
          entry.closestFolder = closest;
          entry.suggestion = closest + glob.slice(folder.length);
        }
      }
      out.push(entry);
    });
  }
  return out;
}
function unmatchedGlobProblem(u, file, where) {
  const fix = u.suggestion ? `the closest folder is ${u.closestFolder}/: did you mean ${JSON.stringify(u.suggestion)}?` : `its files belong to another service (or the default one) whose needs may not be ${JSON.stringify(u.service)}'s: fix the glob or remove it`;
  return {
    file,
    line: u.line,
    col: u.col,
    message: `service ${JSON.stringify(u.service)}: paths glob ${JSON.stringify(u.glob)} matches no file ${where}; ${fix}`
  };
}

// src/parallel/pool.ts
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
var BATCH = 256;
var PARALLEL_THRESHOLD = 2e3;
var PARALLEL_MIN_CORES = 3;
function workerFile() {
  for (const rel of ["./detect-worker.js", "../detect-worker.js"]) {
    const file = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(file)) return file;
  }
  return void 0;
}
function jobsFor(requested, files) {
  if (requested !== void 0) return requested;
  const cores = availableParallelism();
  if (files < PARALLEL_THRESHOLD || cores < PARALLEL_MIN_CORES || workerFile() === void 0) return 1;
  return cores;
}
var Pool = class {
  all = [];
  idle = [];
  busy = /* @__PURE__ */ new Map();
  queue = [];
  failure;
  constructor(filename, size) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(filename);
      worker.on("message", (result) => {
        const task = this.busy.get(worker);
        this.busy.delete(worker);
        this.idle.push(worker);
        task?.resolve(result);
        this.dispatch();
      });
      worker.on("error", (err) => this.fail(err));
      worker.on("exit", (code) => {
        if (code !== 0 || this.busy.has(worker)) this.fail(new Error(`a worker thread exited with status ${code}`));
      });
      this.idle.push(worker);
      this.all.push(worker);
    }
  }
  run(batch) {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.queue.push({ batch, resolve, reject });
      this.dispatch();
    });
  }
  dispatch() {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop();
      const task = this.queue.shift();
      this.busy.set(worker, task);
      worker.postMessage(task.batch);
    }
  }
  fail(err) {
    this.failure ??= err;
    for (const task of [...this.busy.values(), ...this.queue]) task.reject(this.failure);
    this.busy.clear();
    this.queue.length = 0;
  }
  async destroy() {
    this.failure ??= new Error("the pool is closed");
    await Promise.all(this.all.map((w) => w.terminate()));
  }
};
async function* detectInParallel(dir, paths, jobs) {
  const filename = workerFile();
  if (filename === void 0) throw new UsageError("audit --jobs: the detection worker (dist/detect-worker.js) is missing: reinstall architecture-review");
  const pool = new Pool(filename, jobs);
  const crashOn = process.env.ARCHITECTURE_REVIEW_TEST_CRASH_ON || void 0;
  const batches = [];
  for (let i = 0; i < paths.length; i += BATCH) batches.push(paths.slice(i, i + BATCH));
  const inFlight = [];
  let next = 0;
  const submit = () => {
    const result = pool.run({ dir, paths: batches[next], crashOn });
    result.catch(() => void 0);
    inFlight.push(result);
    next++;
  };
  try {
    while (next < batches.length && inFlight.length < jobs * 2) submit();
    for (let b = 0; b < batches.length; b++) {
      const batch = batches[b];
      let results;
      try {
        results = await inFlight.shift();
      } catch (err) {
        throw new UsageError(
          `audit: a detection worker failed (${(err instanceof Error ? err.message : String(err)).split("\n")[0]}); no report was written: run again, or with --jobs 1 to see which file it was`,
          { cause: err }
        );
      }
      if (next < batches.length) submit();
      for (let i = 0; i < batch.length; i++) {
        const r = results[i];
        if ("skip" in r) continue;
        if ("size" in r) yield { path: batch[i], text: null, addedLines: "all", size: r.size };
        else yield { path: batch[i], text: null, addedLines: "all", detection: r.detection };
      }
    }
  } finally {
    await pool.destroy();
  }
}

// src/audit.ts
async function readOptional(file) {
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    if (err.code === "ENOENT") return null;
    throw new UsageError(`cannot read ${file}: ${err.message}`, { cause: err });
  }
}
async function assertStaysInTree(dir, file, what) {
  const top = path.resolve(dir);
  const inTree = (p, root) => {
    const rel = path.relative(root, p);
    return rel !== "" && !path.isAbsolute(rel) && rel.split(path.sep)[0] !== "..";
  };
  if (!inTree(file, top)) return;
  const [realTop, real] = await Promise.all([realpath(top).catch(() => top), realpath(file).catch(() => null)]);
  if (real === null || inTree(real, realTop)) return;
  throw new UsageError(
    `${what} ${path.relative(top, file)} leads outside ${top} (a symbolic link to ${real}): an audit reads only files inside the tree; replace the link with the file itself`
  );
}
async function similarFile(file) {
  let folder = path.dirname(file);
  while (!existsSync2(folder) && path.dirname(folder) !== folder) folder = path.dirname(folder);
  const candidates = [];
  const list = async (dir, depth) => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isFile()) candidates.push(path.relative(folder, p));
      else if (e.isDirectory() && depth > 0 && e.name !== "node_modules" && e.name !== ".git") await list(p, depth - 1);
    }
  };
  await list(folder, path.dirname(file) === folder ? 0 : 2);
  if (candidates.length > 5e3) return void 0;
  const [best] = closestMatches(path.relative(folder, file), candidates.sort());
  return best === void 0 ? void 0 : path.join(folder, best);
}
async function noSuchFile(option, given, file, cwd) {
  const similar = await similarFile(file);
  const hint = similar ? ` (did you mean ${path.relative(cwd, similar) || similar}?)` : "";
  return new UsageError(`${option} ${given}: no such file${hint}: give the path of an existing file, or leave the option out for the default`);
}
async function readRulesFrom(cwd, rules, options = {}) {
  if (!rules) return null;
  const file = path.resolve(cwd, rules);
  if (options.inTree) await assertStaysInTree(cwd, file, "rules file");
  const text = await readOptional(file);
  if (text === null) throw await noSuchFile("--rules", rules, file, cwd);
  return { text, file: path.relative(cwd, file) || file };
}
async function loadRulesFrom(cwd, rules, options = {}) {
  return ruleSetFrom(await readRulesFrom(cwd, rules, options) ?? void 0);
}
async function auditTree(dir, options, { withProfile = true } = {}) {
  if (!existsSync2(dir)) throw new UsageError(`audit: ${dir} does not exist`);
  const repository = options.repository === void 0 ? null : parseRepository(options.repository, null);
  const profileFile = path.resolve(dir, options.profile ?? PROFILE_PATH);
  if (withProfile) await assertStaysInTree(dir, profileFile, "profile");
  const profileText = withProfile ? await readOptional(profileFile) : null;
  if (withProfile && profileText === null && options.profile !== void 0) {
    throw await noSuchFile("--profile", options.profile, profileFile, dir);
  }
  const profilePath = path.relative(dir, profileFile) || profileFile;
  const profile = await profileFromText(profileText, profilePath);
  const rulesRead = await readRulesFrom(dir, options.rules, { inTree: true });
  const rules = await ruleSetFrom(rulesRead ?? void 0);
  checkAcceptedRules(profile, rules, profilePath);
  const tracked = await listTrackedFiles(dir);
  const notes = tracked.length === 0 ? [await emptyTreeNote(dir)] : [];
  const shard = options.shard;
  const paths = tracked.filter((p) => wantsFile(profile, p) && (!shard || shardOf(p, shard.count) === shard.index));
  const warnings = unmatchedGlobs(profile, tracked).map((u) => unmatchedGlobProblem(u, profilePath, "in the tree"));
  const tooLarge = /* @__PURE__ */ new Map();
  const tree = openTree(dir, { onSkip: (s) => tooLarge.set(s.path, s.size) });
  function* files() {
    for (const p of paths) {
      const text = tree.readBytes(p);
      const size = tooLarge.get(p);
      if (text !== null || size !== void 0) yield { path: p, text, addedLines: "all", size };
    }
  }
  const jobs = jobsFor(options.jobs, paths.length);
  const detected = jobs > 1 ? detectInParallel(dir, paths, jobs) : files();
  const data = shard ? { ...shard, profile: { path: profilePath, text: profileText }, rules: rulesRead, files: [], unread: [], notes, warnings } : void 0;
  const report = await runEngine({
    mode: "audit",
    base: null,
    head: null,
    profile,
    profileSource: { path: profilePath, from: "worktree", found: profileText !== null },
    rules,
    // The same files in the same order, detected on worker threads: the same report.
    files: data ? recordShard(detected, withDetection, data) : detected,
    docsUrl: options.docsUrl ?? DOCS_URL,
    notes,
    warnings
  });
  if (data) report.shard = data;
  report.repository = repository && { ...repository, commit: await headCommitOf(dir) };
  return { report, rules };
}
function withDetection(file) {
  if (file.detection !== void 0 || file.text === null) return file;
  return { ...file, text: null, detection: detectFile(file.path, file.text) };
}
async function emptyTreeNote(dir) {
  if (await isGitWorkTree(dir)) {
    return `No file is tracked by git in ${dir}: an audit reads the files git tracks, so nothing was read. Add them (\`git add\`; a commit is not needed) and run it again.`;
  }
  return `${dir} holds no file to read: nothing was audited.`;
}

// src/evaluate/profile-edit.ts
function show(value) {
  return value === void 0 ? "not declared" : Array.isArray(value) ? JSON.stringify(value) : String(value);
}
function sameList(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
function serviceFlips(before, after, line) {
  const name = (after ?? before)?.name ?? "";
  if (!before) return [{ service: name, change: `service ${name} added`, line }];
  if (!after) return [{ service: name, change: `service ${name} removed`, line }];
  const flips = [];
  const note = (change) => flips.push({ service: name, change, line });
  for (const need of NEEDS) {
    if (before.needs[need] !== after.needs[need]) {
      note(`${need}: ${show(before.needs[need])} \u2192 ${show(after.needs[need])}`);
    }
  }
  if (before.context !== after.context) note(`context: ${before.context} \u2192 ${after.context}`);
  if (before.workload !== after.workload) note(`workload: ${show(before.workload)} \u2192 ${show(after.workload)}`);
  if (!sameList(before.paths, after.paths)) note(`paths: ${show(before.paths)} \u2192 ${show(after.paths)}`);
  for (const key of ["latency-p99-ms", "concurrent-clients", "profiling"]) {
    if (before.evidence[key] !== after.evidence[key]) {
      note(`evidence.${key}: ${show(before.evidence[key])} \u2192 ${show(after.evidence[key])}`);
    }
  }
  return flips;
}
function diffProfiles(path2, before, after) {
  const flips = [];
  const beforeServices = new Map((before?.services ?? []).map((s) => [s.name, s]));
  const afterServices = new Map(after.services.map((s) => [s.name, s]));
  for (const s of after.services) flips.push(...serviceFlips(beforeServices.get(s.name), s, s.line));
  for (const s of before?.services ?? []) {
    if (!afterServices.has(s.name)) flips.push(...serviceFlips(s, void 0, 1));
  }
  const acceptKey = (a) => `${a.rule} ${JSON.stringify(a.paths)}`;
  const beforeAccepts = new Set((before?.accept ?? []).map(acceptKey));
  for (const a of after.accept) {
    if (!beforeAccepts.has(acceptKey(a))) {
      flips.push({ service: WHOLE_PROFILE, change: `accept ${a.rule} for ${show(a.paths)} added`, line: a.line });
    }
  }
  const beforeIgnore = new Set(before?.ignore ?? []);
  const added = after.ignore.filter((g) => !beforeIgnore.has(g));
  if (added.length > 0) flips.push({ service: WHOLE_PROFILE, change: `ignore ${show(added)} added`, line: 1 });
  if (flips.length === 0) flips.push({ service: WHOLE_PROFILE, change: "no declaration changes (layout or notes only)", line: 1 });
  return { path: path2, flips };
}

// src/review.ts
async function reviewChange(source, options) {
  const changes = await source.changes();
  const configCommit = options.profileFrom === "base" ? options.baseCommit : changes.head;
  const configPaths = [options.profilePath, ...options.rulesPath ? [options.rulesPath] : []];
  const config = await readConfig(source, configCommit, configPaths);
  const profileText = config.get(options.profilePath) ?? null;
  const profile = await profileFromText(profileText, options.profilePath);
  const profileSource = { path: options.profilePath, from: options.profileFrom, found: profileText !== null };
  let rules;
  if (options.rulesPath) {
    const rulesText = config.get(options.rulesPath) ?? null;
    if (rulesText === null) {
      throw new ConfigError([
        {
          file: options.rulesPath,
          line: 1,
          col: 1,
          message: `rules file not found at the ${options.profileFrom} commit ${configCommit.slice(0, 12)}: commit it to the ${options.profileFrom} branch first, or drop the rules option`
        }
      ]);
    }
    rules = await ruleSetFrom({ text: rulesText, file: options.rulesPath });
  } else {
    rules = await ruleSetFrom();
  }
  checkAcceptedRules(profile, rules, options.profilePath);
  const profileEdit = await findProfileEdit(source, changes, options.profilePath);
  const wanted = changes.files.filter((f) => f.status !== "deleted" && !f.binary && wantsFile(profile, f.path)).map((f) => crossServiceRename(profile, f));
  const unread = /* @__PURE__ */ new Map();
  const texts = await source.readFiles(
    changes.head,
    wanted.map((f) => f.path),
    { onSkip: (s) => unread.set(s.path, s.size) }
  );
  const { bases, removed } = await readBases(source, changes, profile, wanted, texts);
  function* files() {
    for (const f of wanted) {
      const text = texts.get(f.path) ?? null;
      const size = unread.get(f.path);
      if (text === null && size === void 0) continue;
      const basePath = f.previousPath ?? f.path;
      const baseText = bases.get(basePath);
      const base = baseText == null ? void 0 : { path: basePath, text: baseText };
      yield { path: f.path, text, addedLines: f.addedLines, size, base };
    }
  }
  const notes = [...options.notes ?? []];
  if (changes.truncated) notes.push(changes.truncated);
  let warnings = [];
  if (profileText !== null && profile.services.length > 0 && source.listFiles) {
    const headFiles = await source.listFiles(changes.head);
    if (headFiles) {
      const where = `at the head commit ${changes.head.slice(0, 12)}`;
      warnings = unmatchedGlobs(profile, headFiles).map((u) => unmatchedGlobProblem(u, options.profilePath, where));
    }
  }
  const report = await runEngine({
    mode: "review",
    base: changes.base,
    head: changes.head,
    profile,
    profileSource,
    rules,
    files: files(),
    profileEdit,
    acceptLabel: options.acceptLabel,
    docsUrl: options.docsUrl,
    notes,
    warnings,
    removed
  });
  return { report, rules, changes };
}
async function readBases(source, changes, profile, wanted, texts) {
  const adding = /* @__PURE__ */ new Set();
  for (const f of wanted) {
    if (f.addedLines !== "all" && f.addedLines.size === 0) continue;
    const text = texts.get(f.path);
    if (text == null) continue;
    const added = f.addedLines;
    const detection = detectFile(f.path, text);
    if (detection?.signals.some((s) => added === "all" || added.has(s.line))) adding.add(serviceFor(profile, f.path).name);
  }
  if (adding.size === 0) return { bases: /* @__PURE__ */ new Map(), removed: [] };
  const paths = [];
  const deleted = [];
  for (const f of wanted) {
    if (f.status !== "modified" && f.status !== "renamed" || f.addedLines === "all") continue;
    if (texts.get(f.path) == null || !adding.has(serviceFor(profile, f.path).name)) continue;
    paths.push(f.previousPath ?? f.path);
  }
  const gone = changes.files.filter((f) => f.status === "deleted" && !f.binary).map((f) => f.path);
  for (const f of wanted) {
    if (f.status === "renamed" && f.previousPath !== void 0 && serviceFor(profile, f.previousPath).name !== serviceFor(profile, f.path).name) {
      gone.push(f.previousPath);
    }
  }
  for (const path2 of gone) {
    if (wantsFile(profile, path2) && adding.has(serviceFor(profile, path2).name)) deleted.push(path2);
  }
  if (paths.length + deleted.length === 0) return { bases: /* @__PURE__ */ new Map(), removed: [] };
  const bases = await source.readFiles(changes.base, [...paths, ...deleted]);
  const removed = [];
  for (const path2 of deleted) {
    const text = bases.get(path2);
    if (text != null) removed.push({ path: path2, text });
  }
  return { bases, removed };
}
function crossServiceRename(profile, f) {
  if (f.status !== "renamed" || f.previousPath === void 0 || f.addedLines === "all") return f;
  if (serviceFor(profile, f.previousPath).name === serviceFor(profile, f.path).name) return f;
  return { ...f, addedLines: "all" };
}
var CONFIG_MAX_BYTES = 16 * 1024 * 1024;
async function readConfig(source, commit, paths) {
  const skipped = [];
  const texts = await source.readFiles(commit, paths, { maxBytes: CONFIG_MAX_BYTES, onSkip: (s) => skipped.push(s) });
  if (skipped.length > 0) {
    throw new ConfigError(
      skipped.map((s) => ({
        file: s.path,
        line: 1,
        col: 1,
        message: `the file is ${(s.size / 1024 / 1024).toFixed(1)} MiB, too large for a configuration file (at most ${CONFIG_MAX_BYTES / 1024 / 1024} MiB): keep it to what it declares`
      }))
    );
  }
  return texts;
}
async function findProfileEdit(source, changes, path2) {
  const touched = changes.files.find((f) => f.path === path2 || f.previousPath === path2);
  if (!touched) return void 0;
  const [before, after] = await Promise.all([
    readConfig(source, changes.base, [touched.previousPath ?? path2]),
    touched.status === "deleted" ? Promise.resolve(/* @__PURE__ */ new Map()) : readConfig(source, changes.head, [path2])
  ]);
  const beforeText = before.get(touched.previousPath ?? path2) ?? null;
  const afterText = after.get(path2) ?? null;
  const beforeProfile = beforeText === null ? null : await safeProfile(beforeText, path2);
  const afterProfile = await profileFromText(afterText, path2);
  const edit = diffProfiles(path2, beforeProfile, afterProfile);
  if (afterText === null) edit.flips.unshift({ service: WHOLE_PROFILE, change: "the profile is deleted", line: 1 });
  return edit;
}
async function safeProfile(text, path2) {
  try {
    return await profileFromText(text, path2);
  } catch {
    return null;
  }
}

export {
  resolveCommit,
  mergeBase,
  addedLinesFromPatch,
  diffCommits,
  listCommitFiles,
  workTreeTop,
  unmatchedGlobs,
  unmatchedGlobProblem,
  parseRepository,
  readOptional,
  noSuchFile,
  loadRulesFrom,
  auditTree,
  reviewChange
};
