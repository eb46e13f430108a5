import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ELLIPSIS,
  escapeCode,
  escapeInline,
  escapeRuleText,
  escapeTableCell,
  safeUrl,
  sanitizeText,
  truncate,
} from '../../src/report/escape.js';
import { githubReferences, inlineTokens, parseGfm, ZWSP } from './gfm.js';

/** Characters that mean something to markdown, HTML or GitHub, plus the ones we remove. */
const NASTY = [
  ...'`*_[]()<>!#|\\&@~$:/.-+=;"\'{}^%',
  ' ',
  '\n',
  '\r',
  '\t',
  '\u0000',
  '\u001b',
  '\u202E',
  '\u2066',
  '\u200B',
  'a',
  'Z',
  '1',
  '9',
  'w',
  'h',
  't',
  'p',
  's',
  'G',
  'H',
  'é',
  '😀',
];
const nastyString = fc.string({ unit: fc.constantFrom(...NASTY), maxLength: 60 });
const anyString = fc.oneof(nastyString, fc.string({ unit: 'binary', maxLength: 60 }));

const withoutZwsp = (s: string): string => s.split(ZWSP).join('');

describe('sanitizeText', () => {
  it('puts everything on one line and drops control, bidi and zero-width characters', () => {
    expect(sanitizeText('a\nb\r\nc\u0000d\u001b[31me\tf')).toBe('a b c d [31me f');
    expect(sanitizeText('x\u202Eevil\u202C \u2066y\u2069 z\u200Bw\uFEFF')).toBe('xevil y zw');
    expect(sanitizeText('  lots   of\n\n space  ')).toBe('lots of space');
    expect(sanitizeText('a\u2028b\u2029c\u0085d')).toBe('a b c d');
  });

  it('cuts to the maximum length with an ellipsis', () => {
    const long = 'x'.repeat(10_000);
    const cut = sanitizeText(long, 50);
    expect(cut).toHaveLength(50);
    expect(cut.endsWith(ELLIPSIS)).toBe(true);
    expect(sanitizeText('short', 50)).toBe('short');
  });

  it('never splits a surrogate pair and repairs lone surrogates', () => {
    expect(truncate('ab😀cd', 4)).toBe(`ab${ELLIPSIS}`);
    expect(truncate('ab😀cd', 5)).toBe(`ab😀${ELLIPSIS}`);
    expect(sanitizeText('a\uD800b')).toBe('a\uFFFDb');
    expect(truncate('abc', 0)).toBe('');
    expect(truncate('abc', 1)).toBe(ELLIPSIS);
  });

  it('is one well-formed line within the limit, for any input', () => {
    fc.assert(
      fc.property(anyString, fc.integer({ min: 1, max: 80 }), (s, max) => {
        const out = sanitizeText(s, max);
        expect(out.length).toBeLessThanOrEqual(max);
        // eslint-disable-next-line no-control-regex
        expect(out).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\u200B-\u200F]/);
        expect(out).toBe(out.trim());
        expect(() => encodeURIComponent(out)).not.toThrow();
      }),
    );
  });
});

describe('escapeInline', () => {
  it('escapes markdown and HTML so that they show as text', () => {
    expect(escapeInline('[x](http://evil)')).toBe(`\\[x\\]\\(http:${ZWSP}//evil\\)`);
    expect(escapeInline('<img src=x onerror=alert(1)>')).toBe('\\<img src=x onerror=alert\\(1\\)\\>');
    expect(escapeInline('**a** _b_ ~~c~~ `d` $e$ a|b &amp;')).toBe(
      '\\*\\*a\\*\\* \\_b\\_ \\~\\~c\\~\\~ \\`d\\` \\$e\\$ a\\|b \\&amp;',
    );
    expect(escapeInline('back\\slash')).toBe('back\\\\slash');
  });

  it('escapes block markers only at the start, where they count', () => {
    expect(escapeInline('# title')).toBe('\\# title');
    expect(escapeInline('- item')).toBe('\\- item');
    expect(escapeInline('+ item')).toBe('\\+ item');
    expect(escapeInline('1. item')).toBe('1\\. item');
    expect(escapeInline('12) item')).toBe('12\\) item');
    expect(escapeInline('=====')).toBe('\\=====');
    expect(escapeInline('my-file.py and C# 2.0')).toBe('my-file.py and C# 2.0');
  });

  it('breaks mentions, issue references and autolinks with a zero-width space', () => {
    expect(escapeInline('@octocat')).toBe(`\\@${ZWSP}octocat`);
    expect(escapeInline('cc @org/team')).toBe(`cc \\@${ZWSP}org/team`);
    expect(escapeInline('fixes #123')).toBe(`fixes #${ZWSP}123`);
    expect(escapeInline('see GH-123 and gh-4')).toBe(`see GH-${ZWSP}123 and gh-${ZWSP}4`);
    expect(escapeInline('owner/repo#1')).toBe(`owner/repo#${ZWSP}1`);
    expect(escapeInline('https://github.com/o/r/issues/1')).toBe(`https:${ZWSP}//github.com/o/r/issues/1`);
    expect(escapeInline('www.evil.example')).toBe(`www${ZWSP}.evil.example`);
    expect(escapeInline('a@b.example')).toBe(`a\\@${ZWSP}b.example`);
  });

  it('does not trust zero-width characters from the input', () => {
    // A pre-placed ZWSP is removed, so it cannot stand in for ours in a different place.
    expect(escapeInline(`@${ZWSP}octocat`)).toBe(`\\@${ZWSP}octocat`);
    expect(escapeInline(`${ZWSP}@x`)).toBe(`\\@${ZWSP}x`);
  });

  it('cuts the visible text, not the escapes', () => {
    const out = escapeInline('*'.repeat(10_000), 100);
    expect(out).toBe(`${'\\*'.repeat(99)}${ELLIPSIS}`);
  });

  it('parses back to exactly the sanitized text, and nothing but text, for any input', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const escaped = escapeInline(s);
        fc.pre(escaped !== '');
        // Inside a paragraph that already started, and at the start of one.
        for (const doc of [escaped, `Reason: ${escaped}`]) {
          const tokens = inlineTokens(doc);
          expect(tokens.map((t) => t.type)).toEqual(['text']);
          expect(githubReferences(tokens)).toEqual([]);
        }
        expect(withoutZwsp(inlineTokens(escaped)[0]?.content ?? '')).toBe(sanitizeText(s));
        expect(parseGfm(escaped).filter((t) => t.block).map((t) => t.type)).toEqual([
          'paragraph_open',
          'inline',
          'paragraph_close',
        ]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('escapeTableCell', () => {
  it('escapes pipes so that a cell stays one cell', () => {
    expect(escapeTableCell('a|b')).toBe('a\\|b');
    expect(escapeTableCell('')).toBe(' ');
  });

  it('keeps the column count and the text of the cell, for any input', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const doc = `| a | b |\n| --- | --- |\n| ${escapeTableCell(s)} | end |\n`;
        const tokens = parseGfm(doc);
        expect(tokens.filter((t) => t.type === 'td_open')).toHaveLength(2);
        const cell = tokens.filter((t) => t.type === 'inline')[2];
        const texts = cell?.children ?? [];
        expect(texts.every((t) => t.type === 'text')).toBe(true);
        expect(withoutZwsp(texts.map((t) => t.content).join(''))).toBe(sanitizeText(s, 200));
        expect(tokens.filter((t) => t.type === 'inline')[3]?.content).toBe('end');
      }),
      { numRuns: 1000 },
    );
  });
});

