/**
 * The server-configuration detector: a gevent or eventlet worker chosen in gunicorn or uwsgi
 * configuration is a `greenlets` signal with tag `async-server` (SPEC 4; the frontend-congestion
 * anti-rule), wherever the choice is written:
 * - gunicorn's Python configuration (`gunicorn.conf.py`, `gunicorn*.py`, `*gunicorn*.conf`):
 *   `worker_class = "gevent"`;
 * - command lines in Procfiles, Dockerfiles, shell scripts, compose files, systemd units,
 *   Makefiles, supervisor configuration: `gunicorn -k gevent`, `--worker-class=eventlet`,
 *   `GUNICORN_CMD_ARGS="-k gevent"`, `uwsgi --gevent 100`, `UWSGI_GEVENT=100`;
 * - uwsgi's own configuration: an `.ini` with a `[uwsgi]` section, `uwsgi*.yml`.
 * Async (asyncio-based) gunicorn workers (tornado, uvicorn, aiohttp) are reported as `asyncio`,
 * also tagged `async-server`; a celery worker with a gevent or eventlet pool (`-P gevent`) is
 * `greenlets` without that tag (it serves no HTTP). Comments and, in Python, docstrings never
 * count.
 */
import type { DetectedSignal, Detection, InlineAcceptance, SignalKind, SignalTag } from '../types.js';
import { readAcceptance, toEvidence } from './evidence.js';

type ConfigKind = 'gunicorn-python' | 'gunicorn-conf' | 'uwsgi-ini' | 'uwsgi-yaml' | 'yaml' | 'commands';

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The kind of configuration a path holds, by its file name; null when this detector does not read it. */
function configKind(path: string): ConfigKind | null {
  const raw = baseName(path);
  // Most files of a tree, answered before the tests below: no configuration is Go, and only
  // gunicorn's is Python.
  if (raw.endsWith('.go') || (raw.endsWith('.py') && !/gunicorn/i.test(raw))) return null;
  const name = raw.toLowerCase();
  if (name.includes('gunicorn')) {
    if (name.endsWith('.conf.py') || (name.startsWith('gunicorn') && name.endsWith('.py'))) return 'gunicorn-python';
    if (name.endsWith('.conf')) return 'gunicorn-conf';
  }
  if (name.endsWith('.ini')) return 'uwsgi-ini';
  if (/^uwsgi.*\.ya?ml$/.test(name)) return 'uwsgi-yaml';
  if (/^(?:docker-)?compose.*\.ya?ml$/.test(name) || /^app\.ya?ml$/.test(name)) return 'yaml';
  if (
    name === 'procfile' ||
    name.startsWith('procfile.') ||
    name === 'dockerfile' ||
    name.startsWith('dockerfile.') ||
    name.endsWith('.dockerfile') ||
    name === 'containerfile' ||
    name.endsWith('.sh') ||
    name.endsWith('.bash') ||
    name.endsWith('.service') ||
    name === 'makefile' ||
    name === 'gnumakefile' ||
    name.endsWith('.mk') ||
    (name.startsWith('supervisor') && name.endsWith('.conf'))
  ) {
    return 'commands';
  }
  return null;
}

/**
 * True for the files {@link detectServerConfig} reads: gunicorn configuration (`gunicorn.conf.py`,
 * `gunicorn*.py`, `*gunicorn*.conf`, `*gunicorn*.conf.py`), `*.ini` (read for a `[uwsgi]`
 * section and supervisor-style `command=` lines), `uwsgi*.yml`/`.yaml`, and files that hold
 * command lines: `Procfile*`, `Dockerfile*`, `*.dockerfile`, `Containerfile`, `*.sh`, `*.bash`,
 * `docker-compose*.yml`, `compose*.yml`, App Engine `app.yaml`, `*.service`, `Makefile`,
 * `GNUmakefile`, `*.mk`, `supervisor*.conf`. Matching is on the file name, case-insensitive.
 *
 * @param path the file's path in the repository
 */
