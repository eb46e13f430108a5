/**
 * The dependency-manifest detector: adding `gevent` to `requirements.txt` is a `greenlets`
 * signal just as `import gevent` is (SPEC 4). It reads `requirements*.txt` (and pip-tools'
 * `*.in`), `pyproject.toml` (PEP 621, PEP 735 groups, build requirements, Poetry, PDM, Hatch,
 * uv, flit), `setup.cfg` and `Pipfile`.
 *
 * Only requirements count: a package name in a comment, a description, a URL or an
 * environment marker does not. TOML is read by a small scanner of our own rather than a
 * library because the detector needs the line of every key and string, and must keep going on
 * a malformed file where a parser would stop at the first error.
 */
import type { DetectedSignal, Detection, InlineAcceptance, SignalKind, SignalTag } from '../types.js';
import { readAcceptance, toEvidence } from './evidence.js';
import { lastAtOrBefore } from './regions.js';
import { readSetupPy } from './setup-py.js';

// ---------------------------------------------------------------------------------------------
// Package names

/** PEP 503 normalisation: lower case, runs of `-`, `_` and `.` become one `-`. */
export function normalizePackageName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Distribution names (normalised) that are signals by themselves. */
const WATCHED_PACKAGES: Readonly<Record<string, SignalKind>> = {
  gevent: 'greenlets',
  greenlet: 'greenlets',
  eventlet: 'greenlets',
  asyncio: 'asyncio',
  trio: 'asyncio',
  anyio: 'asyncio',
  curio: 'asyncio',
  uvloop: 'asyncio',
  aiohttp: 'asyncio',
  tornado: 'asyncio',
  twisted: 'asyncio',
  numba: 'numba',
  cython: 'cython',
};

/** Extras that pull a green-thread library in (`gunicorn[gevent]`, `celery[eventlet]`). */
const GREEN_EXTRAS = new Set(['gevent', 'eventlet', 'greenlet']);

/** What one requirement means: the signals it carries, each with the module it names. */
function classifyRequirement(name: string, extras: readonly string[]): { signal: SignalKind; module: string; tags: SignalTag[] }[] {
  const out: { signal: SignalKind; module: string; tags: SignalTag[] }[] = [];
  const normalized = normalizePackageName(name);
  const kind = WATCHED_PACKAGES[normalized];
  if (kind) out.push({ signal: kind, module: normalized, tags: ['import'] });
  for (const extra of extras) {
    const e = normalizePackageName(extra);
    if (!GREEN_EXTRAS.has(e)) continue;
    // `gunicorn[gevent]` makes the worker available; the worker class chosen is the server's
    // configuration (server-config.ts), not the dependency.
    out.push({ signal: 'greenlets', module: e, tags: ['import'] });
  }
  return out;
}

/** Collects signals and acceptances, with the file's lines for evidence. */
class Collector {
  readonly signals: DetectedSignal[] = [];
  readonly acceptances: InlineAcceptance[] = [];
  private readonly lines: string[];
  /**
   * Whether the requirements being read are what the application runs with (`dependencies`,
   * `install_requires`, `[packages]`, a requirements file): a watched package there is a use,
   * the choice of its model. Build requirements (`[build-system] requires`, `setup_requires`),
   * optional extras, and development, test and documentation groups are mentions.
   */
  runtime = false;

  constructor(text: string) {
    this.lines = text.split('\n');
  }

  /** The tags of a requirement read now: `use` added for a runtime requirement. */
  tagsOf(tags: SignalTag[]): SignalTag[] {
    return this.runtime ? [...tags, 'use'] : tags;
  }

  lineText(line: number): string {
    return this.lines[line - 1] ?? '';
  }

  get lineCount(): number {
    return this.lines.length;
  }

  requirement(name: string, extras: readonly string[], line: number): void {
    for (const c of classifyRequirement(name, extras)) {
      this.signals.push({
        signal: c.signal,
        line,
        evidence: toEvidence(this.lineText(line)),
        tags: this.tagsOf(c.tags),
        module: c.module,
      });
    }
  }

  /** A PEP 508 requirement string written at `line`. */
  requirementString(spec: string, line: number): void {
    const req = parseRequirementString(spec);
    if (req) this.requirement(req.name, req.extras, line);
  }

  comment(body: string, line: number): void {
    const a = readAcceptance(body, line);
    if (a) this.acceptances.push(a);
  }

