/**
 * A hand-written tokenizer for Go source, enough to tell code from strings and comments and
 * to follow Go's automatic semicolon insertion, which is what the Go detector needs to tell a
 * send statement (`ch <- v`) from a receive (`<-ch`) from a channel type (`<-chan T`).
 *
 * It works on UTF-16 char codes with no per-character regular expression and no allocation
 * per token: the scanner is a cursor whose fields describe the last token. It never throws
 * and always makes progress, whatever the input (binary, NUL bytes, unterminated literals).
 */
import { pushRegion } from './regions.js';

/** Kinds of token. Keywords the detector reasons about have a kind of their own. */
export const GoToken = {
  EOF: 0,
  /** An identifier that is not a keyword. */
  Ident: 1,
  /** A keyword with no kind of its own. */
  Keyword: 2,
  /** `break`, `continue`, `fallthrough`, `return`: keywords after which a newline ends the statement. */
  KeywordSemi: 3,
  Go: 4,
  Chan: 5,
  Func: 6,
  Struct: 7,
  Interface: 8,
  Map: 9,
  Package: 10,
  /** Integer, floating-point or imaginary literal. */
  Number: 11,
  /** Interpreted (`"..."`) or raw (`` `...` ``) string literal, possibly unterminated. */
  String: 12,
  /** Rune literal, possibly unterminated. */
  Rune: 13,
  /** `<-` */
  Arrow: 14,
  LParen: 15,
  RParen: 16,
  LBrack: 17,
  RBrack: 18,
  LBrace: 19,
  RBrace: 20,
  /** `;` as written, or inserted at a newline (or at a comment spanning one) by Go's rule. */
  Semicolon: 21,
  Period: 22,
  Star: 23,
  /** `++` or `--`. */
  IncDec: 24,
  /** Any other operator or punctuation. */
  Operator: 25,
  LineComment: 26,
  BlockComment: 27,
  /** A character Go does not allow outside literals (NUL, `#`, `?`, `$`, ...). */
  Illegal: 28,
  /** `:` (a label, a case clause, a slice), not `:=`. */
  Colon: 29,
} as const;
export type GoToken = (typeof GoToken)[keyof typeof GoToken];

/** A saved scanner position, to look ahead and come back. */
export interface GoScannerState {
  pos: number;
  curLine: number;
  insertSemi: boolean;
  start: number;
  end: number;
  line: number;
}

/** True for the characters an identifier may contain: ASCII letters, digits, `_`, and any non-ASCII code unit. */
export function isGoIdentPart(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c >= 0x80
  );
}

/** Go's keywords and the token each one is. */
const KEYWORDS: ReadonlyArray<readonly [string, GoToken]> = [
  ['break', GoToken.KeywordSemi],
  ['case', GoToken.Keyword],
  ['chan', GoToken.Chan],
  ['const', GoToken.Keyword],
  ['continue', GoToken.KeywordSemi],
  ['default', GoToken.Keyword],
  ['defer', GoToken.Keyword],
  ['else', GoToken.Keyword],
  ['fallthrough', GoToken.KeywordSemi],
  ['for', GoToken.Keyword],
  ['func', GoToken.Func],
  ['go', GoToken.Go],
  ['goto', GoToken.Keyword],
  ['if', GoToken.Keyword],
  ['import', GoToken.Keyword],
  ['interface', GoToken.Interface],
  ['map', GoToken.Map],
  ['package', GoToken.Package],
  ['range', GoToken.Keyword],
  ['return', GoToken.KeywordSemi],
  ['select', GoToken.Keyword],
  ['struct', GoToken.Struct],
  ['switch', GoToken.Keyword],
  ['type', GoToken.Keyword],
  ['var', GoToken.Keyword],
];

/**
 * The keywords by first letter and length (`KEYWORD_SLOT`): at most two share a slot
 * (`case`/`chan`, `select`/`struct`/`switch` share `s`+6, hence three slots per key).
 */
const KEYWORD_WORDS: (string | undefined)[] = [];
const KEYWORD_KINDS: GoToken[] = [];
for (const [word, kind] of KEYWORDS) {
  let slot = keywordSlot(word.charCodeAt(0), word.length) * 3;
  while (KEYWORD_WORDS[slot] !== undefined) slot++;
  KEYWORD_WORDS[slot] = word;
  KEYWORD_KINDS[slot] = kind;
}

