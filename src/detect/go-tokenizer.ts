/**
 * A hand-written tokenizer for Go source, enough to tell code from strings and comments and
 * to follow Go's automatic semicolon insertion, which is what the Go detector needs to tell a
 * send statement (`ch <- v`) from a receive (`<-ch`) from a channel type (`<-chan T`).
 *
 * It works on UTF-16 char codes with no per-character regular expression and no allocation
 * per token: the scanner is a cursor whose fields describe the last token. It never throws
 * and always makes progress, whatever the input (binary, NUL bytes, unterminated literals).
 */

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

/**
 * Classifies the identifier `text[start, start+len)`: a keyword kind, or `Ident`.
 * Compares in place (`startsWith` at an offset) so that no substring is made.
 */
function classifyWord(text: string, start: number, len: number): GoToken {
  if (len < 2 || len > 11) return GoToken.Ident;
  switch (text.charCodeAt(start)) {
    case 98: // b
      return len === 5 && text.startsWith('break', start) ? GoToken.KeywordSemi : GoToken.Ident;
    case 99: // c
      if (len === 4) {
        if (text.startsWith('chan', start)) return GoToken.Chan;
        if (text.startsWith('case', start)) return GoToken.Keyword;
      } else if (len === 5) {
        if (text.startsWith('const', start)) return GoToken.Keyword;
      } else if (len === 8 && text.startsWith('continue', start)) {
        return GoToken.KeywordSemi;
      }
      return GoToken.Ident;
    case 100: // d
      if (len === 7 && text.startsWith('default', start)) return GoToken.Keyword;
      if (len === 5 && text.startsWith('defer', start)) return GoToken.Keyword;
      return GoToken.Ident;
    case 101: // e
      return len === 4 && text.startsWith('else', start) ? GoToken.Keyword : GoToken.Ident;
    case 102: // f
      if (len === 4 && text.startsWith('func', start)) return GoToken.Func;
      if (len === 3 && text.startsWith('for', start)) return GoToken.Keyword;
      if (len === 11 && text.startsWith('fallthrough', start)) return GoToken.KeywordSemi;
      return GoToken.Ident;
    case 103: // g
      if (len === 2 && text.charCodeAt(start + 1) === 111) return GoToken.Go;
      if (len === 4 && text.startsWith('goto', start)) return GoToken.Keyword;
      return GoToken.Ident;
    case 105: // i
      if (len === 2 && text.charCodeAt(start + 1) === 102) return GoToken.Keyword; // if
      if (len === 6 && text.startsWith('import', start)) return GoToken.Keyword;
      if (len === 9 && text.startsWith('interface', start)) return GoToken.Interface;
      return GoToken.Ident;
    case 109: // m
      return len === 3 && text.startsWith('map', start) ? GoToken.Map : GoToken.Ident;
    case 112: // p
      return len === 7 && text.startsWith('package', start) ? GoToken.Package : GoToken.Ident;
    case 114: // r
      if (len === 6 && text.startsWith('return', start)) return GoToken.KeywordSemi;
      if (len === 5 && text.startsWith('range', start)) return GoToken.Keyword;
      return GoToken.Ident;
    case 115: // s
      if (len !== 6) return GoToken.Ident;
      if (text.startsWith('struct', start)) return GoToken.Struct;
      if (text.startsWith('select', start) || text.startsWith('switch', start)) return GoToken.Keyword;
      return GoToken.Ident;
    case 116: // t
      return len === 4 && text.startsWith('type', start) ? GoToken.Keyword : GoToken.Ident;
    case 118: // v
      return len === 3 && text.startsWith('var', start) ? GoToken.Keyword : GoToken.Ident;
    default:
      return GoToken.Ident;
  }
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
  const n = text.length;
  i = text.indexOf('go');
  while (i !== -1) {
    if (i + 2 >= n || !isGoIdentPart(text.charCodeAt(i + 2))) {
      let j = i - 1;
      let c = -1;
      while (j >= 0) {
        c = text.charCodeAt(j);
        if (c !== 32 && c !== 9 && c !== 13) break;
        j--;
      }
      const startsStatement =
        j < 0 || c === 10 || c === 59 || c === 123 || c === 58 || c === 47 || (j === 0 && c === 0xfeff);
      if (startsStatement && !goProbe.inComment(i)) return true;
    }
    i = text.indexOf('go', i + 1);
  }
  return false;
}
