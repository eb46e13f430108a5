import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);
import {
  auditTree,
  diffCommits,
  listCommitFiles,
  loadRulesFrom,
  mergeBase,
  noSuchFile,
  parseRepository,
  readOptional,
  resolveCommit,
  reviewChange,
  unmatchedGlobProblem,
  unmatchedGlobs,
  workTreeTop
} from "./chunks/chunk-QO4LMPR3.js";
import {
  profileFromText
} from "./chunks/chunk-T3FG3OPU.js";
import {
  isGitWorkTree,
  listTrackedFiles,
  readBlobs
} from "./chunks/chunk-MI6TRKNM.js";
import {
  isDetectable
} from "./chunks/chunk-GEH7THRF.js";
import {
  PROFILE_PATH
} from "./chunks/chunk-HZEKXUOR.js";
import "./chunks/chunk-KTNYPSYG.js";
import {
  checkAcceptedRules
} from "./chunks/chunk-G42FD34K.js";
import "./chunks/chunk-FB4OO7TI.js";
import {
  renderReport
} from "./chunks/chunk-EEVRQ4H2.js";
import "./chunks/chunk-44Y3ONKS.js";
import {
  DOCS_URL,
  VERSION
} from "./chunks/chunk-3YSN2IB3.js";
import "./chunks/chunk-C6I7OBPT.js";
import "./chunks/chunk-IYCUBBJ5.js";
import "./chunks/chunk-MLVVSL3L.js";
import {
  ConfigError,
  UsageError,
  formatProblem,
  isUserError
} from "./chunks/chunk-4ALPS4ZO.js";
import "./chunks/chunk-LPW5IQWZ.js";

// src/cli/main.ts
import { closeSync, existsSync as existsSync2, mkdirSync, openSync, writeSync } from "node:fs";
import path2 from "node:path";