function keywordSlot(first: number, len: number): number {
  return (first - 97) * 12 + len;
}

/**
 * Classifies the identifier `text[start, start+len)`: a keyword kind, or `Ident`. Looks the
 * candidates up by first letter and length, then compares in place, so that no substring is
 * made. A chain of `startsWith` tests, one per keyword, did the same, but V8 took 80 to 100
 * ms to optimize it (twice, in an audit of Go's tree, `--trace-opt`), against 14 ms for this:
 * CPU taken from the rest of the audit.
 */
function classifyWord(text: string, start: number, len: number): GoToken {
  if (len < 2 || len > 11) return GoToken.Ident;
  const base = keywordSlot(text.charCodeAt(start), len) * 3;
  for (let slot = base; slot < base + 3; slot++) {
    const word = KEYWORD_WORDS[slot];
    if (word === undefined) return GoToken.Ident;
    if (sameAt(text, start, word)) return KEYWORD_KINDS[slot]!;
  }
  return GoToken.Ident;
}

/** True when `text` holds `word` at `start` (the caller has checked that it fits). */
function sameAt(text: string, start: number, word: string): boolean {
  for (let i = 1; i < word.length; i++) {
    if (text.charCodeAt(start + i) !== word.charCodeAt(i)) return false;
  }
  return true;
}

/** ASCII character classes, looked up instead of compared: bit 1 letter or `_`, bit 2 digit. */
const CHAR_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) CHAR_CLASS[c] = 1;
  else if (c >= 48 && c <= 57) CHAR_CLASS[c] = 2;
}

/** Counts `\n` in `text[from, to)`. */
function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  let i = text.indexOf('\n', from);
  while (i !== -1 && i < to) {
    count++;
    i = text.indexOf('\n', i + 1);
  }
  return count;
}

/**
 * A cursor over Go source. Call {@link GoScanner.next} until it returns `GoToken.EOF`; after each
 * call, `start`/`end` delimit the token in `text` and `line` is the 1-based line it starts on.
 * Comments are returned as tokens; semicolons are inserted at newlines as Go's scanner does, so
 * a consumer sees statement ends exactly where the Go parser sees them.
 */
export class GoScanner {
  readonly text: string;
  /** Start offset of the last token. */
  start = 0;
  /** End offset (exclusive) of the last token. */
  end = 0;
  /** 1-based line of the start of the last token. */
  line = 1;
  private pos = 0;
  private curLine = 1;
  private insertSemi = false;

