/**
 * `detectGo` scans a Go file only around the places where a go statement or a channel arrow
 * can be (found with `scanGoLayout`), and must still report exactly what `analyseGo`, which
 * scans it all and is held to go/parser (go-source.test.ts), finds: the same constructs on the
 * same lines in the same order, the package clause when there are none, the same acceptances.
 * Over Go's source tree, the fixtures, and random mixes of the pieces that matter.
 */
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GO_REGION_COMMENT, GO_REGION_LITERAL, GoScanner, GoToken, scanGoLayout } from '../../src/detect/go-tokenizer.js';
import { analyseGo, detectGo } from '../../src/detect/go.js';
import { toEvidence } from '../../src/detect/evidence.js';
import type { Detection } from '../../src/types.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/go', import.meta.url));

/** What the detector must report, from the full scan. */
function reference(text: string): Detection {
  const analysis = analyseGo(text);
  const lines = text.split('\n');
  const signals: Detection['signals'] = analysis.constructs.map(({ construct, line }) => ({
    signal: 'golang',
    line,
    evidence: toEvidence(lines[line - 1] ?? ''),
    // Every signal of a .go file is a use of Go.
    tags: ['use'],
    construct,
  }));
  if (signals.length === 0) {
    const line = analysis.packageLine ?? 1;
    signals.push({ signal: 'golang', line, evidence: toEvidence(lines[line - 1] ?? ''), tags: ['file', 'use'] });
  }
  return { signals, acceptances: analysis.acceptances };
}

function expectSame(text: string): void {
  const got = JSON.stringify(detectGo(text));
  const want = JSON.stringify(reference(text));
  if (got !== want) {
    throw new Error(`detectGo differs from analyseGo on ${JSON.stringify(text.slice(0, 2000))}\n  detect:  ${got.slice(0, 1000)}\n  analyse: ${want.slice(0, 1000)}`);
  }
}

function goFiles(dir: string, into: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) goFiles(path, into);
    else if (entry.isFile() && entry.name.endsWith('.go')) into.push(path);
  }
  return into;
}

describe('detectGo reports exactly what analyseGo finds', () => {
  it("on every file of Go's source tree and the fixtures", () => {
    const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local' } }).trim();
    const files = goFiles(realpathSync(join(goroot, 'src')), goFiles(FIXTURES));
    const mismatches: string[] = [];
    let constructs = 0;
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      const want = reference(text);
      constructs += want.signals.length;
      if (JSON.stringify(detectGo(text)) !== JSON.stringify(want)) mismatches.push(path);
    }
    expect(mismatches).toEqual([]);
    expect(files.length).toBeGreaterThan(1000);
    expect(constructs).toBeGreaterThan(5000);
  });

  it('on any mix of the pieces that matter', () => {
    const piece = fc.constantFrom(
      'go', 'go ', ' go', '<-', '<<-', 'chan', 'chan<-', '<-chan', 'func', 'struct', 'interface', 'map', '[', ']', '(', ')', '{',
      '}', ';', ':', ':=', '.', ',', '*', '/', '//', '/*', '*/', '"', "'", '`', '\\', '\n', '\r', ' ', '\t', 'x', 'f()', '1', '0x1e-',
      'return', 'package p', '\ufeff', 'é', '// architecture-review: accept golang-unjustified -- why', 'architecture-review',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        expectSame(pieces.join(''));
      }),
      { numRuns: 5000 },
    );
  });

  it('on programs with constructs far apart, after comments, raw strings and blank lines', () => {
    const filler = 'x := 1\n'.repeat(40);
    const cases = [
      `package p\n${filler}func f() {\n\tgo g()\n}\n`,
      `package p\n${filler}var s = \`\nraw\n\`\ngo g()\n`,
      `package p\n${filler}x := y /* a\nb */\ngo g()\n`,
      `package p\n${filler}x := y // c\n\n\n\tgo g()\n\tc <- 1\n\tv := <-c\n`,
      `package p\n${filler}f(x,\n\t<-c)\nch <- <-chan int(c)\n`,
      `package p\n${filler}// architecture-review: accept golang-unjustified -- why\ngo g()\n`,
      `package p\n/* go f()\n<-c */\n${filler}var a = "<-"\n`,
      `go f()\n${filler}<-c\n`,
      `\ufeffgo f()\n`,
    ];
    for (const text of cases) expectSame(text);
  });
});

describe('scanGoLayout', () => {
  it('finds the literals and comments the scanner finds, and the lines that start in code', () => {
    const piece = fc.constantFrom('"', "'", '`', '//', '/*', '*/', '\\', '\n', ' ', 'x', '/', '*', 'é', '\ufeff');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        const layout = scanGoLayout(text, text.length);
        const want: string[] = [];
        const s = new GoScanner(text);
        for (let k = s.next(); k !== GoToken.EOF; k = s.next()) {
          if (k === GoToken.String || k === GoToken.Rune) want.push(`L${s.start}-${s.end}`);
          else if (k === GoToken.LineComment || k === GoToken.BlockComment) want.push(`C${s.start}-${s.end}`);
        }
        const got: string[] = [];
        for (let i = 0; i < layout.regionCount; i++) {
          const kind = layout.regionKinds[i] === GO_REGION_LITERAL ? 'L' : layout.regionKinds[i] === GO_REGION_COMMENT ? 'C' : '?';
          got.push(`${kind}${layout.regionStarts[i]}-${layout.regionEnds[i]}`);
        }
        expect(got).toEqual(want);
        // Line starts: just after each newline that is not inside a literal or comment, with its number.
        for (let i = 1; i < layout.lineStartCount; i++) {
          const start = layout.lineStarts[i]!;
          expect(text[start - 1]).toBe('\n');
          expect(layout.lineNumbers[i]).toBe(text.slice(0, start).split('\n').length);
        }
      }),
      { numRuns: 5000 },
    );
  });
});