  result(): Detection {
    this.signals.sort((a, b) => a.line - b.line);
    return { signals: this.signals, acceptances: this.acceptances };
  }
}

// ---------------------------------------------------------------------------------------------
// PEP 508 requirement strings

const NAME_RE = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?/;

/**
 * Parses the name and extras of a PEP 508 requirement (`gunicorn[gevent]>=20; python_version>"3"`,
 * `gevent @ https://...`). Version specifiers, markers and URLs after the name are ignored, so a
 * name mentioned there does not count. Returns null for anything that does not start with a name.
 */
export function parseRequirementString(spec: string): { name: string; extras: string[] } | null {
  const m = NAME_RE.exec(spec.trim());
  if (!m) return null;
  const name = m[1] ?? '';
  // A bare URL or path is not a name: `https://...`, `file:...`, `./x`, `C:\...`.
  const after = spec.trim().slice(name.length);
  if (/^\s*:/.test(after) || /^[./\\]/.test(after)) return null;
  const extras = (m[2] ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  return { name, extras };
}

// ---------------------------------------------------------------------------------------------
// requirements.txt

/** The name of a requirement given as a URL or an archive path: `#egg=name`, or a wheel/sdist file name. */
function nameFromUrl(url: string): { name: string; extras: string[] } | null {
  const egg = /[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[([^\]]*)\])?/.exec(url);
  if (egg) {
    const extras = (egg[2] ?? '').split(',').map((e) => e.trim()).filter((e) => e !== '');
    return { name: egg[1] ?? '', extras };
  }
  const path = url.split(/[?#]/)[0] ?? '';
  const file = path.slice(path.lastIndexOf('/') + 1);
  // No file name is that long; the cap keeps the pattern below from backtracking on junk.
  if (file.length > 255) return null;
  // Wheels (`gevent-24.2.1-cp312-...whl`) and sdists (`gevent-24.2.1.tar.gz`) start with the name.
  const archive = /^([A-Za-z0-9][A-Za-z0-9_.]*?)-\d[^/]*\.(?:whl|tar\.gz|tar\.bz2|tgz|zip)$/i.exec(file);
  return archive ? { name: archive[1] ?? '', extras: [] } : null;
}

/** Options that take a file or URL, never a requirement (`-r other.txt`, `-i https://...`). */
const REQUIREMENTS_EDITABLE = /^(?:-e|--editable)(?:\s*=\s*|\s+)(\S+)/;

function detectRequirementsTxt(c: Collector): void {
  // pip joins lines ending with a backslash before anything else.
  let logical = '';
  let logicalLine = 0;
  let blank = true; // nothing but whitespace in `logical` yet
  for (let i = 1; i <= c.lineCount; i++) {
    const raw = c.lineText(i).replace(/\r$/, '');
    const comment = /(^|\s)#/.exec(raw);
    if (comment) c.comment(raw.slice(comment.index + comment[0].length), i);
    // The requirement's line is the first line with something on it.
    if (blank) logicalLine = i;
    if (raw.endsWith('\\') && !comment) {
      logical += raw.slice(0, -1) + ' ';
      blank &&= raw.slice(0, -1).trim() === '';
      continue;
    }
    logical += comment ? raw.slice(0, comment.index) : raw;
    readRequirementsLine(c, logical.trim(), logicalLine);
    logical = '';
    blank = true;
  }
  if (logical.trim() !== '') readRequirementsLine(c, logical.trim(), logicalLine);
}

function readRequirementsLine(c: Collector, line: string, lineNo: number): void {
  if (line === '') return;
  if (line.startsWith('-')) {
    const editable = REQUIREMENTS_EDITABLE.exec(line);
    const req = editable ? nameFromUrl(editable[1] ?? '') : null;
    if (req) c.requirement(req.name, req.extras, lineNo);
    return;
  }
  // A URL or path on its own line: only `#egg=` or an archive name tells the package.
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(line) || /^(?:\.{0,2}\/|file:)/.test(line)) {
    const req = nameFromUrl(line.split(/\s/)[0] ?? '');
    if (req) c.requirement(req.name, req.extras, lineNo);
    return;
  }
  c.requirementString(line, lineNo);
}

// ---------------------------------------------------------------------------------------------
// TOML

/** One string value of a TOML document, with where it stands. */
interface TomlString {
  /** Table path, then dotted key, then the keys of enclosing inline tables. */
  path: string[];
  value: string;
  line: number;
  /** True when the string is an element of an array. */
  inArray: boolean;
}

/** One key of a TOML document (assigned with `=`, or named by a `[table]` header). */
interface TomlKey {
  path: string[];
  line: number;
}

interface TomlEvents {
  strings: TomlString[];
  keys: TomlKey[];
}

/** How deep arrays and inline tables may nest before the scanner stops descending. */
const TOML_MAX_DEPTH = 64;

/**
 * A forgiving TOML scanner. It reports every key and every string value with its line, and
 * recovers from errors by skipping to the next line, so a broken line costs only that line.
 * Every loop consumes at least one character per turn, and nesting is capped, so it cannot hang
 * or overflow the stack.
 */
class TomlScanner {
  private pos = 0;
  private line = 1;
  private table: string[] = [];
  readonly events: TomlEvents = { strings: [], keys: [] };

  constructor(
    private readonly text: string,
    private readonly onComment: (body: string, line: number) => void,
  ) {}

  scan(): TomlEvents {
    const n = this.text.length;
    while (this.pos < n) {
      this.skipSpaceAndComments(true);
      if (this.pos >= n) break;
      const c = this.text.charCodeAt(this.pos);
      const before = this.pos;
      if (c === 91 /* [ */) this.header();
      else this.keyValue(this.table);
      this.skipSpaceAndComments(false);
      // Anything left on the line is an error: drop it. (A value cut short by a table header,
      // as an unclosed array is, stops at the start of that header's line: keep the header.)
      if (this.pos < n && this.text.charCodeAt(this.pos) !== 10 && !this.atLineStart()) this.skipLine();
      if (this.pos === before) this.pos++;
    }
    return this.events;
  }

  private skipLine(): void {
    const nl = this.text.indexOf('\n', this.pos);
    this.pos = nl === -1 ? this.text.length : nl;
  }

  /** Skips spaces, tabs and comments; newlines too when `newlines`. */
  private skipSpaceAndComments(newlines: boolean): void {
    const text = this.text;
    const n = text.length;
    while (this.pos < n) {
      const c = text.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 13) this.pos++;
      else if (c === 10 && newlines) {
        this.pos++;
        this.line++;
      } else if (c === 35 /* # */) {
        const nl = text.indexOf('\n', this.pos);
        const end = nl === -1 ? n : nl;
        this.onComment(text.slice(this.pos + 1, end), this.line);
        this.pos = end;
      } else break;
    }
  }

  private header(): void {
    const text = this.text;
    this.pos++;
    if (text.charCodeAt(this.pos) === 91) this.pos++; // [[array of tables]]
    const line = this.line;
    const path = this.key();
    if (path === null) return;
    this.skipSpaceAndComments(false);
    if (text.charCodeAt(this.pos) !== 93 /* ] */) return;
    this.pos++;
    if (text.charCodeAt(this.pos) === 93) this.pos++;
    this.table = path;
    this.events.keys.push({ path, line });
  }

  /** A dotted key: bare or quoted parts joined by `.`. Null when there is none. */
  private key(): string[] | null {
    const text = this.text;
    const parts: string[] = [];
    for (;;) {
      this.skipSpaceAndComments(false);
      const c = text.charCodeAt(this.pos);
      let part: string | null = null;
      if (c === 34 || c === 39) {
        part = this.string(false);
      } else {
        const start = this.pos;
        while (this.pos < text.length && isBareKeyChar(text.charCodeAt(this.pos))) this.pos++;
        if (this.pos > start) part = text.slice(start, this.pos);
      }
      if (part === null) return null;
      parts.push(part);
      this.skipSpaceAndComments(false);
      if (text.charCodeAt(this.pos) !== 46 /* . */) return parts;
      this.pos++;
    }
  }

  private keyValue(base: string[]): void {
    const line = this.line;
    const key = this.key();
    if (key === null) return;
    this.skipSpaceAndComments(false);
    if (this.text.charCodeAt(this.pos) !== 61 /* = */) return;
    this.pos++;
    const path = [...base, ...key];
    this.events.keys.push({ path, line });
    this.skipSpaceAndComments(false);
    this.value(path, false, 0);
  }

  private value(path: string[], inArray: boolean, depth: number): void {
    const text = this.text;
    const c = text.charCodeAt(this.pos);
    if (c === 34 || c === 39) {
      const line = this.line;
      const s = this.string(true);
      if (s !== null) this.events.strings.push({ path, value: s, line, inArray });
    } else if (c === 91 /* [ */ && depth < TOML_MAX_DEPTH) {
      this.array(path, depth + 1);
    } else if (c === 123 /* { */ && depth < TOML_MAX_DEPTH) {
      this.inlineTable(path, inArray, depth + 1);
    } else {
      // Numbers, booleans, dates; or an error. Stop where a value would end.
      while (this.pos < text.length) {
        const d = text.charCodeAt(this.pos);
        if (d === 44 || d === 93 || d === 125 || d === 10 || d === 35) break;
        this.pos++;
      }
    }
  }

  private array(path: string[], depth: number): void {
    const text = this.text;
    this.pos++; // [
    while (this.pos < text.length) {
      this.skipSpaceAndComments(true);
      const c = text.charCodeAt(this.pos);
      if (c === 93 /* ] */) {
        this.pos++;
        return;
      }
      if (c === 44 /* , */) {
        this.pos++;
        continue;
      }
      // A table header where an element should be: the array was never closed.
      if (c === 91 && this.atLineStart()) return;
      const before = this.pos;
      this.value(path, true, depth);
      if (this.pos === before) this.pos++;
    }
  }

  private inlineTable(path: string[], inArray: boolean, depth: number): void {
    const text = this.text;
    this.pos++; // {
    while (this.pos < text.length) {
      this.skipSpaceAndComments(true);
      const c = text.charCodeAt(this.pos);
      if (c === 125 /* } */) {
        this.pos++;
        return;
      }
      if (c === 44) {
        this.pos++;
        continue;
      }
      if (c === 91 && this.atLineStart()) return; // never closed
      const before = this.pos;
      const line = this.line;
      const key = this.key();
      if (key !== null) {
        this.skipSpaceAndComments(false);
        if (text.charCodeAt(this.pos) === 61) {
          this.pos++;
          const sub = [...path, ...key];
          this.events.keys.push({ path: sub, line });
          this.skipSpaceAndComments(false);
          this.value(sub, inArray, depth);
        }
      }
      if (this.pos === before) this.pos++;
    }
  }

  private atLineStart(): boolean {
    for (let i = this.pos - 1; i >= 0; i--) {
      const c = this.text.charCodeAt(i);
      if (c === 10) return true;
      if (c !== 32 && c !== 9) return false;
    }
    return true;
  }

  /**
   * A basic (`"`), literal (`'`) or multi-line (`"""`, `'''`) string at `pos`. Returns its
   * value, or null if unterminated; multi-line strings (`multiline` allowed) count their lines.
   */
  private string(multiline: boolean): string | null {
    const text = this.text;
    const q = text.charCodeAt(this.pos);
    const quote = q === 34 ? '"' : "'";
    if (multiline && text.startsWith(quote.repeat(3), this.pos)) {
      const close = text.indexOf(quote.repeat(3), this.pos + 3);
      const end = close === -1 ? text.length : close + 3;
      const body = text.slice(this.pos + 3, close === -1 ? text.length : close);
      for (let i = this.pos; i < end; i++) if (text.charCodeAt(i) === 10) this.line++;
      this.pos = end;
      // Up to two more quotes may close the string (`""""` ends with a quote in it).
      while (text.charCodeAt(this.pos) === q) this.pos++;
      return close === -1 ? null : body;
    }
    // Copy runs of plain characters in one slice; only escapes are decoded one by one.
    let out = '';
    let run = this.pos + 1;
    let i = run;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === q) {
        this.pos = i + 1;
        return out + text.slice(run, i);
      }
      if (c === 10) break;
      if (c === 92 && q === 34) {
        const e = text[i + 1] ?? '';
        out += text.slice(run, i) + (e === 'n' ? '\n' : e === 't' ? '\t' : e);
        i += 2;
        run = i;
        continue;
      }
      i++;
    }
    this.pos = Math.min(i, text.length);
    return null;
  }
}

function isBareKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

function scanToml(text: string, c: Collector): TomlEvents {
  return new TomlScanner(text, (body, line) => c.comment(body, line)).scan();
}

/** True when `path` matches `pattern`, where `*` matches any one key. */
function pathIs(path: readonly string[], ...pattern: string[]): boolean {
  return path.length === pattern.length && pattern.every((p, i) => p === '*' || p === path[i]);
}

/** Arrays of PEP 508 strings in pyproject.toml. */
function isRequirementArray(path: readonly string[]): boolean {
  return (
    pathIs(path, 'project', 'dependencies') ||
    pathIs(path, 'project', 'optional-dependencies', '*') ||
    pathIs(path, 'build-system', 'requires') ||
    pathIs(path, 'dependency-groups', '*') ||
    pathIs(path, 'tool', 'pdm', 'dev-dependencies', '*') ||
    pathIs(path, 'tool', 'uv', 'dev-dependencies') ||
    pathIs(path, 'tool', 'flit', 'metadata', 'requires') ||
    pathIs(path, 'tool', 'flit', 'metadata', 'requires-extra', '*') ||
    pathIs(path, 'tool', 'hatch', 'envs', '*', 'dependencies') ||
    pathIs(path, 'tool', 'hatch', 'envs', '*', 'extra-dependencies') ||
    pathIs(path, 'tool', 'hatch', 'build', 'targets', '*', 'dependencies') ||
    pathIs(path, 'tool', 'hatch', 'build', 'hooks', '*', 'dependencies')
  );
}

