import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);
import {
  decodeText
} from "./chunk-GEH7THRF.js";
import {
  lazyBuiltin
} from "./chunk-IYCUBBJ5.js";
import {
  UsageError
} from "./chunk-4ALPS4ZO.js";

// src/changes/files.ts
import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";

// src/changes/run-git.ts
import { stat } from "node:fs/promises";
var childProcess = lazyBuiltin("node:child_process");
var HARDENING = [
  "-c",
  "core.hooksPath=/dev/null",
  "-c",
  "core.fsmonitor=false",
  "-c",
  "core.pager=cat",
  "-c",
  "diff.external=",
  // Fixed quoting so the diff reader sees the same escapes whatever the user's config says.
  "-c",
  "core.quotePath=true",
  "--no-pager"
];
var DROPPED_ENV = [
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_INDEX_FILE",
  "GIT_OBJECT_DIRECTORY",
  "GIT_ALTERNATE_OBJECT_DIRECTORIES",
  "GIT_COMMON_DIR",
  "GIT_NAMESPACE",
  "GIT_PREFIX",
  "GIT_EXTERNAL_DIFF",
  "GIT_DIFF_OPTS",
  "GIT_PAGER",
  "PAGER"
];
function gitEnv(extra) {
  const env = { ...process.env };
  for (const name of DROPPED_ENV) delete env[name];
  env.GIT_TERMINAL_PROMPT = "0";
  env.GIT_OPTIONAL_LOCKS = "0";
  env.GIT_NO_LAZY_FETCH = "1";
  env.LC_ALL = "C";
  env.LANGUAGE = "C";
  return { ...env, ...extra };
}
var STDERR_CAP = 64 * 1024;
function runGit(repo, args, call = {}) {
  return new Promise((resolve2, reject) => {
    const child = childProcess().spawn("git", ["-C", repo, ...HARDENING, ...args], {
      env: gitEnv(call.env),
      stdio: ["pipe", "pipe", "pipe"],
      windowsHide: true
    });
    const out = [];
    let err = "";
    child.stdout.on("data", (chunk) => {
      if (call.onStdout) call.onStdout(chunk);
      else out.push(chunk);
    });
    child.stderr.on("data", (chunk) => {
      if (err.length < STDERR_CAP) err += chunk.toString("utf8");
    });
    child.stdin.on("error", () => {
    });
    child.on("error", (e) => {
      reject(
        e.code === "ENOENT" ? new UsageError("git is not installed or not on PATH: install git (2.30 or newer)", { cause: e }) : new UsageError(`cannot start git in ${repo}: ${e.message}`, { cause: e })
      );
    });
    child.on("close", (code, signal) => {
      resolve2({ code: code ?? (signal ? 128 : 1), stdout: Buffer.concat(out), stderr: err });
    });
    if (call.input !== void 0) child.stdin.end(call.input);
    else child.stdin.end();
  });
}
async function gitOutput(repo, args, what, call = {}) {
  const result = await runGit(repo, args, call);
  if (result.code !== 0) throw await gitFailure(repo, what, result);
  return result.stdout;
}
async function gitFailure(repo, what, result) {
  const cause = new Error(`git exited with ${result.code}: ${result.stderr.trim()}`);
  const known = await knownProblem(repo, result.stderr);
  if (known !== null) return new UsageError(known, { cause });
  return new UsageError(`${what} failed in ${repo}: ${gitMessage(result.stderr)}`, { cause });
}
async function knownProblem(repo, stderr) {
  if (/cannot change to|No such file or directory/.test(stderr) && !await exists(repo)) {
    return `repository folder ${repo} does not exist: check the path`;
  }
  if (/not a git repository/i.test(stderr)) {
    return `${repo} is not a git repository (nor inside one): give the folder of a git clone`;
  }
  if (/dubious ownership/.test(stderr)) {
    return `git refuses to read ${repo} because another user owns it: if you trust it, run git config --global --add safe.directory ${repo}`;
  }
  return null;
}
function gitMessage(stderr) {
  const lines = stderr.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  const main = lines.find((l) => /^(fatal|error):/.test(l)) ?? lines[0] ?? "git failed without a message";
  return main.replace(/^(fatal|error):\s*/, "");
}
async function exists(path) {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
function assertRevision(ref, repo) {
  if (ref === "" || ref.startsWith("-") || /[\0\n\r]/.test(ref)) {
    throw new UsageError(`${JSON.stringify(ref)} is not a valid revision for ${repo}: give a branch, tag or commit`);
  }
}

// src/changes/blobs.ts
var DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
async function readBlobs(repo, commit, paths, options = {}) {
  const bytes = await readBlobBytes({ repo }, commit, paths, options);
  const texts = /* @__PURE__ */ new Map();
  for (const [path, buf] of bytes) texts.set(path, buf === null ? null : decodeText(buf));
  return texts;
}
async function readBlobBytes(ctx, commit, paths, options = {}) {
  assertRevision(commit, ctx.repo);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const unique = [...new Set(paths)];
  const entries = await lookUp(ctx, commit, unique);
  const wanted = /* @__PURE__ */ new Set();
  for (const path of unique) {
    const e = entries.get(path);
    if (e === void 0 || e.type !== "blob") continue;
    if (e.size > maxBytes) options.onSkip?.({ path, reason: "too-large", size: e.size });
    else wanted.add(e.sha);
  }
  const contents = await catBlobs(ctx, [...wanted]);
  const result = /* @__PURE__ */ new Map();
  for (const path of unique) {
    const e = entries.get(path);
    result.set(path, e === void 0 ? null : contents.get(e.sha) ?? null);
  }
  return result;
}
async function lookUp(ctx, commit, paths) {
  const found = /* @__PURE__ */ new Map();
  const byLine = paths.filter((p) => !/[\r\n]/.test(p));
  const odd = paths.filter((p) => /[\r\n]/.test(p));
  const input = [`${commit}^{tree}`, ...byLine.map((p) => `${commit}:${p}`)].join("\n") + "\n";
  const out = await gitOutput(
    ctx.repo,
    ["cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize)"],
    `reading files of ${commit}`,
    { input, ...ctx.env ? { env: ctx.env } : {} }
  );
  const lines = out.toString("utf8").split("\n");
  if (!/^[0-9a-f]+ tree \d+$/.test(lines[0] ?? "")) {
    throw new UsageError(`unknown revision ${commit} in ${ctx.repo}: fetch it or check the name`);
  }
  byLine.forEach((path, i) => {
    const m = /^([0-9a-f]{40,64}) (\w+) (\d+)$/.exec(lines[i + 1] ?? "");
    if (m !== null) found.set(path, { sha: m[1], type: m[2], size: Number(m[3]) });
  });
  if (odd.length > 0) {
    const listing = await gitOutput(
      ctx.repo,
      ["--literal-pathspecs", "ls-tree", "-z", "-l", "--full-tree", commit, "--", ...odd],
      `reading files of ${commit}`,
      ctx.env ? { env: ctx.env } : {}
    );
    for (const record of listing.toString("utf8").split("\0")) {
      const m = /^\d+ (\w+) ([0-9a-f]+) +(\d+|-)\t([\s\S]*)$/.exec(record);
      if (m === null) continue;
      found.set(m[4], { type: m[1], sha: m[2], size: m[3] === "-" ? 0 : Number(m[3]) });
    }
  }
  return found;
}
async function catBlobs(ctx, shas) {
  const contents = /* @__PURE__ */ new Map();
  if (shas.length === 0) return contents;
  const reader = batchReader((sha, body) => contents.set(sha, body));
  const result = await runGit(ctx.repo, ["cat-file", "--batch"], {
    input: shas.join("\n") + "\n",
    onStdout: reader,
    ...ctx.env ? { env: ctx.env } : {}
  });
  if (result.code !== 0) throw await gitFailure(ctx.repo, "reading file contents", result);
  return contents;
}
function batchReader(onObject) {
  let header = [];
  let body = null;
  let filled = 0;
  let sha = "";
  let skipLf = false;
  return (chunk) => {
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
      const line = Buffer.concat(header).toString("utf8");
      header = [];
      const m = /^([0-9a-f]+) \w+ (\d+)$/.exec(line);
      if (m === null) continue;
      sha = m[1];
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

// src/changes/files.ts
var SKIPPED_DIRS = /* @__PURE__ */ new Set([".git", ".hg", ".svn", "node_modules", "__pycache__", ".tox", ".nox"]);
var O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
var OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
async function isGitWorkTree(dir) {
  if (!hasDotGitAbove(dir)) return false;
  const result = await runGit(dir, ["rev-parse", "--is-inside-work-tree"]).catch(() => null);
  if (result === null) return false;
  if (result.code === 0) return result.stdout.toString("utf8").trim() === "true";
  if (/dubious ownership/.test(result.stderr)) throw await gitFailure(dir, "checking the work tree", result);
  return false;
}
function hasDotGitAbove(dir) {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, ".git"))) return true;
    if (dirname(d) === d) return false;
  }
}
async function listTrackedFiles(dir) {
  const root = realFolder(dir);
  if (await isGitWorkTree(dir)) return listGitFiles(dir, root);
  return walk(dir, root);
}
function openTree(dir, options = {}) {
  return new TreeReader(dir, options);
}
var TreeReader = class {
  constructor(dir, options) {
    this.dir = dir;
    this.options = options;
    this.root = realFolder(dir);
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  }
  dir;
  options;
  root;
  maxBytes;
  /** Each folder seen, by its path as given, to its real path when inside the root (else null). */
  folders = /* @__PURE__ */ new Map();
  read(path) {
    const bytes = this.readBytes(path);
    return bytes === null ? null : decodeText(bytes);
  }
  readBytes(path) {
    if (isAbsolute(path)) return null;
    let full;
    let entry;
    const slash = path.lastIndexOf("/");
    if (sep === "/" && isPlainPath(path)) {
      full = `${this.dir}/${path}`;
      const folder = this.realFolderOf(slash === -1 ? "" : path.slice(0, slash), true);
      if (folder === null) return null;
      entry = `${folder}/${path.slice(slash + 1)}`;
    } else {
      full = join(this.dir, path);
      const folder = this.realFolderOf(relative(this.dir, dirname(full)), false);
      if (folder === null) return null;
      entry = join(folder, basename(full));
    }
    let fd;
    try {
      fd = this.openEntry(entry);
    } catch (e) {
      if (!isSymbolicLinkRefused(e)) return null;
      const real = insideRealPath(this.root, full);
      if (real === null) return null;
      try {
        fd = openSync(real, OPEN_FLAGS);
      } catch {
        return null;
      }
    }
    try {
      return this.readOpen(fd, path);
    } catch {
      return null;
    } finally {
      closeSync(fd);
    }
  }
  /** Opens an entry that must not be a symbolic link; throws ELOOP (or a marker error) when it is one. */
  openEntry(entry) {
    if (O_NOFOLLOW === 0 && lstatSync(entry).isSymbolicLink()) throw Object.assign(new Error("symbolic link"), { code: "ELOOP" });
    return openSync(entry, OPEN_FLAGS | O_NOFOLLOW);
  }
  readOpen(fd, path) {
    const limit = this.maxBytes + 1;
    let buffer = sharedBuffer;
    let length = 0;
    for (; ; ) {
      if (length === buffer.length) {
        if (length >= limit) break;
        buffer = growSharedBuffer(Math.min(limit, length * 2), length);
      }
      const n = readSync(fd, buffer, length, Math.min(buffer.length, limit) - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length === 0 || length > this.maxBytes) {
      const st = fstatSync(fd);
      if (!st.isFile()) return null;
      if (length > this.maxBytes) {
        this.options.onSkip?.({ path, reason: "too-large", size: Math.max(st.size, length) });
        return null;
      }
    }
    return buffer.subarray(0, length);
  }
  /**
   * The real path of a folder given relative to `dir` (`''` for `dir` itself), or null outside
   * the root. A `plain` folder (no `.` or `..` part) is found from its parent's real path with
   * one `lstat`: a folder that is not a symbolic link lies in its parent's real path, so only a
   * link needs resolving in full (a `realpath` reads every part of the path again).
   */
  realFolderOf(folder, plain) {
    let real = this.folders.get(folder);
    if (real !== void 0) return real;
    if (folder === "") {
      real = insideOrRoot(this.root, this.dir);
    } else if (plain) {
      const slash = folder.lastIndexOf("/");
      const parent = this.realFolderOf(slash === -1 ? "" : folder.slice(0, slash), true);
      real = parent === null ? this.resolveFolder(folder) : this.childFolder(parent, folder.slice(slash + 1), folder);
    } else {
      real = this.resolveFolder(folder);
    }
    this.folders.set(folder, real);
    return real;
  }
  /** The real path of `folder`, whose parent's real path is `parent` and last part is `name`. */
  childFolder(parent, name, folder) {
    const entry = `${parent}/${name}`;
    let st;
    try {
      st = lstatSync(entry);
    } catch {
      return null;
    }
    if (st.isDirectory()) return entry;
    return st.isSymbolicLink() ? this.resolveFolder(folder) : null;
  }
  /** The real path of `folder`, every part resolved, when inside the root (else null). */
  resolveFolder(folder) {
    return insideOrRoot(this.root, join(this.dir, folder));
  }
};
function isPlainPath(path) {
  if (path === "" || path.includes("//") || path.includes("\\") || path.endsWith("/")) return false;
  if (path === "." || path === ".." || path.startsWith("./") || path.startsWith("../")) return false;
  return !path.includes("/./") && !path.includes("/../") && !path.endsWith("/.") && !path.endsWith("/..");
}
var sharedBuffer = Buffer.allocUnsafe(1 << 16);
function growSharedBuffer(size, keep) {
  const larger = Buffer.allocUnsafe(size);
  sharedBuffer.copy(larger, 0, 0, keep);
  sharedBuffer = larger;
  return larger;
}
function isSymbolicLinkRefused(e) {
  const code = e.code;
  return code === "ELOOP" || code === "EMLINK";
}
function realFolder(dir) {
  let st;
  try {
    st = statSync(dir);
  } catch (e) {
    throw new UsageError(`folder ${dir} does not exist: check the path`, { cause: e });
  }
  if (!st.isDirectory()) throw new UsageError(`${dir} is not a folder: give the folder to audit`);
  return realpathSync.native(dir);
}
async function listGitFiles(dir, root) {
  const out = await gitOutput(dir, ["ls-files", "-z", "--stage"], "listing the tracked files");
  const files = /* @__PURE__ */ new Set();
  for (const record of out.toString("utf8").split("\0")) {
    const tab = record.indexOf("	");
    if (tab === -1) continue;
    const mode = record.slice(0, 6);
    const path = record.slice(tab + 1);
    if (mode === "160000") continue;
    if (mode === "120000" && !isFileInside(root, join(dir, path))) continue;
    files.add(path);
  }
  return [...files].sort();
}
function walk(dir, root) {
  const files = [];
  const pending = [""];
  while (pending.length > 0) {
    const rel = pending.pop();
    let entries;
    try {
      entries = readdirSync(rel === "" ? dir : join(dir, rel), { withFileTypes: true });
    } catch (e) {
      if (rel === "") throw new UsageError(`cannot list folder ${dir}: ${e.message}`, { cause: e });
      continue;
    }
    if (rel !== "" && entries.some((e) => e.name === "pyvenv.cfg") && exists2(join(dir, rel, "pyvenv.cfg"))) continue;
    const kept = [];
    for (const entry of entries) {
      const path = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) pending.push(path);
      } else if (entry.isFile()) {
        kept.push(path);
      } else if (entry.isSymbolicLink() && isFileInside(root, join(dir, path))) {
        kept.push(path);
      }
    }
    for (const path of kept) files.push(path);
  }
  return files.sort();
}
function exists2(path) {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
function isFileInside(root, path) {
  const real = insideRealPath(root, path);
  if (real === null) return false;
  try {
    return statSync(real).isFile();
  } catch {
    return false;
  }
}
function insideRealPath(root, path) {
  const real = realPathOrNull(path);
  if (real === null) return null;
  const rel = relative(root, real);
  if (rel === "" || isAbsolute(rel) || rel === ".." || rel.startsWith(`..${sep}`)) return null;
  return real;
}
function insideOrRoot(root, path) {
  const real = realPathOrNull(path);
  if (real === null) return null;
  const rel = relative(root, real);
  if (rel !== "" && (isAbsolute(rel) || rel === ".." || rel.startsWith(`..${sep}`))) return null;
  return real;
}
function realPathOrNull(path) {
  try {
    return realpathSync.native(path);
  } catch {
    return null;
  }
}

export {
  runGit,
  gitOutput,
  gitFailure,
  assertRevision,
  DEFAULT_MAX_FILE_BYTES,
  readBlobs,
  readBlobBytes,
  isGitWorkTree,
  listTrackedFiles,
  openTree
};
