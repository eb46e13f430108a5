/**
 * Reading a YAML configuration file the way a compiler reads source: every problem is
 * collected with its line and column (syntax, duplicate keys, schema violations, the caller's
 * own checks) and reported at once in a `ConfigError`.
 *
 * The input is untrusted (on PR events it may come from a fork), so the reader also stops
 * alias bombs, deep nesting, huge files and binary content before they cost anything.
 */
import {
  CST,
  Composer,
  Lexer,
  LineCounter,
  Parser,
  isAlias,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  type Document,
  type YAMLError,
} from 'yaml';
import type { z } from 'zod';
import { ConfigError, type Problem } from '../errors.js';
import { formatKey } from './describe.js';
import { ZOD_DEFAULT_MESSAGE, issuesToProblems } from './zod-problems.js';
import type { YamlSource } from './yaml-source.js';

/** Bounds on what a configuration file may cost to read. */
export interface YamlLimits {
  /** Longest text read, in characters; default 1 MiB (a profile is a few hundred bytes). */
  maxChars?: number;
  /** Deepest nesting of mappings and lists, aliases expanded; default 64. */
  maxDepth?: number;
  /** yaml's alias budget (expansions weighted by size), against alias bombs; default 100. */
  maxAliasCount?: number;
}

export interface ParseYamlOptions<T> extends YamlLimits {
  /** The message for a file with no YAML content (empty, or only comments). */
  emptyMessage?: string;
  /**
   * Checks on the parsed data before the schema judges it, listed together with the schema's
   * problems (duplicate names, say). `data` is whatever the YAML holds, so check its shape.
   * Zod refinements are no substitute: zod skips them once an earlier check aborts.
   */
  checkRaw?: (data: unknown, source: YamlSource) => Problem[];
  /**
   * Checks that need a valid value (cross references, names that must match the file name).
   * Runs only when the schema and `checkRaw` found nothing.
   */
  check?: (value: T, source: YamlSource) => Problem[];
}

/** The validated value and the document it came from, for callers that place their own problems. */
export interface ParsedYaml<T> {
  value: T;
  source: YamlSource;
}

const DEFAULTS = { maxChars: 1024 * 1024, maxDepth: 64, maxAliasCount: 100 };

/** Problems found so far; `blocking` ones make the rest of the pipeline meaningless. */
class Collector {
  readonly problems: Problem[] = [];
  blocking = false;
  constructor(readonly file: string) {}
  add(line: number, col: number, message: string, blocking = false): void {
    this.problems.push({ file: this.file, line, col, message });
    if (blocking) this.blocking = true;
  }
  fail(): never {
    throw new ConfigError(sortProblems(this.problems));
  }
}

