import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);

// src/utf8.ts
function decodeText(buf) {
  const text = buf.toString("utf8");
  return text.charCodeAt(0) === 65279 ? text.slice(1) : text;
}

// src/detect/evidence.ts
var ACCEPT_MARKER = "architecture-review";
var ACCEPT_RE = /architecture-review\s*:\s*accept\s+([A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*)(.*)$/;
function readAcceptance(body, line) {
  if (body.indexOf(ACCEPT_MARKER) === -1) return null;
  const m = ACCEPT_RE.exec(body);
  if (!m) return null;
  let reason = (m[2] ?? "").trim();
  if (reason.startsWith("--")) reason = reason.slice(2).trim();
  return { line, rule: ownCopy(m[1] ?? ""), reason: ownCopy(reason) };
}
function toEvidence(line) {
  const trimmed = line.trim();
  if (trimmed.length <= 200) return ownCopy(trimmed);
  const last = trimmed.charCodeAt(199);
  return ownCopy(trimmed.slice(0, last >= 55296 && last <= 56319 ? 199 : 200));
}
function ownCopy(s) {
  return s.length < 13 ? s : (" " + s).slice(1);
}

// src/detect/regions.ts
function pushRegion(list, kind, start, end) {
  if (list.regionCount === list.regionKinds.length) {
    const size = list.regionKinds.length * 2;
    const kinds = new Uint8Array(size);
    kinds.set(list.regionKinds);
    const starts = new Int32Array(size);
    starts.set(list.regionStarts);
    const ends = new Int32Array(size);
    ends.set(list.regionEnds);
    list.regionKinds = kinds;
    list.regionStarts = starts;
    list.regionEnds = ends;
  }
  list.regionKinds[list.regionCount] = kind;
  list.regionStarts[list.regionCount] = start;
  list.regionEnds[list.regionCount] = end;
  list.regionCount++;
}
function lastAtOrBefore(values, count, offset) {
  let lo = 0;
  let hi = count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = lo + hi >> 1;
    if (values[mid] <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

// src/detect/python-tokenizer.ts
var TokenKind = {
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
  Error: 8
};
function createTokenBuffer(capacity = 1024) {
  const size = Math.max(16, capacity | 0);
  return {
    count: 0,
    kinds: new Uint8Array(size),
    starts: new Int32Array(size),
    ends: new Int32Array(size),
    commentCount: 0,
    commentStarts: new Int32Array(64),
    commentEnds: new Int32Array(64),
    end: 0
  };
}
var NAME = TokenKind.Name;
var NUMBER = TokenKind.Number;
var STRING = TokenKind.String;
var OP = TokenKind.Op;
var NEWLINE = TokenKind.Newline;
var FSTRING_START = TokenKind.FStringStart;
var FSTRING_END = TokenKind.FStringEnd;
var ERROR = TokenKind.Error;
var BOM = 65279;
var TAB = 9;
var LF = 10;
var FF = 12;
var CR = 13;
var SPACE = 32;
var BANG = 33;
var DQUOTE = 34;
var HASH = 35;
var SQUOTE = 39;
var LPAREN = 40;
var RPAREN = 41;
var DOT = 46;
var COLON = 58;
var EQUALS = 61;
var LBRACKET = 91;
var BACKSLASH = 92;
var RBRACKET = 93;
var LBRACE = 123;
var RBRACE = 125;
var UPPER_N = 78;
var IDENT = new Uint8Array(65536).fill(1, 128);
IDENT[BOM] = 0;
for (let c = 0; c < 128; c++) {
  if (c >= 65 && c <= 90 || c >= 97 && c <= 122 || c === 95) IDENT[c] = 1;
  else if (c >= 48 && c <= 57) IDENT[c] = 2;
}
var CODE_STATE = new Uint8Array(128);
for (const ch of "()[]{}\r\n\\") CODE_STATE[ch.charCodeAt(0)] = 1;
var OPERATOR = new Uint8Array(128);
for (const ch of "+-*/%&|^~<>=!.,:;@()[]{}") OPERATOR[ch.charCodeAt(0)] = 1;
function isDigit(c) {
  return c >= 48 && c <= 57;
}
function isHexDigitOrUnderscore(c) {
  return c >= 48 && c <= 57 || c >= 65 && c <= 70 || c >= 97 && c <= 102 || c === 95;
}
var FRAME_LITERAL = 0;
var FRAME_FIELD = 1;
var FRAME_SPEC = 2;
var PREFIX_RAW = 1;
var PREFIX_FORMAT = 2;
function stringPrefix(text, start, end) {
  let flags = 0;
  let bytes = false;
  let unicode = false;
  for (let p = start; p < end; p++) {
    const c = text.charCodeAt(p) | 32;
    if (c === 114) {
      if (flags & PREFIX_RAW) return -1;
      flags |= PREFIX_RAW;
    } else if (c === 102 || c === 116) {
      if (flags & PREFIX_FORMAT || bytes) return -1;
      flags |= PREFIX_FORMAT;
    } else if (c === 98) {
      if (bytes || flags & PREFIX_FORMAT) return -1;
      bytes = true;
    } else if (c === 117) {
      if (end - start !== 1) return -1;
      unicode = true;
    } else return -1;
  }
  return unicode && flags !== 0 ? -1 : flags;
}
function scanSingleQuoted(text, p, quote) {
  const n = text.length;
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c === quote) return p + 1;
    if (c === BACKSLASH) {
      p += text.charCodeAt(p + 1) === CR && text.charCodeAt(p + 2) === LF ? 3 : 2;
      continue;
    }
    if (c === LF || c === CR) return p;
    p++;
  }
  return n;
}
function scanTripleQuoted(text, p, quoteChar) {
  const n = text.length;
  const quote = quoteChar.charCodeAt(0);
  const bodyStart = p;
  for (; ; ) {
    const q = text.indexOf(quoteChar, p);
    if (q < 0) return n;
    let b = q - 1;
    while (b >= bodyStart && text.charCodeAt(b) === BACKSLASH) b--;
    if ((q - 1 - b & 1) === 1) {
      p = q + 1;
      continue;
    }
    if (text.charCodeAt(q + 1) === quote && text.charCodeAt(q + 2) === quote) return q + 3;
    p = q + 1;
  }
}
function operatorLength(text, p, c) {
  const c2 = text.charCodeAt(p + 1);
  switch (c) {
    case DOT:
      return c2 === DOT && text.charCodeAt(p + 2) === DOT ? 3 : 1;
    case 42:
    case 47:
    case 60:
    case 62:
      if (c2 === c) return text.charCodeAt(p + 2) === EQUALS ? 3 : 2;
      if (c2 === EQUALS) return 2;
      if (c === 60 && c2 === 62) return 2;
      return 1;
    case 45:
      return c2 === EQUALS || c2 === 62 ? 2 : 1;
    case EQUALS:
    case BANG:
    case COLON:
    case 43:
    case 37:
    case 38:
    case 124:
    case 94:
    case 64:
      return c2 === EQUALS ? 2 : 1;
    default:
      return 1;
  }
}
function tokenizePython(text, into, options = {}) {
  const out = into ?? createTokenBuffer(Math.min(1 << 20, (text.length >> 2) + 16));
  let start = options.from;
  if (start === void 0) {
    start = text.length > 0 && text.charCodeAt(0) === BOM ? 1 : 0;
    out.count = 0;
    out.commentCount = 0;
  }
  out.end = tokenize(text, out, start, false, options.stopAfter ?? text.length + 1);
  return out;
}
function fStringEnd(text, start, scratch, hasCR) {
  scratch.count = 0;
  scratch.commentCount = 0;
  return tokenize(text, scratch, start, true, text.length + 1, hasCR);
}
var REGION_STRING = 1;
var REGION_COMMENT = 2;
var REGION_FSTRING = 3;
function scanPythonLayout(text, limit) {
  const n = text.length;
  let pos = n > 0 && text.charCodeAt(0) === BOM ? 1 : 0;
  const layout = {
    regionCount: 0,
    regionKinds: new Uint8Array(64),
    regionStarts: new Int32Array(64),
    regionEnds: new Int32Array(64),
    scannedTo: n,
    lineStartCount: 1,
    lineStarts: new Int32Array(256).fill(pos, 0, 1),
    linesTo: pos,
    depth: 0,
    nextRegion: 0
  };
  const hasCR = hasCarriageReturn(text);
  let scratch = null;
  let nextHash = -1;
  let nextSingle = -1;
  let nextDouble = -1;
  for (; ; ) {
    if (nextHash < pos) nextHash = indexOrEnd(text, "#", pos);
    if (nextSingle < pos) nextSingle = indexOrEnd(text, "'", pos);
    if (nextDouble < pos) nextDouble = indexOrEnd(text, '"', pos);
    const at = Math.min(nextHash, nextSingle, nextDouble);
    if (at >= n) break;
    if (at >= limit) {
      layout.scannedTo = at;
      break;
    }
    let start = at;
    let end;
    let kind;
    if (at === nextHash) {
      kind = REGION_COMMENT;
      end = hasCR ? lineEnd(text, at + 1) : indexOrEnd(text, "\n", at + 1);
    } else {
      while (start > pos && IDENT[text.charCodeAt(start - 1)] !== 0) start--;
      let prefix = 0;
      for (let p = start; p < at; p++) {
        if (IDENT[text.charCodeAt(p)] === 2) {
          layout.scannedTo = start;
          return layout;
        }
      }
      if (at - start <= 2 && at > start) prefix = stringPrefix(text, start, at);
      if (prefix < 0 || at - start > 2) {
        prefix = 0;
        start = at;
      }
      if (prefix & PREFIX_FORMAT) {
        kind = REGION_FSTRING;
        end = fStringEnd(text, start, scratch ??= createTokenBuffer(256), hasCR);
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
function lineStartBefore(text, layout, offset) {
  const target = Math.min(offset, layout.scannedTo);
  while (layout.linesTo < target) {
    const r = layout.nextRegion;
    const regionStart = r < layout.regionCount ? layout.regionStarts[r] : layout.scannedTo;
    if (layout.linesTo < regionStart) {
      scanCode(text, Math.min(regionStart, target), layout);
    } else {
      layout.linesTo = Math.max(layout.linesTo, layout.regionEnds[r]);
      layout.nextRegion = r + 1;
    }
  }
  return layout.lineStarts[Math.max(0, lastAtOrBefore(layout.lineStarts, layout.lineStartCount, offset))];
}
function scanCode(text, to, layout) {
  let depth = layout.depth;
  let p = layout.linesTo;
  while (p < to) {
    const c = text.charCodeAt(p);
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
function pushLineStart(layout, offset) {
  if (layout.lineStartCount === layout.lineStarts.length) {
    const grown = new Int32Array(layout.lineStarts.length * 2);
    grown.set(layout.lineStarts);
    layout.lineStarts = grown;
  }
  layout.lineStarts[layout.lineStartCount++] = offset;
}
var crText = "";
var crFound = false;
function hasCarriageReturn(text) {
  if (text !== crText) {
    crText = text;
    crFound = text.indexOf("\r") >= 0;
  }
  return crFound;
}
function indexOrEnd(text, ch, from) {
  const i = text.indexOf(ch, from);
  return i < 0 ? text.length : i;
}
function lineEnd(text, from) {
  const n = text.length;
  let p = from;
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c === LF || c === CR) break;
    p++;
  }
  return p;
}
function tokenize(text, out, start, oneFString, stopAfter, hasCR = hasCarriageReturn(text)) {
  let kinds = out.kinds;
  let starts = out.starts;
  let ends = out.ends;
  let cap = kinds.length;
  let count = out.count;
  let commentStarts = out.commentStarts;
  let commentEnds = out.commentEnds;
  let commentCount = out.commentCount;
  const n = text.length;
  let pos = start;
  let stoppedAt = n;
  let depth = 0;
  let lineHasTokens = false;
  const frameKind = [];
  const frameQuote = [];
  const frameTriple = [];
  const frameRaw = [];
  const frameDepth = [];
  let sp = 0;
  while (pos < n) {
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
      const top = sp - 1;
      const quote = frameQuote[top];
      const triple = frameTriple[top];
      const raw = frameRaw[top];
      const spec = frameKind[top] === FRAME_SPEC;
      let p = pos;
      let closeLength = -1;
      for (; ; ) {
        if (p >= n) break;
        const c2 = text.charCodeAt(p);
        if (c2 === quote) {
          if (!triple) {
            closeLength = 1;
            break;
          }
          if (text.charCodeAt(p + 1) === quote && text.charCodeAt(p + 2) === quote) {
            closeLength = 3;
            break;
          }
          p++;
        } else if (c2 === BACKSLASH) {
          const next = text.charCodeAt(p + 1);
          if (next === LBRACE || next === RBRACE) {
            p++;
          } else if (!raw && next === UPPER_N && text.charCodeAt(p + 2) === LBRACE) {
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
        } else if (c2 === LBRACE) {
          if (!spec && text.charCodeAt(p + 1) === LBRACE) {
            p += 2;
          } else {
            frameKind[sp] = FRAME_FIELD;
            frameQuote[sp] = quote;
            frameTriple[sp] = triple;
            frameRaw[sp] = raw;
            frameDepth[sp] = 0;
            sp++;
            p++;
            break;
          }
        } else if (c2 === RBRACE) {
          if (spec) {
            sp--;
            p++;
            break;
          }
          p += text.charCodeAt(p + 1) === RBRACE ? 2 : 1;
        } else if ((c2 === LF || c2 === CR) && !triple) {
          closeLength = 0;
          break;
        } else {
          p++;
        }
      }
      if (p >= n && closeLength < 0) break;
      if (closeLength >= 0) {
        kinds[count] = FSTRING_END;
        starts[count] = p;
        ends[count] = p + closeLength;
        count++;
        lineHasTokens = true;
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
      let e;
      if (hasCR) {
        e = pos + 1;
        while (e < n) {
          const d = text.charCodeAt(e);
          if (d === LF || d === CR) break;
          e++;
        }
      } else {
        e = text.indexOf("\n", pos + 1);
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
      const end = triple ? scanTripleQuoted(text, body, quote === DQUOTE ? '"' : "'") : scanSingleQuoted(text, body, quote);
      kinds[count] = STRING;
      starts[count] = pos;
      ends[count] = end;
      count++;
      pos = end;
      continue;
    }
    if (isDigit(c) || c === DOT && isDigit(text.charCodeAt(pos + 1))) {
      let e = pos;
      const c2 = text.charCodeAt(pos + 1) | 32;
      if (c === 48 && (c2 === 120 || c2 === 111 || c2 === 98)) {
        e += 2;
        while (e < n && isHexDigitOrUnderscore(text.charCodeAt(e))) e++;
      } else {
        while (e < n && (isDigit(text.charCodeAt(e)) || text.charCodeAt(e) === 95)) e++;
        if (text.charCodeAt(e) === DOT) {
          e++;
          while (e < n && (isDigit(text.charCodeAt(e)) || text.charCodeAt(e) === 95)) e++;
        }
        if ((text.charCodeAt(e) | 32) === 101) {
          let f = e + 1;
          const sign = text.charCodeAt(f);
          if (sign === 43 || sign === 45) f++;
          if (isDigit(text.charCodeAt(f))) {
            e = f;
            while (e < n && (isDigit(text.charCodeAt(e)) || text.charCodeAt(e) === 95)) e++;
          }
        }
        if ((text.charCodeAt(e) | 32) === 106) e++;
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
        pos++;
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
      const top = sp - 1;
      if (frameDepth[top] === 0) {
        if (c === RBRACE) {
          sp--;
          pos++;
          continue;
        }
        if (c === COLON) {
          frameKind[top] = FRAME_SPEC;
          pos++;
          continue;
        }
        if (c === BANG && text.charCodeAt(pos + 1) !== EQUALS) {
          pos++;
          while (pos < n && IDENT[text.charCodeAt(pos)] !== 0) pos++;
          continue;
        }
      }
    }
    if (c < 128 && OPERATOR[c] === 1) {
      if (c === LPAREN || c === LBRACKET || c === LBRACE) {
        if (sp > 0) frameDepth[sp - 1]++;
        else depth++;
      } else if (c === RPAREN || c === RBRACKET || c === RBRACE) {
        if (sp > 0) {
          if (frameDepth[sp - 1] > 0) frameDepth[sp - 1]--;
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
    kinds[count] = ERROR;
    starts[count] = pos;
    ends[count] = pos + 1;
    count++;
    lineHasTokens = true;
    pos++;
  }
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

// src/detect/python.ts
var WATCHED_MODULES = /* @__PURE__ */ new Set([
  "threading",
  "_thread",
  // Python 2's name of `_thread`, still in the stack's older code and its ports.
  "thread",
  "concurrent",
  "multiprocessing",
  "asyncio",
  "trio",
  "anyio",
  "curio",
  "uvloop",
  "aiohttp",
  "tornado",
  "twisted",
  "gevent",
  "greenlet",
  "eventlet",
  "numba",
  "cython",
  // pygolang: `go`, channels and `sync.WorkGroup`, the stack's own way to start threads.
  "golang"
]);
var NON_ASCII = /[^\u0000-\u007f]/;
var NON_ASCII_RUN = /[^\u0000-\u007f]+/g;
var ASCII_WORD = /[A-Za-z0-9_]/;
var GAP = String.raw`[ \t\f]*(?:\\(?:\r\n?|\n)[ \t\f]*)*`;
var SIGNAL_TEXT = new RegExp(
  String.raw`\b(?:async|await)\b|architecture-review|(?:import|from)(?:[ \t\f\w.,\u0080-\uffff]|\\(?:\r\n?|\n))*?\b(?:` + [...WATCHED_MODULES].join("|") + String.raw`)(?![A-Za-z0-9_])`
);
var OS_IMPORT = new RegExp(String.raw`(?:import|from|,)${GAP}os(?![A-Za-z0-9_])`);
function mayContainPythonSignals(text) {
  if (containsSignalText(text)) return true;
  return mayNormalizeToAscii(text) && containsSignalText(text.normalize("NFKC"));
}
function mayNormalizeToAscii(text) {
  if (isAsciiText(text)) return false;
  NON_ASCII_RUN.lastIndex = 0;
  for (let run = NON_ASCII_RUN.exec(text); run; run = NON_ASCII_RUN.exec(text)) {
    if (ASCII_WORD.test(run[0].normalize("NFKC"))) return true;
  }
  return false;
}
function isAsciiText(text) {
  return Buffer.byteLength(text, "utf8") === text.length;
}
function containsSignalText(text) {
  return SIGNAL_TEXT.test(text) || text.includes("fork") && OS_IMPORT.test(text);
}
var IMPORT_RULES = [
  { prefix: "concurrent.futures.ThreadPoolExecutor", signal: "threads", module: "concurrent.futures" },
  { prefix: "concurrent.futures.thread", signal: "threads", module: "concurrent.futures.thread" },
  { prefix: "concurrent.futures.ProcessPoolExecutor", signal: "multiprocessing", module: "concurrent.futures" },
  { prefix: "concurrent.futures.process", signal: "multiprocessing", module: "concurrent.futures.process" },
  // `import concurrent.futures` alone says nothing: the executor used says which.
  { prefix: "concurrent", signal: null },
  { prefix: "multiprocessing.dummy", signal: "threads", module: "multiprocessing.dummy" },
  { prefix: "multiprocessing.pool.ThreadPool", signal: "threads", module: "multiprocessing.pool" },
  { prefix: "multiprocessing", signal: "multiprocessing" },
  { prefix: "threading", signal: "threads" },
  { prefix: "_thread", signal: "threads" },
  { prefix: "os.fork", signal: "multiprocessing", module: "os" },
  { prefix: "os.forkpty", signal: "multiprocessing", module: "os" },
  // aiohttp's server lives in aiohttp.web and the aiohttp.web_* modules behind it.
  { prefix: "aiohttp.web", loose: true, signal: "asyncio", module: "aiohttp.web", tag: "async-server" },
  { prefix: "asyncio", signal: "asyncio" },
  { prefix: "trio", signal: "asyncio" },
  { prefix: "anyio", signal: "asyncio" },
  { prefix: "curio", signal: "asyncio" },
  { prefix: "uvloop", signal: "asyncio" },
  { prefix: "aiohttp", signal: "asyncio" },
  { prefix: "tornado", signal: "asyncio" },
  { prefix: "twisted", signal: "asyncio" },
  { prefix: "gevent.pywsgi", signal: "greenlets", module: "gevent.pywsgi", tag: "async-server" },
  { prefix: "eventlet.wsgi", signal: "greenlets", module: "eventlet.wsgi", tag: "async-server" },
  { prefix: "gevent", signal: "greenlets" },
  { prefix: "greenlet", signal: "greenlets" },
  { prefix: "eventlet", signal: "greenlets" },
  { prefix: "numba", signal: "numba" },
  { prefix: "cython.parallel", signal: "cython-parallel", module: "cython.parallel" },
  // pygolang: `go`, `chan` and `sync` start and connect threads; the rest (`func`, `defer`,
  // `b`, `u`) is plain Python.
  { prefix: "golang.go", signal: "threads", module: "golang" },
  { prefix: "golang.chan", signal: "threads", module: "golang" },
  { prefix: "golang.sync", signal: "threads", module: "golang" },
  { prefix: "golang", signal: null },
  // A `.pyx` is a `cython` signal by itself; `import cython` in a `.py` is pure-Python mode.
  { prefix: "cython", signal: null }
];
function matchesPrefix(name, prefix, loose = false) {
  if (!name.startsWith(prefix)) return false;
  return loose || name.length === prefix.length || name.charCodeAt(prefix.length) === 46;
}
function importRuleFor(qualified) {
  for (const rule of IMPORT_RULES) if (matchesPrefix(qualified, rule.prefix, rule.loose)) return rule;
  return void 0;
}
var THREAD_USES = [
  "threading.Thread",
  "threading.Timer",
  "concurrent.futures.ThreadPoolExecutor",
  "concurrent.futures.thread.ThreadPoolExecutor",
  "multiprocessing.dummy.Pool",
  "multiprocessing.dummy.Process",
  "multiprocessing.pool.ThreadPool"
];
var THREAD_CALLS = ["_thread.start_new_thread", "_thread.start_new", "_thread.start_joinable_thread"];
var PROCESS_USES = [
  "multiprocessing.Process",
  "multiprocessing.Pool",
  "multiprocessing.pool.Pool",
  "multiprocessing.context.Process",
  "concurrent.futures.ProcessPoolExecutor",
  "concurrent.futures.process.ProcessPoolExecutor"
];
var PROCESS_CALLS = ["multiprocessing.get_context", "multiprocessing.Manager", "os.fork", "os.forkpty"];
var ASYNC_CALLS = [
  "asyncio.run",
  "asyncio.Runner",
  "asyncio.get_event_loop",
  "asyncio.new_event_loop",
  "asyncio.get_running_loop",
  "asyncio.ensure_future",
  "asyncio.create_task",
  "asyncio.gather",
  "asyncio.wait",
  "asyncio.TaskGroup",
  "asyncio.start_server",
  "asyncio.start_unix_server",
  "asyncio.open_connection",
  "asyncio.run_coroutine_threadsafe",
  "trio.run",
  "trio.open_nursery",
  "anyio.run",
  "anyio.create_task_group",
  "curio.run",
  "uvloop.install",
  "uvloop.run",
  "uvloop.new_event_loop",
  "uvloop.EventLoopPolicy",
  "twisted.internet.reactor.run",
  "twisted.internet.reactor.listenTCP",
  "twisted.internet.reactor.connectTCP",
  "twisted.internet.task.react",
  "aiohttp.ClientSession"
];
var ASYNC_BASES = [
  "asyncio.Protocol",
  "asyncio.DatagramProtocol",
  "asyncio.BufferedProtocol",
  "asyncio.SubprocessProtocol",
  "twisted.internet.protocol.Protocol",
  "twisted.internet.protocol.Factory"
];
var ASYNC_DECORATORS = ["asyncio.coroutine", "twisted.internet.defer.inlineCallbacks", "tornado.gen.coroutine"];
var ASYNC_SERVER_USES = [
  "aiohttp.web.Application",
  "aiohttp.web.run_app",
  "aiohttp.web.AppRunner",
  "tornado.web.Application",
  "tornado.web.RequestHandler",
  "tornado.httpserver.HTTPServer",
  "twisted.web.server.Site"
];
var GREENLET_USES = ["gevent.Greenlet", "gevent.greenlet.Greenlet", "gevent.pool.Pool", "gevent.pool.Group", "greenlet.greenlet"];
var GREENLET_CALLS = [
  "gevent.spawn",
  "gevent.spawn_later",
  "gevent.spawn_raw",
  "gevent.joinall",
  "eventlet.spawn",
  "eventlet.spawn_n",
  "eventlet.spawn_after",
  "eventlet.GreenPool",
  "eventlet.greenpool.GreenPool",
  "eventlet.monkey_patch",
  "eventlet.patcher.monkey_patch"
];
var GREEN_SERVER_USES = ["gevent.pywsgi.WSGIServer", "gevent.server.StreamServer", "eventlet.wsgi.server"];
function uses(names, signal, via, extra = {}) {
  return names.map((name) => ({ name, signal, via, role: "use", ...extra }));
}
var USE_RULES = [
  ...uses(THREAD_USES, "threads", "call-or-base"),
  ...uses(THREAD_CALLS, "threads", "call"),
  ...uses(["golang.go", "golang.sync.WorkGroup"], "threads", "call", { pygolang: true }),
  ...uses(PROCESS_USES, "multiprocessing", "call-or-base"),
  ...uses(PROCESS_CALLS, "multiprocessing", "call"),
  ...uses(ASYNC_SERVER_USES, "asyncio", "call-or-base", { tag: "async-server" }),
  ...uses(ASYNC_CALLS, "asyncio", "call"),
  ...uses(ASYNC_BASES, "asyncio", "call-or-base"),
  ...uses(ASYNC_DECORATORS, "asyncio", "decorator-or-call"),
  { name: "tornado.ioloop.IOLoop", prefix: true, signal: "asyncio", via: "call", role: "use" },
  ...uses(GREEN_SERVER_USES, "greenlets", "call-or-base", { tag: "async-server" }),
  ...uses(GREENLET_USES, "greenlets", "call-or-base"),
  ...uses(GREENLET_CALLS, "greenlets", "call"),
  { name: "gevent.monkey.patch_", loose: true, signal: "greenlets", via: "call", role: "use" },
  ...uses(["numba.jit", "numba.njit", "numba.vectorize", "numba.guvectorize"], "numba", "decorator-or-call"),
  ...uses(["cython.parallel.prange", "cython.parallel.parallel"], "cython-parallel", "call"),
  // `with cython.nogil:` releases the GIL (a use); `@cython.nogil` only allows it (a mention).
  { name: "cython.nogil", signal: "cython-nogil", via: "with-or-decorator", role: "use" },
  // Named, not used: an executor class passed around, a module's attribute read.
  { name: "concurrent.futures.ThreadPoolExecutor", prefix: true, signal: "threads", via: "attribute", role: "mention" },
  { name: "concurrent.futures.thread", prefix: true, signal: "threads", via: "attribute", role: "mention" },
  { name: "concurrent.futures.ProcessPoolExecutor", prefix: true, signal: "multiprocessing", via: "attribute", role: "mention" },
  { name: "concurrent.futures.process", prefix: true, signal: "multiprocessing", via: "attribute", role: "mention" },
  { name: "multiprocessing.dummy", prefix: true, signal: "threads", via: "attribute", role: "mention" },
  { name: "multiprocessing.pool.ThreadPool", prefix: true, signal: "threads", via: "attribute", role: "mention" }
];
var SIX_THREAD = "six.moves._thread";
var BINDING_TOPS = new Set(USE_RULES.map((rule) => topLevel(canonicalModule(rule.name))));
function canonicalModule(module) {
  if (module === "thread" || module.startsWith("thread.")) return "_" + module;
  if (module === SIX_THREAD || module.startsWith(`${SIX_THREAD}.`)) return module.slice("six.moves.".length);
  return module;
}
var GROUP_AFTER_KEYWORDS = /* @__PURE__ */ new Set([
  "and",
  "as",
  "assert",
  "async",
  "await",
  "del",
  "elif",
  "else",
  "except",
  "for",
  "from",
  "global",
  "if",
  "import",
  "in",
  "is",
  "lambda",
  "nonlocal",
  "not",
  "or",
  "raise",
  "return",
  "while",
  "with",
  "yield"
]);
var NOT_BEFORE_QUALIFIER = /* @__PURE__ */ new Set([
  "and",
  "as",
  "assert",
  "await",
  "class",
  "def",
  "del",
  "elif",
  "else",
  "for",
  "from",
  "global",
  "if",
  "import",
  "in",
  "is",
  "lambda",
  "nonlocal",
  "not",
  "or",
  "pass",
  "print",
  "raise",
  "return",
  "while",
  "with",
  "yield"
]);
function isTrueLiteral(value) {
  return value === "True" || value !== void 0 && /^[1-9][0-9_]*$/.test(value);
}
var QUALIFIER_STATEMENTS = /* @__PURE__ */ new Set(["cdef", "cpdef", "ctypedef"]);
var FLAG_DECORATOR = 1;
var FLAG_WITH_ITEM = 2;
var FLAG_IN_IMPORT = 4;
var FLAG_CLASS_BASE = 8;
var NAME2 = TokenKind.Name;
var NUMBER2 = TokenKind.Number;
var STRING2 = TokenKind.String;
var OP2 = TokenKind.Op;
var NEWLINE2 = TokenKind.Newline;
var FSTRING_START2 = TokenKind.FStringStart;
var FSTRING_END2 = TokenKind.FStringEnd;
var ERROR2 = TokenKind.Error;
var sharedTokens = null;
var sharedFlags = new Uint8Array(1024);
var KEEP_BUFFER_LIMIT = 1 << 21;
var SourceLines = class {
  constructor(text) {
    this.text = text;
  }
  text;
  lineStarts = null;
  /** 1-based line of an offset. Lines end at `\n`, `\r\n` or a lone `\r`, as in CPython. */
  lineOf(offset) {
    const starts = this.starts();
    return Math.max(0, lastAtOrBefore(starts, starts.length, offset)) + 1;
  }
  /** Like `lineOf`, without indexing the whole text: for offsets near its start. */
  lineOfNear(offset) {
    if (this.lineStarts) return this.lineOf(offset);
    const text = this.text;
    let line = 1;
    for (let p = 0; p < offset; p++) {
      const c = text.charCodeAt(p);
      if (c === 10 || c === 13 && text.charCodeAt(p + 1) !== 10) line++;
    }
    return line;
  }
  /** The line, trimmed and cut to 200 characters (never in the middle of a surrogate pair). */
  evidence(line) {
    const start = this.starts()[line - 1];
    return start === void 0 ? "" : this.evidenceAt(start);
  }
  /** The line that holds an offset, as evidence. */
  evidenceAt(offset) {
    const text = this.text;
    let start = offset;
    while (start > 0) {
      const c = text.charCodeAt(start - 1);
      if (c === 10 || c === 13) break;
      start--;
    }
    let end = offset;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === 10 || c === 13) break;
      end++;
    }
    return toEvidence(text.slice(start, end));
  }
  starts() {
    if (this.lineStarts) return this.lineStarts;
    const text = this.text;
    const starts = [0];
    if (text.indexOf("\r") < 0) {
      let p = text.indexOf("\n");
      while (p >= 0) {
        starts.push(p + 1);
        p = text.indexOf("\n", p + 1);
      }
    } else {
      for (let p = 0; p < text.length; p++) {
        const c = text.charCodeAt(p);
        if (c === 10) starts.push(p + 1);
        else if (c === 13) {
          if (text.charCodeAt(p + 1) === 10) p++;
          starts.push(p + 1);
        }
      }
    }
    this.lineStarts = starts;
    return starts;
  }
};
var SignalSet = class {
  constructor(lines) {
    this.lines = lines;
  }
  lines;
  byKey = /* @__PURE__ */ new Map();
  add(signal, line, extra = {}) {
    const key = `${signal}\0${line}\0${extra.construct ?? ""}`;
    const found = this.byKey.get(key);
    if (found) {
      for (const tag of extra.tags ?? []) {
        found.tags ??= [];
        if (!found.tags.includes(tag)) found.tags.push(tag);
      }
      return;
    }
    const detected = { signal, line, evidence: this.lines.evidence(line) };
    if (extra.tags && extra.tags.length > 0) detected.tags = [...extra.tags];
    if (extra.module !== void 0) detected.module = ownCopy(extra.module);
    if (extra.construct !== void 0) detected.construct = extra.construct;
    if (extra.idiom !== void 0) detected.idiom = extra.idiom;
    this.byKey.set(key, detected);
  }
  list() {
    return [...this.byKey.values()].sort((a, b) => a.line - b.line);
  }
};
function analysePython(text, options = {}) {
  const tokens = tokenizePython(text, takeTokenBuffer());
  try {
    return analyseTokens(text, tokens, options.dialect === "cython");
  } finally {
    releaseBuffers();
  }
}
function analyseTokens(text, tokens, cython) {
  const analyser = new Analyser(text, tokens, cython);
  analyser.readStatements();
  if (analyser.prepareBindings()) analyser.resolveUses();
  return analyser.result();
}
function takeTokenBuffer() {
  return sharedTokens ?? (sharedTokens = createTokenBuffer(1 << 14));
}
function releaseBuffers() {
  if (sharedTokens && sharedTokens.kinds.length > KEEP_BUFFER_LIMIT) sharedTokens = null;
  if (sharedFlags.length > KEEP_BUFFER_LIMIT) sharedFlags = new Uint8Array(1024);
}
function detectPython(text) {
  if (!mayContainPythonSignals(text)) return { signals: [], acceptances: [] };
  const search = new SignalSearch(text);
  if (search.count === 0) return { signals: [], acceptances: [] };
  const buffer = takeTokenBuffer();
  try {
    let analyser = search.analyse(buffer);
    if (analyser.prepareBindings()) {
      if (analyser.bindsOs() && mayNormalizeToAscii(text)) return pickDetection(analysePython(text));
      const names = analyser.namesToFollow();
      if (names.length > 0) {
        if (!search.addUses(names)) return pickDetection(analysePython(text));
        analyser = search.analyse(buffer);
        analyser.prepareBindings();
      }
      analyser.resolveUses();
    }
    return pickDetection(analyser.result());
  } finally {
    releaseBuffers();
  }
}
function pickDetection(analysis) {
  return { signals: analysis.signals, acceptances: analysis.acceptances };
}
var SPAN_WORDS = /import|async|await|architecture-review|fork/g;
var IMPORTED = new RegExp(String.raw`\b(?:${[...WATCHED_MODULES].join("|")})(?![A-Za-z0-9_])`);
var IMPORTED_OR_OS = new RegExp(String.raw`\b(?:${[...WATCHED_MODULES, "os"].join("|")})(?![A-Za-z0-9_])`);
var runText = "";
var runStart = -1;
var runEnd = -1;
var runFound = false;
function namesWatchedModule(text, start, end, modules) {
  if (text === runText && start >= runStart && start < runEnd) return runFound;
  let from = start;
  for (; ; ) {
    const c = text.charCodeAt(from - 1);
    if (isRunChar(c)) from--;
    else if (c === 10 && text.charCodeAt(from - 2) === 92) from -= 2;
    else if (c === 10 && text.charCodeAt(from - 2) === 13 && text.charCodeAt(from - 3) === 92) from -= 3;
    else if (c === 13 && text.charCodeAt(from - 2) === 92) from -= 2;
    else break;
  }
  let to = end;
  for (; ; ) {
    const c = text.charCodeAt(to);
    if (isRunChar(c)) to++;
    else if (c === 92 && text.charCodeAt(to + 1) === 10) to += 2;
    else if (c === 92 && text.charCodeAt(to + 1) === 13) to += text.charCodeAt(to + 2) === 10 ? 3 : 2;
    else break;
  }
  runText = text;
  runStart = from;
  runEnd = to;
  const run = text.slice(from, to);
  runFound = modules.test(run) || NON_ASCII.test(run) && modules.test(run.normalize("NFKC"));
  return runFound;
}
function isRunChar(c) {
  return c === 32 || c === 9 || c === 12 || c === 46 || c === 44 || c === 95 || c >= 48 && c <= 57 || c >= 65 && c <= 90 || c >= 97 && c <= 122 || c >= 128;
}
var SignalSearch = class {
  constructor(text) {
    this.text = text;
    const starts = [];
    const ends = [];
    let modules = null;
    SPAN_WORDS.lastIndex = 0;
    for (let m = SPAN_WORDS.exec(text); m; m = SPAN_WORDS.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      const word = m[0];
      const keyword = word === "import" || word === "async" || word === "await";
      if (keyword && end < text.length && IDENT_CHAR.test(text.charAt(end))) continue;
      if (word === "import") {
        modules ??= text.includes("fork") || !isAsciiText(text) ? IMPORTED_OR_OS : IMPORTED;
        if (!namesWatchedModule(text, start, end, modules)) continue;
      }
      starts.push(start);
      ends.push(end);
    }
    if (starts.length === 0) return;
    const layout = this.layout = scanPythonLayout(text, ends[ends.length - 1]);
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i];
      const end = ends[i];
      const kind = regionKind(layout, start, end);
      if (kind === REGION_STRING || kind === REGION_COMMENT && end - start !== ACCEPT_MARKER.length) continue;
      this.starts.push(start);
      this.ends.push(end);
    }
  }
  text;
  starts = [];
  ends = [];
  layout = null;
  /** How many spans there are. */
  get count() {
    return this.starts.length;
  }
  /**
   * Adds a span for each use of `names` (bound by imports in the spans' lines) in code: every
   * place the name's letters are not followed by more of a name and not inside a string or
   * comment. False when that cannot be done: Python reads names after NFKC, so a name that is
   * not ASCII may be written other ways, and where NFKC can turn some characters into ASCII
   * letters, so may an ASCII one.
   */
  addUses(names) {
    const text = this.text;
    if (names.some((name) => NON_ASCII.test(name)) || mayNormalizeToAscii(text)) return false;
    if (!this.layout || this.layout.scannedTo < text.length) this.layout = scanPythonLayout(text, text.length);
    const spans = this.starts.map((start, i) => [start, this.ends[i]]);
    for (const name of names) {
      for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
        const end = at + name.length;
        if (end < text.length && IDENT_CHAR.test(text[end])) continue;
        const kind = regionKind(this.layout, at, end);
        if (kind === REGION_STRING || kind === REGION_COMMENT) continue;
        spans.push([at, end]);
      }
    }
    spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    this.starts = spans.map((span) => span[0]);
    this.ends = spans.map((span) => span[1]);
    return true;
  }
  /**
   * Tokenizes the logical lines that hold the spans, in order, each from the line start before
   * it to the end of the logical line of its last character, into `buffer`; and runs the first
   * pass over them.
   */
  analyse(buffer) {
    const { text, starts, ends } = this;
    const layout = this.layout;
    buffer.count = 0;
    buffer.commentCount = 0;
    let covered = 0;
    for (let i = 0; i < starts.length && covered < text.length; i++) {
      const last = ends[i] - 1;
      if (last < covered) continue;
      const from = Math.max(covered, lineStartBefore(text, layout, starts[i]));
      covered = tokenizePython(text, buffer, { from, stopAfter: last }).end;
    }
    const analyser = new Analyser(text, buffer, false);
    analyser.readStatements();
    return analyser;
  }
};
function regionKind(layout, start, end) {
  if (start >= layout.scannedTo) return 0;
  let lo = 0;
  let hi = layout.regionCount - 1;
  while (lo <= hi) {
    const mid = lo + hi >> 1;
    if (layout.regionStarts[mid] > start) hi = mid - 1;
    else if (layout.regionEnds[mid] <= start) lo = mid + 1;
    else return end <= layout.regionEnds[mid] ? layout.regionKinds[mid] : 0;
  }
  return 0;
}
var IDENT_CHAR = /[A-Za-z0-9_\u0080-\ufefe\uff00-\uffff]/;
var Analyser = class {
  constructor(text, tokens, cython) {
    this.text = text;
    this.tokens = tokens;
    this.cython = cython;
    this.kinds = tokens.kinds;
    this.starts = tokens.starts;
    this.ends = tokens.ends;
    this.count = tokens.count;
    if (sharedFlags.length < this.count + 1) sharedFlags = new Uint8Array(this.count * 2 + 16);
    this.flags = sharedFlags;
    this.flags.fill(0, 0, this.count + 1);
    this.lines = new SourceLines(text);
    this.signals = new SignalSet(this.lines);
  }
  text;
  tokens;
  cython;
  kinds;
  starts;
  ends;
  count;
  flags;
  /** Tokens before this one have been through the first pass. */
  read = 0;
  lines;
  signals;
  imports = [];
  asyncConstructs = [];
  uses = [];
  /** Names bound by imports of `BINDING_TOPS` modules. */
  bindings = /* @__PURE__ */ new Map();
  /** Modules star-imported from `BINDING_TOPS`. */
  starModules = [];
  /** Built on first use by `closingBrackets`. */
  closeOf = null;
  /** Cython: the token of the first `cdef`, `cpdef`, `ctypedef` or `cimport`, or -1. */
  firstCythonToken = -1;
  /** pygolang's `go(...)` and `sync.WorkGroup(...)`: threads, or greenlets under gevent. */
  pygolang = [];
  /** The file monkey-patches gevent in: pygolang then runs on greenlets. */
  patchesGevent = false;
  /** Whether some name is bound to `os` or to a name in it. */
  bindsOs() {
    for (const list of this.bindings.values()) {
      if (list.some(({ target }) => target === "os" || target.startsWith("os."))) return true;
    }
    return false;
  }
  /**
   * Names bound by imports whose uses may be anywhere; uses of `os` are left out: the ones
   * that matter say `fork` (see {@link SignalSearch}).
   */
  namesToFollow() {
    const names = [];
    for (const [name, list] of this.bindings) {
      if (list.some(({ target }) => target !== "os" && !target.startsWith("os."))) names.push(name);
    }
    return names;
  }
  result() {
    const counts = { "async def": 0, await: 0, "async for": 0, "async with": 0 };
    for (const occurrence of this.asyncConstructs) counts[occurrence.construct]++;
    const runtime = this.patchesGevent ? "greenlets" : "threads";
    for (const { line, name } of this.pygolang) {
      this.signals.add(runtime, line, {
        tags: USE_TAG,
        module: name,
        idiom: `pygolang's \`${name === "golang.go" ? "go" : "sync.WorkGroup"}\`${this.patchesGevent ? " on its gevent runtime" : ""}`
      });
    }
    const first = this.firstCythonToken;
    return {
      imports: this.imports,
      asyncConstructs: this.asyncConstructs,
      counts,
      uses: this.uses,
      signals: this.signals.list(),
      acceptances: this.readAcceptances(),
      firstCode: this.firstCode(),
      firstCython: first < 0 ? null : { line: this.lineOf(first), evidence: this.lines.evidenceAt(this.starts[first]) }
    };
  }
  // ---- token helpers -------------------------------------------------------------------
  /** Whether one of the tokens from..to (to excluded) is the name `word`. */
  hasWord(from, to, word) {
    for (let j = from; j < to; j++) if (this.isWord(j, word)) return true;
    return false;
  }
  isWord(i, word) {
    return i < this.count && this.kinds[i] === NAME2 && this.ends[i] - this.starts[i] === word.length && this.text.startsWith(word, this.starts[i]);
  }
  /** True when token i is the one-character operator `ch`. */
  isOp(i, ch) {
    return i < this.count && this.kinds[i] === OP2 && this.ends[i] - this.starts[i] === 1 && this.text.charCodeAt(this.starts[i]) === ch;
  }
  /** The identifier of a NAME token, NFKC-normalized as Python does for non-ASCII names. */
  name(i) {
    const raw = this.text.slice(this.starts[i], this.ends[i]);
    return NON_ASCII.test(raw) ? raw.normalize("NFKC") : raw;
  }
  lineOf(i) {
    return this.lines.lineOf(this.starts[i]);
  }
  /** Reads `a.b.c` from token i; null when token i is not a name. */
  dotted(i) {
    if (i >= this.count || this.kinds[i] !== NAME2) return null;
    let name = this.name(i);
    let j = i + 1;
    while (this.isOp(
      j,
      46
      /* . */
    ) && j + 1 < this.count && this.kinds[j + 1] === NAME2) {
      name += "." + this.name(j + 1);
      j += 2;
    }
    return { name, next: j };
  }
  // ---- pass 1: statements ----------------------------------------------------------------
  /** The first pass. */
  readStatements() {
    const { kinds, starts, ends, text, count, flags } = this;
    let depth = 0;
    let atStatementStart = true;
    let statementFirst = 0;
    let closedParen = false;
    let inWithHeader = false;
    let withParenOpen = false;
    let inClassHeader = false;
    let skipUntil = 0;
    for (let i = this.read; i < count; i++) {
      const kind = kinds[i];
      const first = atStatementStart;
      atStatementStart = false;
      if (first) {
        statementFirst = i;
        closedParen = false;
        inWithHeader = false;
        withParenOpen = false;
        inClassHeader = false;
      }
      if (kind === NEWLINE2) {
        depth = 0;
        atStatementStart = true;
        continue;
      }
      if (kind === FSTRING_START2) {
        depth++;
        continue;
      }
      if (kind === FSTRING_END2) {
        if (depth > 0) depth--;
        continue;
      }
      if (kind === OP2) {
        if (ends[i] - starts[i] !== 1) continue;
        const c = text.charCodeAt(starts[i]);
        if (c === 40 || c === 91 || c === 123) {
          depth++;
        } else if (c === 41 || c === 93 || c === 125) {
          if (depth > 0) depth--;
          if (depth === 0) {
            if (c === 41) closedParen = true;
            withParenOpen = false;
          }
        } else if (c === 44) {
          if (inWithHeader && (depth === 0 || depth === 1 && withParenOpen)) flags[i + 1] |= FLAG_WITH_ITEM;
        } else if (depth === 0) {
          if (c === 59 || c === 58) {
            atStatementStart = true;
            inWithHeader = false;
            inClassHeader = false;
          } else if (c === 64 && first) {
            flags[i + 1] |= FLAG_DECORATOR;
          }
        }
        continue;
      }
      if (kind !== NAME2 || i < skipUntil) continue;
      if (inClassHeader && depth === 1) flags[i] |= FLAG_CLASS_BASE;
      const start = starts[i];
      const length = ends[i] - start;
      switch (text.charCodeAt(start)) {
        case 105:
          if (length === 6 && text.startsWith("import", start)) skipUntil = this.readImport(i, "import");
          break;
        case 99:
          if (first && length === 5 && text.startsWith("class", start)) inClassHeader = true;
          else if (this.cython) {
            if (length === 7 && text.startsWith("cimport", start)) skipUntil = this.readImport(i, "cimport");
            else if (first && isCythonDeclaration(text.slice(start, start + length))) this.sawCython(i);
          }
          break;
        case 80:
        case 112:
          if (this.cython) this.readThreadStart(i, first);
          break;
        case 102:
          if (first && length === 4 && text.startsWith("from", start)) skipUntil = this.readFrom(i);
          break;
        case 97:
          if (length === 5) {
            if (text.startsWith("await", start)) this.addAsync("await", i, false);
            else if (text.startsWith("async", start)) {
              if (this.isWord(i + 1, "def")) this.addAsync("async def", i, false);
              else if (this.isWord(i + 1, "for")) this.addAsync("async for", i, depth > 0);
              else if (this.isWord(i + 1, "with")) this.addAsync("async with", i, false);
            }
          }
          break;
        case 119:
          if (length === 4 && text.startsWith("with", start)) {
            inWithHeader = true;
            flags[i + 1] |= FLAG_WITH_ITEM;
            if (this.isOp(
              i + 1,
              40
              /* ( */
            )) {
              withParenOpen = true;
              flags[i + 2] |= FLAG_WITH_ITEM;
            }
          }
          break;
        case 110:
          if (this.cython && length === 5 && text.startsWith("nogil", start)) {
            this.readNogil(i, depth, statementFirst, closedParen, inWithHeader);
          }
          break;
      }
    }
    this.read = count;
  }
  addAsync(construct, i, comprehension) {
    const line = this.lineOf(i);
    this.asyncConstructs.push({ construct, line, comprehension });
    this.signals.add("asyncio", line, { construct, tags: USE_TAG });
  }
  sawCython(i) {
    if (this.firstCythonToken < 0) this.firstCythonToken = i;
  }
  /**
   * Cython's way to start an OS thread without the `threading` module: a call of
   * `PyThread_start_new_thread(...)` or `pthread_create(...)`. Their declarations
   * (`int pthread_create(pthread_t*, ...) nogil` in a `cdef extern` block, `cdef long
   * PyThread_start_new_thread(...)`) name a type before them: not a call.
   */
  readThreadStart(i, first) {
    const name = this.name(i);
    if (name !== "PyThread_start_new_thread" && name !== "pthread_create") return;
    if (!this.isOp(
      i + 1,
      40
      /* ( */
    ) || this.isOp(
      i - 1,
      46
      /* . */
    )) return;
    if (!first && this.kinds[i - 1] === NAME2 && !GROUP_AFTER_KEYWORDS.has(this.name(i - 1))) return;
    if (this.isWord(i - 1, "def")) return;
    const line = this.lineOf(i);
    this.uses.push({ signal: "threads", line, role: "use", name });
    this.signals.add("threads", line, { tags: USE_TAG, module: name, idiom: `Cython's \`${name}\`` });
  }
  /** Cython's `nogil`: a `with nogil` item, or a function qualifier (`cdef void f() nogil:`). */
  readNogil(i, depth, statementFirst, closedParen, inWithHeader) {
    if (this.isOp(
      i + 1,
      46
      /* . */
    ) || this.isOp(i - 1, 46)) return;
    if (this.flags[i] & FLAG_WITH_ITEM) {
      this.signals.add("cython-nogil", this.lineOf(i), { construct: "with nogil", tags: USE_TAG });
      return;
    }
    if (inWithHeader || depth !== 0 || i === statementFirst) return;
    if (this.isOp(
      i + 1,
      61
      /* = */
    )) return;
    const prev = i - 1;
    const prevKind = this.kinds[prev];
    let fits = false;
    if (prevKind === NUMBER2 || prevKind === STRING2 || prevKind === ERROR2) fits = true;
    else if (prevKind === NAME2) fits = !NOT_BEFORE_QUALIFIER.has(this.name(prev));
    else if (prevKind === OP2 && this.ends[prev] - this.starts[prev] === 1) {
      const c = this.text.charCodeAt(this.starts[prev]);
      fits = c === 41 || c === 42 || c === 43;
    }
    if (!fits) return;
    const opener = this.kinds[statementFirst] === NAME2 ? this.name(statementFirst) : "";
    if (!closedParen && !QUALIFIER_STATEMENTS.has(opener)) return;
    if (!closedParen && prevKind === NAME2 && !QUALIFIER_STATEMENTS.has(this.name(prev)) && !this.hasWord(statementFirst, i, "cppclass")) return;
    this.signals.add("cython-nogil", this.lineOf(i), { construct: "nogil function" });
  }
  /** Reads `import a.b as c, d` (or `cimport`) from the keyword at i; returns the index after it. */
  readImport(i, keyword) {
    let j = i + 1;
    for (; ; ) {
      const dotted = this.dotted(j);
      if (!dotted) break;
      const nameAt = j;
      j = dotted.next;
      let asname = null;
      if (this.isWord(j, "as") && this.kinds[j + 1] === NAME2) {
        asname = this.name(j + 1);
        j += 2;
      }
      const written = dotted.name;
      const module = canonicalModule(written);
      const top = topLevel(module);
      if (BINDING_TOPS.has(top)) {
        if (asname !== null) this.bind(asname, module, false);
        else if (!written.startsWith("six.")) this.bind(topLevel(written), top, false);
      }
      if (WATCHED_MODULES.has(topLevel(written)) || WATCHED_MODULES.has(top)) {
        const statement = `${keyword} ${written}${asname !== null ? ` as ${asname}` : ""}`;
        const line = this.lineOf(nameAt);
        this.imports.push({ statement, module: written, names: [], line });
        this.importSignals([module], module, line);
      }
      if (keyword === "cimport") this.sawCython(nameAt);
      if (!this.isOp(
        j,
        44
        /* , */
      )) break;
      j++;
    }
    for (let k = i; k < j; k++) this.flags[k] |= FLAG_IN_IMPORT;
    return j;
  }
  /** Reads `from M import ...` from the `from` at i; returns the index after it. */
  readFrom(i) {
    let j = i + 1;
    let level = 0;
    while (j < this.count && this.kinds[j] === OP2) {
      const c = this.text.charCodeAt(this.starts[j]);
      const length = this.ends[j] - this.starts[j];
      if (c !== 46 || length !== 1 && length !== 3) break;
      level += length;
      j++;
    }
    const dotted = this.dotted(j);
    const moduleAt = j;
    if (dotted) j = dotted.next;
    let keyword;
    if (this.isWord(j, "import")) keyword = "import";
    else if (this.cython && this.isWord(j, "cimport")) keyword = "cimport";
    else return j;
    j++;
    const names = [];
    const aliases = [];
    if (this.isOp(
      j,
      42
      /* * */
    )) {
      names.push("*");
      aliases.push(null);
      j++;
    } else {
      const parenthesized = this.isOp(
        j,
        40
        /* ( */
      );
      if (parenthesized) j++;
      while (j < this.count && this.kinds[j] === NAME2) {
        names.push(this.name(j));
        j++;
        if (this.isWord(j, "as") && this.kinds[j + 1] === NAME2) {
          aliases.push(this.name(j + 1));
          j += 2;
        } else aliases.push(null);
        if (!this.isOp(
          j,
          44
          /* , */
        )) break;
        j++;
      }
      if (parenthesized && this.isOp(
        j,
        41
        /* ) */
      )) j++;
    }
    for (let k = i; k < j; k++) this.flags[k] |= FLAG_IN_IMPORT;
    if (keyword === "cimport") this.sawCython(i);
    if (level > 0 || !dotted) return j;
    const written = dotted.name;
    const module = canonicalModule(written);
    const qualified = names.map((name) => name === "*" ? module : canonicalModule(`${module}.${name}`));
    for (let k = 0; k < names.length; k++) {
      if (!BINDING_TOPS.has(topLevel(qualified[k]))) continue;
      if (names[k] === "*") this.starModules.push(module);
      else this.bind(aliases[k] ?? names[k], qualified[k], false);
    }
    const forks = module === "os" && names.some((name) => name === "fork" || name === "forkpty");
    if (WATCHED_MODULES.has(topLevel(written)) || forks || qualified.some((q) => WATCHED_MODULES.has(topLevel(q)))) {
      const clauses = names.map((name, k) => aliases[k] ? `${name} as ${aliases[k]}` : name);
      const statement = `from ${written} ${keyword} ${clauses.join(", ")}`;
      const moduleLine = this.lineOf(moduleAt);
      this.imports.push({ statement, module: written, names, line: moduleLine });
      this.importSignals(qualified, module, moduleLine);
    }
    return j;
  }
  /** The signals of one import statement: one per kind, tags merged. */
  importSignals(qualifiedNames, module, line) {
    for (const qualified of qualifiedNames) {
      const rule = importRuleFor(qualified);
      if (!rule || rule.signal === null) continue;
      const tags = ["import"];
      if (rule.tag) tags.push(rule.tag);
      this.signals.add(rule.signal, line, { tags, module: rule.module ?? module });
    }
  }
  bind(name, target, star) {
    const list = this.bindings.get(name);
    if (!list) this.bindings.set(name, [{ target, star }]);
    else if (!list.some((b) => b.target === target)) list.push({ target, star });
  }
  // ---- pass 2: uses of imported names --------------------------------------------------------
  /**
   * Adds star-import and implicit bindings and drops the bindings no use rule could reach in
   * this text (`import os` in a file that never says `fork`); false when none is left, and
   * the second pass is skipped.
   */
  prepareBindings() {
    for (const module of this.starModules) {
      for (const rule of USE_RULES) {
        if (!rule.name.startsWith(module + ".")) continue;
        const name = rule.name.slice(module.length + 1).split(".")[0];
        if (!this.bindings.has(name)) this.bind(name, `${module}.${name}`, true);
      }
    }
    if (this.cython && !this.bindings.has("cython")) this.bind("cython", "cython", false);
    const seen = /* @__PURE__ */ new Map();
    const text = mayNormalizeToAscii(this.text) ? this.text.normalize("NFKC") : this.text;
    const inText = (word) => {
      let found = seen.get(word);
      if (found === void 0) seen.set(word, found = text.includes(word));
      return found;
    };
    for (const [name, list] of this.bindings) {
      const kept = list.filter(
        ({ target }) => USE_RULES.some((rule) => {
          if (rule.name === target || rule.prefix && matchesPrefix(target, rule.name)) return true;
          if (!rule.name.startsWith(target + ".")) return false;
          return inText(rule.name.slice(target.length + 1).split(".")[0]);
        })
      );
      if (kept.length === 0) this.bindings.delete(name);
      else this.bindings.set(name, kept);
    }
    return this.bindings.size > 0;
  }
  resolveUses() {
    const { kinds, starts, ends, text, count, flags } = this;
    const lengths = new Uint8Array(256);
    const firstChars = new Uint8Array(128);
    let nonAsciiFirst = false;
    for (const name of this.bindings.keys()) {
      lengths[Math.min(name.length, 255)] = 1;
      const c = name.charCodeAt(0);
      if (c < 128) firstChars[c] = 1;
      else nonAsciiFirst = true;
    }
    for (let i = 0; i < count; i++) {
      if (kinds[i] !== NAME2 || flags[i] & FLAG_IN_IMPORT) continue;
      const start = starts[i];
      const c = text.charCodeAt(start);
      if (c < 128) {
        if (firstChars[c] === 0 && !nonAsciiFirst) continue;
        if (lengths[Math.min(ends[i] - start, 255)] === 0 && !nonAsciiFirst) continue;
      }
      if (this.isOp(
        i - 1,
        46
        /* . */
      )) continue;
      if (this.isWord(i - 1, "def") || this.isWord(i - 1, "class")) continue;
      const bound = this.bindings.get(this.name(i));
      if (!bound) continue;
      let first = i;
      let j = i;
      let rest = "";
      for (; ; ) {
        while (this.isOp(j + 1, 46) && j + 2 < count && kinds[j + 2] === NAME2) {
          rest += "." + this.name(j + 2);
          j += 2;
        }
        if (!this.isOp(
          j + 1,
          41
          /* ) */
        ) || !this.opensGroup(first - 1) || this.closingBrackets()[first - 1] !== j + 1) break;
        first--;
        j++;
      }
      const call = this.isOp(
        j + 1,
        40
        /* ( */
      );
      const decorator = ((flags[i] | flags[first]) & FLAG_DECORATOR) !== 0;
      const withItem = ((flags[i] | flags[first]) & FLAG_WITH_ITEM) !== 0;
      const base = (flags[first] & FLAG_CLASS_BASE) !== 0 && !this.isOp(
        first - 1,
        61
        /* = */
      ) && // `metaclass=...` is a keyword, not a base
      (this.isOp(
        j + 1,
        44
        /* , */
      ) || this.isOp(
        j + 1,
        41
        /* ) */
      ));
      for (const binding of bound) {
        this.resolveUse(binding.target + rest, rest !== "" || binding.star, call ? j + 1 : -1, decorator, withItem, base, i);
      }
    }
  }
  /**
   * Whether the token at `k` is a `(` that groups an expression: not one that calls what is
   * before it (a name that is no keyword, a literal, or a closing bracket).
   */
  opensGroup(k) {
    if (!this.isOp(
      k,
      40
      /* ( */
    )) return false;
    if (k === 0) return true;
    const kind = this.kinds[k - 1];
    if (kind === NAME2) return GROUP_AFTER_KEYWORDS.has(this.text.slice(this.starts[k - 1], this.ends[k - 1]));
    if (kind === NUMBER2 || kind === STRING2 || kind === FSTRING_END2) return false;
    return !(kind === OP2 && isClosing(this.text.charCodeAt(this.starts[k - 1])) && this.ends[k - 1] - this.starts[k - 1] === 1);
  }
  resolveUse(qualified, viaAttribute, callAt, decorator, withItem, base, at) {
    for (const rule of USE_RULES) {
      if (rule.prefix || rule.loose ? !matchesPrefix(qualified, rule.name, rule.loose) : qualified !== rule.name) continue;
      const call = callAt >= 0;
      const ok = rule.via === "attribute" ? viaAttribute : rule.via === "call" ? call : rule.via === "call-or-base" ? call || base : rule.via === "decorator-or-call" ? decorator || call : withItem || decorator;
      if (!ok) continue;
      const line = this.lineOf(at);
      const use = rule.role === "use" && !(rule.signal === "cython-nogil" && !withItem);
      this.uses.push({ signal: rule.signal, line, role: use ? "use" : "mention", name: rule.name });
      if (rule.pygolang) {
        this.pygolang.push({ line, name: rule.name });
        return;
      }
      if (rule.loose && rule.name === "gevent.monkey.patch_") this.patchesGevent = true;
      const tags = use ? ["use"] : [];
      if (rule.tag) tags.push(rule.tag);
      if (rule.signal === "numba") {
        if (call) {
          const args = this.keywordArguments(callAt);
          if (args.get("nogil") === "True") tags.push("nogil");
          if (args.get("parallel") === "True" || args.get("target") === "parallel") tags.push("parallel");
        }
        this.signals.add("numba", line, { tags, module: rule.name });
      } else if (rule.signal === "cython-nogil") {
        this.signals.add("cython-nogil", line, { construct: withItem ? "with nogil" : "nogil function", tags });
      } else {
        this.signals.add(rule.signal, line, { tags, module: rule.name });
        if (rule.name === "cython.parallel.prange" && isTrueLiteral(this.keywordArguments(callAt).get("nogil"))) {
          this.signals.add("cython-nogil", line, { tags: USE_TAG });
        }
      }
      return;
    }
  }
  /**
   * The keyword arguments of the call whose `(` is at `open`, each as the text of a one-token
   * value (`True`, a number, a string's contents); values of more tokens are `''`. Nested
   * brackets are jumped over, so each token is read for one call at most: linear in the file
   * even for `jit(jit(jit(...)))`.
   */
  keywordArguments(open) {
    const args = /* @__PURE__ */ new Map();
    const closeOf = this.closingBrackets();
    const end = closeOf[open];
    for (let j = open + 1; j < end; j++) {
      const kind = this.kinds[j];
      if (kind === FSTRING_START2 || this.isOpening(j)) {
        j = closeOf[j];
        continue;
      }
      if (kind !== NAME2 || !this.isOp(
        j + 1,
        61
        /* = */
      ) || this.isOp(
        j - 1,
        46
        /* . */
      )) continue;
      const value = j + 2;
      const single = value + 1 >= end || this.isOp(
        value + 1,
        44
        /* , */
      );
      let text = "";
      if (single && value < end) {
        const literal = this.text.slice(this.starts[value], this.ends[value]);
        text = this.kinds[value] === STRING2 ? stringContents(literal) : literal;
      }
      args.set(this.name(j), text);
    }
    return args;
  }
  isOpening(i) {
    if (this.kinds[i] !== OP2 || this.ends[i] - this.starts[i] !== 1) return false;
    const c = this.text.charCodeAt(this.starts[i]);
    return c === 40 || c === 91 || c === 123;
  }
  /** For each opening bracket or f-string start, the index of what closes it (`count` if nothing). */
  closingBrackets() {
    if (this.closeOf) return this.closeOf;
    const closeOf = new Int32Array(this.count + 1).fill(this.count);
    const stack = [];
    for (let i = 0; i < this.count; i++) {
      const kind = this.kinds[i];
      if (kind === FSTRING_START2 || this.isOpening(i)) stack.push(i);
      else if (kind === FSTRING_END2 || kind === OP2 && this.ends[i] - this.starts[i] === 1 && isClosing(this.text.charCodeAt(this.starts[i]))) {
        const open = stack.pop();
        if (open !== void 0) closeOf[open] = i;
      }
    }
    this.closeOf = closeOf;
    return closeOf;
  }
  // ---- comments and lines -------------------------------------------------------------------
  readAcceptances() {
    const found = [];
    const { tokens, text } = this;
    const marker = ACCEPT_MARKER;
    let comment = 0;
    for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + marker.length)) {
      while (comment < tokens.commentCount && tokens.commentEnds[comment] <= at) comment++;
      if (comment >= tokens.commentCount) break;
      const start = tokens.commentStarts[comment];
      if (start > at) continue;
      const acceptance = readAcceptance(text.slice(start, tokens.commentEnds[comment]), this.lines.lineOf(start));
      if (acceptance && found[found.length - 1]?.line !== acceptance.line) found.push(acceptance);
    }
    return found;
  }
  firstCode() {
    for (let i = 0; i < this.count; i++) {
      if (this.kinds[i] === NEWLINE2) continue;
      const line = this.lines.lineOfNear(this.starts[i]);
      return { line, evidence: this.lines.evidenceAt(this.starts[i]) };
    }
    return null;
  }
};
var USE_TAG = ["use"];
var CYTHON_DECLARATIONS = /* @__PURE__ */ new Set(["cdef", "cpdef", "ctypedef"]);
function isCythonDeclaration(word) {
  return CYTHON_DECLARATIONS.has(word);
}
function isClosing(c) {
  return c === 41 || c === 93 || c === 125;
}
function topLevel(module) {
  const dot = module.indexOf(".");
  return dot < 0 ? module : module.slice(0, dot);
}
function stringContents(literal) {
  let p = 0;
  while (p < literal.length && literal[p] !== '"' && literal[p] !== "'") p++;
  if (p === literal.length) return "";
  const quote = literal.slice(p, literal.startsWith(literal[p].repeat(3), p) ? p + 3 : p + 1);
  const body = literal.slice(p + quote.length);
  return body.endsWith(quote) ? body.slice(0, body.length - quote.length) : body;
}

// src/detect/cython.ts
function detectCython(text) {
  const analysis = analysePython(text, { dialect: "cython" });
  const first = analysis.firstCython;
  if (!first) return { signals: analysis.signals, acceptances: analysis.acceptances };
  const fileSignal2 = { signal: "cython", line: first.line, evidence: first.evidence, tags: ["file", "use"] };
  const signals = [fileSignal2, ...analysis.signals].sort((a, b) => a.line - b.line);
  return { signals, acceptances: analysis.acceptances };
}

// src/detect/go-tokenizer.ts
var GoToken = {
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
  Colon: 29
};
function isGoIdentPart(c) {
  return c >= 97 && c <= 122 || c >= 65 && c <= 90 || c >= 48 && c <= 57 || c === 95 || c >= 128;
}
var KEYWORDS = [
  ["break", GoToken.KeywordSemi],
  ["case", GoToken.Keyword],
  ["chan", GoToken.Chan],
  ["const", GoToken.Keyword],
  ["continue", GoToken.KeywordSemi],
  ["default", GoToken.Keyword],
  ["defer", GoToken.Keyword],
  ["else", GoToken.Keyword],
  ["fallthrough", GoToken.KeywordSemi],
  ["for", GoToken.Keyword],
  ["func", GoToken.Func],
  ["go", GoToken.Go],
  ["goto", GoToken.Keyword],
  ["if", GoToken.Keyword],
  ["import", GoToken.Keyword],
  ["interface", GoToken.Interface],
  ["map", GoToken.Map],
  ["package", GoToken.Package],
  ["range", GoToken.Keyword],
  ["return", GoToken.KeywordSemi],
  ["select", GoToken.Keyword],
  ["struct", GoToken.Struct],
  ["switch", GoToken.Keyword],
  ["type", GoToken.Keyword],
  ["var", GoToken.Keyword]
];
var KEYWORD_WORDS = [];
var KEYWORD_KINDS = [];
for (const [word, kind] of KEYWORDS) {
  let slot = keywordSlot(word.charCodeAt(0), word.length) * 3;
  while (KEYWORD_WORDS[slot] !== void 0) slot++;
  KEYWORD_WORDS[slot] = word;
  KEYWORD_KINDS[slot] = kind;
}
function keywordSlot(first, len) {
  return (first - 97) * 12 + len;
}
function classifyWord(text, start, len) {
  if (len < 2 || len > 11) return GoToken.Ident;
  const base = keywordSlot(text.charCodeAt(start), len) * 3;
  for (let slot = base; slot < base + 3; slot++) {
    const word = KEYWORD_WORDS[slot];
    if (word === void 0) return GoToken.Ident;
    if (sameAt(text, start, word)) return KEYWORD_KINDS[slot];
  }
  return GoToken.Ident;
}
function sameAt(text, start, word) {
  for (let i = 1; i < word.length; i++) {
    if (text.charCodeAt(start + i) !== word.charCodeAt(i)) return false;
  }
  return true;
}
var CHAR_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if (c >= 97 && c <= 122 || c >= 65 && c <= 90 || c === 95) CHAR_CLASS[c] = 1;
  else if (c >= 48 && c <= 57) CHAR_CLASS[c] = 2;
}
function countNewlines(text, from, to) {
  let count = 0;
  let i = text.indexOf("\n", from);
  while (i !== -1 && i < to) {
    count++;
    i = text.indexOf("\n", i + 1);
  }
  return count;
}
var GoScanner = class {
  text;
  /** Start offset of the last token. */
  start = 0;
  /** End offset (exclusive) of the last token. */
  end = 0;
  /** 1-based line of the start of the last token. */
  line = 1;
  pos = 0;
  curLine = 1;
  insertSemi = false;
  constructor(text) {
    this.text = text;
    if (text.charCodeAt(0) === 65279) this.pos = 1;
  }
  /**
   * Goes to `pos`, the start of line `line` (just after a newline in code, see
   * {@link scanGoLayout}), where the scanner is as it would be after reading everything before.
   */
  seek(pos, line) {
    this.pos = pos;
    this.curLine = line;
    this.insertSemi = false;
    this.start = pos;
    this.end = pos;
    this.line = line;
  }
  /** The current position and last token, to come back to with {@link GoScanner.restore}. */
  save() {
    return {
      pos: this.pos,
      curLine: this.curLine,
      insertSemi: this.insertSemi,
      start: this.start,
      end: this.end,
      line: this.line
    };
  }
  /** Goes back to a position from {@link GoScanner.save}, last token included. */
  restore(state) {
    this.pos = state.pos;
    this.curLine = state.curLine;
    this.insertSemi = state.insertSemi;
    this.start = state.start;
    this.end = state.end;
    this.line = state.line;
  }
  /** Scans the next token and returns its kind. Always makes progress; `EOF` at the end, repeatedly. */
  next() {
    const text = this.text;
    const n = text.length;
    let pos = this.pos;
    for (; ; ) {
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
      const c2 = text.charCodeAt(pos);
      if (c2 === 32 || c2 === 9 || c2 === 13) {
        pos++;
      } else if (c2 === 10) {
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
    if (c >= 128 || CHAR_CLASS[c] === 1) {
      let p = pos + 1;
      while (p < n) {
        const d = text.charCodeAt(p);
        if (d < 128 && CHAR_CLASS[d] === 0) break;
        p++;
      }
      const kind = c >= 97 && c <= 122 ? classifyWord(text, pos, p - pos) : GoToken.Ident;
      this.insertSemi = kind === GoToken.Ident || kind === GoToken.KeywordSemi;
      return this.finish(p, kind);
    }
    if (c >= 48 && c <= 57 || c === 46 && isDecimal(text.charCodeAt(pos + 1))) {
      let p = pos + 1;
      const hex = c === 48 && (text.charCodeAt(p) | 32) === 120;
      if (hex) p++;
      while (p < n) {
        const d = text.charCodeAt(p);
        const lower = d | 32;
        if ((lower === 112 || lower === 101 && !hex) && p + 1 < n) {
          p++;
          const sign = text.charCodeAt(p);
          if (sign === 43 || sign === 45) p++;
        } else if (isDecimal(d) || lower >= 97 && lower <= 122 || d === 95 || d === 46) {
          p++;
        } else {
          break;
        }
      }
      this.insertSemi = true;
      return this.finish(p, GoToken.Number);
    }
    switch (c) {
      case 34:
        this.insertSemi = true;
        return this.finish(scanQuoted(text, pos + 1, 34), GoToken.String);
      case 39:
        this.insertSemi = true;
        return this.finish(scanQuoted(text, pos + 1, 39), GoToken.Rune);
      case 96: {
        const close = text.indexOf("`", pos + 1);
        const end = close === -1 ? n : close + 1;
        this.curLine += countNewlines(text, pos, end);
        this.insertSemi = true;
        return this.finish(end, GoToken.String);
      }
      case 47: {
        const d = text.charCodeAt(pos + 1);
        if (d === 47) {
          if (this.insertSemi) return this.semicolonHere(pos);
          const nl = text.indexOf("\n", pos + 2);
          return this.finish(nl === -1 ? n : nl, GoToken.LineComment);
        }
        if (d === 42) {
          const close = text.indexOf("*/", pos + 2);
          const end = close === -1 ? n : close + 2;
          const lines = countNewlines(text, pos, end);
          if (lines > 0 && this.insertSemi) return this.semicolonHere(pos);
          this.curLine += lines;
          return this.finish(end, GoToken.BlockComment);
        }
        this.insertSemi = false;
        return this.finish(pos + 1, GoToken.Operator);
      }
      case 60:
        this.insertSemi = false;
        {
          const d = text.charCodeAt(pos + 1);
          if (d === 45) return this.finish(pos + 2, GoToken.Arrow);
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
      case 46:
        this.insertSemi = false;
        if (text.charCodeAt(pos + 1) === 46 && text.charCodeAt(pos + 2) === 46) {
          return this.finish(pos + 3, GoToken.Operator);
        }
        return this.finish(pos + 1, GoToken.Period);
      case 42:
        this.insertSemi = false;
        return this.finish(pos + 1, GoToken.Star);
      case 43:
      // +
      case 45:
        if (text.charCodeAt(pos + 1) === c) {
          this.insertSemi = true;
          return this.finish(pos + 2, GoToken.IncDec);
        }
        this.insertSemi = false;
        return this.finish(pos + 1, GoToken.Operator);
      case 58:
        this.insertSemi = false;
        if (text.charCodeAt(pos + 1) === 61) return this.finish(pos + 2, GoToken.Operator);
        return this.finish(pos + 1, GoToken.Colon);
      case 33:
      // !
      case 37:
      // %
      case 38:
      // &
      case 44:
      // ,
      case 61:
      // =
      case 62:
      // >
      case 94:
      // ^
      case 124:
      // |
      case 126:
        this.insertSemi = false;
        return this.finish(pos + 1, GoToken.Operator);
      default:
        return this.finish(pos + 1, GoToken.Illegal);
    }
  }
  finish(end, kind) {
    this.end = end;
    this.pos = end;
    return kind;
  }
  /** An inserted semicolon before a comment; the comment itself comes next. */
  semicolonHere(pos) {
    this.insertSemi = false;
    this.end = pos;
    this.pos = pos;
    return GoToken.Semicolon;
  }
};
function isDecimal(c) {
  return c >= 48 && c <= 57;
}
function scanQuoted(text, p, quote) {
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
var LineCommentProbe = class {
  constructor(text) {
    this.text = text;
  }
  text;
  /** Offset of the last position found to be in a comment, and the back-walk may stop there. */
  known = -1;
  inComment(at) {
    const text = this.text;
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
  remember(at) {
    this.known = at;
    return true;
  }
};
function mayContainGoSignals(text) {
  const probe = new LineCommentProbe(text);
  let i = text.indexOf("<-");
  while (i !== -1) {
    if (!probe.inComment(i)) return true;
    i = text.indexOf("<-", i + 2);
  }
  const goProbe = new LineCommentProbe(text);
  i = text.indexOf("go");
  while (i !== -1) {
    if (mayStartGoStatement(text, i) && !goProbe.inComment(i)) return true;
    i = text.indexOf("go", i + 1);
  }
  return false;
}
function mayStartGoStatement(text, i) {
  if (i + 2 < text.length && isGoIdentPart(text.charCodeAt(i + 2))) return false;
  let j = i - 1;
  let c = -1;
  while (j >= 0) {
    c = text.charCodeAt(j);
    if (c !== 32 && c !== 9 && c !== 13) break;
    j--;
  }
  return j < 0 || c === 10 || c === 59 || c === 123 || c === 58 || c === 47 || j === 0 && c === 65279;
}
function mayContainGoSignalsInBytes(bytes) {
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
var ARROW_BYTES = Buffer.from("<-");
var GO_BYTES = Buffer.from("go");
function inLineCommentBytes(bytes, at, known) {
  for (let j = at - 1; j >= 1; j--) {
    if (j === known) return true;
    const c = bytes[j];
    if (c === 10 || c === 13 || c === 34 || c === 39 || c === 96 || c === 42) return false;
    if (c === 47 && bytes[j - 1] === 47 && (j < 2 || bytes[j - 2] !== 42)) return true;
  }
  return false;
}
function mayStartGoStatementInBytes(bytes, i) {
  if (i + 2 < bytes.length && isGoIdentPart(bytes[i + 2])) return false;
  let j = i - 1;
  let c = -1;
  while (j >= 0) {
    c = bytes[j];
    if (c !== 32 && c !== 9 && c !== 13) break;
    j--;
  }
  return j < 0 || c === 10 || c === 59 || c === 123 || c === 58 || c === 47 || j === 2 && c === 191 && bytes[1] === 187 && bytes[0] === 239;
}
var GO_REGION_LITERAL = 1;
var GO_REGION_COMMENT = 2;
function scanGoLayout(text, limit) {
  const n = text.length;
  const layout = {
    regionCount: 0,
    regionKinds: new Uint8Array(64),
    regionStarts: new Int32Array(64),
    regionEnds: new Int32Array(64),
    lineStartCount: 0,
    lineStarts: new Int32Array(256),
    lineNumbers: new Int32Array(256),
    scannedTo: n
  };
  let pos = text.charCodeAt(0) === 65279 ? 1 : 0;
  let line = 1;
  pushGoLineStart(layout, pos, line);
  let nextDouble = -1;
  let nextSingle = -1;
  let nextBack = -1;
  let nextLine = -1;
  let nextBlock = -1;
  for (; ; ) {
    if (nextDouble < pos) nextDouble = indexOrEnd2(text, '"', pos);
    if (nextSingle < pos) nextSingle = indexOrEnd2(text, "'", pos);
    if (nextBack < pos) nextBack = indexOrEnd2(text, "`", pos);
    if (nextLine < pos) nextLine = indexOrEnd2(text, "//", pos);
    if (nextBlock < pos) nextBlock = indexOrEnd2(text, "/*", pos);
    const at = Math.min(nextDouble, nextSingle, nextBack, nextLine, nextBlock, limit, n);
    for (let nl = text.indexOf("\n", pos); nl !== -1 && nl < at; nl = text.indexOf("\n", nl + 1)) {
      pushGoLineStart(layout, nl + 1, ++line);
    }
    if (at >= n) break;
    if (at >= limit) {
      layout.scannedTo = at;
      break;
    }
    let end;
    let kind = GO_REGION_LITERAL;
    if (at === nextDouble || at === nextSingle) {
      end = scanQuoted(text, at + 1, text.charCodeAt(at));
    } else if (at === nextBack) {
      end = indexOrEnd2(text, "`", at + 1) + 1;
    } else if (at === nextLine) {
      kind = GO_REGION_COMMENT;
      end = indexOrEnd2(text, "\n", at + 2);
    } else {
      kind = GO_REGION_COMMENT;
      end = text.indexOf("*/", at + 2);
      end = end === -1 ? n : end + 2;
    }
    if (end > n) end = n;
    line += countNewlines(text, at, end);
    pushRegion(layout, kind, at, end);
    pos = end;
  }
  return layout;
}
function indexOrEnd2(text, what, from) {
  const i = text.indexOf(what, from);
  return i < 0 ? text.length : i;
}
function pushGoLineStart(layout, offset, line) {
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

// src/detect/go.ts
function endsOperand(kind) {
  return kind === GoToken.Ident || kind === GoToken.Number || kind === GoToken.String || kind === GoToken.Rune || kind === GoToken.RParen || kind === GoToken.RBrack || kind === GoToken.RBrace;
}
var LOOKAHEAD_LIMIT = 64;
var Lookahead = class {
  constructor(s) {
    this.s = s;
  }
  s;
  budget = LOOKAHEAD_LIMIT;
  next() {
    if (this.budget-- <= 0) return -1;
    for (; ; ) {
      const k = this.s.next();
      if (k !== GoToken.LineComment && k !== GoToken.BlockComment) return k;
    }
  }
  /** Skips to the bracket that closes the one just read; false at the end of text or budget. */
  skipBalanced(open, close) {
    let depth = 1;
    for (; ; ) {
      const k = this.next();
      if (k === -1 || k === GoToken.EOF) return false;
      if (k === open) depth++;
      else if (k === close && --depth === 0) return true;
    }
  }
};
function startsType(k) {
  return k === GoToken.Ident || k === GoToken.Star || k === GoToken.LBrack || k === GoToken.Map || k === GoToken.Chan || k === GoToken.Arrow || k === GoToken.Func || k === GoToken.Struct || k === GoToken.Interface || k === GoToken.LParen;
}
function skipType(la, k) {
  for (; ; ) {
    switch (k) {
      case GoToken.Ident:
        k = la.next();
        if (k === GoToken.Period) {
          if (la.next() !== GoToken.Ident) return -1;
          k = la.next();
        }
        if (k === GoToken.LBrack) {
          if (!la.skipBalanced(GoToken.LBrack, GoToken.RBrack)) return -1;
          k = la.next();
        }
        return k;
      case GoToken.Star:
        k = la.next();
        continue;
      case GoToken.LBrack:
        if (!la.skipBalanced(GoToken.LBrack, GoToken.RBrack)) return -1;
        k = la.next();
        continue;
      case GoToken.Map:
        if (la.next() !== GoToken.LBrack || !la.skipBalanced(GoToken.LBrack, GoToken.RBrack)) return -1;
        k = la.next();
        continue;
      case GoToken.Chan:
        k = la.next();
        if (k === GoToken.Arrow) k = la.next();
        continue;
      case GoToken.Arrow:
        if (la.next() !== GoToken.Chan) return -1;
        k = la.next();
        continue;
      case GoToken.Func:
        if (la.next() !== GoToken.LParen || !la.skipBalanced(GoToken.LParen, GoToken.RParen)) return -1;
        k = la.next();
        if (k === GoToken.LParen) {
          if (!la.skipBalanced(GoToken.LParen, GoToken.RParen)) return -1;
          return la.next();
        }
        if (startsType(k)) continue;
        return k;
      case GoToken.Struct:
      case GoToken.Interface:
        if (la.next() !== GoToken.LBrace || !la.skipBalanced(GoToken.LBrace, GoToken.RBrace)) return -1;
        return la.next();
      case GoToken.LParen:
        if (!la.skipBalanced(GoToken.LParen, GoToken.RParen)) return -1;
        return la.next();
      default:
        return -1;
    }
  }
}
function arrowStartsChanType(s) {
  const saved = s.save();
  const la = new Lookahead(s);
  let result = false;
  if (la.next() === GoToken.Chan) {
    const after = skipType(la, GoToken.Chan);
    result = after !== GoToken.LParen && after !== GoToken.Period && after !== GoToken.LBrack;
  }
  s.restore(saved);
  return result;
}
function pushAcceptance(body, line, into) {
  const a = readAcceptance(body, line);
  if (a) into.push(a);
}
function collectCommentAcceptances(text, start, end, line, into) {
  if (text.startsWith("//", start)) {
    pushAcceptance(text.slice(start + 2, end), line, into);
    return;
  }
  const bodyEnd = text.startsWith("*/", end - 2) && end - start >= 4 ? end - 2 : end;
  const lines = text.slice(start + 2, bodyEnd).split("\n");
  for (let i = 0; i < lines.length; i++) {
    pushAcceptance(lines[i] ?? "", line + i, into);
  }
}
function scanGoWindows(text) {
  const s = new GoScanner(text);
  const hits = [];
  let packageLine = null;
  let packageOffset = 0;
  let prev = GoToken.Semicolon;
  let k = firstToken(s);
  if (k === GoToken.EOF) {
    return { hits, packageLine, packageOffset, acceptances: readAcceptances(text, null, text.indexOf(ACCEPT_MARKER)) };
  }
  if (k === GoToken.Package) {
    packageLine = s.line;
    packageOffset = s.start;
  }
  prev = classify(s, k, prev, hits);
  const places = mayContainGoSignals(text) ? signalPlaces(text, s.end) : [];
  const firstMarker = text.indexOf(ACCEPT_MARKER);
  let lastMarker = firstMarker;
  for (let m = firstMarker; m !== -1; m = text.indexOf(ACCEPT_MARKER, m + 1)) lastMarker = m;
  const last = Math.max(places.length > 0 ? places[places.length - 1] : -1, lastMarker);
  const layout = places.length > 0 ? scanGoLayout(text, last + ACCEPT_MARKER.length) : null;
  for (const place of places) {
    if (place < s.end || inRegion(layout, place)) continue;
    const from = restartBefore(layout, text, place);
    let skip = false;
    if (from > s.end) {
      s.seek(from, lineNumberAt(layout, from));
      skip = true;
    }
    for (; ; ) {
      k = s.next();
      if (k === GoToken.EOF) break;
      if (k === GoToken.LineComment || k === GoToken.BlockComment) continue;
      if (skip) {
        skip = false;
        prev = k;
      } else {
        prev = classify(s, k, prev, hits);
      }
      if (s.start >= place) break;
    }
  }
  return { hits, packageLine, packageOffset, acceptances: readAcceptances(text, layout, firstMarker) };
}
function firstToken(s) {
  let k;
  do
    k = s.next();
  while (k === GoToken.LineComment || k === GoToken.BlockComment);
  return k;
}
function classify(s, k, prev, hits) {
  if (k === GoToken.Go) {
    if (prev === GoToken.Semicolon || prev === GoToken.LBrace || prev === GoToken.Colon) {
      hits.push({ construct: "go", line: s.line, offset: s.start });
    }
  } else if (k === GoToken.Arrow && prev !== GoToken.Chan && !arrowStartsChanType(s)) {
    hits.push({ construct: endsOperand(prev) ? "send" : "receive", line: s.line, offset: s.start });
  }
  return k;
}
function signalPlaces(text, from) {
  const places = [];
  let arrow = text.indexOf("<-", from);
  let go = text.indexOf("go", from);
  while (arrow !== -1 || go !== -1) {
    if (go === -1 || arrow !== -1 && arrow < go) {
      places.push(arrow);
      arrow = text.indexOf("<-", arrow + 2);
    } else {
      if (mayStartGoStatement(text, go)) places.push(go);
      go = text.indexOf("go", go + 1);
    }
  }
  return places;
}
function regionBefore(layout, offset) {
  return lastAtOrBefore(layout.regionStarts, layout.regionCount, offset);
}
function inRegion(layout, offset) {
  const r = regionBefore(layout, offset);
  return r >= 0 && offset < layout.regionEnds[r];
}
function lineStartIndex(layout, offset) {
  return Math.max(0, lastAtOrBefore(layout.lineStarts, layout.lineStartCount, offset));
}
function lineNumberAt(layout, lineStart) {
  return layout.lineNumbers[lineStartIndex(layout, lineStart)];
}
function restartBefore(layout, text, offset) {
  let p = layout.lineStarts[lineStartIndex(layout, offset)] - 1;
  while (p >= 0) {
    const c = text.charCodeAt(p);
    if (c === 32 || c === 9 || c === 13 || c === 10) {
      p--;
      continue;
    }
    const r = regionBefore(layout, p);
    if (r >= 0 && p < layout.regionEnds[r]) {
      if (layout.regionKinds[r] === GO_REGION_COMMENT) {
        p = layout.regionStarts[r] - 1;
        continue;
      }
      p = layout.regionStarts[r];
    }
    return layout.lineStarts[lineStartIndex(layout, p)];
  }
  return -1;
}
function readAcceptances(text, layout, firstMarker) {
  const acceptances = [];
  let marker = firstMarker;
  if (marker === -1) return acceptances;
  const l = layout ?? scanGoLayout(text, text.length);
  for (let r = 0; r < l.regionCount && marker !== -1; r++) {
    const start = l.regionStarts[r];
    const end = l.regionEnds[r];
    if (end <= marker) continue;
    if (marker < start) marker = text.indexOf(ACCEPT_MARKER, start);
    if (marker === -1 || marker >= end || l.regionKinds[r] !== GO_REGION_COMMENT) continue;
    const line = l.lineNumbers[lineStartIndex(l, start)] + countNewlinesBetween(text, l.lineStarts[lineStartIndex(l, start)], start);
    collectCommentAcceptances(text, start, end, line, acceptances);
  }
  return acceptances;
}
function countNewlinesBetween(text, from, to) {
  let count = 0;
  for (let i = text.indexOf("\n", from); i !== -1 && i < to; i = text.indexOf("\n", i + 1)) count++;
  return count;
}
function evidenceAt(text, offset) {
  const from = text.lastIndexOf("\n", offset - 1) + 1;
  let to = text.indexOf("\n", offset);
  if (to === -1) to = text.length;
  return toEvidence(text.slice(from, to));
}
function detectGo(text) {
  const scan = scanGoWindows(text);
  const signals = scan.hits.map((h) => ({
    signal: "golang",
    line: h.line,
    evidence: evidenceAt(text, h.offset),
    // Go code is the choice of Go, whatever the statement: every signal of a .go file is a use.
    tags: ["use"],
    construct: h.construct
  }));
  if (signals.length === 0) signals.push(fileSignal(text, scan.packageLine, scan.packageOffset));
  return { signals, acceptances: scan.acceptances };
}
function fileSignal(text, packageLine, packageOffset) {
  return {
    signal: "golang",
    line: packageLine ?? 1,
    evidence: evidenceAt(text, packageLine === null ? 0 : packageOffset),
    tags: ["file", "use"]
  };
}
var HEAD_BYTES = 1024;
var ACCEPT_MARKER_BYTES = Buffer.from(ACCEPT_MARKER);
function detectGoBytes(bytes) {
  const bom = bytes.length >= 3 && bytes[0] === 239 && bytes[1] === 187 && bytes[2] === 191;
  if (mayContainGoSignalsInBytes(bom ? bytes.subarray(3) : bytes) || bytes.includes(ACCEPT_MARKER_BYTES)) return null;
  const end = Math.min(bytes.length, HEAD_BYTES);
  const head = decodeText(bytes.subarray(0, end));
  const s = new GoScanner(head);
  const k = firstToken(s);
  if (end < bytes.length && head.indexOf("\n", s.end) === -1) return null;
  return { signals: [fileSignal(head, k === GoToken.Package ? s.line : null, s.start)], acceptances: [] };
}
function detectGoModule(text) {
  const lines = text.split("\n");
  const acceptances = [];
  let moduleLine = 0;
  let goLine = 0;
  let inBlock = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    const comment = findModComment(raw);
    if (comment !== -1) pushAcceptance(raw.slice(comment + 2), i + 1, acceptances);
    const code = (comment === -1 ? raw : raw.slice(0, comment)).trim();
    if (code === "") continue;
    if (inBlock) {
      if (code.startsWith(")")) inBlock = false;
      continue;
    }
    const verb = /^[A-Za-z]+/.exec(code)?.[0] ?? "";
    const rest = code.slice(verb.length);
    if (rest !== "" && !/^[\s(]/.test(rest)) continue;
    if (verb === "module" && moduleLine === 0) moduleLine = i + 1;
    else if (verb === "go" && goLine === 0) goLine = i + 1;
    if (/^\(\s*$/.test(rest.trim())) inBlock = true;
  }
  const line = moduleLine || goLine || 1;
  return {
    signals: [
      // A module file declares Go code; the code itself is the use.
      { signal: "golang", line, evidence: toEvidence(lines[line - 1] ?? ""), tags: ["file"] }
    ],
    acceptances
  };
}
function findModComment(line) {
  let quote = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (quote !== 0) {
      if (c === 92 && quote === 34) i++;
      else if (c === quote) quote = 0;
    } else if (c === 34 || c === 96) {
      quote = c;
    } else if (c === 47 && line.charCodeAt(i + 1) === 47) {
      return i;
    }
  }
  return -1;
}

// src/detect/setup-py.ts
var ARGUMENTS = {
  install_requires: true,
  setup_requires: false,
  tests_require: false,
  extras_require: false
};
function closing(text, t, open) {
  let depth = 0;
  for (let i = open; i < t.count; i++) {
    if (t.kinds[i] !== TokenKind.Op) continue;
    const op = text.slice(t.starts[i], t.ends[i]);
    if (op === "[" || op === "(" || op === "{") depth++;
    else if (op === "]" || op === ")" || op === "}") {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return t.count;
}
function readSetupPy(text, sink) {
  const t = tokenizePython(text);
  const op = (i) => i < t.count && t.kinds[i] === TokenKind.Op ? text.slice(t.starts[i], t.ends[i]) : "";
  const name = (i) => i < t.count && t.kinds[i] === TokenKind.Name ? text.slice(t.starts[i], t.ends[i]) : "";
  const opensValue = (i) => op(i) === "[" || op(i) === "(" || op(i) === "{";
  const bindings = /* @__PURE__ */ new Map();
  for (let i = 0; i < t.count; i++) {
    const atLineStart = i === 0 || t.kinds[i - 1] === TokenKind.Newline;
    const n = name(i);
    if (!atLineStart || n === "" || op(i + 1) !== "=" && op(i + 1) !== "+=" || !opensValue(i + 2)) continue;
    const range = [i + 2, closing(text, t, i + 2)];
    const ranges = bindings.get(n);
    if (op(i + 1) === "=" || !ranges) bindings.set(n, [range]);
    else ranges.push(range);
  }
  const read = (first, end, runtime) => {
    for (let i = first; i < end; i++) {
      if (t.kinds[i] !== TokenKind.String) continue;
      if (op(i + 1) === ":") continue;
      sink.requirementString(stringContents(text.slice(t.starts[i], t.ends[i])), t.starts[i], runtime);
    }
  };
  for (let i = 0; i < t.count; i++) {
    let key = name(i);
    let bind = "=";
    if (key === "" && t.kinds[i] === TokenKind.String) {
      key = stringContents(text.slice(t.starts[i], t.ends[i]));
      bind = ":";
    }
    const runtime = ARGUMENTS[key];
    if (runtime === void 0 || op(i + 1) !== bind) continue;
    if (bind === "=" && (i === 0 || t.kinds[i - 1] === TokenKind.Newline)) continue;
    const value = i + 2;
    if (opensValue(value)) {
      const end = closing(text, t, value);
      read(value, end, runtime);
      i = end - 1;
    } else if (name(value) !== "" && op(value + 1) !== "." && op(value + 1) !== "(") {
      const ranges = bindings.get(name(value)) ?? [];
      bindings.delete(name(value));
      for (const [first, end] of ranges) read(first, end, runtime);
    }
  }
}

// src/detect/manifest.ts
function normalizePackageName(name) {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}
var WATCHED_PACKAGES = {
  gevent: "greenlets",
  greenlet: "greenlets",
  eventlet: "greenlets",
  asyncio: "asyncio",
  trio: "asyncio",
  anyio: "asyncio",
  curio: "asyncio",
  uvloop: "asyncio",
  aiohttp: "asyncio",
  tornado: "asyncio",
  twisted: "asyncio",
  numba: "numba",
  cython: "cython"
};
var GREEN_EXTRAS = /* @__PURE__ */ new Set(["gevent", "eventlet", "greenlet"]);
function classifyRequirement(name, extras) {
  const out = [];
  const normalized = normalizePackageName(name);
  const kind = WATCHED_PACKAGES[normalized];
  if (kind) out.push({ signal: kind, module: normalized, tags: ["import"] });
  for (const extra of extras) {
    const e = normalizePackageName(extra);
    if (!GREEN_EXTRAS.has(e)) continue;
    out.push({ signal: "greenlets", module: e, tags: ["import"] });
  }
  return out;
}
var Collector = class {
  signals = [];
  acceptances = [];
  lines;
  /**
   * Whether the requirements being read are what the application runs with (`dependencies`,
   * `install_requires`, `[packages]`, a requirements file): a watched package there is a use,
   * the choice of its model. Build requirements (`[build-system] requires`, `setup_requires`),
   * optional extras, and development, test and documentation groups are mentions.
   */
  runtime = false;
  constructor(text) {
    this.lines = text.split("\n");
  }
  /** The tags of a requirement read now: `use` added for a runtime requirement. */
  tagsOf(tags) {
    return this.runtime ? [...tags, "use"] : tags;
  }
  lineText(line) {
    return this.lines[line - 1] ?? "";
  }
  get lineCount() {
    return this.lines.length;
  }
  requirement(name, extras, line) {
    for (const c of classifyRequirement(name, extras)) {
      this.signals.push({
        signal: c.signal,
        line,
        evidence: toEvidence(this.lineText(line)),
        tags: this.tagsOf(c.tags),
        module: c.module
      });
    }
  }
  /** A PEP 508 requirement string written at `line`. */
  requirementString(spec, line) {
    const req = parseRequirementString(spec);
    if (req) this.requirement(req.name, req.extras, line);
  }
  comment(body, line) {
    const a = readAcceptance(body, line);
    if (a) this.acceptances.push(a);
  }
  result() {
    this.signals.sort((a, b) => a.line - b.line);
    return { signals: this.signals, acceptances: this.acceptances };
  }
};
var NAME_RE = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?/;
function parseRequirementString(spec) {
  const m = NAME_RE.exec(spec.trim());
  if (!m) return null;
  const name = m[1] ?? "";
  const after = spec.trim().slice(name.length);
  if (/^\s*:/.test(after) || /^[./\\]/.test(after)) return null;
  const extras = (m[2] ?? "").split(",").map((e) => e.trim()).filter((e) => e !== "");
  return { name, extras };
}
function nameFromUrl(url) {
  const egg = /[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[([^\]]*)\])?/.exec(url);
  if (egg) {
    const extras = (egg[2] ?? "").split(",").map((e) => e.trim()).filter((e) => e !== "");
    return { name: egg[1] ?? "", extras };
  }
  const path = url.split(/[?#]/)[0] ?? "";
  const file = path.slice(path.lastIndexOf("/") + 1);
  if (file.length > 255) return null;
  const archive = /^([A-Za-z0-9][A-Za-z0-9_.]*?)-\d[^/]*\.(?:whl|tar\.gz|tar\.bz2|tgz|zip)$/i.exec(file);
  return archive ? { name: archive[1] ?? "", extras: [] } : null;
}
var REQUIREMENTS_EDITABLE = /^(?:-e|--editable)(?:\s*=\s*|\s+)(\S+)/;
function detectRequirementsTxt(c) {
  let logical = "";
  let logicalLine = 0;
  let blank = true;
  for (let i = 1; i <= c.lineCount; i++) {
    const raw = c.lineText(i).replace(/\r$/, "");
    const comment = /(^|\s)#/.exec(raw);
    if (comment) c.comment(raw.slice(comment.index + comment[0].length), i);
    if (blank) logicalLine = i;
    if (raw.endsWith("\\") && !comment) {
      logical += raw.slice(0, -1) + " ";
      blank &&= raw.slice(0, -1).trim() === "";
      continue;
    }
    logical += comment ? raw.slice(0, comment.index) : raw;
    readRequirementsLine(c, logical.trim(), logicalLine);
    logical = "";
    blank = true;
  }
  if (logical.trim() !== "") readRequirementsLine(c, logical.trim(), logicalLine);
}
function readRequirementsLine(c, line, lineNo) {
  if (line === "") return;
  if (line.startsWith("-")) {
    const editable = REQUIREMENTS_EDITABLE.exec(line);
    const req = editable ? nameFromUrl(editable[1] ?? "") : null;
    if (req) c.requirement(req.name, req.extras, lineNo);
    return;
  }
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(line) || /^(?:\.{0,2}\/|file:)/.test(line)) {
    const req = nameFromUrl(line.split(/\s/)[0] ?? "");
    if (req) c.requirement(req.name, req.extras, lineNo);
    return;
  }
  c.requirementString(line, lineNo);
}
var TOML_MAX_DEPTH = 64;
var TomlScanner = class {
  constructor(text, onComment) {
    this.text = text;
    this.onComment = onComment;
  }
  text;
  onComment;
  pos = 0;
  line = 1;
  table = [];
  events = { strings: [], keys: [] };
  scan() {
    const n = this.text.length;
    while (this.pos < n) {
      this.skipSpaceAndComments(true);
      if (this.pos >= n) break;
      const c = this.text.charCodeAt(this.pos);
      const before = this.pos;
      if (c === 91) this.header();
      else this.keyValue(this.table);
      this.skipSpaceAndComments(false);
      if (this.pos < n && this.text.charCodeAt(this.pos) !== 10 && !this.atLineStart()) this.skipLine();
      if (this.pos === before) this.pos++;
    }
    return this.events;
  }
  skipLine() {
    const nl = this.text.indexOf("\n", this.pos);
    this.pos = nl === -1 ? this.text.length : nl;
  }
  /** Skips spaces, tabs and comments; newlines too when `newlines`. */
  skipSpaceAndComments(newlines) {
    const text = this.text;
    const n = text.length;
    while (this.pos < n) {
      const c = text.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 13) this.pos++;
      else if (c === 10 && newlines) {
        this.pos++;
        this.line++;
      } else if (c === 35) {
        const nl = text.indexOf("\n", this.pos);
        const end = nl === -1 ? n : nl;
        this.onComment(text.slice(this.pos + 1, end), this.line);
        this.pos = end;
      } else break;
    }
  }
  header() {
    const text = this.text;
    this.pos++;
    if (text.charCodeAt(this.pos) === 91) this.pos++;
    const line = this.line;
    const path = this.key();
    if (path === null) return;
    this.skipSpaceAndComments(false);
    if (text.charCodeAt(this.pos) !== 93) return;
    this.pos++;
    if (text.charCodeAt(this.pos) === 93) this.pos++;
    this.table = path;
    this.events.keys.push({ path, line });
  }
  /** A dotted key: bare or quoted parts joined by `.`. Null when there is none. */
  key() {
    const text = this.text;
    const parts = [];
    for (; ; ) {
      this.skipSpaceAndComments(false);
      const c = text.charCodeAt(this.pos);
      let part = null;
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
      if (text.charCodeAt(this.pos) !== 46) return parts;
      this.pos++;
    }
  }
  keyValue(base) {
    const line = this.line;
    const key = this.key();
    if (key === null) return;
    this.skipSpaceAndComments(false);
    if (this.text.charCodeAt(this.pos) !== 61) return;
    this.pos++;
    const path = [...base, ...key];
    this.events.keys.push({ path, line });
    this.skipSpaceAndComments(false);
    this.value(path, false, 0);
  }
  value(path, inArray, depth) {
    const text = this.text;
    const c = text.charCodeAt(this.pos);
    if (c === 34 || c === 39) {
      const line = this.line;
      const s = this.string(true);
      if (s !== null) this.events.strings.push({ path, value: s, line, inArray });
    } else if (c === 91 && depth < TOML_MAX_DEPTH) {
      this.array(path, depth + 1);
    } else if (c === 123 && depth < TOML_MAX_DEPTH) {
      this.inlineTable(path, inArray, depth + 1);
    } else {
      while (this.pos < text.length) {
        const d = text.charCodeAt(this.pos);
        if (d === 44 || d === 93 || d === 125 || d === 10 || d === 35) break;
        this.pos++;
      }
    }
  }
  array(path, depth) {
    const text = this.text;
    this.pos++;
    while (this.pos < text.length) {
      this.skipSpaceAndComments(true);
      const c = text.charCodeAt(this.pos);
      if (c === 93) {
        this.pos++;
        return;
      }
      if (c === 44) {
        this.pos++;
        continue;
      }
      if (c === 91 && this.atLineStart()) return;
      const before = this.pos;
      this.value(path, true, depth);
      if (this.pos === before) this.pos++;
    }
  }
  inlineTable(path, inArray, depth) {
    const text = this.text;
    this.pos++;
    while (this.pos < text.length) {
      this.skipSpaceAndComments(true);
      const c = text.charCodeAt(this.pos);
      if (c === 125) {
        this.pos++;
        return;
      }
      if (c === 44) {
        this.pos++;
        continue;
      }
      if (c === 91 && this.atLineStart()) return;
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
  atLineStart() {
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
  string(multiline) {
    const text = this.text;
    const q = text.charCodeAt(this.pos);
    const quote = q === 34 ? '"' : "'";
    if (multiline && text.startsWith(quote.repeat(3), this.pos)) {
      const close = text.indexOf(quote.repeat(3), this.pos + 3);
      const end = close === -1 ? text.length : close + 3;
      const body = text.slice(this.pos + 3, close === -1 ? text.length : close);
      for (let i2 = this.pos; i2 < end; i2++) if (text.charCodeAt(i2) === 10) this.line++;
      this.pos = end;
      while (text.charCodeAt(this.pos) === q) this.pos++;
      return close === -1 ? null : body;
    }
    let out = "";
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
        const e = text[i + 1] ?? "";
        out += text.slice(run, i) + (e === "n" ? "\n" : e === "t" ? "	" : e);
        i += 2;
        run = i;
        continue;
      }
      i++;
    }
    this.pos = Math.min(i, text.length);
    return null;
  }
};
function isBareKeyChar(c) {
  return c >= 97 && c <= 122 || c >= 65 && c <= 90 || c >= 48 && c <= 57 || c === 95 || c === 45;
}
function scanToml(text, c) {
  return new TomlScanner(text, (body, line) => c.comment(body, line)).scan();
}
function pathIs(path, ...pattern) {
  return path.length === pattern.length && pattern.every((p, i) => p === "*" || p === path[i]);
}
function isRequirementArray(path) {
  return pathIs(path, "project", "dependencies") || pathIs(path, "project", "optional-dependencies", "*") || pathIs(path, "build-system", "requires") || pathIs(path, "dependency-groups", "*") || pathIs(path, "tool", "pdm", "dev-dependencies", "*") || pathIs(path, "tool", "uv", "dev-dependencies") || pathIs(path, "tool", "flit", "metadata", "requires") || pathIs(path, "tool", "flit", "metadata", "requires-extra", "*") || pathIs(path, "tool", "hatch", "envs", "*", "dependencies") || pathIs(path, "tool", "hatch", "envs", "*", "extra-dependencies") || pathIs(path, "tool", "hatch", "build", "targets", "*", "dependencies") || pathIs(path, "tool", "hatch", "build", "hooks", "*", "dependencies");
}
function poetryPackageDepth(path) {
  if (path[0] !== "tool" || path[1] !== "poetry") return 0;
  if (path[2] === "dependencies" || path[2] === "dev-dependencies") return 4;
  if (path[2] === "group" && path[4] === "dependencies") return 6;
  return 0;
}
function isRuntimeTable(path) {
  return path[0] === "tool" && path[1] === "poetry" && path[2] === "dependencies" || path[0] === "packages";
}
var PIPFILE_NON_PACKAGES = /* @__PURE__ */ new Set(["source", "requires", "scripts", "pipenv"]);
function pipfilePackageDepth(path) {
  return path.length >= 2 && !PIPFILE_NON_PACKAGES.has(path[0] ?? "") ? 2 : 0;
}
function readPackageTables(c, events, depthOf) {
  for (const k of events.keys) {
    const depth = depthOf(k.path);
    if (depth === 0 || k.path.length !== depth) continue;
    const name = k.path[depth - 1] ?? "";
    if (name === "python") continue;
    c.runtime = isRuntimeTable(k.path);
    c.requirement(name, [], k.line);
  }
  for (const s of events.strings) {
    const depth = depthOf(s.path);
    if (depth === 0 || s.path.length !== depth + 1 || s.path[depth] !== "extras" || !s.inArray) continue;
    const name = s.path[depth - 1] ?? "";
    c.runtime = isRuntimeTable(s.path);
    for (const sig of classifyRequirement(name, [s.value])) {
      if (sig.module === normalizePackageName(name)) continue;
      c.signals.push({
        signal: sig.signal,
        line: s.line,
        evidence: toEvidence(c.lineText(s.line)),
        tags: c.tagsOf(sig.tags),
        module: sig.module
      });
    }
  }
}
function detectPyproject(c, text) {
  const events = scanToml(text, c);
  for (const s of events.strings) {
    if (!s.inArray || !isRequirementArray(s.path)) continue;
    c.runtime = pathIs(s.path, "project", "dependencies") || pathIs(s.path, "tool", "flit", "metadata", "requires");
    c.requirementString(s.value, s.line);
  }
  readPackageTables(c, events, poetryPackageDepth);
}
function detectPipfile(c, text) {
  readPackageTables(c, scanToml(text, c), pipfilePackageDepth);
}
var SETUP_CFG_REQUIRES = /* @__PURE__ */ new Set(["install_requires", "setup_requires", "tests_require"]);
function detectSetupCfg(c) {
  let section = "";
  let wanted = false;
  let items = [];
  let continued = false;
  const flush = () => {
    if (wanted) {
      const pieces = continued ? items : items.flatMap((it) => it.text.split(";").map((text) => ({ text, line: it.line })));
      for (const p of pieces) {
        const spec = p.text.replace(/\s#.*$/, "").trim();
        if (spec === "" || spec.startsWith("#") || /^file:/i.test(spec)) continue;
        c.requirementString(spec, p.line);
      }
    }
    items = [];
    wanted = false;
    continued = false;
  };
  for (let i = 1; i <= c.lineCount; i++) {
    const raw = c.lineText(i).replace(/\r$/, "");
    const trimmed = raw.trim();
    if (trimmed.startsWith("#") || trimmed.startsWith(";")) {
      c.comment(trimmed.slice(1), i);
      continue;
    }
    if (trimmed === "") continue;
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
      section = (header[1] ?? "").trim().toLowerCase();
      continue;
    }
    const delim = /[=:]/.exec(raw);
    if (!delim) continue;
    const key = raw.slice(0, delim.index).trim().toLowerCase().replace(/-/g, "_");
    wanted = section === "options" && SETUP_CFG_REQUIRES.has(key) || section === "options.extras_require";
    if (wanted) c.runtime = section === "options" && key === "install_requires";
    const value = raw.slice(delim.index + 1).trim();
    if (value !== "") items.push({ text: value, line: i });
  }
  flush();
}
function detectSetupPy(_path, text) {
  const c = new Collector(text);
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  readSetupPy(text, {
    requirementString(spec, offset, runtime) {
      c.runtime = runtime;
      c.requirementString(spec, lastAtOrBefore(lineStarts, lineStarts.length, offset) + 1);
    }
  });
  return { signals: c.result().signals, acceptances: [] };
}
function manifestKind(path) {
  const name = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  if (name === "pipfile") return "pipfile";
  if (name === "setup.cfg") return "setup.cfg";
  if (name.endsWith(".toml")) return "pyproject";
  return "requirements";
}
function detectManifest(path, text) {
  const c = new Collector(text);
  switch (manifestKind(path)) {
    case "pyproject":
      detectPyproject(c, text);
      break;
    case "pipfile":
      detectPipfile(c, text);
      break;
    case "setup.cfg":
      detectSetupCfg(c);
      break;
    default:
      c.runtime = !/(^|[^a-z])(dev|test|tests|testing|doc|docs|lint|build|ci)([^a-z]|$)/i.test(path.slice(path.lastIndexOf("/") + 1)) && !/(^|\/)(dev|test|tests|docs?)\//i.test(path);
      detectRequirementsTxt(c);
  }
  return c.result();
}

// src/detect/server-config.ts
function baseName(path) {
  return path.slice(path.lastIndexOf("/") + 1);
}
function configKind(path) {
  const raw = baseName(path);
  if (raw.endsWith(".go") || raw.endsWith(".py") && !/gunicorn/i.test(raw)) return null;
  const name = raw.toLowerCase();
  if (name.includes("gunicorn")) {
    if (name.endsWith(".conf.py") || name.startsWith("gunicorn") && name.endsWith(".py")) return "gunicorn-python";
    if (name.endsWith(".conf")) return "gunicorn-conf";
  }
  if (name.endsWith(".ini")) return "uwsgi-ini";
  if (/^uwsgi.*\.ya?ml$/.test(name)) return "uwsgi-yaml";
  if (/^(?:docker-)?compose.*\.ya?ml$/.test(name) || /^app\.ya?ml$/.test(name)) return "yaml";
  if (name === "procfile" || name.startsWith("procfile.") || name === "dockerfile" || name.startsWith("dockerfile.") || name.endsWith(".dockerfile") || name === "containerfile" || name.endsWith(".sh") || name.endsWith(".bash") || name.endsWith(".service") || name === "makefile" || name === "gnumakefile" || name.endsWith(".mk") || name.startsWith("supervisor") && name.endsWith(".conf")) {
    return "commands";
  }
  return null;
}
function isServerConfigPath(path) {
  return configKind(path) !== null;
}
function classifyWorkerClass(value) {
  let v = value.trim().toLowerCase();
  if (v.startsWith("egg:gunicorn#")) v = v.slice("egg:gunicorn#".length);
  if (v === "gevent" || v === "gevent_wsgi" || v === "gevent_pywsgi" || v.startsWith("gunicorn.workers.ggevent.")) {
    return { signal: "greenlets", module: "gevent" };
  }
  if (v === "eventlet" || v === "geventlet" || v.startsWith("gunicorn.workers.geventlet.")) {
    return { signal: "greenlets", module: "eventlet" };
  }
  if (v === "tornado" || v.startsWith("gunicorn.workers.gtornado.")) return { signal: "asyncio", module: "tornado" };
  if (v.startsWith("uvicorn.workers.") || v.startsWith("uvicorn_worker.")) return { signal: "asyncio", module: "uvicorn" };
  if (/^aiohttp\.(?:worker\.)?gunicorn\w*worker$/.test(v)) return { signal: "asyncio", module: "aiohttp" };
  return null;
}
var FALSE_VALUES = /* @__PURE__ */ new Set(["false", "0", "no", "off", "n"]);
function greenEngine(name) {
  const v = name.trim().toLowerCase();
  if (v.includes("gevent")) return { signal: "greenlets", module: "gevent" };
  if (v.includes("greenlet")) return { signal: "greenlets", module: "greenlet" };
  if (v.includes("ugreen")) return { signal: "greenlets", module: "ugreen" };
  return null;
}
function classifyUwsgiOption(option, value) {
  const opt = option.trim().toLowerCase().replace(/_/g, "-");
  const v = value.trim().toLowerCase();
  if (opt === "gevent" || opt.startsWith("gevent-")) {
    return FALSE_VALUES.has(v) ? null : { signal: "greenlets", module: "gevent" };
  }
  if (opt === "ugreen" || opt === "greenlet") {
    return FALSE_VALUES.has(v) ? null : { signal: "greenlets", module: opt };
  }
  if (opt === "loop" || opt === "plugin" || opt === "plugins" || opt === "need-plugin" || opt === "need-plugins") {
    for (const part of v.split(/[\s,]+/)) {
      const m = greenEngine(part);
      if (m) return m;
    }
  }
  return null;
}
var Collector2 = class {
  signals = [];
  acceptances = [];
  seen = /* @__PURE__ */ new Set();
  acceptedLines = /* @__PURE__ */ new Set();
  lines;
  constructor(text) {
    this.lines = text.split("\n");
  }
  /**
   * Records a signal; by default an async server's (a worker chosen for a web server). A
   * server's configuration is what runs: every signal of it is a use.
   */
  add(m, line, tags = ["import", "use", "async-server"]) {
    const key = `${line}\0${m.signal}\0${m.module}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.signals.push({ signal: m.signal, line, evidence: toEvidence(this.lines[line - 1] ?? ""), tags, module: m.module });
  }
  comment(body, line) {
    const a = readAcceptance(body, line);
    if (a && !this.acceptedLines.has(line)) {
      this.acceptedLines.add(line);
      this.acceptances.push(a);
    }
  }
  result() {
    this.signals.sort((a, b) => a.line - b.line);
    return { signals: this.signals, acceptances: this.acceptances };
  }
};
function isSeparator(c) {
  return c === 32 || c === 9 || c === 13 || c === 34 || c === 39 || c === 96 || c === 44 || c === 91 || c === 93 || c === 40 || c === 41 || c === 123 || c === 125 || c === 61 || c === 59 || c === 38 || c === 124;
}
function splitCommands(c, yaml) {
  const commands = [];
  let current = [];
  const endCommand = () => {
    if (current.length > 0) commands.push(current);
    current = [];
  };
  let continued = false;
  for (let i = 0; i < c.lines.length; i++) {
    const line = (c.lines[i] ?? "").replace(/\r$/, "");
    const lineNo = i + 1;
    const trimmed = line.trim();
    if (trimmed === "") continue;
    if (trimmed.startsWith(";")) {
      c.comment(trimmed.slice(1), lineNo);
      continue;
    }
    const items = [];
    let quote = 0;
    let wordStart = -1;
    let commentAt = -1;
    for (let j = 0; j <= line.length; j++) {
      const ch = j < line.length ? line.charCodeAt(j) : 32;
      if (quote === 0 && ch === 35 && wordStart === -1 && (j === 0 || isSeparator(line.charCodeAt(j - 1)))) {
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
      if (line.slice(0, commentAt).trim() === "") continue;
    }
    const sequenceItem = yaml && /^-(?:\s|$)/.test(trimmed);
    if (!continued && !sequenceItem) endCommand();
    if (sequenceItem && items[0]?.text === "-") items.shift();
    for (const item of items) {
      if (item === null) endCommand();
      else current.push(item);
    }
    const code = (commentAt === -1 ? line : line.slice(0, commentAt)).trimEnd();
    continued = code.endsWith("\\");
    if (continued) {
      const last = current[current.length - 1];
      if (last && last.text.endsWith("\\")) {
        last.text = last.text.slice(0, -1);
        if (last.text === "") current.pop();
      }
    }
  }
  endCommand();
  return commands;
}
function uwsgiOptionName(word) {
  const w = word.toLowerCase().replace(/:$/, "");
  if (w.startsWith("--")) return w.slice(2);
  if (w.startsWith("uwsgi_") && w.length > 6) return w.slice(6).replace(/_/g, "-");
  return null;
}
function readCommands(c, commands) {
  for (const words of commands) {
    let gunicorn = false;
    let uwsgi = false;
    let celery = false;
    for (let i = 0; i < words.length; i++) {
      const word = words[i];
      if (!word) continue;
      const w = word.text.toLowerCase();
      if (w.includes("gunicorn")) gunicorn = true;
      if (w.includes("uwsgi")) uwsgi = true;
      if (w === "celery" || w.endsWith("/celery")) celery = true;
      const next = words[i + 1];
      if (celery && (w === "-p" || w === "--pool") && next) {
        const pool = next.text.toLowerCase();
        if (pool === "gevent" || pool === "eventlet") c.add({ signal: "greenlets", module: pool }, next.line, ["import", "use"]);
        continue;
      }
      if (w === "--worker-class" || w === "-k" && gunicorn) {
        const m = next ? classifyWorkerClass(next.text) : null;
        if (m && next) c.add(m, next.line);
        continue;
      }
      if (!uwsgi) continue;
      const opt = uwsgiOptionName(word.text);
      if (opt === null) continue;
      if (opt === "gevent" || opt.startsWith("gevent-") || opt === "ugreen" || opt === "greenlet") {
        const value = next && !next.text.startsWith("-") && next.line === word.line ? next.text : "";
        const m = classifyUwsgiOption(opt, value);
        if (m) c.add(m, word.line);
      } else if (opt === "loop" || opt.startsWith("plugin") || opt.startsWith("need-plugin")) {
        for (let k = i + 1; k < words.length; k++) {
          const v = words[k];
          if (!v || v.text.startsWith("-") || uwsgiOptionName(v.text) !== null) break;
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
var STRING_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;
function tokenizePython2(text, c) {
  const tokens = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let depth = 0;
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (ch === 10) {
      if (depth === 0) tokens.push({ kind: "newline", text: "", line });
      line++;
      i++;
    } else if (ch === 32 || ch === 9 || ch === 13 || ch === 12) {
      i++;
    } else if (ch === 92 && text.charCodeAt(i + 1) === 10) {
      line++;
      i += 2;
    } else if (ch === 35) {
      const nl = text.indexOf("\n", i);
      const end = nl === -1 ? n : nl;
      c.comment(text.slice(i + 1, end), line);
      i = end;
    } else if (ch === 34 || ch === 39) {
      const start = line;
      const r = scanPythonString(text, i);
      for (let k = i; k < r.end; k++) if (text.charCodeAt(k) === 10) line++;
      tokens.push({ kind: "string", text: r.value, line: start });
      i = r.end;
    } else if (ch >= 65 && ch <= 90 || ch >= 97 && ch <= 122 || ch === 95 || ch >= 128) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d >= 65 && d <= 90 || d >= 97 && d <= 122 || d >= 48 && d <= 57 || d === 95 || d >= 128) j++;
        else break;
      }
      const word = text.slice(i, j);
      const q = text.charCodeAt(j);
      if ((q === 34 || q === 39) && STRING_PREFIX.test(word)) {
        const start = line;
        const r = scanPythonString(text, j);
        for (let k = j; k < r.end; k++) if (text.charCodeAt(k) === 10) line++;
        tokens.push({ kind: "string", text: r.value, line: start });
        i = r.end;
      } else {
        tokens.push({ kind: "name", text: word, line });
        i = j;
      }
    } else {
      if (ch === 40 || ch === 91 || ch === 123) depth++;
      else if ((ch === 41 || ch === 93 || ch === 125) && depth > 0) depth--;
      const two = text.slice(i, i + 2);
      const op = two === "==" || two === "<=" || two === ">=" || two === "!=" || two === ":=" ? two : text[i] ?? "";
      tokens.push({ kind: "op", text: op, line });
      i += op.length;
    }
  }
  tokens.push({ kind: "newline", text: "", line });
  return tokens;
}
function scanPythonString(text, at) {
  const q = text[at] ?? '"';
  const q3 = q.repeat(3);
  const triple = text.startsWith(q3, at);
  const open = triple ? 3 : 1;
  let i = at + open;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "\\") {
      i += 2;
      continue;
    }
    if (!triple && ch === "\n") return { value: text.slice(at + open, i), end: i };
    if (triple ? ch === q && text.startsWith(q3, i) : ch === q) {
      return { value: text.slice(at + open, i), end: i + open };
    }
    i++;
  }
  return { value: text.slice(at + open), end: text.length };
}
function readGunicornPython(c, text) {
  const tokens = tokenizePython2(text, c);
  let statementStart = true;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    if (t.kind === "newline" || t.kind === "op" && t.text === ";") {
      statementStart = true;
      continue;
    }
    const starts = statementStart;
    statementStart = false;
    if (!starts || t.kind !== "name" || t.text !== "worker_class") continue;
    let k = i + 1;
    while (k < tokens.length && tokens[k]?.kind !== "newline" && !(tokens[k]?.kind === "op" && tokens[k]?.text === "=")) k++;
    if (tokens[k]?.kind !== "op") continue;
    for (k++; k < tokens.length; k++) {
      const v = tokens[k];
      if (!v || v.kind === "newline" || v.kind === "op" && v.text === ";") break;
      if (v.kind !== "string") continue;
      const m = classifyWorkerClass(v.text);
      if (m) c.add(m, v.line);
    }
    i = k - 1;
  }
}
function readUwsgiIni(c) {
  let inUwsgi = false;
  for (let i = 0; i < c.lines.length; i++) {
    const trimmed = (c.lines[i] ?? "").trim();
    if (trimmed.startsWith("#") || trimmed.startsWith(";")) {
      c.comment(trimmed.slice(1), i + 1);
      continue;
    }
    const header = /^\[([^\]]*)\]/.exec(trimmed);
    if (header) {
      inUwsgi = (header[1] ?? "").trim().toLowerCase() === "uwsgi";
      continue;
    }
    if (!inUwsgi) continue;
    const eq = trimmed.indexOf("=");
    const key = eq === -1 ? trimmed : trimmed.slice(0, eq);
    const value = eq === -1 ? "" : trimmed.slice(eq + 1);
    const m = classifyUwsgiOption(key, value);
    if (m) c.add(m, i + 1);
  }
}
function stripYamlComment(line, c, lineNo) {
  let quote = "";
  for (let j = 0; j < line.length; j++) {
    const ch = line[j];
    if (quote) {
      if (ch === quote) quote = "";
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === "#" && (j === 0 || line[j - 1] === " " || line[j - 1] === "	")) {
      c.comment(line.slice(j + 1), lineNo);
      return line.slice(0, j);
    }
  }
  return line;
}
function readUwsgiYaml(c) {
  let inUwsgi = false;
  let listKey = "";
  for (let i = 0; i < c.lines.length; i++) {
    const code = stripYamlComment((c.lines[i] ?? "").replace(/\r$/, ""), c, i + 1);
    if (code.trim() === "") continue;
    if (!/^\s/.test(code)) {
      inUwsgi = /^uwsgi\s*:\s*$/.test(code);
      listKey = "";
      continue;
    }
    if (!inUwsgi) continue;
    const unquote = (s) => s.trim().replace(/^(["'])(.*)\1$/, "$2");
    const item = /^\s*-\s*(.*)$/.exec(code);
    if (item) {
      const m2 = listKey ? classifyUwsgiOption(listKey, unquote(item[1] ?? "")) : null;
      if (m2) c.add(m2, i + 1);
      continue;
    }
    const kv = /^\s*([A-Za-z0-9_-]+)\s*:(?:\s+(.*))?$/.exec(code);
    if (!kv) continue;
    const key = kv[1] ?? "";
    const value = unquote((kv[2] ?? "").replace(/^\[(.*)\]$/, "$1"));
    listKey = value === "" ? key : "";
    const m = classifyUwsgiOption(key, value);
    if (m) c.add(m, i + 1);
  }
}
function detectServerConfig(path, text) {
  const c = new Collector2(text);
  switch (configKind(path)) {
    case "gunicorn-python":
      readGunicornPython(c, text);
      break;
    case "gunicorn-conf":
      readGunicornPython(c, text);
      readCommands(c, splitCommands(c, false));
      break;
    case "uwsgi-ini":
      readUwsgiIni(c);
      readCommands(c, splitCommands(c, false));
      break;
    case "uwsgi-yaml":
      readUwsgiYaml(c);
      break;
    case "yaml":
      readCommands(c, splitCommands(c, true));
      break;
    case "commands":
      readCommands(c, splitCommands(c, false));
      break;
    case null:
      break;
  }
  return c.result();
}

// src/detect/index.ts
var goFile = (_path, text) => detectGo(text);
var byExtension = new Map(Object.entries({
  ".py": (_path, text) => detectPython(text),
  ".pyw": (_path, text) => detectPython(text),
  ".pyx": (_path, text) => detectCython(text),
  ".pxd": (_path, text) => detectCython(text),
  ".pxi": (_path, text) => detectCython(text),
  ".go": goFile
}));
var byName = new Map(Object.entries({
  "go.mod": (_path, text) => detectGoModule(text),
  "go.work": (_path, text) => detectGoModule(text),
  "pyproject.toml": detectManifest,
  "setup.cfg": detectManifest,
  Pipfile: detectManifest
}));
function baseName2(path) {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? path : path.slice(slash + 1);
}
function extension(name) {
  const dot = name.lastIndexOf(".");
  return dot <= 0 ? "" : name.slice(dot);
}
function isRequirementsFile(path, name) {
  if (!name.endsWith(".txt") && !name.endsWith(".in")) return false;
  return name.startsWith("requirements") || path.includes("requirements/");
}
function detectorsFor(path) {
  const name = baseName2(path);
  const primary = byName.get(name) ?? (isRequirementsFile(path, name) ? detectManifest : byExtension.get(extension(name)));
  if (name === "setup.py") return SETUP_PY;
  if (isServerConfigPath(path)) return primary ? [primary, detectServerConfig] : [detectServerConfig];
  return primary ? ALONE.get(primary) : NONE;
}
var NONE = [];
var SETUP_PY = [(_path, text) => detectPython(text), detectSetupPy];
var ALONE = new Map(
  [...byName.values(), ...byExtension.values(), detectManifest].map((d) => [d, [d]])
);
function isDetectable(path) {
  return detectorsFor(path).length > 0;
}
var GO_ALONE = ALONE.get(goFile);
function detectFile(path, content) {
  const detectors = detectorsFor(path);
  if (detectors.length === 0) return null;
  let text;
  if (typeof content === "string") text = content;
  else {
    const decided = detectors === GO_ALONE ? detectGoBytes(content) : null;
    if (decided) return decided;
    text = decodeText(content);
  }
  if (detectors.length === 1) return detectors[0](path, text);
  const merged = { signals: [], acceptances: [] };
  const seenAcceptances = /* @__PURE__ */ new Set();
  for (const detect of detectors) {
    const d = detect(path, text);
    merged.signals.push(...d.signals);
    for (const a of d.acceptances) {
      if (seenAcceptances.has(a.line)) continue;
      seenAcceptances.add(a.line);
      merged.acceptances.push(a);
    }
  }
  merged.signals.sort((a, b) => a.line - b.line);
  return merged;
}
function detectUnreadFile(path) {
  const name = baseName2(path);
  const ext = extension(name);
  const evidence = `${name} (not read: too large)`;
  if (ext === ".go") return { signals: [{ signal: "golang", line: 1, evidence, tags: ["file", "use"] }], acceptances: [] };
  if (name === "go.mod" || name === "go.work") {
    return { signals: [{ signal: "golang", line: 1, evidence, tags: ["file"] }], acceptances: [] };
  }
  if (ext === ".pyx" || ext === ".pxd" || ext === ".pxi") {
    return { signals: [{ signal: "cython", line: 1, evidence, tags: ["file", "use"] }], acceptances: [] };
  }
  return null;
}

export {
  decodeText,
  toEvidence,
  isDetectable,
  detectFile,
  detectUnreadFile
};