  constructor(text: string) {
    this.text = text;
    // A byte order mark is allowed, and ignored, at the very start of a file only.
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  /**
   * Goes to `pos`, the start of line `line` (just after a newline in code, see
   * {@link scanGoLayout}), where the scanner is as it would be after reading everything before.
   */
  seek(pos: number, line: number): void {
    this.pos = pos;
    this.curLine = line;
    this.insertSemi = false;
    this.start = pos;
    this.end = pos;
    this.line = line;
  }

  /** The current position and last token, to come back to with {@link GoScanner.restore}. */
  save(): GoScannerState {
    return {
      pos: this.pos,
      curLine: this.curLine,
      insertSemi: this.insertSemi,
      start: this.start,
      end: this.end,
      line: this.line,
    };
  }

  /** Goes back to a position from {@link GoScanner.save}, last token included. */
  restore(state: GoScannerState): void {
    this.pos = state.pos;
    this.curLine = state.curLine;
    this.insertSemi = state.insertSemi;
    this.start = state.start;
    this.end = state.end;
    this.line = state.line;
  }

  /** Scans the next token and returns its kind. Always makes progress; `EOF` at the end, repeatedly. */
  next(): GoToken {
    const text = this.text;
    const n = text.length;
    let pos = this.pos;
    // Whitespace. A newline after a token that can end a statement is a semicolon.
    for (;;) {
      if (pos >= n) {
        this.pos = pos;
        this.start = pos;
        this.end = pos;
        this.line = this.curLine;
        if (this.insertSemi) {
          this.insertSemi = false;
          return GoToken.Semicolon;
        }
        return GoToken.EOF;
      }
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 13) {
        pos++;
      } else if (c === 10) {
        if (this.insertSemi) {
          this.insertSemi = false;
          this.start = pos;
          this.end = pos + 1;
          this.line = this.curLine;
          this.pos = pos + 1;
          this.curLine++;
          return GoToken.Semicolon;
        }
        this.curLine++;
        pos++;
      } else {
        break;
      }
    }

    this.start = pos;
    this.line = this.curLine;
    const c = text.charCodeAt(pos);

    // Identifiers and keywords.
    if (c >= 0x80 || CHAR_CLASS[c] === 1) {
      let p = pos + 1;
      while (p < n) {
        const d = text.charCodeAt(p);
        if (d < 0x80 && CHAR_CLASS[d] === 0) break;
        p++;
      }
      const kind = c >= 97 && c <= 122 ? classifyWord(text, pos, p - pos) : GoToken.Ident;
      this.insertSemi = kind === GoToken.Ident || kind === GoToken.KeywordSemi;
      return this.finish(p, kind);
    }

    // Numbers, including `.5`. Exponent signs belong to the number (`1e-5`, `0x1p-2`),
    // but `e` is a digit in hexadecimal (`0x1e-5` is `0x1e - 5`).
    if ((c >= 48 && c <= 57) || (c === 46 && isDecimal(text.charCodeAt(pos + 1)))) {
      let p = pos + 1;
      const hex = c === 48 && (text.charCodeAt(p) | 0x20) === 120;
      if (hex) p++;
      while (p < n) {
        const d = text.charCodeAt(p);
        const lower = d | 0x20;
        if ((lower === 112 || (lower === 101 && !hex)) && p + 1 < n) {
          p++;
          const sign = text.charCodeAt(p);
          if (sign === 43 || sign === 45) p++;
        } else if (isDecimal(d) || (lower >= 97 && lower <= 122) || d === 95 || d === 46) {
          p++;
        } else {
          break;
        }
      }
      this.insertSemi = true;
      return this.finish(p, GoToken.Number);
    }

    switch (c) {
      case 34: // "
        this.insertSemi = true;
        return this.finish(scanQuoted(text, pos + 1, 34), GoToken.String);
      case 39: // '
        this.insertSemi = true;
        return this.finish(scanQuoted(text, pos + 1, 39), GoToken.Rune);
      case 96: {
        // ` raw string: anything up to the next backquote, newlines included.
        const close = text.indexOf('`', pos + 1);
        const end = close === -1 ? n : close + 1;
        this.curLine += countNewlines(text, pos, end);
        this.insertSemi = true;
        return this.finish(end, GoToken.String);
      }
      case 47: {
        // /
        const d = text.charCodeAt(pos + 1);
        if (d === 47) {
          // A line comment runs to the end of the line, so it stands for a newline.
          if (this.insertSemi) return this.semicolonHere(pos);
          const nl = text.indexOf('\n', pos + 2);
          return this.finish(nl === -1 ? n : nl, GoToken.LineComment);
        }
        if (d === 42) {
          const close = text.indexOf('*/', pos + 2);
          const end = close === -1 ? n : close + 2;
          const lines = countNewlines(text, pos, end);
          // A block comment spanning lines acts like a newline.
          if (lines > 0 && this.insertSemi) return this.semicolonHere(pos);
          this.curLine += lines;
          return this.finish(end, GoToken.BlockComment);
        }
        this.insertSemi = false;
        return this.finish(pos + 1, GoToken.Operator);
      }
      case 60: // <
        this.insertSemi = false;
        {
          const d = text.charCodeAt(pos + 1);
          if (d === 45) return this.finish(pos + 2, GoToken.Arrow);
          // `<<` is one token, so `<<-` is a shift and a minus, never an arrow.
          if (d === 60) return this.finish(pos + 2, GoToken.Operator);
          return this.finish(pos + 1, GoToken.Operator);
        }
      case 40:
        this.insertSemi = false;
        return this.finish(pos + 1, GoToken.LParen);
      case 41:
        this.insertSemi = true;
        return this.finish(pos + 1, GoToken.RParen);
      case 91:
        this.insertSemi = false;
        return this.finish(pos + 1, GoToken.LBrack);
      case 93:
        this.insertSemi = true;
        return this.finish(pos + 1, GoToken.RBrack);
      case 123:
        this.insertSemi = false;
        return this.finish(pos + 1, GoToken.LBrace);
      case 125:
        this.insertSemi = true;
        return this.finish(pos + 1, GoToken.RBrace);
      case 59:
        this.insertSemi = false;
        return this.finish(pos + 1, GoToken.Semicolon);
      case 46: // .
        this.insertSemi = false;
        if (text.charCodeAt(pos + 1) === 46 && text.charCodeAt(pos + 2) === 46) {
          return this.finish(pos + 3, GoToken.Operator);
        }
        return this.finish(pos + 1, GoToken.Period);
      case 42: // *
        this.insertSemi = false;
        return this.finish(pos + 1, GoToken.Star);
      case 43: // +
      case 45: // -
        if (text.charCodeAt(pos + 1) === c) {
          this.insertSemi = true;
          return this.finish(pos + 2, GoToken.IncDec);
        }
        this.insertSemi = false;
        return this.finish(pos + 1, GoToken.Operator);
      case 58: // :
        this.insertSemi = false;
        if (text.charCodeAt(pos + 1) === 61) return this.finish(pos + 2, GoToken.Operator);
        return this.finish(pos + 1, GoToken.Colon);
      case 33: // !
      case 37: // %
      case 38: // &
      case 44: // ,
      case 61: // =
      case 62: // >
      case 94: // ^
      case 124: // |
      case 126: // ~
        this.insertSemi = false;
        return this.finish(pos + 1, GoToken.Operator);
      default:
        // Not Go outside a literal. Keep the semicolon state, as Go's scanner does.
        return this.finish(pos + 1, GoToken.Illegal);
    }
  }