// src/cli/args.ts
import { parseArgs } from "node:util";
var FORMATS = ["text", "markdown", "json", "sarif"];
var USAGE = `Usage:
  architecture-review review  [--repo DIR] --base REF [--head REF] [options]   review a change (git diff base...head)
  architecture-review audit   [DIR] [options]                                  audit every file of a tree
  architecture-review validate [--profile PATH] [--rules PATH] [--strict]      check the profile and rules only
  architecture-review init     [DIR]                                           write a starter profile
  architecture-review merge    REPORT.json... [options]                        merge shards' reports, or repositories' into a fleet report
  architecture-review repositories --org ORG [--topic T] [--name GLOB] [options]  list an organisation's repositories for a fleet audit

Options:
  --profile PATH              service profile (default .github/service-profile.yml)
  --rules PATH                extra rules: add, override or disable rules by id
  --profile-from base|head    review: read profile and rules from the base (default) or head commit
  --format text|markdown|json|sarif   report format (default text; markdown is the PR comment)
  --fail-on question|never    exit 1 when an unaccepted question remains (default question)
  --output FILE               write the report to FILE instead of standard output
  --strict                    validate: a service glob that matches no file is an error, not a warning
  --jobs N                    audit: detect files on N threads (default: every core, one for a small tree)
  --shard I/N                 audit: only the files of shard I of N (by a hash of the path); merge joins them
  --repository OWNER/NAME     audit, review: the repository the report names (or its URL, for GitHub Enterprise Server)
  --org ORG                   repositories: the organisation (token in GITHUB_TOKEN, API at GITHUB_API_URL)
  --topic T, --name GLOB      repositories: only those with every topic T and a name matching a GLOB (each repeatable)
  --include-archived          repositories: also archived repositories (left out by default)
  --include-forks             repositories: also forks (left out by default)
  --per-job N                 repositories: repositories per matrix job (default 1; more when past 256)
  -h, --help                  show this help
  --version                   show the version

Exit status: 0 no unaccepted question (or --fail-on never); 1 an unaccepted question;
2 bad usage, bad profile or rules, or a repository that cannot be read.`;
function parseShard(value) {
  const m = /^([1-9][0-9]{0,3})\/([1-9][0-9]{0,3})$/.exec(value);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || index > count || count > 1024) throw new UsageError(`--shard must be I/N with 1 \u2264 I \u2264 N \u2264 1024, like 2/4 (got "${value}")`);
  return { index, count };
}
function jobsValue(value) {
  if (!/^[1-9][0-9]{0,2}$/.test(value) || Number(value) > 256) {
    throw new UsageError(`--jobs must be a whole number from 1 to 256, like 4 (got "${value}")`);
  }
  return Number(value);
}
function oneOf(name, value, allowed, fallback) {
  if (value === void 0) return fallback;
  if (allowed.includes(value)) return value;
  throw new UsageError(`--${name} must be one of ${allowed.join(", ")} (got "${value}")`);
}
var COMMANDS = ["review", "audit", "validate", "init", "merge", "repositories"];
function parseCommand(argv) {
  const [name, ...rest] = argv;
  if (name === void 0 || name === "-h" || name === "--help" || name === "help") return { name: "help" };
  if (name === "--version" || name === "-V") return { name: "version" };
  if (!COMMANDS.includes(name)) {
    throw new UsageError(`unknown command "${name}": use one of ${COMMANDS.join(", ")} (see --help)`);
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        repo: { type: "string" },
        base: { type: "string" },
        head: { type: "string" },
        profile: { type: "string" },
        rules: { type: "string" },
        "profile-from": { type: "string" },
        format: { type: "string" },
        "fail-on": { type: "string" },
        output: { type: "string" },
        strict: { type: "boolean" },
        jobs: { type: "string" },
        shard: { type: "string" },
        repository: { type: "string" },
        org: { type: "string" },
        topic: { type: "string", multiple: true },
        name: { type: "string", multiple: true },
        "include-archived": { type: "boolean" },
        "include-forks": { type: "boolean" },
        "per-job": { type: "string" },
        help: { type: "boolean", short: "h" }
      }
    });
  } catch (err) {
    const text = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new UsageError(`${name}: ${text} (see --help)`, { cause: err });
  }
  const v = parsed.values;
  if (v.help) return { name: "help" };
  const options = {
    profile: v.profile,
    rules: v.rules,
    format: oneOf("format", v.format, FORMATS, "text"),
    failOn: oneOf("fail-on", v["fail-on"], ["question", "never"], "question"),
    output: v.output,
    jobs: v.jobs === void 0 ? void 0 : jobsValue(v.jobs),
    shard: v.shard === void 0 ? void 0 : parseShard(v.shard),
    repository: v.repository
  };
  const positionals = parsed.positionals;
  const allow = (max, what) => {
    if (positionals.length > max) {
      throw new UsageError(`${name}: unexpected argument "${positionals[max]}"${what ? ` (${what})` : ""}`);
    }
  };
  const onlyFor = (option, commands) => {
    if (v[option] !== void 0 && !commands.includes(name)) {
      throw new UsageError(`${name}: --${option} is only for ${commands.join(" and ")}`);
    }
  };
  onlyFor("repo", ["review"]);
  onlyFor("base", ["review"]);
  onlyFor("head", ["review"]);
  onlyFor("profile-from", ["review"]);
  onlyFor("strict", ["validate"]);
  onlyFor("jobs", ["audit"]);
  onlyFor("shard", ["audit"]);
  onlyFor("repository", ["audit", "review"]);
  for (const o of ["org", "topic", "name", "include-archived", "include-forks", "per-job"]) onlyFor(o, ["repositories"]);
  switch (name) {
    case "review": {
      allow(0, "give the repository with --repo DIR");
      if (!v.base) throw new UsageError("review: --base REF is required (for example --base origin/main)");
      const profileFrom = oneOf("profile-from", v["profile-from"], ["base", "head"], "base");
      return { name, repo: v.repo, base: v.base, head: v.head ?? "HEAD", profileFrom, options };
    }
    case "audit":
      allow(1, "audit takes one directory");
      return { name, dir: positionals[0], options };
    case "init":
      allow(1, "init takes one directory");
      return { name, dir: positionals[0], options };
    case "merge":
      if (positionals.length === 0) throw new UsageError("merge: give the JSON reports of the shards, like merge shard-1.json shard-2.json");
      if (options.profile !== void 0 || options.rules !== void 0) {
        throw new UsageError("merge: --profile and --rules are not for merge: the shards carry the profile and rules they were audited with");
      }
      return { name, reports: positionals, options };
    case "repositories": {
      allow(0, "give the organisation with --org ORG");
      if (!v.org) throw new UsageError("repositories: --org ORG is required (the organisation whose repositories to list)");
      if (options.format !== "text" && options.format !== "json") throw new UsageError(`repositories: --format must be text or json (got "${options.format}")`);
      const perJob = v["per-job"] === void 0 ? 1 : Number(v["per-job"]);
      if (!/^[1-9][0-9]{0,3}$/.test(v["per-job"] ?? "1")) throw new UsageError(`--per-job must be a whole number from 1 to 9999, like 5 (got "${v["per-job"]}")`);
      const list = { org: v.org, topics: v.topic ?? [], names: v.name ?? [], includeArchived: v["include-archived"] === true, includeForks: v["include-forks"] === true };
      return { name, list, perJob, options };
    }
    default:
      allow(0, "");
      return { name: "validate", strict: v.strict === true, options };
  }
}

