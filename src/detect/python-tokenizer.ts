/**
 * A tokenizer for Python and Cython source, written for the detectors: it finds the tokens that
 * are code and skips everything that is not (strings, comments, docstrings), the way CPython's
 * own tokenizer does, so that a detector never mistakes `"import threading"` for an import.
 *
 * What it follows, and why:
 * - String literals with every prefix (`r`, `b`, `u`, `f`, `t`, and the two-letter mixes, in any
 *   case), single or triple quoted. In every string, raw or not, a backslash keeps the next
 *   character from ending the string: that is how CPython finds where a string ends.
 * - f-strings (and t-strings) as PEP 701 (Python 3.12) reads them: the replacement fields are
 *   code, emitted as ordinary tokens between an `FStringStart` and an `FStringEnd`, because
 *   CPython's `ast` parses them (`f"{await x}"` holds an `Await` node). Nested quotes, nested
 *   f-strings, `{{`/`}}`, `!r` conversions, format specs with nested fields, `\N{...}` escapes.
 *   Code valid for older Pythons tokenizes the same way.
 * - Logical lines: a `Newline` token ends each one; a newline inside brackets, inside an
 *   f-string replacement field, or after a backslash continuation does not. Blank and
 *   comment-only lines give no token. Indentation is not tracked: the detectors do not need it.
 * - `\n`, `\r\n` and a lone `\r` all end a line, as in CPython.
 *
 * It never throws and always ends: every turn of the main loop consumes input or closes an
 * f-string frame, and unterminated constructs simply end (triple-quoted strings at the end of
 * input, single-quoted ones at the end of their line, as CPython reports them). Brackets are only
 * counted, so nesting depth costs nothing. It works on char codes with no regular expressions
 * and no allocation per token: tokens are written into typed arrays that can be reused.
 */
import { lastAtOrBefore, pushRegion } from './regions.js';

/** Kinds of token. Operators share one kind: read the text to tell them apart. */
export const TokenKind = {
  /** An identifier or keyword (keywords are not told apart here). */
  Name: 1,
  Number: 2,
  /** A complete string literal other than an f-string, prefix and quotes included. */
  String: 3,
  /** An operator or delimiter, maximal munch (`**=`, `...`, `->`, `:=`). */
  Op: 4,
  /** The end of a logical line (zero width at the end of input). */
  Newline: 5,
  /** The prefix and opening quote of an f-string or t-string; its fields' tokens follow. */
  FStringStart: 6,
  /** The closing quote of an f-string (zero width when it is unterminated). */
  FStringEnd: 7,
  /** A character Python does not allow outside strings (`$`, `?`, a stray backslash, NUL). */
  Error: 8,
} as const;
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

/**
 * The tokens of one source text, as parallel arrays (offsets are UTF-16 indexes into the text;
 * `ends` are exclusive). Only the first `count` entries are meaningful: the arrays may be longer,
 * so a buffer can be reused from one file to the next.
 */
export interface PythonTokens {
  count: number;
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  /** Comments (from `#` to the end of the line, newline excluded), in source order. */
  commentCount: number;
  commentStarts: Int32Array;
  commentEnds: Int32Array;
  /** Where tokenizing stopped: the text's length, or just after a logical line's newline (see `stopAfter`). */
  end: number;
}

/** Makes an empty token buffer; `tokenizePython` grows it as needed. */
export function createTokenBuffer(capacity = 1024): PythonTokens {
  const size = Math.max(16, capacity | 0);
  return {
    count: 0,
    kinds: new Uint8Array(size),
    starts: new Int32Array(size),
    ends: new Int32Array(size),
    commentCount: 0,
    commentStarts: new Int32Array(64),
    commentEnds: new Int32Array(64),
    end: 0,
  };
}

const NAME = TokenKind.Name;
const NUMBER = TokenKind.Number;
const STRING = TokenKind.String;
const OP = TokenKind.Op;
const NEWLINE = TokenKind.Newline;
const FSTRING_START = TokenKind.FStringStart;
const FSTRING_END = TokenKind.FStringEnd;
const ERROR = TokenKind.Error;