describe('escapeCode', () => {
  it('uses a fence longer than the longest backtick run, padded when needed', () => {
    expect(escapeCode('go serve(conn)')).toBe('`go serve(conn)`');
    expect(escapeCode('a `b` c')).toBe('``a `b` c``');
    expect(escapeCode('x ``` y')).toBe('````x ``` y````');
    expect(escapeCode('`edge`')).toBe('`` `edge` ``');
    expect(escapeCode('```')).toBe('```` ``` ````');
    expect(escapeCode('')).toBe('');
    expect(escapeCode(' \n ')).toBe('');
  });

  it('keeps code literal (mentions and references are not linked in code) but on one line', () => {
    expect(escapeCode('@octocat #123 [x](y) <b>')).toBe('`@octocat #123 [x](y) <b>`');
    expect(escapeCode('a\nb\u0000c\u202Ed')).toBe('`a b cd`');
  });

  it('never writes the comment marker, even inside code', () => {
    const code = escapeCode('<!-- architecture-review -->');
    expect(code).not.toContain('<!--');
    expect(code).toBe('`<\u2060!-- architecture-review -->`');
  });

  it('cuts long lines', () => {
    const code = escapeCode('x'.repeat(10_000), 200);
    expect(code).toBe(`\`${'x'.repeat(199)}${ELLIPSIS}\``);
  });

  it('parses back to one code span with exactly the code, for any input', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const span = escapeCode(s);
        fc.pre(span !== '');
        const tokens = inlineTokens(`before ${span} after`);
        expect(tokens.map((t) => t.type)).toEqual(['text', 'code_inline', 'text']);
        const expected = truncate(
          s
            .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
            .replace(/[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/g, '')
            // eslint-disable-next-line no-control-regex
            .replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, ' ')
            .trim(),
          200,
        ).replace(/<!--/g, '<\u2060!--');
        expect(tokens[1]?.content).toBe(expected);
        expect(tokens[2]?.content).toBe(' after');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('escapeRuleText', () => {
  it('keeps code in single backticks and escapes the rest', () => {
    expect(escapeRuleText('golang would be justified if storage declared `low-latency: true`')).toBe(
      'golang would be justified if storage declared `low-latency: true`',
    );
    expect(escapeRuleText('use `a|b` and *not* @x')).toBe(`use \`a|b\` and \\*not\\* \\@${ZWSP}x`);
    expect(escapeRuleText('unmatched ` backtick')).toBe('unmatched \\` backtick');
    expect(escapeRuleText('`<!-- architecture-review -->`')).not.toContain('<!--');
  });

  it('yields only text and code spans, for any input', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const out = escapeRuleText(s);
        fc.pre(out !== '');
        const tokens = inlineTokens(`Why: ${out}`);
        expect(tokens.every((t) => t.type === 'text' || t.type === 'code_inline')).toBe(true);
        expect(githubReferences(tokens)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('safeUrl', () => {
  it('accepts plain http(s) URLs only', () => {
    expect(safeUrl('https://example.org/docs#golang-justified')).toBe('https://example.org/docs#golang-justified');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('https://x.org/a) [y](z')).toBeNull();
    expect(safeUrl('https://x.org/a"title"')).toBeNull();
    expect(safeUrl('https://x.org/\u202Eevil')).toBeNull();
    expect(safeUrl('https://x.org/a\nb')).toBeNull();
    expect(safeUrl('docs#anchor')).toBeNull();
  });
});
