import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { auditTree } from '../audit.js';
import { listTrackedFiles } from '../changes/git.js';
import { isDetectable } from '../detect/index.js';
import { UsageError } from '../errors.js';
import { profileFromText } from '../load-config.js';
import type { SignalKind } from '../types.js';

/** One service of the starter profile. */
export interface ProposedService {
  name: string;
  paths: string[];
  /** Signal kinds found in its files, for the `# found:` comment. */
  found: SignalKind[];
  /** What it is, for the comment above it: lines without the leading `# `. */
  about: string[];
}

/** One commented-out `ignore:` entry of the starter profile. */
export interface IgnoreSuggestion {
  glob: string;
  why: 'tests' | 'vendored' | 'Go tests';
  /** Signal kinds found in the files it would leave out. */
  found: SignalKind[];
}

/** What `init` proposes for a tree, before it is written as YAML. */
export interface StarterLayout {
  services: ProposedService[];
  ignore: IgnoreSuggestion[];
}

/** Folder names whose files are tests or someone else's code: suggested for `ignore:`, never a service. */
const TEST_DIRS = new Set(['test', 'tests', 'testing', 'testdata']);
const VENDOR_DIRS = new Set(['vendor', 'third_party', 'thirdparty', '3rdparty', '_vendor', 'node_modules']);
/** Beyond this many folders of one name, one `**\/name/**` entry stands for them all. */
const MAX_LISTED_FOLDERS_PER_NAME = 5;
const GO_TESTS = '**/*_test.go';
/** Go's module and workspace files: they mark where a Go unit starts. */
const GO_MODULE_FILES = new Set(['go.mod', 'go.work']);

function isGoFile(p: string): boolean {
  return p.endsWith('.go') || GO_MODULE_FILES.has(path.posix.basename(p));
}

/** Top-level folder of a path, or "." for files at the root. */
function topFolder(p: string): string {
  const slash = p.indexOf('/');
  return slash === -1 ? '.' : p.slice(0, slash);
}

/** The folders that hold a file, shallowest first: "." then "a", "a/b"… */
function ancestors(p: string): string[] {
  const parts = p.split('/').slice(0, -1);
  return ['.', ...parts.map((_, i) => parts.slice(0, i + 1).join('/'))];
}

/** The outermost test or vendored folder a file lies in, with why it is set aside. */
function setAsideFolder(p: string): { folder: string; name: string; why: 'tests' | 'vendored' } | null {
  const parts = p.split('/');
  for (let i = 0; i < parts.length - 1; i++) {
    const name = parts[i]!.toLowerCase();
    const why = TEST_DIRS.has(name) ? 'tests' : VENDOR_DIRS.has(name) ? 'vendored' : null;
    if (why) return { folder: parts.slice(0, i + 1).join('/'), name: parts[i]!, why };
  }
  return null;
}

/** A folder name as literal glob text: picomatch would read `[`, `{`, `*`… as patterns. */
function globLiteral(s: string): string {
  return s.replace(/[*?[\]{}()!+@]/g, '\\$&');
}

/** The glob of every file under `folder` ("." is the whole tree). */
function under(folder: string, rest = '**'): string {
  return folder === '.' ? rest : `${globLiteral(folder)}/${rest}`;
}

/** A service name from a folder: "wcfs/internal" → "wcfs-internal", "[lab]" → "lab". */
function slug(folder: string): string {
  return folder.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '') || 'service';
}

function addKind(map: Map<string, Set<SignalKind>>, key: string, kind: SignalKind): void {
  const set = map.get(key) ?? new Set<SignalKind>();
  set.add(kind);
  map.set(key, set);
}

function sortedKinds(set: Set<SignalKind> | undefined): SignalKind[] {
  return [...(set ?? [])].sort();
}

/** Root first, then by path: a folder always sorts before the folders inside it. */
function byFolder(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '.') return -1;
  if (b === '.') return 1;
  return a < b ? -1 : 1;
}

/** A service before names are made unique: its comment may name another service. */
interface Draft extends Omit<ProposedService, 'about'> {
  folder: string;
  about: (names: Map<Draft, string>) => string[];
  /** The Go services inside this one's folder, written right after it. */
  inside: Draft[];
}

/**
 * What `init` proposes for a tree from its file list and the signals an audit found there
 * (pure). One service per top-level unit of each language where signals were found:
 *
 * - Python (and everything not Go): one per top-level folder, "main" with `**` for the root.
 * - Go: one per outermost module (a folder with `go.mod` or `go.work`), or per top-level
 *   folder for Go files outside any module. When it shares its folder with a Python service
 *   (a Go module inside a Python package), it becomes `<name>-go` owning only the Go files
 *   (`wcfs/**\/*.go`, `wcfs/go.mod`) and is placed after that service, since the last
 *   service whose paths match a file owns it.
 *
 * Files in test and vendored folders make no service; those folders (and Go `_test.go`
 * files) are suggested for `ignore:` instead.
 */