// Char codes used below.
const BOM = 0xfeff;
const TAB = 9;
const LF = 10;
const FF = 12;
const CR = 13;
const SPACE = 32;
const BANG = 33;
const DQUOTE = 34;
const HASH = 35;
const SQUOTE = 39;
const LPAREN = 40;
const RPAREN = 41;
const DOT = 46;
const COLON = 58;
const EQUALS = 61;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const UPPER_N = 78;

/**
 * Per UTF-16 code unit: 1 = may start an identifier, 2 = may continue one only (digits), 0 =
 * neither. Every non-ASCII unit but the BOM counts as a letter: CPython rejects the ones that
 * are not, and a detector loses nothing by reading them as part of a name. A full-size table
 * spares the hot loops a range check.
 */
const IDENT = new Uint8Array(65536).fill(1, 128);
IDENT[BOM] = 0;
// Only the ASCII part is filled in a loop: one over all 65,536 units cost 3 to 4 ms of every
// start-up, run before the JIT could help.
for (let c = 0; c < 128; c++) {
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) IDENT[c] = 1;
  else if (c >= 48 && c <= 57) IDENT[c] = 2;
}

/** Per ASCII char: 1 for those that change what {@link scanCode} tracks (brackets, line ends, backslash). */
const CODE_STATE = new Uint8Array(128);
for (const ch of '()[]{}\r\n\\') CODE_STATE[ch.charCodeAt(0)] = 1;

/** Per ASCII char: the operator characters. */
const OPERATOR = new Uint8Array(128);
for (const ch of '+-*/%&|^~<>=!.,:;@()[]{}') OPERATOR[ch.charCodeAt(0)] = 1;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigitOrUnderscore(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) || c === 95;
}

// f-string frames: what the text after the current position is.
/** The literal text of an f-string. */
const FRAME_LITERAL = 0;
/** A replacement field: code, until a `}`, `!` or `:` at the field's own bracket depth 0. */
const FRAME_FIELD = 1;
/** A format spec: text with nested fields, until the `}` that closes the field. */
const FRAME_SPEC = 2;

/** String prefix flags; -1 when the letters are not a string prefix. */
const PREFIX_RAW = 1;
const PREFIX_FORMAT = 2;

/** Reads the letters before a quote as a string prefix (at most two letters). */
function stringPrefix(text: string, start: number, end: number): number {
  let flags = 0;
  let bytes = false;
  let unicode = false;
  for (let p = start; p < end; p++) {
    const c = text.charCodeAt(p) | 0x20; // lower case for letters
    if (c === 114 /* r */) {
      if (flags & PREFIX_RAW) return -1;
      flags |= PREFIX_RAW;
    } else if (c === 102 /* f */ || c === 116 /* t */) {
      if (flags & PREFIX_FORMAT || bytes) return -1;
      flags |= PREFIX_FORMAT;
    } else if (c === 98 /* b */) {
      if (bytes || flags & PREFIX_FORMAT) return -1;
      bytes = true;
    } else if (c === 117 /* u */) {
      if (end - start !== 1) return -1; // `u` takes no other letter
      unicode = true;
    } else return -1;
  }
  return unicode && flags !== 0 ? -1 : flags;
}

/**
 * The end (exclusive) of a single-quoted, non-f string whose body starts at `p`: after its closing
 * quote, or at the newline that leaves it unterminated, or at the end of input.
 */
function scanSingleQuoted(text: string, p: number, quote: number): number {
  const n = text.length;
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c === quote) return p + 1;
    if (c === BACKSLASH) {
      // The escaped char never ends the string; an escaped CRLF is one line break.
      p += text.charCodeAt(p + 1) === CR && text.charCodeAt(p + 2) === LF ? 3 : 2;
      continue;
    }
    if (c === LF || c === CR) return p;
    p++;
  }
  return n;
}

/** The end (exclusive) of a triple-quoted, non-f string whose body starts at `p`. */
function scanTripleQuoted(text: string, p: number, quoteChar: string): number {
  const n = text.length;
  const quote = quoteChar.charCodeAt(0);
  const bodyStart = p;
  for (;;) {
    const q = text.indexOf(quoteChar, p);
    if (q < 0) return n;
    // An odd run of backslashes right before the quote escapes it.
    let b = q - 1;
    while (b >= bodyStart && text.charCodeAt(b) === BACKSLASH) b--;
    if (((q - 1 - b) & 1) === 1) {
      p = q + 1;
      continue;
    }
    if (text.charCodeAt(q + 1) === quote && text.charCodeAt(q + 2) === quote) return q + 3;
    p = q + 1;
  }
}

