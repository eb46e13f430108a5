import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analysePython, detectPython, mayContainPythonSignals } from '../../src/detect/python.js';
import { detectCython } from '../../src/detect/cython.js';
import { createTokenBuffer, TokenKind, tokenizePython, type PythonTokens } from '../../src/detect/python-tokenizer.js';

const KIND_NAMES = Object.fromEntries(Object.entries(TokenKind).map(([name, kind]) => [kind, name]));

/** The tokens as `Kind:text` strings, for readable expectations. */
function tokens(text: string): string[] {
  const t = tokenizePython(text);
  const out: string[] = [];
  for (let i = 0; i < t.count; i++) out.push(`${KIND_NAMES[t.kinds[i]!]}:${text.slice(t.starts[i], t.ends[i])}`);
  return out;
}

/** Only the names: what the detectors read as code. */
function names(text: string): string[] {
  return tokens(text)
    .filter((t) => t.startsWith('Name:'))
    .map((t) => t.slice(5));
}

function comments(text: string): string[] {
  const t = tokenizePython(text);
  const out: string[] = [];
  for (let k = 0; k < t.commentCount; k++) out.push(text.slice(t.commentStarts[k], t.commentEnds[k]));
  return out;
}

/** Invariants every token stream must keep, whatever the input. */
function checkInvariants(text: string, t: PythonTokens): void {
  let previousEnd = 0;
  for (let i = 0; i < t.count; i++) {
    const start = t.starts[i]!;
    const end = t.ends[i]!;
    if (start < previousEnd || end < start || end > text.length) {
      throw new Error(`token ${i} [${start}, ${end}) breaks order in ${JSON.stringify(text.slice(0, 200))}`);
    }
    previousEnd = end;
  }
  if (t.count > text.length + 2) throw new Error('more tokens than characters');
}

describe('tokenizePython: strings', () => {
  it('reads every prefix, in any case, as one string', () => {
    for (const prefix of ['', 'r', 'u', 'R', 'U', 'b', 'B', 'br', 'rb', 'Br', 'bR', 'RB', 'rB']) {
      expect(tokens(`${prefix}"await x" + y`)).toEqual([`String:${prefix}"await x"`, 'Op:+', 'Name:y', 'Newline:']);
      expect(tokens(`${prefix}'''a\n"b"\n'''`)).toEqual([`String:${prefix}'''a\n"b"\n'''`, 'Newline:']);
    }
  });

  it('does not take other letters before a quote as a prefix', () => {
    expect(tokens('ur"x"')).toEqual(['Name:ur', 'String:"x"', 'Newline:']);
    expect(tokens('if"x"')).toEqual(['Name:if', 'String:"x"', 'Newline:']);
    expect(tokens('bf"x"')).toEqual(['Name:bf', 'String:"x"', 'Newline:']);
  });

  it('lets a backslash escape the quote, raw strings included', () => {
    expect(tokens(String.raw`r"\"" + a`)).toEqual([String.raw`String:r"\""`, 'Op:+', 'Name:a', 'Newline:']);
    expect(tokens(String.raw`"\\" + a`)).toEqual([String.raw`String:"\\"`, 'Op:+', 'Name:a', 'Newline:']);
    expect(tokens(String.raw`r'\\' await`)).toEqual([String.raw`String:r'\\'`, 'Name:await', 'Newline:']);
    expect(tokens(String.raw`'''a\''' ''' x`)).toEqual([String.raw`String:'''a\''' '''`, 'Name:x', 'Newline:']);
    expect(tokens('"a\\\nb" c')).toEqual(['String:"a\\\nb"', 'Name:c', 'Newline:']);
  });

  it('ends an unterminated single-quoted string at its line, a triple-quoted one at the end', () => {
    expect(tokens('x = "abc\nawait y')).toEqual(['Name:x', 'Op:=', 'String:"abc', 'Newline:\n', 'Name:await', 'Name:y', 'Newline:']);
    expect(tokens('x = """abc\nawait y')).toEqual(['Name:x', 'Op:=', 'String:"""abc\nawait y', 'Newline:']);
    expect(tokens('x = "abc\rawait y')).toEqual(['Name:x', 'Op:=', 'String:"abc', 'Newline:\r', 'Name:await', 'Name:y', 'Newline:']);
  });

  it('keeps comments out of the tokens and lists them', () => {
    const text = 'x = 1  # await y\n# import threading\r\ny = "#"  # c';
    expect(names(text)).toEqual(['x', 'y']);
    expect(comments(text)).toEqual(['# await y', '# import threading', '# c']);
  });
});