export function proposeLayout(files: readonly string[], signals: readonly { path: string; signal: SignalKind }[]): StarterLayout {
  const fileSet = new Set(files);
  const moduleRoots = new Set<string>();
  for (const f of files) {
    if (GO_MODULE_FILES.has(path.posix.basename(f)) && !setAsideFolder(f)) moduleRoots.add(path.posix.dirname(f));
  }
  const goUnitOf = (p: string) => ancestors(p).find((d) => moduleRoots.has(d)) ?? topFolder(p);

  // Suggestions come from every file a detector reads, so a test folder with no signal today
  // is still suggested: threads added to it later would otherwise raise questions.
  const asideFolders = new Map<string, NonNullable<ReturnType<typeof setAsideFolder>>>();
  let goTests = false;
  for (const f of files) {
    if (!isDetectable(f)) continue;
    const aside = setAsideFolder(f);
    if (aside) asideFolders.set(aside.folder, aside);
    else if (f.endsWith('_test.go')) goTests = true;
  }
  const byName = new Map<string, string[]>();
  for (const [folder, { name }] of asideFolders) byName.set(name, [...(byName.get(name) ?? []), folder]);
  const asideGlob = (aside: { folder: string; name: string }) =>
    byName.get(aside.name)!.length > MAX_LISTED_FOLDERS_PER_NAME ? `**/${globLiteral(aside.name)}/**` : `${globLiteral(aside.folder)}/**`;
  const suggestions = new Map<string, IgnoreSuggestion['why']>();
  for (const aside of asideFolders.values()) suggestions.set(asideGlob(aside), aside.why);
  if (goTests) suggestions.set(GO_TESTS, 'Go tests');
  /** The suggested entry that would leave out `p`, if any. */
  const suggestionOf = (p: string): string | null => {
    const aside = setAsideFolder(p);
    if (aside) return asideGlob(aside);
    return p.endsWith('_test.go') ? GO_TESTS : null;
  };

  const pyFound = new Map<string, Set<SignalKind>>();
  const goFound = new Map<string, Set<SignalKind>>();
  const asideFound = new Map<string, Set<SignalKind>>();
  for (const s of signals) {
    const glob = suggestionOf(s.path);
    if (glob) addKind(asideFound, glob, s.signal);
    else if (isGoFile(s.path)) addKind(goFound, goUnitOf(s.path), s.signal);
    else addKind(pyFound, topFolder(s.path), s.signal);
  }

  const isPackage = (folder: string) =>
    ['__init__.py', 'setup.py', 'pyproject.toml'].some((f) => fileSet.has(`${folder}/${f}`));
  const moduleFilesOf = (root: string) =>
    files.filter((f) => GO_MODULE_FILES.has(path.posix.basename(f)) && !setAsideFolder(f) && goUnitOf(f) === root);
  const goText = (root: string) => {
    const marks = moduleFilesOf(root);
    return marks.length > 0 ? `the Go module ${marks.join(', ')}` : `the Go files of ${root === '.' ? 'the root' : `${root}/`}`;
  };

  // Broad services first (Python, and Go with no Python around it), each followed by the Go
  // services that live inside it; a Go module at the root, inside everything, comes last.
  // Comments are written once names are final, since a Go service names the one it follows.
  const broad: Draft[] = [];
  const pyDrafts = new Map<string, Draft>();
  for (const folder of pyFound.keys()) {
    const about =
      folder === '.'
        ? 'the files at the root, and every file no service below claims'
        : isPackage(folder)
          ? `the Python package ${folder}/`
          : `the folder ${folder}/`;
    const draft: Draft = {
      folder,
      name: folder === '.' ? 'main' : slug(folder),
      paths: [under(folder)],
      found: sortedKinds(pyFound.get(folder)),
      about: () => [about],
      inside: [],
    };
    broad.push(draft);
    pyDrafts.set(folder, draft);
  }
  const last: Draft[] = [];
  for (const root of [...goFound.keys()].sort(byFolder)) {
    // The Python service around a Go unit; at the root, every Python service is around it.
    const host = root === '.' ? undefined : pyDrafts.get(root.split('/')[0]!);
    const found = sortedKinds(goFound.get(root));
    if (root === '.' ? pyDrafts.size === 0 : !host) {
      const name = root === '.' ? 'main' : slug(root);
      broad.push({ folder: root, name, paths: [under(root)], found, about: () => [goText(root)], inside: [] });
      continue;
    }
    const draft: Draft = {
      folder: root,
      name: root === '.' ? 'go' : `${slug(root)}-go`,
      paths: [under(root, '**/*.go'), ...moduleFilesOf(root).map(globLiteral)],
      found,
      about: (names) => {
        const after = host ? `"${names.get(host)!}"` : 'every other service';
        return [
          `${goText(root)}, apart from the Python code around it;`,
          `keep it after ${after}: the last service whose paths match a file owns it`,
        ];
      },
      inside: [],
    };
    // A Go module at the root is inside every folder's service, so it goes after all of them.
    if (host) host.inside.push(draft);
    else last.push(draft);
  }
  broad.sort((a, b) => byFolder(a.folder, b.folder));
  const drafts = [...broad.flatMap((d) => [d, ...d.inside]), ...last];

  // Two folders can make one name ("a b" and "a-b"); service names must be unique.
  const names = new Map<Draft, string>();
  const taken = new Set<string>();
  for (const draft of drafts) {
    let name = draft.name;
    for (let n = 2; taken.has(name); n++) name = `${draft.name}-${n}`;
    names.set(draft, name);
    taken.add(name);
  }
  const services: ProposedService[] = drafts.map((d) => ({ name: names.get(d)!, paths: d.paths, found: d.found, about: d.about(names) }));
  if (services.length === 0) {
    services.push({ name: 'main', paths: ['**'], found: [], about: ['every file: nothing was found to tell services apart'] });
  }

  const ignore = [...suggestions]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([glob, why]) => ({ glob, why, found: sortedKinds(asideFound.get(glob)) }));
  return { services, ignore };
}