/** Length of the operator starting at `p` (maximal munch over Python's operators). */
function operatorLength(text: string, p: number, c: number): number {
  const c2 = text.charCodeAt(p + 1);
  switch (c) {
    case DOT:
      return c2 === DOT && text.charCodeAt(p + 2) === DOT ? 3 : 1;
    case 42 /* * */:
    case 47 /* / */:
    case 60 /* < */:
    case 62 /* > */:
      if (c2 === c) return text.charCodeAt(p + 2) === EQUALS ? 3 : 2;
      if (c2 === EQUALS) return 2;
      if (c === 60 && c2 === 62) return 2; // `<>` (barry_as_FLUFL)
      return 1;
    case 45 /* - */:
      return c2 === EQUALS || c2 === 62 ? 2 : 1;
    case EQUALS:
    case BANG:
    case COLON:
    case 43 /* + */:
    case 37 /* % */:
    case 38 /* & */:
    case 124 /* | */:
    case 94 /* ^ */:
    case 64 /* @ */:
      return c2 === EQUALS ? 2 : 1;
    default:
      return 1;
  }
}

/** Options of {@link tokenizePython}. */
export interface TokenizeOptions {
  /**
   * Stop after the first logical line that ends at or after this offset (its `Newline` token
   * is the last one; `end` says where the next line starts). The tokens up to there are those
   * of the whole text: tokenizing reads left to right, and a logical line ends outside every
   * bracket, string and f-string, where nothing before it bears on what follows.
   */
  stopAfter?: number;
  /**
   * Start here, a line start of {@link scanPythonLayout} (or `into.end` after a stop), and add
   * the tokens after those `into` already holds, rather than start over from the beginning.
   */
  from?: number;
}

/**
 * Splits Python (or Cython) source into tokens; see the module comment for what it follows.
 * Never throws, and ends in time linear in the input. Pass `into` to reuse a buffer.
 */
export function tokenizePython(text: string, into?: PythonTokens, options: TokenizeOptions = {}): PythonTokens {
  const out = into ?? createTokenBuffer(Math.min(1 << 20, (text.length >> 2) + 16));
  let start = options.from;
  if (start === undefined) {
    start = text.length > 0 && text.charCodeAt(0) === BOM ? 1 : 0;
    out.count = 0;
    out.commentCount = 0;
  }
  out.end = tokenize(text, out, start, false, options.stopAfter ?? text.length + 1);
  return out;
}

/**
 * The end of the f-string (or t-string) whose prefix starts at `start`, as the tokenizer reads
 * it: after its closing quote, at the newline that leaves a single-quoted one unterminated, or
 * at the end of the text.
 */
function fStringEnd(text: string, start: number, scratch: PythonTokens, hasCR: boolean): number {
  scratch.count = 0;
  scratch.commentCount = 0;
  return tokenize(text, scratch, start, true, text.length + 1, hasCR);
}

/** A string literal (not an f-string) in a {@link PythonLayout}. */
export const REGION_STRING = 1;
/** A comment in a {@link PythonLayout}. */
export const REGION_COMMENT = 2;
/** An f-string (or t-string) in a {@link PythonLayout}: its fields are code. */
export const REGION_FSTRING = 3;

/**
 * Where the strings and comments of a text are, and where its logical lines may start, as
 * parallel arrays in source order. Line starts are found on demand ({@link lineStartBefore}).
 */