/** Tables whose keys are package names (Poetry): the length of the path to the name. */
function poetryPackageDepth(path: readonly string[]): number {
  if (path[0] !== 'tool' || path[1] !== 'poetry') return 0;
  if (path[2] === 'dependencies' || path[2] === 'dev-dependencies') return 4;
  if (path[2] === 'group' && path[4] === 'dependencies') return 6;
  return 0;
}

/** Poetry's main dependencies and Pipfile's `[packages]`: what the application runs with. */
function isRuntimeTable(path: readonly string[]): boolean {
  return (path[0] === 'tool' && path[1] === 'poetry' && path[2] === 'dependencies') || path[0] === 'packages';
}

/** Pipfile sections that are not package categories. */
const PIPFILE_NON_PACKAGES = new Set(['source', 'requires', 'scripts', 'pipenv']);

function pipfilePackageDepth(path: readonly string[]): number {
  return path.length >= 2 && !PIPFILE_NON_PACKAGES.has(path[0] ?? '') ? 2 : 0;
}

/**
 * Reads the tables whose keys are package names (Poetry, Pipfile): `gevent = "*"`,
 * `gunicorn = { version = "*", extras = ["gevent"] }`, `[tool.poetry.dependencies.gunicorn]`.
 */
function readPackageTables(c: Collector, events: TomlEvents, depthOf: (path: readonly string[]) => number): void {
  for (const k of events.keys) {
    const depth = depthOf(k.path);
    if (depth === 0 || k.path.length !== depth) continue;
    const name = k.path[depth - 1] ?? '';
    if (name === 'python') continue;
    c.runtime = isRuntimeTable(k.path);
    c.requirement(name, [], k.line);
  }
  for (const s of events.strings) {
    const depth = depthOf(s.path);
    if (depth === 0 || s.path.length !== depth + 1 || s.path[depth] !== 'extras' || !s.inArray) continue;
    const name = s.path[depth - 1] ?? '';
    c.runtime = isRuntimeTable(s.path);
    // The package itself is counted at its key; here only what the extra brings in.
    for (const sig of classifyRequirement(name, [s.value])) {
      if (sig.module === normalizePackageName(name)) continue;
      c.signals.push({
        signal: sig.signal,
        line: s.line,
        evidence: toEvidence(c.lineText(s.line)),
        tags: c.tagsOf(sig.tags),
        module: sig.module,
      });
    }
  }
}