describe('tokenizePython: f-strings', () => {
  it('emits the code of replacement fields between start and end', () => {
    expect(tokens('f"a{await x!r:>{w}}b"')).toEqual([
      'FStringStart:f"',
      'Name:await',
      'Name:x',
      'Name:w',
      'FStringEnd:"',
      'Newline:',
    ]);
  });

  it('treats doubled braces, format specs and \\N{...} as text', () => {
    expect(names('f"{{await x}}"')).toEqual([]);
    expect(names('f"{x:await}"')).toEqual(['x']);
    expect(names('f"\\N{BULLET} {x}"')).toEqual(['x']);
    expect(names('rf"\\N{x}"')).toEqual(['x']); // raw: \N is text, {x} a field
    expect(names('f"\\{x}"')).toEqual(['x']); // a backslash does not escape a brace
    expect(names('f"{x:%H:%M}{y}"')).toEqual(['x', 'y']);
    expect(names('f"{ {1: 2}[a] }"')).toEqual(['a']);
    expect(names('f"{x=}{y!s:{z}.{p}f}"')).toEqual(['x', 'y', 'z', 'p']);
  });

  it('reads strings and f-strings nested in fields, with any quotes (PEP 701)', () => {
    expect(names(`f"{'await x'}{y}"`)).toEqual(['y']);
    expect(names(`f"{"await x"}{y}"`)).toEqual(['y']);
    expect(names(`f"{f'{f"{await x}"}'}"`)).toEqual(['await', 'x']);
    expect(names(`f"""{'"'}{await x}"""`)).toEqual(['await', 'x']);
    expect(names(`f'{x}\\' await y'`)).toEqual(['x']);
    expect(names(`fr'{x}\\' await y'`)).toEqual(['x']);
  });

  it('allows newlines and comments in fields, and gives no Newline inside them', () => {
    const text = 'x = f"{\n  await y  # await z\n}"\nz';
    expect(names(text)).toEqual(['x', 'await', 'y', 'z']);
    expect(tokens(text).filter((t) => t.startsWith('Newline')).length).toBe(2);
    expect(comments(text)).toEqual(['# await z']);
  });

  it('ends an unterminated f-string at its line (single quotes) or at the end (triple)', () => {
    expect(tokens('f"{x} abc\ny')).toEqual(['FStringStart:f"', 'Name:x', 'FStringEnd:', 'Newline:\n', 'Name:y', 'Newline:']);
    expect(tokens('f"""{x} abc\ny')).toEqual(['FStringStart:f"""', 'Name:x', 'FStringEnd:', 'Newline:']);
    expect(tokens('f"{x')).toEqual(['FStringStart:f"', 'Name:x', 'FStringEnd:', 'Newline:']);
  });

  it('reads t-strings like f-strings', () => {
    expect(names('t"{await x}"')).toEqual(['await', 'x']);
  });
});

describe('tokenizePython: lines', () => {
  it('ends logical lines outside brackets only, and not after a continuation', () => {
    const text = 'a = (1,\n 2)\nb = 1 + \\\n 2\n\n# only a comment\nc; d\n';
    const newlines = tokens(text).filter((t) => t.startsWith('Newline'));
    expect(newlines.length).toBe(3);
  });

  it('reads \\r\\n and a lone \\r as line ends', () => {
    expect(tokens('a\r\nb\rc')).toEqual(['Name:a', 'Newline:\r', 'Name:b', 'Newline:\r', 'Name:c', 'Newline:']);
  });

  it('reads numbers as CPython does, keywords after them included', () => {
    expect(tokens('1if x else 0x1F')).toEqual(['Number:1', 'Name:if', 'Name:x', 'Name:else', 'Number:0x1F', 'Newline:']);
    expect(tokens('1_000.5e-3j 1else .5')).toEqual(['Number:1_000.5e-3j', 'Number:1', 'Name:else', 'Number:.5', 'Newline:']);
  });

  it('munches operators', () => {
    expect(tokens('a **= b // c ... -> := != @ @=')).toEqual([
      'Name:a', 'Op:**=', 'Name:b', 'Op://', 'Name:c', 'Op:...', 'Op:->', 'Op::=', 'Op:!=', 'Op:@', 'Op:@=', 'Newline:',
    ]);
  });

  it('reads Cython syntax without losing its footing', () => {
    const text = 'cdef double *p = <double *> malloc(n)\ncdef int f(int x) except? -1 nogil:\n    return &x\n';
    expect(names(text)).toEqual(['cdef', 'double', 'p', 'double', 'malloc', 'n', 'cdef', 'int', 'f', 'int', 'x', 'except', 'nogil', 'return', 'x']);
    expect(tokens(text)).toContain('Error:?');
  });

  it('skips a BOM and reads non-ASCII identifiers as names', () => {
    expect(names('\ufeffｉｍｐｏｒｔ = ünïcode')).toEqual(['ｉｍｐｏｒｔ', 'ünïcode']);
  });

  it('reuses a buffer, growing it as needed', () => {
    const buffer = createTokenBuffer(16);
    const big = 'x = 1\n'.repeat(1000);
    expect(tokenizePython(big, buffer).count).toBe(4000);
    expect(tokenizePython('a b', buffer).count).toBe(3);
  });
});