export interface PythonLayout {
  regionCount: number;
  /** {@link REGION_STRING}, {@link REGION_COMMENT} or {@link REGION_FSTRING}. */
  regionKinds: Uint8Array;
  /** A string starts at its prefix; a comment at its `#`. */
  regionStarts: Int32Array;
  /** Exclusive; a comment ends before its newline. */
  regionEnds: Int32Array;
  /**
   * Nothing from here on was read: past `limit`, or where the scan could not tell what the
   * tokenizer would read. The text after it may hold code, strings or comments anywhere.
   */
  scannedTo: number;
  /**
   * Offsets where the tokenizer is in the state it starts in: the start of the text and each
   * place after a newline in code, outside brackets, not continued by a backslash. Tokenizing
   * from one of them (`tokenizePython`'s `from`) gives the tokens the whole text has there.
   * Those before `linesTo` are known.
   */
  lineStartCount: number;
  lineStarts: Int32Array;
  linesTo: number;
  /** The bracket depth at `linesTo`, and the first region at or after it. */
  depth: number;
  nextRegion: number;
}

/**
 * The strings, comments and f-strings of `text` that start before `limit`, exactly as
 * `tokenizePython` reads them, without tokenizing: outside them only a quote or a `#` changes
 * what the text is, so the scan jumps from one to the next with `indexOf`. A string's prefix
 * is read back from its quote; f-strings are skipped by the tokenizer itself. Where it cannot
 * tell how the tokenizer would read a quote (one glued to a word with digits, as in `12rf"`,
 * which no valid program has), it stops and says so in `scannedTo`. Linear in the text.
 */
export function scanPythonLayout(text: string, limit: number): PythonLayout {
  const n = text.length;
  let pos = n > 0 && text.charCodeAt(0) === BOM ? 1 : 0;
  const layout: PythonLayout = {
    regionCount: 0,
    regionKinds: new Uint8Array(64),
    regionStarts: new Int32Array(64),
    regionEnds: new Int32Array(64),
    scannedTo: n,
    lineStartCount: 1,
    lineStarts: new Int32Array(256).fill(pos, 0, 1),
    linesTo: pos,
    depth: 0,
    nextRegion: 0,
  };
  const hasCR = hasCarriageReturn(text);
  let scratch: PythonTokens | null = null;
  let nextHash = -1;
  let nextSingle = -1;
  let nextDouble = -1;
  for (;;) {
    // The next `#`, `'` and `"` at or after pos, each found once: the scan only moves forward.
    if (nextHash < pos) nextHash = indexOrEnd(text, '#', pos);
    if (nextSingle < pos) nextSingle = indexOrEnd(text, "'", pos);
    if (nextDouble < pos) nextDouble = indexOrEnd(text, '"', pos);
    const at = Math.min(nextHash, nextSingle, nextDouble);
    if (at >= n) break;
    if (at >= limit) {
      layout.scannedTo = at;
      break;
    }
    let start = at;
    let end: number;
    let kind: number;
    if (at === nextHash) {
      kind = REGION_COMMENT;
      end = hasCR ? lineEnd(text, at + 1) : indexOrEnd(text, '\n', at + 1);
    } else {
      // The identifier glued to the quote, if any, is the string's prefix when it is one.
      while (start > pos && IDENT[text.charCodeAt(start - 1)] !== 0) start--;
      let prefix = 0;
      for (let p = start; p < at; p++) {
        if (IDENT[text.charCodeAt(p)] === 2) {
          layout.scannedTo = start;
          return layout;
        }
      }
      if (at - start <= 2 && at > start) prefix = stringPrefix(text, start, at);
      // Not a prefix: a name, then a string from the quote.
      if (prefix < 0 || at - start > 2) {
        prefix = 0;
        start = at;
      }
      if (prefix & PREFIX_FORMAT) {
        kind = REGION_FSTRING;
        end = fStringEnd(text, start, (scratch ??= createTokenBuffer(256)), hasCR);
      } else {
        const quote = text.charCodeAt(at);
        const triple = text.charCodeAt(at + 1) === quote && text.charCodeAt(at + 2) === quote;
        kind = REGION_STRING;
        const body = at + (triple ? 3 : 1);
        end = triple ? scanTripleQuoted(text, body, quote === DQUOTE ? '"' : "'") : scanSingleQuoted(text, body, quote);
      }
    }
    pushRegion(layout, kind, start, end);
    pos = end;
  }
  return layout;
}

/**
 * The last line start at or before `offset` (see {@link PythonLayout.lineStarts}), reading the
 * code between the regions for brackets and newlines as far as needed. Offsets past
 * `scannedTo` get the last line start before it.
 */