// src/cli/init.ts
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
var TEST_DIRS = /* @__PURE__ */ new Set(["test", "tests", "testing", "testdata"]);
var VENDOR_DIRS = /* @__PURE__ */ new Set(["vendor", "third_party", "thirdparty", "3rdparty", "_vendor", "node_modules"]);
var MAX_LISTED_FOLDERS_PER_NAME = 5;
var GO_TESTS = "**/*_test.go";
var GO_MODULE_FILES = /* @__PURE__ */ new Set(["go.mod", "go.work"]);
function isGoFile(p) {
  return p.endsWith(".go") || GO_MODULE_FILES.has(path.posix.basename(p));
}
function topFolder(p) {
  const slash = p.indexOf("/");
  return slash === -1 ? "." : p.slice(0, slash);
}
function ancestors(p) {
  const parts = p.split("/").slice(0, -1);
  return [".", ...parts.map((_, i) => parts.slice(0, i + 1).join("/"))];
}
function setAsideFolder(p) {
  const parts = p.split("/");
  for (let i = 0; i < parts.length - 1; i++) {
    const name = parts[i].toLowerCase();
    const why = TEST_DIRS.has(name) ? "tests" : VENDOR_DIRS.has(name) ? "vendored" : null;
    if (why) return { folder: parts.slice(0, i + 1).join("/"), name: parts[i], why };
  }
  return null;
}
function globLiteral(s) {
  return s.replace(/[*?[\]{}()!+@]/g, "\\$&");
}
function under(folder, rest = "**") {
  return folder === "." ? rest : `${globLiteral(folder)}/${rest}`;
}
function slug(folder) {
  return folder.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^-+|-+$/g, "") || "service";
}
function addKind(map, key, kind) {
  const set = map.get(key) ?? /* @__PURE__ */ new Set();
  set.add(kind);
  map.set(key, set);
}
function sortedKinds(set) {
  return [...set ?? []].sort();
}
function byFolder(a, b) {
  if (a === b) return 0;
  if (a === ".") return -1;
  if (b === ".") return 1;
  return a < b ? -1 : 1;
}
function proposeLayout(files, signals) {
  const fileSet = new Set(files);
  const moduleRoots = /* @__PURE__ */ new Set();
  for (const f of files) {
    if (GO_MODULE_FILES.has(path.posix.basename(f)) && !setAsideFolder(f)) moduleRoots.add(path.posix.dirname(f));
  }
  const goUnitOf = (p) => ancestors(p).find((d) => moduleRoots.has(d)) ?? topFolder(p);
  const asideFolders = /* @__PURE__ */ new Map();
  let goTests = false;
  for (const f of files) {
    if (!isDetectable(f)) continue;
    const aside = setAsideFolder(f);
    if (aside) asideFolders.set(aside.folder, aside);
    else if (f.endsWith("_test.go")) goTests = true;
  }
  const byName = /* @__PURE__ */ new Map();
  for (const [folder, { name }] of asideFolders) byName.set(name, [...byName.get(name) ?? [], folder]);
  const asideGlob = (aside) => byName.get(aside.name).length > MAX_LISTED_FOLDERS_PER_NAME ? `**/${globLiteral(aside.name)}/**` : `${globLiteral(aside.folder)}/**`;
  const suggestions = /* @__PURE__ */ new Map();
  for (const aside of asideFolders.values()) suggestions.set(asideGlob(aside), aside.why);
  if (goTests) suggestions.set(GO_TESTS, "Go tests");
  const suggestionOf = (p) => {
    const aside = setAsideFolder(p);
    if (aside) return asideGlob(aside);
    return p.endsWith("_test.go") ? GO_TESTS : null;
  };
  const pyFound = /* @__PURE__ */ new Map();
  const goFound = /* @__PURE__ */ new Map();
  const asideFound = /* @__PURE__ */ new Map();
  for (const s of signals) {
    const glob = suggestionOf(s.path);
    if (glob) addKind(asideFound, glob, s.signal);
    else if (isGoFile(s.path)) addKind(goFound, goUnitOf(s.path), s.signal);
    else addKind(pyFound, topFolder(s.path), s.signal);
  }
  const isPackage = (folder) => ["__init__.py", "setup.py", "pyproject.toml"].some((f) => fileSet.has(`${folder}/${f}`));
  const moduleFilesOf = (root) => files.filter((f) => GO_MODULE_FILES.has(path.posix.basename(f)) && !setAsideFolder(f) && goUnitOf(f) === root);
  const goText = (root) => {
    const marks = moduleFilesOf(root);
    return marks.length > 0 ? `the Go module ${marks.join(", ")}` : `the Go files of ${root === "." ? "the root" : `${root}/`}`;
  };
  const broad = [];
  const pyDrafts = /* @__PURE__ */ new Map();
  for (const folder of pyFound.keys()) {
    const about = folder === "." ? "the files at the root, and every file no service below claims" : isPackage(folder) ? `the Python package ${folder}/` : `the folder ${folder}/`;
    const draft = {
      folder,
      name: folder === "." ? "main" : slug(folder),
      paths: [under(folder)],
      found: sortedKinds(pyFound.get(folder)),
      about: () => [about],
      inside: []
    };
    broad.push(draft);
    pyDrafts.set(folder, draft);
  }
  const last = [];
  for (const root of [...goFound.keys()].sort(byFolder)) {
    const host = root === "." ? void 0 : pyDrafts.get(root.split("/")[0]);
    const found = sortedKinds(goFound.get(root));
    if (root === "." ? pyDrafts.size === 0 : !host) {
      const name = root === "." ? "main" : slug(root);
      broad.push({ folder: root, name, paths: [under(root)], found, about: () => [goText(root)], inside: [] });
      continue;
    }
    const draft = {
      folder: root,
      name: root === "." ? "go" : `${slug(root)}-go`,
      paths: [under(root, "**/*.go"), ...moduleFilesOf(root).map(globLiteral)],
      found,
      about: (names2) => {
        const after = host ? `"${names2.get(host)}"` : "every other service";
        return [
          `${goText(root)}, apart from the Python code around it;`,
          `keep it after ${after}: the last service whose paths match a file owns it`
        ];
      },
      inside: []
    };
    if (host) host.inside.push(draft);
    else last.push(draft);
  }
  broad.sort((a, b) => byFolder(a.folder, b.folder));
  const drafts = [...broad.flatMap((d) => [d, ...d.inside]), ...last];
  const names = /* @__PURE__ */ new Map();
  const taken = /* @__PURE__ */ new Set();
  for (const draft of drafts) {
    let name = draft.name;
    for (let n = 2; taken.has(name); n++) name = `${draft.name}-${n}`;
    names.set(draft, name);
    taken.add(name);
  }
  const services = drafts.map((d) => ({ name: names.get(d), paths: d.paths, found: d.found, about: d.about(names) }));
  if (services.length === 0) {
    services.push({ name: "main", paths: ["**"], found: [], about: ["every file: nothing was found to tell services apart"] });
  }
  const ignore = [...suggestions].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).map(([glob, why]) => ({ glob, why, found: sortedKinds(asideFound.get(glob)) }));
  return { services, ignore };
}
function yamlString(s) {
  return JSON.stringify(s);
}
function starterProfileText(layout) {
  const lines = [
    "# Service profile for architecture-review.",
    '# Declare what each service needs; undeclared needs are reported as "not declared".',
    "# Golang is justified only when a service needs low latency, high concurrency and",
    "# multi-core shared memory at once, and cython.parallel cannot do the job.",
    "version: 1",
    "services:"
  ];
  for (const service of layout.services) {
    service.about.forEach((line, i) => lines.push(i === 0 ? `  # ${service.name}: ${line}` : `  #   ${line}`));
    lines.push(`  - name: ${yamlString(service.name)}`);
    lines.push(`    paths: [${service.paths.map(yamlString).join(", ")}]`);
    if (service.found.length > 0) lines.push(`    # found: ${service.found.join(", ")}`);
    lines.push("    context: standalone        # erp5 | zope | standalone");
    lines.push("    # workload: io-bound       # io-bound | cpu-bound | mixed");
    lines.push("    needs: {}                  # replace {} with the needs that hold, for example:");
    lines.push("    #   low-latency: true");
    lines.push("    #   high-concurrency: true");
    lines.push("    #   multi-core: true");
    lines.push("    #   shared-memory: true      # the cores share one userspace memory");
    lines.push("    #   cython-parallel: false   # true when the hot path fits cython.parallel / nogil");
    lines.push("    #   parallel-request: false  # all cores needed inside one request");
    lines.push("    # evidence:");
    lines.push('    #   profiling: "link to a profile of the hot path"');
  }
  lines.push("accept: []");
  if (layout.ignore.length === 0) {
    lines.push("ignore: []");
  } else {
    lines.push("# Tests and vendored code found in the tree: uncomment each entry you want left out of reviews.");
    lines.push("ignore: [");
    const width = Math.max(...layout.ignore.map((s) => yamlString(s.glob).length + 1));
    for (const s of layout.ignore) {
      const entry = `${yamlString(s.glob)},`.padEnd(width);
      lines.push(`  # ${entry}  # ${s.why}${s.found.length > 0 ? `; found: ${s.found.join(", ")}` : ""}`);
    }
    lines.push("]");
  }
  return `${lines.join("\n")}
`;
}
async function writeStarterProfile(dir, profileRel) {
  const target = path.resolve(dir, profileRel);
  if (existsSync(target)) {
    throw new UsageError(`init: ${target} already exists: edit it, or remove it to start over`);
  }
  const { report } = await auditTree(dir, { format: "text", failOn: "never" }, { withProfile: false });
  const layout = proposeLayout(await listTrackedFiles(dir), report.signals);
  const text = starterProfileText(layout);
  await profileFromText(text, profileRel);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, text);
  const lines = [
    `wrote ${path.relative(dir, target) || target}: ${layout.services.length} service(s), ${report.signals.length} signal(s) found`,
    `  services: ${layout.services.map((s) => `${s.name} (${s.paths.join(", ")})`).join("; ")}`
  ];
  for (const note of report.notes) lines.push(`  note: ${note}`);
  if (layout.ignore.length > 0) {
    lines.push(`  ignore, suggested in comments: ${layout.ignore.map((s) => `${s.glob} (${s.why})`).join(", ")}`);
  }
  lines.push(
    layout.ignore.length > 0 ? "next: declare each service's needs, and uncomment the ignore entries you accept" : "next: declare each service's needs"
  );
  return `${lines.join("\n")}
`;
}