function detectPyproject(c: Collector, text: string): void {
  const events = scanToml(text, c);
  for (const s of events.strings) {
    if (!s.inArray || !isRequirementArray(s.path)) continue;
    c.runtime = pathIs(s.path, 'project', 'dependencies') || pathIs(s.path, 'tool', 'flit', 'metadata', 'requires');
    c.requirementString(s.value, s.line);
  }
  readPackageTables(c, events, poetryPackageDepth);
}

function detectPipfile(c: Collector, text: string): void {
  readPackageTables(c, scanToml(text, c), pipfilePackageDepth);
}

// ---------------------------------------------------------------------------------------------
// setup.cfg

/** Options of `[options]` that list requirements. */
const SETUP_CFG_REQUIRES = new Set(['install_requires', 'setup_requires', 'tests_require']);

/**
 * Reads setup.cfg as configparser does: `key = value` or `key: value`, values continued on
 * indented lines, full-line `#`/`;` comments skipped even inside a value. Requirements come
 * from `[options]` install/setup/tests requires and every key of `[options.extras_require]`.
 * As in setuptools, a one-line value is split at `;`, a multi-line value at newlines.
 */
function detectSetupCfg(c: Collector): void {
  let section = '';
  let wanted = false;
  let items: { text: string; line: number }[] = [];
  let continued = false;

  const flush = (): void => {
    if (wanted) {
      const pieces = continued
        ? items
        : items.flatMap((it) => it.text.split(';').map((text) => ({ text, line: it.line })));
      for (const p of pieces) {
        const spec = p.text.replace(/\s#.*$/, '').trim();
        if (spec === '' || spec.startsWith('#') || /^file:/i.test(spec)) continue;
        c.requirementString(spec, p.line);
      }
    }
    items = [];
    wanted = false;
    continued = false;
  };

  for (let i = 1; i <= c.lineCount; i++) {
    const raw = c.lineText(i).replace(/\r$/, '');
    const trimmed = raw.trim();
    if (trimmed.startsWith('#') || trimmed.startsWith(';')) {
      c.comment(trimmed.slice(1), i);
      continue;
    }
    if (trimmed === '') continue;
    const indented = /^[ \t]/.test(raw);
    if (indented && (wanted || items.length > 0)) {
      items.push({ text: trimmed, line: i });
      continued = true;
      continue;
    }
    if (indented) continue;
    flush();
    const header = /^\[([^\]]+)\]/.exec(trimmed);
    if (header) {
      section = (header[1] ?? '').trim().toLowerCase();
      continue;
    }
    const delim = /[=:]/.exec(raw);
    if (!delim) continue;
    const key = raw.slice(0, delim.index).trim().toLowerCase().replace(/-/g, '_');
    wanted =
      (section === 'options' && SETUP_CFG_REQUIRES.has(key)) || section === 'options.extras_require';
    if (wanted) c.runtime = section === 'options' && key === 'install_requires';
    const value = raw.slice(delim.index + 1).trim();
    if (value !== '') items.push({ text: value, line: i });
  }
  flush();
}

