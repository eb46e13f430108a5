import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GoScanner, GoToken, mayContainGoSignals } from '../../src/detect/go-tokenizer.js';
import { analyseGo } from '../../src/detect/go.js';

const NAMES = Object.fromEntries(Object.entries(GoToken).map(([k, v]) => [v, k])) as Record<number, string>;

/** Every token as `Kind:text` (inserted semicolons as `Semicolon:` with their newline or nothing). */
function tokens(text: string): string[] {
  const s = new GoScanner(text);
  const out: string[] = [];
  for (let k = s.next(); k !== GoToken.EOF; k = s.next()) out.push(`${NAMES[k]}:${text.slice(s.start, s.end)}`);
  return out;
}

describe('GoScanner', () => {
  it('reads interpreted strings with escapes as one token', () => {
    expect(tokens('x := "a \\" go f() <-ch \\\\" + y')).toEqual([
      'Ident:x',
      'Operator::=',
      'String:"a \\" go f() <-ch \\\\"',
      'Operator:+',
      'Ident:y',
      'Semicolon:',
    ]);
  });

  it('reads raw strings across lines and counts their lines', () => {
    const s = new GoScanner('a := `x\ngo f()\n<-ch`\nb');
    const seen: [string, number][] = [];
    for (let k = s.next(); k !== GoToken.EOF; k = s.next()) seen.push([NAMES[k] ?? '', s.line]);
    expect(seen).toEqual([
      ['Ident', 1],
      ['Operator', 1],
      ['String', 1],
      ['Semicolon', 3],
      ['Ident', 4],
      ['Semicolon', 4],
    ]);
  });

  it('reads rune literals, escaped quotes and all', () => {
    expect(tokens(`'<' '-' '\\'' '\\x00' '\\u1234' '"'`).map((t) => t.split(':')[0])).toEqual([
      'Rune',
      'Rune',
      'Rune',
      'Rune',
      'Rune',
      'Rune',
      'Semicolon',
    ]);
  });

  it('returns comments as tokens and inserts a semicolon before a comment that ends the line', () => {
    expect(tokens('x // go f()\n/* <-ch */ y /* a\nb */ z')).toEqual([
      'Ident:x',
      'Semicolon:',
      'LineComment:// go f()',
      'BlockComment:/* <-ch */',
      'Ident:y',
      'Semicolon:',
      'BlockComment:/* a\nb */',
      'Ident:z',
      'Semicolon:',
    ]);
  });

  it('follows Go on operators: `<-` greedily, but `<<-` is a shift and a minus', () => {
    expect(tokens('a<-b<<-c<=d').map((t) => t.split(':')[0])).toEqual([
      'Ident',
      'Arrow',
      'Ident',
      'Operator',
      'Operator',
      'Ident',
      'Operator',
      'Operator',
      'Ident',
      'Semicolon',
    ]);
  });

  it('reads numbers with exponents, and hexadecimal e as a digit', () => {
    expect(tokens('1e-5 0x1p-2 0x1e-5 .5 1_000i')).toEqual([
      'Number:1e-5',
      'Number:0x1p-2',
      'Number:0x1e',
      'Operator:-',
      'Number:5',
      'Number:.5',
      'Number:1_000i',
      'Semicolon:',
    ]);
  });

  it('tells keywords from identifiers that start like them', () => {
    expect(tokens('go gopher chan channel package func return x').map((t) => t.split(':')[0])).toEqual([
      'Go',
      'Ident',
      'Chan',
      'Ident',
      'Package',
      'Func',
      'KeywordSemi',
      'Ident',
      'Semicolon',
    ]);
  });

  it("reads each of Go's 25 keywords as its token, and words one letter off as identifiers", () => {
    // The kinds the scanner gives, from the Go specification's keyword list.
    const keywords: Record<string, string> = {
      break: 'KeywordSemi', case: 'Keyword', chan: 'Chan', const: 'Keyword', continue: 'KeywordSemi',
      default: 'Keyword', defer: 'Keyword', else: 'Keyword', fallthrough: 'KeywordSemi', for: 'Keyword',
      func: 'Func', go: 'Go', goto: 'Keyword', if: 'Keyword', import: 'Keyword', interface: 'Interface',
      map: 'Map', package: 'Package', range: 'Keyword', return: 'KeywordSemi', select: 'Keyword',
      struct: 'Struct', switch: 'Keyword', type: 'Keyword', var: 'Keyword',
    };
    for (const [word, kind] of Object.entries(keywords)) {
      expect(tokens(word)[0], word).toBe(`${kind}:${word}`);
      // Same first letter and length, each later letter changed in turn; one letter more or less.
      const near = [...word.slice(1)].map((_, i) => word.slice(0, i + 1) + (word[i + 1] === 'z' ? 'y' : 'z') + word.slice(i + 2));
      for (const other of [...near, `${word}s`, word.slice(0, -1), word.toUpperCase()]) {
        if (other in keywords) continue;
        expect(tokens(other)[0], other).toBe(`Ident:${other}`);
      }
    }
  });

  it('skips a byte order mark at the start only', () => {
    expect(tokens('\ufeffpackage p')).toEqual(['Package:package', 'Ident:p', 'Semicolon:']);
  });

  it('ends unterminated literals at the newline (interpreted, rune) or at the end (raw, block comment)', () => {
    expect(tokens('"abc\ngo f()')).toEqual(['String:"abc', 'Semicolon:\n', 'Go:go', 'Ident:f', 'LParen:(', 'RParen:)', 'Semicolon:']);
    expect(tokens("'a\nx")).toEqual(["Rune:'a", 'Semicolon:\n', 'Ident:x', 'Semicolon:']);
    expect(tokens('`abc\ngo f()')).toEqual(['String:`abc\ngo f()', 'Semicolon:']);
    expect(tokens('/* abc\ngo f()')).toEqual(['BlockComment:/* abc\ngo f()']);
  });

  it('never throws and always ends, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const s = new GoScanner(text);
        let steps = 0;
        let last = -1;
        for (let k = s.next(); k !== GoToken.EOF; k = s.next()) {
          // Progress: every token starts at or after the end of the previous one, and there
          // are at most two tokens (one an inserted semicolon) per character.
          if (s.start < last) throw new Error(`token at ${s.start} before ${last}`);
          last = s.end;
          if (++steps > 2 * text.length + 2) throw new Error('no progress');
        }
      }),
      { numRuns: 2000 },
    );
  });
});