export function lineStartBefore(text: string, layout: PythonLayout, offset: number): number {
  const target = Math.min(offset, layout.scannedTo);
  while (layout.linesTo < target) {
    const r = layout.nextRegion;
    const regionStart = r < layout.regionCount ? layout.regionStarts[r]! : layout.scannedTo;
    if (layout.linesTo < regionStart) {
      scanCode(text, Math.min(regionStart, target), layout);
    } else {
      // No line starts inside a string, comment or f-string, nor does the depth change.
      layout.linesTo = Math.max(layout.linesTo, layout.regionEnds[r]!);
      layout.nextRegion = r + 1;
    }
  }
  return layout.lineStarts[Math.max(0, lastAtOrBefore(layout.lineStarts, layout.lineStartCount, offset))]!;
}

/**
 * Reads code from `layout.linesTo` to `to` as the tokenizer's main loop would for brackets
 * and line ends (nothing else there changes its state), recording line starts. A small
 * function of its own, so that it is compiled early.
 */
function scanCode(text: string, to: number, layout: PythonLayout): void {
  let depth = layout.depth;
  let p = layout.linesTo;
  while (p < to) {
    const c = text.charCodeAt(p);
    // Most characters are none of the six brackets, two line ends and the backslash: one
    // well-predicted test passes them, where the chain below took up to nine.
    if (c >= 128 || CODE_STATE[c] === 0) {
      p++;
      continue;
    }
    if (c === LPAREN || c === LBRACKET || c === LBRACE) {
      depth++;
    } else if (c === RPAREN || c === RBRACKET || c === RBRACE) {
      if (depth > 0) depth--;
    } else if (c === LF || c === CR) {
      p += c === CR && text.charCodeAt(p + 1) === LF ? 2 : 1;
      if (depth === 0) pushLineStart(layout, p);
      continue;
    } else if (c === BACKSLASH) {
      // A backslash before a newline joins the lines; before anything else it is one token.
      const next = text.charCodeAt(p + 1);
      if (next === LF) p += 2;
      else if (next === CR) p += text.charCodeAt(p + 2) === LF ? 3 : 2;
      else p++;
      continue;
    }
    p++;
  }
  layout.depth = depth;
  layout.linesTo = p;
}

function pushLineStart(layout: PythonLayout, offset: number): void {
  if (layout.lineStartCount === layout.lineStarts.length) {
    const grown = new Int32Array(layout.lineStarts.length * 2);
    grown.set(layout.lineStarts);
    layout.lineStarts = grown;
  }
  layout.lineStarts[layout.lineStartCount++] = offset;
}


// Whether the last text asked about has a CR: the detector tokenizes one text in many pieces.
let crText = '';
let crFound = false;

/** Whether a lone CR may end a line of `text`; scanning comments with `indexOf` needs to know. */
function hasCarriageReturn(text: string): boolean {
  if (text !== crText) {
    crText = text;
    crFound = text.indexOf('\r') >= 0;
  }
  return crFound;
}

function indexOrEnd(text: string, ch: string, from: number): number {
  const i = text.indexOf(ch, from);
  return i < 0 ? text.length : i;
}

/** The offset of the first `\n` or `\r` at or after `from`, or the end of the text. */
function lineEnd(text: string, from: number): number {
  const n = text.length;
  let p = from;
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c === LF || c === CR) break;
    p++;
  }
  return p;
}


/**
 * The tokenizer proper: adds to `out` the tokens from `start` (the start of the text or of a
 * logical line) up to the end of the first logical line that ends at or after `stopAfter`;
 * with `oneFString`, from the prefix of an f-string at `start` to the end of that f-string
 * only. Returns where it stopped: after that line's newline, after the f-string, or the end.
 */