function yamlString(s: string): string {
  return JSON.stringify(s);
}

/**
 * The starter profile for a layout: every need left commented out for the team to declare,
 * since only they know them, and the `ignore:` suggestions as comments inside the list, so
 * that accepting one is uncommenting its line.
 */
export function starterProfileText(layout: StarterLayout): string {
  const lines = [
    '# Service profile for architecture-review.',
    '# Declare what each service needs; undeclared needs are reported as "not declared".',
    '# Golang is justified only when a service needs low latency, high concurrency and',
    '# multi-core shared memory at once, and cython.parallel cannot do the job.',
    'version: 1',
    'services:',
  ];
  for (const service of layout.services) {
    service.about.forEach((line, i) => lines.push(i === 0 ? `  # ${service.name}: ${line}` : `  #   ${line}`));
    lines.push(`  - name: ${yamlString(service.name)}`);
    lines.push(`    paths: [${service.paths.map(yamlString).join(', ')}]`);
    if (service.found.length > 0) lines.push(`    # found: ${service.found.join(', ')}`);
    lines.push('    context: standalone        # erp5 | zope | standalone');
    lines.push('    # workload: io-bound       # io-bound | cpu-bound | mixed');
    lines.push('    needs: {}                  # replace {} with the needs that hold, for example:');
    lines.push('    #   low-latency: true');
    lines.push('    #   high-concurrency: true');
    lines.push('    #   multi-core: true');
    lines.push('    #   shared-memory: true      # the cores share one userspace memory');
    lines.push('    #   cython-parallel: false   # true when the hot path fits cython.parallel / nogil');
    lines.push('    #   parallel-request: false  # all cores needed inside one request');
    lines.push('    # evidence:');
    lines.push('    #   profiling: "link to a profile of the hot path"');
  }
  lines.push('accept: []');
  if (layout.ignore.length === 0) {
    lines.push('ignore: []');
  } else {
    lines.push('# Tests and vendored code found in the tree: uncomment each entry you want left out of reviews.');
    lines.push('ignore: [');
    const width = Math.max(...layout.ignore.map((s) => yamlString(s.glob).length + 1));
    for (const s of layout.ignore) {
      const entry = `${yamlString(s.glob)},`.padEnd(width);
      lines.push(`  # ${entry}  # ${s.why}${s.found.length > 0 ? `; found: ${s.found.join(', ')}` : ''}`);
    }
    lines.push(']');
  }
  return `${lines.join('\n')}\n`;
}

/** `init`: audits the tree with no profile and writes the starter profile; never overwrites. */
export async function writeStarterProfile(dir: string, profileRel: string): Promise<string> {
  const target = path.resolve(dir, profileRel);
  if (existsSync(target)) {
    throw new UsageError(`init: ${target} already exists: edit it, or remove it to start over`);
  }
  const { report } = await auditTree(dir, { format: 'text', failOn: 'never' }, { withProfile: false });
  const layout = proposeLayout(await listTrackedFiles(dir), report.signals);
  const text = starterProfileText(layout);
  await profileFromText(text, profileRel); // the starter must itself be valid
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, text);
  const lines = [
    `wrote ${path.relative(dir, target) || target}: ${layout.services.length} service(s), ${report.signals.length} signal(s) found`,
    `  services: ${layout.services.map((s) => `${s.name} (${s.paths.join(', ')})`).join('; ')}`,
  ];
  // An empty tree's profile is a bare template: say why nothing was found.
  for (const note of report.notes) lines.push(`  note: ${note}`);
  if (layout.ignore.length > 0) {
    lines.push(`  ignore, suggested in comments: ${layout.ignore.map((s) => `${s.glob} (${s.why})`).join(', ')}`);
  }
  lines.push(
    layout.ignore.length > 0
      ? "next: declare each service's needs, and uncomment the ignore entries you accept"
      : "next: declare each service's needs",
  );
  return `${lines.join('\n')}\n`;
}