// ---------------------------------------------------------------------------------------------
// setup.py

/**
 * The requirements of a `setup.py` (see setup-py.ts), never running it. Its imports, calls and
 * acceptance comments are the Python detector's, which reads the same file.
 */
export function detectSetupPy(_path: string, text: string): Detection {
  const c = new Collector(text);
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  readSetupPy(text, {
    requirementString(spec, offset, runtime) {
      c.runtime = runtime;
      c.requirementString(spec, lastAtOrBefore(lineStarts, lineStarts.length, offset) + 1);
    },
  });
  return { signals: c.result().signals, acceptances: [] };
}

// ---------------------------------------------------------------------------------------------
// Entry point

/** The manifest kind of a path, by its file name. */
function manifestKind(path: string): 'requirements' | 'pyproject' | 'setup.cfg' | 'pipfile' {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (name === 'pipfile') return 'pipfile';
  if (name === 'setup.cfg') return 'setup.cfg';
  if (name.endsWith('.toml')) return 'pyproject';
  return 'requirements';
}

/**
 * Detects watched packages in a Python dependency manifest: gevent, greenlet and eventlet
 * (`greenlets`), asyncio and its kin (`asyncio`), numba, cython; and a green-thread extra
 * (`gunicorn[gevent]`) as `greenlets`, tagged `async-server` for gunicorn. Each signal has tag
 * `import`, `module` set to the normalised package (or extra) name, and the line where the
 * requirement is written. The kind of manifest comes from the file name: `pyproject.toml`,
 * `Pipfile`, `setup.cfg`, otherwise requirements-file syntax (`requirements*.txt`, `*.in`).
 * Never throws: a malformed file yields what could be read.
 *
 * @param path the file's path in the repository (only its name is used)
 * @param text the file's content
 */
export function detectManifest(path: string, text: string): Detection {
  const c = new Collector(text);
  switch (manifestKind(path)) {
    case 'pyproject':
      detectPyproject(c, text);
      break;
    case 'pipfile':
      detectPipfile(c, text);
      break;
    case 'setup.cfg':
      detectSetupCfg(c);
      break;
    default:
      // requirements-dev.txt, requirements/test.txt, docs-requirements.in: not what runs.
      c.runtime = !/(^|[^a-z])(dev|test|tests|testing|doc|docs|lint|build|ci)([^a-z]|$)/i.test(path.slice(path.lastIndexOf('/') + 1)) &&
        !/(^|\/)(dev|test|tests|docs?)\//i.test(path);
      detectRequirementsTxt(c);
  }
  return c.result();
}