export function isServerConfigPath(path: string): boolean {
  return configKind(path) !== null;
}

// ---------------------------------------------------------------------------------------------
// What a worker class or uwsgi option means

/** What a worker class or a uwsgi option stands for: the signal, and the library it runs on. */
export interface Meaning {
  signal: SignalKind;
  module: string;
}

/**
 * The meaning of a gunicorn worker class as written in configuration: a short name (`gevent`,
 * `eventlet`, `gevent_wsgi`, `gevent_pywsgi`, `geventlet`, `tornado`), an `egg:gunicorn#name`,
 * or a dotted class (`gunicorn.workers.ggevent.GeventWorker`, `uvicorn.workers.UvicornWorker`).
 */
export function classifyWorkerClass(value: string): Meaning | null {
  let v = value.trim().toLowerCase();
  if (v.startsWith('egg:gunicorn#')) v = v.slice('egg:gunicorn#'.length);
  if (v === 'gevent' || v === 'gevent_wsgi' || v === 'gevent_pywsgi' || v.startsWith('gunicorn.workers.ggevent.')) {
    return { signal: 'greenlets', module: 'gevent' };
  }
  // gunicorn's eventlet worker lives in a module named `geventlet`.
  if (v === 'eventlet' || v === 'geventlet' || v.startsWith('gunicorn.workers.geventlet.')) {
    return { signal: 'greenlets', module: 'eventlet' };
  }
  if (v === 'tornado' || v.startsWith('gunicorn.workers.gtornado.')) return { signal: 'asyncio', module: 'tornado' };
  if (v.startsWith('uvicorn.workers.') || v.startsWith('uvicorn_worker.')) return { signal: 'asyncio', module: 'uvicorn' };
  if (/^aiohttp\.(?:worker\.)?gunicorn\w*worker$/.test(v)) return { signal: 'asyncio', module: 'aiohttp' };
  return null;
}

const FALSE_VALUES = new Set(['false', '0', 'no', 'off', 'n']);

/** Names of uwsgi plugins and loop engines that run green threads. */
function greenEngine(name: string): Meaning | null {
  const v = name.trim().toLowerCase();
  if (v.includes('gevent')) return { signal: 'greenlets', module: 'gevent' };
  if (v.includes('greenlet')) return { signal: 'greenlets', module: 'greenlet' };
  if (v.includes('ugreen')) return { signal: 'greenlets', module: 'ugreen' };
  return null;
}

/**
 * The meaning of one uwsgi option (without `--`, as in `.ini` keys) and its value:
 * `gevent = 100` and the `gevent-*` family, `loop = gevent`, `plugin(s) = ...gevent...`,
 * `ugreen`, `greenlet`. An explicit false value (`ugreen = false`, `gevent = 0`) does not count.
 */