/** Go-flavoured text: fragments that stress the tokenizer, in any order. */
const goish = fc
  .array(
    fc.constantFrom(
      'go', ' go ', 'go f()', '<-', 'ch <- v', '<-ch', 'chan', 'chan<-', '<-chan', ' int', '(', ')', '[', ']',
      '{', '}', ';', ':', '\n', ' ', '\t', '"', '\\"', "'", '`', '//', '/*', '*/', '*', '/', '\\', 'x', '.', ',',
      '0x1e-5', 'struct{}', 'func()', 'map[int]', '\u0000', '\ufeff', 'é', '\r\n', '#', 'gopher', 'ago',
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

describe('mayContainGoSignals', () => {
  it('is false for text without a statement-starting `go` or an arrow in code', () => {
    expect(mayContainGoSignals('package p\n\nfunc f() { gopher(); ago() }\n')).toBe(false);
    expect(mayContainGoSignals('package p // go f() <-ch\n//go:build linux\n')).toBe(false);
    expect(mayContainGoSignals('import "go/ast"\nx.go()')).toBe(false);
  });

  it('is true when a go statement or an arrow may be code', () => {
    expect(mayContainGoSignals('func f() {\n\tgo g()\n}')).toBe(true);
    expect(mayContainGoSignals('x := <-ch')).toBe(true);
    expect(mayContainGoSignals('s := "// x" <-ch')).toBe(true);
    expect(mayContainGoSignals('/* c */go f()')).toBe(true);
    expect(mayContainGoSignals('go')).toBe(true);
  });

  it('is sound: when false, the full tokenizer finds nothing either', () => {
    // A receive appended on a line of its own makes analyseGo tokenize the whole text (its own
    // pre-check passes) without changing what the lines before it hold.
    const check = (text: string): void => {
      if (mayContainGoSignals(text)) return;
      const lastLine = text.split('\n').length;
      const a = analyseGo(`${text}\n<-x\n`);
      const found = [...a.goLines, ...a.sendLines, ...a.receiveLines].filter((l) => l <= lastLine);
      expect(found).toEqual([]);
    };
    fc.assert(fc.property(goish, check), { numRuns: 5000 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), check), { numRuns: 2000 });
  });

  // A hang guard, not a timing: a quadratic back-walk would not end within the timeout.
  it('stays linear on long lines of commented arrows', () => {
    const text = `// ${'<- go;'.repeat(200_000)}\n`;
    expect(mayContainGoSignals(text)).toBe(false);
  }, 10_000);
});