function sortProblems(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return [...problems]
    .sort((a, b) => a.line - b.line || a.col - b.col)
    .filter((p) => {
      const key = `${p.line}:${p.col}:${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

function hex(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

const MAX_CHARACTER_PROBLEMS = 10;

/**
 * Characters YAML does not allow, or that show the bytes were not UTF-8 text. A NUL means a
 * binary file: one problem is enough and nothing else is read.
 */
function scanCharacters(text: string, out: Collector): void {
  let line = 1;
  let lineStart = 0;
  let reported = 0;
  let more = 0;
  let moreAt: { line: number; col: number } | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    if (c === 0x0a) {
      line++;
      lineStart = i + 1;
      continue;
    }
    if (c === 0x09 || c === 0x0d) continue;
    let message: string | undefined;
    if (c === 0) {
      out.add(line, i - lineStart + 1, 'the file contains a NUL character: it is binary, not YAML text', true);
      return;
    } else if (c === 0xfffd) {
      message = 'invalid UTF-8 (the bytes here decoded as U+FFFD): save the file as UTF-8';
    } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f && c !== 0x85)) {
      message = `control character ${hex(c)} is not allowed in YAML: remove it`;
    } else if (c === 0xfffe || c === 0xffff) {
      message = `character ${hex(c)} is not allowed in YAML: remove it`;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else message = `unpaired surrogate ${hex(c)}: the text is not valid Unicode`;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      message = `unpaired surrogate ${hex(c)}: the text is not valid Unicode`;
    }
    if (message === undefined) continue;
    if (reported < MAX_CHARACTER_PROBLEMS) {
      out.add(line, i - lineStart + 1, message);
      reported++;
    } else if (more++ === 0) {
      moreAt = { line, col: i - lineStart + 1 };
    }
  }
  // One line for the rest, placed at the first one not listed: a binary-ish file would
  // otherwise bury everything else.
  if (moreAt) out.add(moreAt.line, moreAt.col, `and ${more} more characters that are not allowed in YAML`);
}

/**
 * The offset of the first collection nested deeper than `max`, read from the concrete syntax
 * tree: yaml's composer recurses per level, and at a few thousand levels it exhausts the
 * stack (where V8 may even abort the process), so depth is checked before composing.
 */
function tooDeepAt(tokens: readonly CST.Token[], max: number): number | undefined {
  const stack: Array<[CST.Token, number]> = tokens.map((token) => [token, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (token.type === 'document') {
      if (token.value) stack.push([token.value, depth]);
    } else if (CST.isCollection(token)) {
      if (depth >= max) return token.offset;
      for (const item of token.items) {
        if (item.key) stack.push([item.key, depth + 1]);
        if (item.value) stack.push([item.value, depth + 1]);
      }
    }
  }
  return undefined;
}

/**
 * The concrete syntax tree, and the offset of a collection nested deeper than `maxDepth` if
 * there is one. yaml's parser slows down on deep stacks (seconds for a megabyte of "["), so
 * the lexer is driven token by token and parsing stops once the parser's stack of open
 * nodes is far deeper than allowed; the exact check on the finished tree does the rest.
 */
function parseSyntax(text: string, lineCounter: LineCounter, maxDepth: number): { tokens: CST.Token[]; deep?: number } {
  const parser = new Parser(lineCounter.addNewLine);
  lineCounter.addNewLine(0); // as Parser.parse() does for the first line
  const tokens: CST.Token[] = [];
  const guard = 4 * maxDepth + 16;
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > guard) {
      // The stack is the path from the root to the current node: point at the first
      // collection on it that is too deep.
      const open = parser.stack.filter((token) => CST.isCollection(token));
      return { tokens, deep: open[maxDepth]?.offset ?? parser.offset };
    }
  }
  for (const token of parser.end()) tokens.push(token);
  return { tokens, deep: tooDeepAt(tokens, maxDepth) };
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

function syntaxMessage(error: Pick<YAMLError, 'code' | 'message'>): string {
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return 'a tab is used for indentation: YAML indents with spaces only; replace the tab with spaces';
    case 'MULTIPLE_DOCS':
      return 'only one YAML document is allowed: remove the "---" line and what follows, or merge the documents';
    case 'RESOURCE_EXHAUSTION':
      return 'the document is too large or too deeply nested to read';
    default:
      return `invalid YAML: ${lowerFirst(error.message.split('\n')[0]!)}`;
  }
}

/**
 * Anchors, aliases and duplicate keys, in one pass in document order (the order in which yaml
 * resolves an alias to the last anchor of that name before it). Returns the offset of the
 * first alias, for the alias-bomb message.
 */
function checkNodes(source: YamlSource, maxDepth: number, out: Collector): number | undefined {
  const { lineCounter } = source;
  const anchors = new Map<string, unknown>();
  const heights = new Map<unknown, number>();
  const ancestors: unknown[] = [];
  let firstAlias: number | undefined;
  let reportedDepth = false;
  const at = (node: { range?: [number, number, number] | null } | null | undefined) =>
    lineCounter.linePos(node?.range?.[0] ?? 0);

  // Recursion is bounded: the syntax tree was checked to be at most maxDepth deep, and an
  // alias never recurses (its target, earlier in the document, is already measured).
  const walk = (node: unknown, asKey: boolean): number => {
    if (isAlias(node)) {
      const { line, col } = at(node);
      firstAlias ??= node.range?.[0];
      const target = anchors.get(node.source);
      if (asKey) out.add(line, col, `alias *${node.source} is used as a key: write the key itself`, true);
      if (target === undefined) {
        out.add(line, col, `alias *${node.source} refers to no anchor: define &${node.source} before using it`, true);
        return 0;
      }
      if (ancestors.includes(target)) {
        out.add(line, col, `alias *${node.source} refers to a node that contains it, which would repeat forever`, true);
        return 0;
      }
      const height = heights.get(target) ?? 0;
      if (!reportedDepth && ancestors.length + height > maxDepth) {
        reportedDepth = true;
        out.add(line, col, `alias *${node.source} makes the document nested more than ${maxDepth} levels deep`, true);
      }
      return height;
    }
    if (!isNode(node)) return 0;
    if (node.anchor) anchors.set(node.anchor, node);
    let height = 0;
    if (isMap(node) || isSeq(node)) {
      ancestors.push(node);
      const keys = new Map<string, unknown>();
      for (const item of node.items) {
        if (isPair(item)) {
          if (isMap(node) && isScalar(item.key)) {
            // Compared as the parsed value will have them: `1:` and `"1":` are the same key.
            const name = item.key.value === null ? '' : String(item.key.value);
            const first = keys.get(name);
            if (first === undefined) keys.set(name, item.key);
            else {
              const { line, col } = at(item.key);
              const firstLine = at(first as { range?: [number, number, number] }).line;
              out.add(line, col, `duplicate key ${formatKey(name)}: it is already set at line ${firstLine}; remove one of them`);
            }
          }
          height = Math.max(height, walk(item.key, true), walk(item.value, false));
        } else {
          height = Math.max(height, walk(item, false));
        }
      }
      ancestors.pop();
      height += 1;
    }
    heights.set(node, height);
    return height;
  };
  walk(source.doc.contents, false);
  return firstAlias;
}

function readDocument<S extends z.ZodType>(
  input: string,
  file: string,
  schema: S,
  options: ParseYamlOptions<z.output<S>>,
): ParsedYaml<z.output<S>> {
  const limits = { ...DEFAULTS, ...options };
  const out = new Collector(file);
  if (typeof input !== 'string') {
    out.add(1, 1, 'the file could not be read as text', true);
    out.fail();
  }
  // A byte order mark is allowed; dropping it keeps columns on line 1 as editors show them.
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  if (text.length > limits.maxChars) {
    const size = (n: number) => n.toLocaleString('en-US');
    const message = `the file is too large: ${size(text.length)} characters, more than the ${size(limits.maxChars)} a configuration file may have`;
    out.add(1, 1, message, true);
    out.fail();
  }
  scanCharacters(text, out);
  if (out.blocking) out.fail();

  const lineCounter = new LineCounter();
  const { tokens, deep } = parseSyntax(text, lineCounter, limits.maxDepth);
  if (deep !== undefined) {
    const { line, col } = lineCounter.linePos(deep);
    out.add(line, col, `the document is nested more than ${limits.maxDepth} levels deep`, true);
    out.fail();
  }

  const composer = new Composer({ uniqueKeys: true, strict: true, version: '1.2' });
  const docs = [...composer.compose(tokens, true, text.length)];
  const doc = docs[0] as Document.Parsed;
  const source: YamlSource = { file, doc, lineCounter };
  const extra = docs.slice(1).find((d) => d.contents !== null);
  if (extra) {
    const { line, col } = lineCounter.linePos(extra.range[0]);
    out.add(line, col, syntaxMessage({ code: 'MULTIPLE_DOCS', message: '' }), true);
  }
  for (const error of doc.errors) {
    // Duplicate keys are reported by checkNodes, with the line of the first one.
    if (error.code === 'DUPLICATE_KEY') continue;
    const { line, col } = lineCounter.linePos(error.pos[0]);
    out.add(line, col, syntaxMessage(error), true);
  }
  for (const warning of doc.warnings) {
    const { line, col } = lineCounter.linePos(warning.pos[0]);
    out.add(line, col, syntaxMessage(warning));
  }
  const firstAlias = checkNodes(source, limits.maxDepth, out);
  if (out.blocking) out.fail();

  if (doc.contents === null) {
    out.add(1, 1, options.emptyMessage ?? 'the file is empty: it has no YAML content', true);
    out.fail();
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (err) {
    if (!(err instanceof ReferenceError)) throw err;
    const { line, col } = lineCounter.linePos(firstAlias ?? 0);
    const message = `aliases expand to too much data (more than yaml's budget of ${limits.maxAliasCount}): use fewer aliases`;
    out.add(line, col, message, true);
    out.fail();
  }

  if (options.checkRaw) out.problems.push(...options.checkRaw(data, source));
  const result = schema.safeParse(data, { error: () => ZOD_DEFAULT_MESSAGE });
  if (!result.success) {
    out.problems.push(...issuesToProblems(result.error.issues, schema, data, source));
    out.fail();
  }
  if (out.problems.length > 0) out.fail();
  const value = result.data as z.output<S>;
  const checked = options.check?.(value, source) ?? [];
  if (checked.length > 0) throw new ConfigError(sortProblems(checked));
  return { value, source };
}

/**
 * Parses a YAML configuration file and validates it against a zod schema, keeping the
 * document so that the caller can place its own problems (`positionOf`, `problemAt`).
 *
 * @param text the file's content (a BOM is accepted)
 * @param file the name shown in messages, e.g. `.github/service-profile.yml`
 * @param schema the zod schema; name the keys of strict objects with `nameKeys` for messages
 *   like "is not a known need"
 * @throws ConfigError with every problem as `file:line:col: message`, and nothing else: an
 *   unexpected failure inside the parser is reported as a problem at 1:1, with the original
 *   error as `cause`.
 */
export function parseYamlWithSource<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
  options: ParseYamlOptions<z.output<S>> = {},
): ParsedYaml<z.output<S>> {
  try {
    return readDocument(text, file, schema, options);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const message =
      err instanceof RangeError
        ? 'the document is too large or too deeply nested to read'
        : `the file could not be read: ${err instanceof Error ? err.message : String(err)}`;
    throw new ConfigError([{ file, line: 1, col: 1, message }], { cause: err });
  }
}

/**
 * Parses a YAML configuration file and validates it against a zod schema; returns the
 * validated value (zod's output: defaults applied). See {@link parseYamlWithSource}.
 *
 * @throws ConfigError listing every problem with its place.
 */
export function parseYamlDocument<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
  options: ParseYamlOptions<z.output<S>> = {},
): z.output<S> {
  return parseYamlWithSource(text, file, schema, options).value;
}