function classifyUwsgiOption(option: string, value: string): Meaning | null {
  const opt = option.trim().toLowerCase().replace(/_/g, '-');
  const v = value.trim().toLowerCase();
  if (opt === 'gevent' || opt.startsWith('gevent-')) {
    return FALSE_VALUES.has(v) ? null : { signal: 'greenlets', module: 'gevent' };
  }
  if (opt === 'ugreen' || opt === 'greenlet') {
    return FALSE_VALUES.has(v) ? null : { signal: 'greenlets', module: opt };
  }
  if (opt === 'loop' || opt === 'plugin' || opt === 'plugins' || opt === 'need-plugin' || opt === 'need-plugins') {
    for (const part of v.split(/[\s,]+/)) {
      const m = greenEngine(part);
      if (m) return m;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Collecting

class Collector {
  readonly signals: DetectedSignal[] = [];
  readonly acceptances: InlineAcceptance[] = [];
  private readonly seen = new Set<string>();
  private readonly acceptedLines = new Set<number>();
  readonly lines: string[];

  constructor(text: string) {
    this.lines = text.split('\n');
  }

  /**
   * Records a signal; by default an async server's (a worker chosen for a web server). A
   * server's configuration is what runs: every signal of it is a use.
   */
  add(m: Meaning, line: number, tags: SignalTag[] = ['import', 'use', 'async-server']): void {
    const key = `${line}\u0000${m.signal}\u0000${m.module}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.signals.push({ signal: m.signal, line, evidence: toEvidence(this.lines[line - 1] ?? ''), tags, module: m.module });
  }

  comment(body: string, line: number): void {
    // Several readers may see the same comment (a supervisor-style gunicorn .conf is read twice).
    const a = readAcceptance(body, line);
    if (a && !this.acceptedLines.has(line)) {
      this.acceptedLines.add(line);
      this.acceptances.push(a);
    }
  }

  result(): Detection {
    this.signals.sort((a, b) => a.line - b.line);
    return { signals: this.signals, acceptances: this.acceptances };
  }
}

// ---------------------------------------------------------------------------------------------
// Command lines

interface Word {
  text: string;
  line: number;
}

/** Characters that end a word. Quotes too: `"-k gevent"` holds two words. */
function isSeparator(c: number): boolean {
  return (
    c === 32 || c === 9 || c === 13 || c === 34 || c === 39 || c === 96 || c === 44 || c === 91 || c === 93 ||
    c === 40 || c === 41 || c === 123 || c === 125 || c === 61 || c === 59 || c === 38 || c === 124
  );
}

/**
 * Splits text into commands, each a list of words. A command ends at a newline (unless the line
 * ends with `\`), at `;`, `&` or `|`; in YAML, sequence items (`- -k`) continue the command
 * above them, so that `command: [gunicorn, -k, gevent]` and its block form read alike.
 * A `#` that starts a word outside quotes starts a comment.
 */
function splitCommands(c: Collector, yaml: boolean): Word[][] {
  const commands: Word[][] = [];
  let current: Word[] = [];
  const endCommand = (): void => {
    if (current.length > 0) commands.push(current);
    current = [];
  };
  let continued = false;
  for (let i = 0; i < c.lines.length; i++) {
    const line = (c.lines[i] ?? '').replace(/\r$/, '');
    const lineNo = i + 1;
    const trimmed = line.trim();
    if (trimmed === '') continue;
    // `;` starts a comment line in ini, supervisor and systemd files, and is never a command start.
    if (trimmed.startsWith(';')) {
      c.comment(trimmed.slice(1), lineNo);
      continue;
    }
    // The line's words, and null where `;`, `&` or `|` ends a command.
    const items: (Word | null)[] = [];
    let quote = 0;
    let wordStart = -1;
    let commentAt = -1;
    for (let j = 0; j <= line.length; j++) {
      const ch = j < line.length ? line.charCodeAt(j) : 32;
      if (quote === 0 && ch === 35 /* # */ && wordStart === -1 && (j === 0 || isSeparator(line.charCodeAt(j - 1)))) {
        commentAt = j;
        break;
      }
      if (isSeparator(ch)) {
        if (wordStart !== -1) items.push({ text: line.slice(wordStart, j), line: lineNo });
        wordStart = -1;
        if (ch === 34 || ch === 39) quote = quote === ch ? 0 : quote === 0 ? ch : quote;
        if (ch === 59 || ch === 38 || ch === 124) items.push(null);
      } else if (wordStart === -1) {
        wordStart = j;
      }
    }
    if (commentAt !== -1) {
      c.comment(line.slice(commentAt + 1), lineNo);
      // A comment line changes nothing: it neither ends a command nor continues one.
      if (line.slice(0, commentAt).trim() === '') continue;
    }
    const sequenceItem = yaml && /^-(?:\s|$)/.test(trimmed);
    if (!continued && !sequenceItem) endCommand();
    // The `-` that marks a YAML sequence item is not a word of the command.
    if (sequenceItem && items[0]?.text === '-') items.shift();
    for (const item of items) {
      if (item === null) endCommand();
      else current.push(item);
    }
    const code = (commentAt === -1 ? line : line.slice(0, commentAt)).trimEnd();
    continued = code.endsWith('\\');
    if (continued) {
      const last = current[current.length - 1];
      if (last && last.text.endsWith('\\')) {
        last.text = last.text.slice(0, -1);
        if (last.text === '') current.pop();
      }
    }
  }
  endCommand();
  return commands;
}

/** Words that name a uwsgi option: `--gevent`, or the environment form `UWSGI_GEVENT`. */
function uwsgiOptionName(word: string): string | null {
  const w = word.toLowerCase().replace(/:$/, '');
  if (w.startsWith('--')) return w.slice(2);
  if (w.startsWith('uwsgi_') && w.length > 6) return w.slice(6).replace(/_/g, '-');
  return null;
}

/** The option words of gunicorn and uwsgi in each command, and their values. */
function readCommands(c: Collector, commands: Word[][]): void {
  for (const words of commands) {
    let gunicorn = false;
    let uwsgi = false;
    let celery = false;
    for (let i = 0; i < words.length; i++) {
      const word = words[i];
      if (!word) continue;
      const w = word.text.toLowerCase();
      if (w.includes('gunicorn')) gunicorn = true;
      if (w.includes('uwsgi')) uwsgi = true;
      if (w === 'celery' || w.endsWith('/celery')) celery = true;
      const next = words[i + 1];
      // A celery worker pool of greenlets: greenlets, but not a web server's worker.
      if (celery && (w === '-p' || w === '--pool') && next) {
        const pool = next.text.toLowerCase();
        if (pool === 'gevent' || pool === 'eventlet') c.add({ signal: 'greenlets', module: pool }, next.line, ['import', 'use']);
        continue;
      }
      // `-k` is gunicorn's only in a gunicorn command (`pytest -k gevent` selects tests).
      if (w === '--worker-class' || (w === '-k' && gunicorn)) {
        const m = next ? classifyWorkerClass(next.text) : null;
        if (m && next) c.add(m, next.line);
        continue;
      }
      if (!uwsgi) continue;
      const opt = uwsgiOptionName(word.text);
      if (opt === null) continue;
      if (opt === 'gevent' || opt.startsWith('gevent-') || opt === 'ugreen' || opt === 'greenlet') {
        // Flags may stand alone; a value, when there is one, may turn them off.
        const value = next && !next.text.startsWith('-') && next.line === word.line ? next.text : '';
        const m = classifyUwsgiOption(opt, value);
        if (m) c.add(m, word.line);
      } else if (opt === 'loop' || opt.startsWith('plugin') || opt.startsWith('need-plugin')) {
        // Plugin lists may be split into several words (`--plugins python3,gevent`).
        for (let k = i + 1; k < words.length; k++) {
          const v = words[k];
          if (!v || v.text.startsWith('-') || uwsgiOptionName(v.text) !== null) break;
          const m = classifyUwsgiOption(opt, v.text);
          if (m) {
            c.add(m, v.line);
            break;
          }
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// gunicorn's Python configuration

interface PyToken {
  kind: 'name' | 'string' | 'op' | 'newline';
  text: string;
  line: number;
}

const STRING_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;

/**
 * A small Python tokenizer: names, strings (all quotes and prefixes, triple-quoted across
 * lines), operators, and logical-line ends (not inside brackets, not after `\`). Comments are
 * read for acceptances and dropped, so nothing in a comment or docstring looks like code.
 */
function tokenizePython(text: string, c: Collector): PyToken[] {
  const tokens: PyToken[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let depth = 0;
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (ch === 10) {
      if (depth === 0) tokens.push({ kind: 'newline', text: '', line });
      line++;
      i++;
    } else if (ch === 32 || ch === 9 || ch === 13 || ch === 12) {
      i++;
    } else if (ch === 92 /* \ */ && text.charCodeAt(i + 1) === 10) {
      line++;
      i += 2;
    } else if (ch === 35 /* # */) {
      const nl = text.indexOf('\n', i);
      const end = nl === -1 ? n : nl;
      c.comment(text.slice(i + 1, end), line);
      i = end;
    } else if (ch === 34 || ch === 39) {
      const start = line;
      const r = scanPythonString(text, i);
      for (let k = i; k < r.end; k++) if (text.charCodeAt(k) === 10) line++;
      tokens.push({ kind: 'string', text: r.value, line: start });
      i = r.end;
    } else if ((ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch === 95 || ch >= 0x80) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if ((d >= 65 && d <= 90) || (d >= 97 && d <= 122) || (d >= 48 && d <= 57) || d === 95 || d >= 0x80) j++;
        else break;
      }
      const word = text.slice(i, j);
      const q = text.charCodeAt(j);
      if ((q === 34 || q === 39) && STRING_PREFIX.test(word)) {
        const start = line;
        const r = scanPythonString(text, j);
        for (let k = j; k < r.end; k++) if (text.charCodeAt(k) === 10) line++;
        tokens.push({ kind: 'string', text: r.value, line: start });
        i = r.end;
      } else {
        tokens.push({ kind: 'name', text: word, line });
        i = j;
      }
    } else {
      if (ch === 40 || ch === 91 || ch === 123) depth++;
      else if ((ch === 41 || ch === 93 || ch === 125) && depth > 0) depth--;
      // Two-character comparisons must not read as an assignment.
      const two = text.slice(i, i + 2);
      const op = two === '==' || two === '<=' || two === '>=' || two === '!=' || two === ':=' ? two : text[i] ?? '';
      tokens.push({ kind: 'op', text: op, line });
      i += op.length;
    }
  }
  tokens.push({ kind: 'newline', text: '', line });
  return tokens;
}

/**
 * Scans a Python string literal whose quote is at `at`; returns its body as written and its end.
 * A backslash skips the next character in raw strings too: neither kind ends at an escaped quote.
 */
function scanPythonString(text: string, at: number): { value: string; end: number } {
  const q = text[at] ?? '"';
  const q3 = q.repeat(3);
  const triple = text.startsWith(q3, at);
  const open = triple ? 3 : 1;
  let i = at + open;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (!triple && ch === '\n') return { value: text.slice(at + open, i), end: i };
    if (triple ? ch === q && text.startsWith(q3, i) : ch === q) {
      return { value: text.slice(at + open, i), end: i + open };
    }
    i++;
  }
  return { value: text.slice(at + open), end: text.length };
}

/** `worker_class = "gevent"` (also annotated, also a default inside an expression) in gunicorn's Python config. */
function readGunicornPython(c: Collector, text: string): void {
  const tokens = tokenizePython(text, c);
  let statementStart = true;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    if (t.kind === 'newline' || (t.kind === 'op' && t.text === ';')) {
      statementStart = true;
      continue;
    }
    const starts = statementStart;
    statementStart = false;
    if (!starts || t.kind !== 'name' || t.text !== 'worker_class') continue;
    // Find `=` in this statement (after an optional annotation), then read its strings.
    let k = i + 1;
    while (k < tokens.length && tokens[k]?.kind !== 'newline' && !(tokens[k]?.kind === 'op' && tokens[k]?.text === '=')) k++;
    if (tokens[k]?.kind !== 'op') continue;
    for (k++; k < tokens.length; k++) {
      const v = tokens[k];
      if (!v || v.kind === 'newline' || (v.kind === 'op' && v.text === ';')) break;
      if (v.kind !== 'string') continue;
      const m = classifyWorkerClass(v.text);
      if (m) c.add(m, v.line);
    }
    i = k - 1;
  }
}

// ---------------------------------------------------------------------------------------------
// uwsgi's configuration files

/** An `.ini` file: options of the `[uwsgi]` section; `#` and `;` start comment lines. */
function readUwsgiIni(c: Collector): void {
  let inUwsgi = false;
  for (let i = 0; i < c.lines.length; i++) {
    const trimmed = (c.lines[i] ?? '').trim();
    if (trimmed.startsWith('#') || trimmed.startsWith(';')) {
      c.comment(trimmed.slice(1), i + 1);
      continue;
    }
    const header = /^\[([^\]]*)\]/.exec(trimmed);
    if (header) {
      inUwsgi = (header[1] ?? '').trim().toLowerCase() === 'uwsgi';
      continue;
    }
    if (!inUwsgi) continue;
    const eq = trimmed.indexOf('=');
    const key = eq === -1 ? trimmed : trimmed.slice(0, eq);
    const value = eq === -1 ? '' : trimmed.slice(eq + 1);
    const m = classifyUwsgiOption(key, value);
    if (m) c.add(m, i + 1);
  }
}

/** Strips a YAML comment: `#` at the start or after whitespace, outside quotes. */
function stripYamlComment(line: string, c: Collector, lineNo: number): string {
  let quote = '';
  for (let j = 0; j < line.length; j++) {
    const ch = line[j];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '#' && (j === 0 || line[j - 1] === ' ' || line[j - 1] === '\t')) {
      c.comment(line.slice(j + 1), lineNo);
      return line.slice(0, j);
    }
  }
  return line;
}

/** A `uwsgi*.yml`: the keys under the top-level `uwsgi:` mapping, and items of their block lists. */
function readUwsgiYaml(c: Collector): void {
  let inUwsgi = false;
  let listKey = '';
  for (let i = 0; i < c.lines.length; i++) {
    const code = stripYamlComment((c.lines[i] ?? '').replace(/\r$/, ''), c, i + 1);
    if (code.trim() === '') continue;
    if (!/^\s/.test(code)) {
      inUwsgi = /^uwsgi\s*:\s*$/.test(code);
      listKey = '';
      continue;
    }
    if (!inUwsgi) continue;
    const unquote = (s: string): string => s.trim().replace(/^(["'])(.*)\1$/, '$2');
    const item = /^\s*-\s*(.*)$/.exec(code);
    if (item) {
      const m = listKey ? classifyUwsgiOption(listKey, unquote(item[1] ?? '')) : null;
      if (m) c.add(m, i + 1);
      continue;
    }
    const kv = /^\s*([A-Za-z0-9_-]+)\s*:(?:\s+(.*))?$/.exec(code);
    if (!kv) continue;
    const key = kv[1] ?? '';
    const value = unquote((kv[2] ?? '').replace(/^\[(.*)\]$/, '$1'));
    listKey = value === '' ? key : '';
    const m = classifyUwsgiOption(key, value);
    if (m) c.add(m, i + 1);
  }
}

// ---------------------------------------------------------------------------------------------
// Entry point

/**
 * Detects green-thread (and asyncio) workers chosen in server configuration: gunicorn worker
 * classes and uwsgi's gevent/greenlet/ugreen options, in the files {@link isServerConfigPath}
 * accepts. Each signal is tagged `import` and `async-server` (a celery pool: `import` only), with
 * `module` the library the worker runs on (`gevent`, `eventlet`, `greenlet`, `ugreen`; `tornado`,
 * `uvicorn`, `aiohttp` for asyncio workers) and the evidence line. `#` comments (`;` too in `.ini`) never count and
 * are read for inline acceptances. Returns nothing for a path it does not read; never throws.
 *
 * @param path the file's path in the repository (its name chooses the syntax)
 * @param text the file's content
 */
export function detectServerConfig(path: string, text: string): Detection {
  const c = new Collector(text);
  switch (configKind(path)) {
    case 'gunicorn-python':
      readGunicornPython(c, text);
      break;
    case 'gunicorn-conf':
      // Named like gunicorn's Python config, or a supervisor program running gunicorn.
      readGunicornPython(c, text);
      readCommands(c, splitCommands(c, false));
      break;
    case 'uwsgi-ini':
      readUwsgiIni(c);
      readCommands(c, splitCommands(c, false));
      break;
    case 'uwsgi-yaml':
      readUwsgiYaml(c);
      break;
    case 'yaml':
      readCommands(c, splitCommands(c, true));
      break;
    case 'commands':
      readCommands(c, splitCommands(c, false));
      break;
    case null:
      break;
  }
  return c.result();
}