  private finish(end: number, kind: GoToken): GoToken {
    this.end = end;
    this.pos = end;
    return kind;
  }

  /** An inserted semicolon before a comment; the comment itself comes next. */
  private semicolonHere(pos: number): GoToken {
    this.insertSemi = false;
    this.end = pos;
    this.pos = pos;
    return GoToken.Semicolon;
  }
}

function isDecimal(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Scans an interpreted string or rune body from `p` (just after the opening quote) and returns
 * the end offset: after the closing quote, or at the newline or end of text that leaves it
 * unterminated. A backslash escapes the next character, but never a newline (Go ends the
 * literal there with an error, and so do we).
 */
function scanQuoted(text: string, p: number, quote: number): number {
  const n = text.length;
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c === quote) return p + 1;
    if (c === 10) return p;
    if (c === 92 && p + 1 < n && text.charCodeAt(p + 1) !== 10) p += 2;
    else p++;
  }
  return n;
}

/**
 * Tells whether the characters just before `at` put it inside a `//` comment, whatever that
 * `//` itself sits in: walking back on the same line, a `//` (not the tail of a block comment's end) met before
 * any quote, backquote, `*` or newline means that either the `//` starts a comment, or it is
 * inside a string, rune, raw string or block comment that cannot have closed before `at`
 * (closing one needs a quote, a backquote, a `*` or a newline). Either way `at` is not code.
 */
class LineCommentProbe {
  /** Offset of the last position found to be in a comment, and the back-walk may stop there. */
  private known = -1;

  constructor(private readonly text: string) {}

  inComment(at: number): boolean {
    const text = this.text;
    // Walking back no further than the last answer keeps the whole probe linear.
    for (let j = at - 1; j >= 1; j--) {
      if (j === this.known) return this.remember(at);
      const c = text.charCodeAt(j);
      if (c === 10 || c === 13 || c === 34 || c === 39 || c === 96 || c === 42) return false;
      if (c === 47 && text.charCodeAt(j - 1) === 47 && (j < 2 || text.charCodeAt(j - 2) !== 42)) {
        return this.remember(at);
      }
    }
    return false;
  }

  private remember(at: number): boolean {
    this.known = at;
    return true;
  }
}

/**
 * A sound and cheap pre-check: false only when the Go detector certainly finds no `go`
 * statement and no channel operation in `text`. It looks for the two spellings with `indexOf`
 * and drops the occurrences that cannot be code: those behind a `//` on their line (see
 * {@link LineCommentProbe}), and a `go` that is part of a longer word or does not begin a
 * statement (a go statement follows `;`, `{`, `:` or a newline, possibly through comments,
 * so the character before it, spaces aside, is one of `;{:` or a newline or the `/` of `*\/`).
 * True does not mean there is one: the word may sit in a string or a block comment.
 */