// src/cli/main.ts
async function runCli(argv, io) {
  try {
    return await dispatch(argv, io);
  } catch (err) {
    if (isUserError(err)) {
      const lines = "problems" in err ? err.problems.map(formatProblem) : [err.message];
      for (const line of lines) io.stderr(`architecture-review: ${line}
`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`architecture-review: internal error: ${message.split("\n")[0]} (please report this)
`);
    return 2;
  }
}
async function dispatch(argv, io) {
  const command = parseCommand(argv);
  switch (command.name) {
    case "help":
      io.stdout(`${USAGE}
`);
      return 0;
    case "version":
      io.stdout(`${VERSION}
`);
      return 0;
    case "review": {
      const repo = path2.resolve(io.cwd, command.repo ?? ".");
      const profilePath = toRepoPath(command.options.profile ?? PROFILE_PATH, "--profile");
      const rulesPath = command.options.rules ? toRepoPath(command.options.rules, "--rules") : void 0;
      const repository = command.options.repository === void 0 ? null : parseRepository(command.options.repository, null);
      const baseCommit = await resolveCommit(repo, command.base);
      const headCommit = await resolveCommit(repo, command.head);
      const source = {
        async changes() {
          const base = await mergeBase(repo, baseCommit, headCommit);
          return { base, head: headCommit, files: await diffCommits(repo, base, headCommit) };
        },
        readFiles: (commit, paths, options) => readBlobs(repo, commit, paths, options),
        listFiles: (commit) => listCommitFiles(repo, commit)
      };
      const { report, rules } = await reviewChange(source, {
        baseCommit,
        profilePath,
        rulesPath,
        profileFrom: command.profileFrom,
        docsUrl: DOCS_URL
      });
      report.repository = repository && { ...repository, commit: report.head };
      if (!report.profile.found) {
        await explainMissingProfile(repo, profilePath, command.profileFrom, command.profileFrom === "base" ? baseCommit : headCommit, io);
      }
      printWarnings(report.warnings, io);
      return emit(report, rules, command.options, io);
    }
    case "audit": {
      const dir = path2.resolve(io.cwd, command.dir ?? ".");
      const { report, rules } = await auditTree(dir, command.options);
      printWarnings(report.warnings, io);
      return emit(report, rules, command.options, io);
    }
    case "validate": {
      const profileFile = path2.resolve(io.cwd, command.options.profile ?? PROFILE_PATH);
      const profileText = await readOptional(profileFile);
      if (profileText === null && command.options.profile !== void 0) {
        throw await noSuchFile("--profile", command.options.profile, profileFile, io.cwd);
      }
      const shown = path2.relative(io.cwd, profileFile) || profileFile;
      const profile = await profileFromText(profileText, shown);
      const rules = await loadRulesFrom(io.cwd, command.options.rules);
      checkAcceptedRules(profile, rules, shown);
      const warnings = profileText === null || !await isGitWorkTree(io.cwd) ? [] : unmatchedGlobs(profile, await listTrackedFiles(io.cwd)).map((u) => unmatchedGlobProblem(u, shown, "in the tree"));
      if (command.strict && warnings.length > 0) throw new ConfigError(warnings);
      printWarnings(warnings, io);
      const profileLine = profileText === null ? `no profile at ${shown}: every need counts as not declared` : `${shown}: valid, ${profile.services.length} service(s), ${profile.accept.length} acceptance(s)`;
      io.stdout(`${profileLine}
rules: ${rules.length} rule(s) loaded
`);
      return 0;
    }
    case "init": {
      const dir = path2.resolve(io.cwd, command.dir ?? ".");
      const written = await writeStarterProfile(dir, command.options.profile ?? PROFILE_PATH);
      io.stdout(written);
      return 0;
    }
    case "merge": {
      const { mergeReports } = await import("./chunks/fleet-6U2NOBN2.js");
      const merged = await mergeReports(command.reports, async (name) => {
        const text = await readOptional(path2.resolve(io.cwd, name));
        if (text === null) throw new UsageError(`merge: ${name}: no such file: give the path of an audit's JSON report`);
        return text;
      });
      if (merged.kind === "report") {
        printWarnings(merged.report.warnings, io);
        return emit(merged.report, merged.rules, command.options, io);
      }
      const { renderFleet } = await import("./chunks/render-7OMHKTWE.js");
      write(renderFleet(merged.fleet, command.options.format), command.options, io);
      return merged.fleet.conclusion === "question" && command.options.failOn === "question" ? 1 : 0;
    }
    case "repositories": {
      const env = io.env ?? process.env;
      const token = env.GITHUB_TOKEN || env.GH_TOKEN;
      if (!token) throw new UsageError("repositories: no token: set GITHUB_TOKEN (a GitHub App token or a fine-grained token with Contents: read on the organisation's repositories)");
      const [{ createGitHubClient, requestTimeoutFromEnv }, { listRepositories, toMatrix }] = await Promise.all([import("./chunks/github-client-CADGVPPZ.js"), import("./chunks/fleet-list-2LCVYHLQ.js")]);
      const octokit = createGitHubClient({
        token,
        baseUrl: env.GITHUB_API_URL || "https://api.github.com",
        log: (m) => io.stderr(`architecture-review: ${m}
`),
        // A refusal becomes one line of what to do; Octokit's own line for it would be a second.
        octokitLog: () => {
        },
        requestTimeoutMs: requestTimeoutFromEnv(env)
      });
      const listing = await listRepositories(octokit, command.list);
      const matrix = toMatrix(listing.repositories, command.perJob);
      io.stderr(
        `architecture-review: ${listing.repositories.length} of ${listing.listed} repositories of ${command.list.org} to audit, in ${matrix.include.length} job(s) of up to ${matrix.perJob} (${listing.requests} request(s))
`
      );
      const text = command.options.format === "json" ? `${JSON.stringify({ org: command.list.org, count: listing.repositories.length, listed: listing.listed, perJob: matrix.perJob, jobs: matrix.include.length, matrix: { include: matrix.include } })}
` : listing.repositories.map((r) => `${r.name}
`).join("");
      write([text], command.options, io);
      return 0;
    }
  }
}
function printWarnings(warnings, io) {
  for (const w of warnings) io.stderr(`architecture-review: warning: ${formatProblem(w)}
`);
}
async function explainMissingProfile(repo, profilePath, from, commit, io) {
  const top = await workTreeTop(repo);
  if (top === null || !existsSync2(path2.join(top, profilePath))) return;
  const how = from === "base" ? "to try it on this change, commit it on the branch and add --profile-from head; to make it count for every review, commit it to the base branch" : "commit it on the branch, then review again";
  io.stderr(
    `architecture-review: note: ${profilePath} is in the working tree but not at the ${from} commit ${commit.slice(0, 12)}, so this review used no profile (every need not declared); ${how}
`
  );
}
function toRepoPath(p, option) {
  const normal = path2.posix.normalize(p.replaceAll("\\", "/"));
  if (path2.posix.isAbsolute(normal) || normal === ".." || normal.startsWith("../")) {
    throw new UsageError(`${option} ${p}: in a review the file is read from a commit, so give a path inside the repository`);
  }
  return normal;
}
async function emit(report, rules, options, io) {
  write(renderReport(report, rules, options.format, { color: io.isTTY && !options.output, docsUrl: DOCS_URL }), options, io);
  return report.conclusion === "question" && options.failOn === "question" ? 1 : 0;
}
function write(chunks, options, io) {
  if (options.output) {
    const file = path2.resolve(io.cwd, options.output);
    let fd;
    try {
      mkdirSync(path2.dirname(file), { recursive: true });
      fd = openSync(file, "w");
    } catch (err) {
      const code = err.code;
      const reason = code === "EISDIR" ? "it is a folder" : code === "ENOTDIR" || code === "EEXIST" ? "a part of its path is a file, not a folder" : err.message;
      throw new UsageError(`--output ${options.output}: cannot write the report to ${file} (${reason}): give a file path you can write`, { cause: err });
    }
    try {
      for (const chunk of chunks) writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
  } else {
    let last = "";
    for (const chunk of chunks) {
      if (chunk === "") continue;
      io.stdout(chunk);
      last = chunk;
    }
    if (!last.endsWith("\n")) io.stdout("\n");
  }
}
export {
  runCli
};