describe('tokenizePython: never throws, never hangs', () => {
  const nasty = [
    '(' .repeat(10_000),
    ')'.repeat(10_000),
    '[{('.repeat(10_000) + ')}]'.repeat(5_000),
    'f"{'.repeat(10_000),
    'f"{x:{'.repeat(5_000),
    "f'{f\"{f'{".repeat(3_000),
    '"'.repeat(10_001),
    "'''".repeat(3_001) + '\\',
    '\\'.repeat(10_001),
    '\0\0\0import threading\0',
    '#'.repeat(10_000),
    'f"\\N{' + 'A'.repeat(10_000),
    'jit('.repeat(10_000),
    '\r'.repeat(10_000),
    '\ud800\udfff\ud800',
    'f"' + '\\'.repeat(10_001) + '{x}',
  ];

  // Speed is measured by `npm run bench`; the timeout only guards against a hang.
  it('handles deep nesting, unterminated constructs, NUL bytes and lone surrogates', () => {
    for (const text of nasty) {
      checkInvariants(text, tokenizePython(text));
      analysePython(text);
      analysePython(text, { dialect: 'cython' });
      const analysis = analysePython(text);
      expect(detectPython(text)).toEqual(
        mayContainPythonSignals(text) ? { signals: analysis.signals, acceptances: analysis.acceptances } : { signals: [], acceptances: [] },
      );
      // A cython signal only where the text has a cdef, cpdef, ctypedef or cimport token.
      const cython = detectCython(text).signals.filter((s) => s.signal === 'cython');
      expect(cython.length).toBeLessThanOrEqual(1);
      if (cython.length === 1) expect(cython[0]!.evidence).toMatch(/cdef|cpdef|ctypedef|cimport/);
    }
  }, 10_000);

  it('handles binary data', () => {
    const bytes = new Uint8Array(200_000);
    let seed = 7;
    for (let i = 0; i < bytes.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      bytes[i] = seed >>> 24;
    }
    for (const text of [Buffer.from(bytes).toString('latin1'), new TextDecoder().decode(bytes)]) {
      checkInvariants(text, tokenizePython(text));
      expect(() => detectCython(text)).not.toThrow();
      expect(() => analysePython(text)).not.toThrow();
    }
  });

  it('keeps its invariants on any mix of the characters that matter', () => {
    const piece = fc.constantFrom(
      'f"', "f'", 'rf"', 'b"', "r'", '"', "'", '"""', "'''", '{', '}', '{{', '}}', '\\', '\n', '\r', '\r\n', '#',
      'await', 'async', 'def', 'for', 'with', 'import', 'from', 'as', 'threading', 'os', '.', ',', ';', ':', '!r',
      '(', ')', '[', ']', ' ', 'x', '=', '@', 'nogil', 'cdef', '\0', 'é', '\ud800', '*', '...', '0x1', '1e',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), (pieces) => {
        const text = pieces.join('');
        checkInvariants(text, tokenizePython(text));
        analysePython(text);
        detectCython(text);
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps its invariants on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        checkInvariants(text, tokenizePython(text));
        analysePython(text);
        detectCython(text);
      }),
      { numRuns: 2000 },
    );
  });

  // A hang guard, not a timing: quadratic work on this input would not end within the timeout.
  it('stays linear on large pathological input', () => {
    const text = 'f"{'.repeat(200_000) + '@jit(nogil=True, x=('.repeat(100_000);
    const t = tokenizePython(text);
    checkInvariants(text, t);
    expect(analysePython(text).signals).toEqual([]);
  }, 10_000);
});