export function mayContainGoSignals(text: string): boolean {
  const probe = new LineCommentProbe(text);
  let i = text.indexOf('<-');
  while (i !== -1) {
    if (!probe.inComment(i)) return true;
    i = text.indexOf('<-', i + 2);
  }
  const goProbe = new LineCommentProbe(text);
  i = text.indexOf('go');
  while (i !== -1) {
    if (mayStartGoStatement(text, i) && !goProbe.inComment(i)) return true;
    i = text.indexOf('go', i + 1);
  }
  return false;
}

/**
 * Whether the `go` at `i` could be the keyword of a go statement: a whole word, after `;`, `{`,
 * `:`, a newline, the `/` of `*\/` or the start of the text (spaces aside), which is where the
 * scanner's last token before it can be `;` (written or inserted), `{` or `:`. Walks back over
 * a run of spaces, which only the word right after the run does: linear over all calls.
 */
export function mayStartGoStatement(text: string, i: number): boolean {
  if (i + 2 < text.length && isGoIdentPart(text.charCodeAt(i + 2))) return false;
  let j = i - 1;
  let c = -1;
  while (j >= 0) {
    c = text.charCodeAt(j);
    if (c !== 32 && c !== 9 && c !== 13) break;
    j--;
  }
  return j < 0 || c === 10 || c === 59 || c === 123 || c === 58 || c === 47 || (j === 0 && c === 0xfeff);
}

/**
 * {@link mayContainGoSignals} over a file's UTF-8 bytes, byte-order mark excluded, without
 * decoding them: the same answer as for their text, since everything the check compares is
 * ASCII, which UTF-8 writes as itself and never inside another character's bytes; and any byte
 * from 0x80 up stands, like any non-ASCII character, for a part of a name (or for U+FFFD, which
 * the text has there). test/detect/go-bytes.test.ts holds the two to each other.
 */
export function mayContainGoSignalsInBytes(bytes: Buffer): boolean {
  let known = -1;
  let i = bytes.indexOf(ARROW_BYTES);
  while (i !== -1) {
    if (!inLineCommentBytes(bytes, i, known)) return true;
    known = i;
    i = bytes.indexOf(ARROW_BYTES, i + 2);
  }
  known = -1;
  i = bytes.indexOf(GO_BYTES);
  while (i !== -1) {
    if (mayStartGoStatementInBytes(bytes, i)) {
      if (!inLineCommentBytes(bytes, i, known)) return true;
      known = i;
    }
    i = bytes.indexOf(GO_BYTES, i + 1);
  }
  return false;
}

// Searched for as bytes: a string needle is encoded again on every call, which for the
// 60,000 `go` of Go's tree cost more than the search.
const ARROW_BYTES = Buffer.from('<-');
const GO_BYTES = Buffer.from('go');

/** {@link LineCommentProbe.inComment} over bytes; `known`, the last place found in a comment, or -1. */
function inLineCommentBytes(bytes: Buffer, at: number, known: number): boolean {
  for (let j = at - 1; j >= 1; j--) {
    if (j === known) return true;
    const c = bytes[j]!;
    if (c === 10 || c === 13 || c === 34 || c === 39 || c === 96 || c === 42) return false;
    if (c === 47 && bytes[j - 1] === 47 && (j < 2 || bytes[j - 2] !== 42)) return true;
  }
  return false;
}

/** {@link mayStartGoStatement} over bytes: a byte-order mark left at the start is its three bytes. */
function mayStartGoStatementInBytes(bytes: Buffer, i: number): boolean {
  if (i + 2 < bytes.length && isGoIdentPart(bytes[i + 2]!)) return false;
  let j = i - 1;
  let c = -1;
  while (j >= 0) {
    c = bytes[j]!;
    if (c !== 32 && c !== 9 && c !== 13) break;
    j--;
  }
  return (
    j < 0 || c === 10 || c === 59 || c === 123 || c === 58 || c === 47 ||
    (j === 2 && c === 0xbf && bytes[1] === 0xbb && bytes[0] === 0xef)
  );
}

/** A string, raw string or rune literal in a {@link GoLayout}. */
export const GO_REGION_LITERAL = 1;
/** A line or block comment in a {@link GoLayout}. */
export const GO_REGION_COMMENT = 2;