function tokenize(
  text: string,
  out: PythonTokens,
  start: number,
  oneFString: boolean,
  stopAfter: number,
  hasCR = hasCarriageReturn(text),
): number {
  let kinds = out.kinds;
  let starts = out.starts;
  let ends = out.ends;
  let cap = kinds.length;
  let count = out.count;
  let commentStarts = out.commentStarts;
  let commentEnds = out.commentEnds;
  let commentCount = out.commentCount;

  const n = text.length;
  // Scanning comments and long strings with indexOf is much faster; it needs to know whether a
  // lone CR can end a line (`hasCR`).
  let pos = start;
  /** Where the loop stopped before the end of the text, if it did. */
  let stoppedAt = n;
  /** Open brackets outside any f-string. */
  let depth = 0;
  /** Whether the current logical line has a token yet (comment-only lines give no Newline). */
  let lineHasTokens = false;

  // The stack of f-string frames, as parallel arrays (no object per frame).
  const frameKind: number[] = [];
  const frameQuote: number[] = [];
  const frameTriple: boolean[] = [];
  const frameRaw: boolean[] = [];
  /** For a FIELD frame: its open brackets. */
  const frameDepth: number[] = [];
  let sp = 0;

  while (pos < n) {
    // Each turn adds at most two tokens; growing here keeps the writes below unchecked.
    if (count + 2 > cap) {
      cap *= 2;
      const k = new Uint8Array(cap);
      k.set(kinds);
      kinds = k;
      const s = new Int32Array(cap);
      s.set(starts);
      starts = s;
      const e = new Int32Array(cap);
      e.set(ends);
      ends = e;
    }

    if (sp > 0 && frameKind[sp - 1] !== FRAME_FIELD) {
      // f-string text: the literal part, or a format spec.
      const top = sp - 1;
      const quote = frameQuote[top]!;
      const triple = frameTriple[top]!;
      const raw = frameRaw[top]!;
      const spec = frameKind[top] === FRAME_SPEC;
      let p = pos;
      let closeLength = -1; // >= 0: the string ends at p (unterminated when 0)
      for (;;) {
        if (p >= n) break;
        const c = text.charCodeAt(p);
        if (c === quote) {
          if (!triple) {
            closeLength = 1;
            break;
          }
          if (text.charCodeAt(p + 1) === quote && text.charCodeAt(p + 2) === quote) {
            closeLength = 3;
            break;
          }
          p++;
        } else if (c === BACKSLASH) {
          const next = text.charCodeAt(p + 1);
          if (next === LBRACE || next === RBRACE) {
            // `\{` does not escape the brace: the field still opens.
            p++;
          } else if (!raw && next === UPPER_N && text.charCodeAt(p + 2) === LBRACE) {
            // `\N{NAME}`: its braces are not a field.
            p += 3;
            while (p < n) {
              const d = text.charCodeAt(p);
              if (d === RBRACE) {
                p++;
                break;
              }
              if (d === quote || d === LF || d === CR) break;
              p++;
            }
          } else {
            p += next === CR && text.charCodeAt(p + 2) === LF ? 3 : 2;
          }
        } else if (c === LBRACE) {
          if (!spec && text.charCodeAt(p + 1) === LBRACE) {
            p += 2;
          } else {
            // A replacement field opens: its code is read by the main branch below.
            frameKind[sp] = FRAME_FIELD;
            frameQuote[sp] = quote;
            frameTriple[sp] = triple;
            frameRaw[sp] = raw;
            frameDepth[sp] = 0;
            sp++;
            p++;
            break;
          }
        } else if (c === RBRACE) {
          if (spec) {
            // The `}` that closes the field this spec belongs to.
            sp--;
            p++;
            break;
          }
          p += text.charCodeAt(p + 1) === RBRACE ? 2 : 1;
        } else if ((c === LF || c === CR) && !triple) {
          closeLength = 0; // a single-quoted string cannot hold a raw newline
          break;
        } else {
          p++;
        }
      }
      if (p >= n && closeLength < 0) break; // the end of input ends the f-string
      if (closeLength >= 0) {
        kinds[count] = FSTRING_END;
        starts[count] = p;
        ends[count] = p + closeLength;
        count++;
        lineHasTokens = true;
        // Drop this string's frames: its spec (if any) and its literal frame.
        while (sp > 0) {
          sp--;
          if (frameKind[sp] === FRAME_LITERAL) break;
        }
        p += closeLength;
        if (oneFString && sp === 0) {
          stoppedAt = p;
          break;
        }
      }
      pos = p;
      continue;
    }

    const c = text.charCodeAt(pos);

    if (c === SPACE || c === TAB || c === FF) {
      // Indentation comes in runs; skip a run without going round the main loop.
      pos++;
      while (text.charCodeAt(pos) === SPACE) pos++;
      continue;
    }

    if (c === LF || c === CR) {
      if (sp === 0 && depth === 0 && lineHasTokens) {
        kinds[count] = NEWLINE;
        starts[count] = pos;
        ends[count] = pos + 1;
        count++;
        lineHasTokens = false;
        if (pos >= stopAfter) {
          stoppedAt = pos + (c === CR && text.charCodeAt(pos + 1) === LF ? 2 : 1);
          break;
        }
      }
      pos += c === CR && text.charCodeAt(pos + 1) === LF ? 2 : 1;
      continue;
    }

    if (c === HASH) {
      let e: number;
      if (hasCR) {
        e = pos + 1;
        while (e < n) {
          const d = text.charCodeAt(e);
          if (d === LF || d === CR) break;
          e++;
        }
      } else {
        e = text.indexOf('\n', pos + 1);
        if (e < 0) e = n;
      }
      if (commentCount === commentStarts.length) {
        const s = new Int32Array(commentCount * 2);
        s.set(commentStarts);
        commentStarts = s;
        const f = new Int32Array(commentCount * 2);
        f.set(commentEnds);
        commentEnds = f;
      }
      commentStarts[commentCount] = pos;
      commentEnds[commentCount] = e;
      commentCount++;
      pos = e;
      continue;
    }

    // A string literal starts at `pos`, its quote at `quoteAt` (after a prefix, if any).
    let quoteAt = -1;
    let prefixFlags = 0;
    if (IDENT[c] === 1) {
      let e = pos + 1;
      while (e < n && IDENT[text.charCodeAt(e)] !== 0) e++;
      if (e - pos <= 2 && e < n) {
        const q = text.charCodeAt(e);
        if (q === DQUOTE || q === SQUOTE) {
          prefixFlags = stringPrefix(text, pos, e);
          if (prefixFlags >= 0) quoteAt = e;
        }
      }
      if (quoteAt < 0) {
        kinds[count] = NAME;
        starts[count] = pos;
        ends[count] = e;
        count++;
        lineHasTokens = true;
        // Most tokens are followed by a space: skip it here rather than going round the loop.
        while (text.charCodeAt(e) === SPACE) e++;
        pos = e;
        continue;
      }
    } else if (c === DQUOTE || c === SQUOTE) {
      quoteAt = pos;
    }

    if (quoteAt >= 0) {
      const quote = text.charCodeAt(quoteAt);
      const triple = text.charCodeAt(quoteAt + 1) === quote && text.charCodeAt(quoteAt + 2) === quote;
      const body = quoteAt + (triple ? 3 : 1);
      lineHasTokens = true;
      if (prefixFlags & PREFIX_FORMAT) {
        // An f-string: its start token, then a frame; the loop reads its text and fields.
        kinds[count] = FSTRING_START;
        starts[count] = pos;
        ends[count] = body;
        count++;
        frameKind[sp] = FRAME_LITERAL;
        frameQuote[sp] = quote;
        frameTriple[sp] = triple;
        frameRaw[sp] = (prefixFlags & PREFIX_RAW) !== 0;
        frameDepth[sp] = 0;
        sp++;
        pos = body;
        continue;
      }
      const end = triple
        ? scanTripleQuoted(text, body, quote === DQUOTE ? '"' : "'")
        : scanSingleQuoted(text, body, quote);
      kinds[count] = STRING;
      starts[count] = pos;
      ends[count] = end;
      count++;
      pos = end;
      continue;
    }

    if (isDigit(c) || (c === DOT && isDigit(text.charCodeAt(pos + 1)))) {
      let e = pos;
      const c2 = text.charCodeAt(pos + 1) | 0x20;
      if (c === 48 /* 0 */ && (c2 === 120 /* x */ || c2 === 111 /* o */ || c2 === 98) /* b */) {
        e += 2;
        while (e < n && isHexDigitOrUnderscore(text.charCodeAt(e))) e++;
      } else {
        while (e < n && (isDigit(text.charCodeAt(e)) || text.charCodeAt(e) === 95)) e++;
        if (text.charCodeAt(e) === DOT) {
          e++;
          while (e < n && (isDigit(text.charCodeAt(e)) || text.charCodeAt(e) === 95)) e++;
        }
        if ((text.charCodeAt(e) | 0x20) === 101 /* e */) {
          // An exponent only when digits follow: `1else` is `1` then `else`.
          let f = e + 1;
          const sign = text.charCodeAt(f);
          if (sign === 43 || sign === 45) f++;
          if (isDigit(text.charCodeAt(f))) {
            e = f;
            while (e < n && (isDigit(text.charCodeAt(e)) || text.charCodeAt(e) === 95)) e++;
          }
        }
        if ((text.charCodeAt(e) | 0x20) === 106 /* j */) e++;
      }
      kinds[count] = NUMBER;
      starts[count] = pos;
      ends[count] = e;
      count++;
      lineHasTokens = true;
      pos = e;
      continue;
    }

    if (c === BACKSLASH) {
      const next = text.charCodeAt(pos + 1);
      if (next === LF) {
        pos += 2;
      } else if (next === CR) {
        pos += text.charCodeAt(pos + 2) === LF ? 3 : 2;
      } else if (pos + 1 >= n) {
        pos++; // a backslash at the very end joins nothing
      } else {
        kinds[count] = ERROR;
        starts[count] = pos;
        ends[count] = pos + 1;
        count++;
        lineHasTokens = true;
        pos++;
      }
      continue;
    }

    if (sp > 0) {
      // Inside a replacement field: `}`, `!` and `:` at the field's own depth 0 end the code.
      const top = sp - 1;
      if (frameDepth[top] === 0) {
        if (c === RBRACE) {
          sp--; // back to the literal text (or the spec) around the field
          pos++;
          continue;
        }
        if (c === COLON) {
          frameKind[top] = FRAME_SPEC; // even `:=`: at depth 0 a colon starts the spec
          pos++;
          continue;
        }
        if (c === BANG && text.charCodeAt(pos + 1) !== EQUALS) {
          // A conversion (`!r`): skip its letter, it is not a name.
          pos++;
          while (pos < n && IDENT[text.charCodeAt(pos)] !== 0) pos++;
          continue;
        }
      }
    }

    if (c < 128 && OPERATOR[c] === 1) {
      if (c === LPAREN || c === LBRACKET || c === LBRACE) {
        if (sp > 0) frameDepth[sp - 1]!++;
        else depth++;
      } else if (c === RPAREN || c === RBRACKET || c === RBRACE) {
        if (sp > 0) {
          if (frameDepth[sp - 1]! > 0) frameDepth[sp - 1]!--;
        } else if (depth > 0) depth--;
      }
      const length = operatorLength(text, pos, c);
      kinds[count] = OP;
      starts[count] = pos;
      ends[count] = pos + length;
      count++;
      lineHasTokens = true;
      pos += length;
      while (text.charCodeAt(pos) === SPACE) pos++;
      continue;
    }

    // Anything else (`$`, `?`, a backtick, control characters, NUL) is not Python, but Cython
    // uses `?` (`except? -1`), so keep it as a token rather than dropping it.
    kinds[count] = ERROR;
    starts[count] = pos;
    ends[count] = pos + 1;
    count++;
    lineHasTokens = true;
    pos++;
  }

  // Close what the end of input left open: f-strings end, and the last line ends.
  const needed = count + sp + 1;
  if (needed > cap) {
    cap = needed;
    const k = new Uint8Array(cap);
    k.set(kinds);
    kinds = k;
    const s = new Int32Array(cap);
    s.set(starts);
    starts = s;
    const e = new Int32Array(cap);
    e.set(ends);
    ends = e;
  }
  while (sp > 0) {
    sp--;
    if (frameKind[sp] === FRAME_LITERAL) {
      kinds[count] = FSTRING_END;
      starts[count] = n;
      ends[count] = n;
      count++;
      lineHasTokens = true;
    }
  }
  if (lineHasTokens) {
    kinds[count] = NEWLINE;
    starts[count] = n;
    ends[count] = n;
    count++;
  }

  out.count = count;
  out.kinds = kinds;
  out.starts = starts;
  out.ends = ends;
  out.commentCount = commentCount;
  out.commentStarts = commentStarts;
  out.commentEnds = commentEnds;
  return stoppedAt;

}