/**
 * Where the literals and comments of a Go text are, and where its lines start, as parallel
 * arrays in source order.
 */
export interface GoLayout {
  regionCount: number;
  /** {@link GO_REGION_LITERAL} or {@link GO_REGION_COMMENT}. */
  regionKinds: Uint8Array;
  regionStarts: Int32Array;
  /** Exclusive, as the scanner's token ends (a line comment ends before its newline). */
  regionEnds: Int32Array;
  /**
   * The start of the text and each offset just after a newline in code (not inside a raw
   * string or a block comment), with its 1-based line number: places where the scanner can
   * start ({@link GoScanner.seek}) and read what it reads there from the beginning.
   */
  lineStartCount: number;
  lineStarts: Int32Array;
  lineNumbers: Int32Array;
  /** Nothing from here on was read (it is past `limit`). */
  scannedTo: number;
}

/**
 * The literals, comments and line starts of Go source up to `limit`, as {@link GoScanner}
 * finds them, without scanning the code between them: outside literals and comments only a
 * quote, a backquote, `//` or `/*` changes what the text is, so the scan jumps from one to the
 * next with `indexOf`. Linear in the text.
 */
export function scanGoLayout(text: string, limit: number): GoLayout {
  const n = text.length;
  const layout: GoLayout = {
    regionCount: 0,
    regionKinds: new Uint8Array(64),
    regionStarts: new Int32Array(64),
    regionEnds: new Int32Array(64),
    lineStartCount: 0,
    lineStarts: new Int32Array(256),
    lineNumbers: new Int32Array(256),
    scannedTo: n,
  };
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  pushGoLineStart(layout, pos, line);
  let nextDouble = -1;
  let nextSingle = -1;
  let nextBack = -1;
  let nextLine = -1;
  let nextBlock = -1;
  for (;;) {
    // Each kind of opening found once, the scan only moving forward.
    if (nextDouble < pos) nextDouble = indexOrEnd(text, '"', pos);
    if (nextSingle < pos) nextSingle = indexOrEnd(text, "'", pos);
    if (nextBack < pos) nextBack = indexOrEnd(text, '`', pos);
    if (nextLine < pos) nextLine = indexOrEnd(text, '//', pos);
    if (nextBlock < pos) nextBlock = indexOrEnd(text, '/*', pos);
    const at = Math.min(nextDouble, nextSingle, nextBack, nextLine, nextBlock, limit, n);
    // Code: only its newlines matter here.
    for (let nl = text.indexOf('\n', pos); nl !== -1 && nl < at; nl = text.indexOf('\n', nl + 1)) {
      pushGoLineStart(layout, nl + 1, ++line);
    }
    if (at >= n) break;
    if (at >= limit) {
      layout.scannedTo = at;
      break;
    }
    let end: number;
    let kind = GO_REGION_LITERAL;
    if (at === nextDouble || at === nextSingle) {
      end = scanQuoted(text, at + 1, text.charCodeAt(at));
    } else if (at === nextBack) {
      end = indexOrEnd(text, '`', at + 1) + 1;
    } else if (at === nextLine) {
      kind = GO_REGION_COMMENT;
      end = indexOrEnd(text, '\n', at + 2);
    } else {
      kind = GO_REGION_COMMENT;
      end = text.indexOf('*/', at + 2);
      end = end === -1 ? n : end + 2;
    }
    if (end > n) end = n;
    line += countNewlines(text, at, end);
    pushRegion(layout, kind, at, end);
    pos = end;
  }
  return layout;
}

function indexOrEnd(text: string, what: string, from: number): number {
  const i = text.indexOf(what, from);
  return i < 0 ? text.length : i;
}

function pushGoLineStart(layout: GoLayout, offset: number, line: number): void {
  if (layout.lineStartCount === layout.lineStarts.length) {
    const starts = new Int32Array(layout.lineStarts.length * 2);
    starts.set(layout.lineStarts);
    layout.lineStarts = starts;
    const numbers = new Int32Array(layout.lineNumbers.length * 2);
    numbers.set(layout.lineNumbers);
    layout.lineNumbers = numbers;
  }
  layout.lineStarts[layout.lineStartCount] = offset;
  layout.lineNumbers[layout.lineStartCount] = line;
  layout.lineStartCount++;
}

