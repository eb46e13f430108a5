/**
 * An audit hands the detectors a file's bytes, and a Go file is decided from them when that is
 * possible (`detectGoBytes`): the byte pre-check, then a decoded head of the file for the
 * package clause. Whatever the bytes, the result must be exactly the one for the decoded text,
 * which go-detect.test.ts holds to the full scan and go-source.test.ts to go/parser. Over Go's
 * source tree, the fixtures, and random mixes of pieces, invalid UTF-8 and byte-order marks
 * included.
 */
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mayContainGoSignals, mayContainGoSignalsInBytes } from '../../src/detect/go-tokenizer.js';
import { detectGoBytes } from '../../src/detect/go.js';
import { detectFile } from '../../src/detect/index.js';
import { decodeText } from '../../src/utf8.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/go', import.meta.url));

function goFiles(dir: string, into: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) goFiles(path, into);
    else if (entry.isFile() && entry.name.endsWith('.go')) into.push(path);
  }
  return into;
}

function withoutBom(bytes: Buffer): Buffer {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

/** Null when the bytes give what the text gives; else what differs. */
function difference(bytes: Buffer): string | null {
  const text = decodeText(bytes);
  const precheck = mayContainGoSignalsInBytes(withoutBom(bytes));
  if (precheck !== mayContainGoSignals(text)) return `pre-check: bytes ${precheck}, text ${!precheck}`;
  const got = JSON.stringify(detectFile('f.go', bytes));
  const want = JSON.stringify(detectFile('f.go', text));
  return got === want ? null : `bytes: ${got.slice(0, 600)}\n  text:  ${want.slice(0, 600)}`;
}

function expectSame(bytes: Buffer): void {
  const diff = difference(bytes);
  if (diff !== null) throw new Error(`${JSON.stringify(bytes.toString('latin1').slice(0, 1500))}\n  ${diff}`);
}

describe('a Go file decided from its bytes', () => {
  it("gives what its text gives, on every file of Go's source tree and the fixtures", () => {
    const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local' } }).trim();
    const files = goFiles(realpathSync(join(goroot, 'src')), goFiles(FIXTURES));
    const mismatches: string[] = [];
    let fromBytes = 0;
    let allBytes = 0;
    let undecoded = 0;
    for (const path of files) {
      const bytes = readFileSync(path);
      const diff = difference(bytes);
      if (diff !== null) mismatches.push(`${path}: ${diff}`);
      allBytes += bytes.length;
      if (detectGoBytes(bytes) !== null) {
        fromBytes++;
        undecoded += Math.max(0, bytes.length - 1024); // all but the head of 1 KiB
      }
    }
    console.log(
      `decided from bytes: ${fromBytes} of ${files.length} files; ` +
        `${(undecoded / 2 ** 20).toFixed(1)} of ${(allBytes / 2 ** 20).toFixed(1)} MiB never decoded`,
    );
    expect(mismatches).toEqual([]);
    expect(files.length).toBeGreaterThan(1000);
    // The point of it: most files, and most of the bytes, are never decoded whole (about 5 files
    // in 6, 42 of 60 MiB, in Debian's Go tree).
    expect(fromBytes).toBeGreaterThan(files.length * 0.6);
    expect(undecoded).toBeGreaterThan(allBytes * 0.5);
  });

  it('gives what its text gives on any mix of the pieces that matter, invalid UTF-8 included', () => {
    const texts = [
      'go', 'go ', ' go', '\tgo', '<-', 'chan', 'chan<-', '<-chan', '{', '}', ';', ':', '(', ')', '/', '//', '/*', '*/', '*', '"',
      "'", '`', '\\', '\n', '\r', '\r\n', ' ', '\t', 'x', 'f()', 'package p', 'package', 'packages', '//go:build linux\n',
      'architecture-review', '// architecture-review: accept golang-unjustified -- why\n', '\ufeff', 'é', '€', '😀', 'gó',
    ].map((t) => Buffer.from(t));
    // Bytes that are not UTF-8: a stray continuation byte, a cut-off character, an invalid byte.
    const invalid = [[0x80], [0xe2, 0x82], [0xff], [0xc3]].map((b) => Buffer.from(b));
    const piece = fc.constantFrom(...texts, ...invalid);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        expectSame(Buffer.concat(pieces));
      }),
      { numRuns: 5000 },
    );
  });

  it('gives what its text gives around the end of the head it decodes', () => {
    const cases: Buffer[] = [];
    // A package clause, or a character cut in two, at every place around byte 1,024.
    for (let pad = 990; pad <= 1040; pad++) {
      const comment = `// ${'x'.repeat(pad)}\n`;
      cases.push(Buffer.from(`${comment}package p\n\nvar x = 1\n`));
      cases.push(Buffer.from(`// ${'é'.repeat(pad / 2)}\npackage p\n`));
      cases.push(Buffer.from(`/* ${'€'.repeat(pad / 3)} */ package p // after\nvar y = 2\n`));
      cases.push(Buffer.from(`${comment.slice(0, pad)}`)); // a comment that never ends the line
      cases.push(Buffer.from(`/* ${'x'.repeat(pad)}`)); // a block comment that never ends
      cases.push(Buffer.from(`${comment}func f() {}\n`)); // no package clause
    }
    cases.push(Buffer.from('\ufeff\ufeffgo f()\n'), Buffer.from('\ufeffpackage p\n'), Buffer.from(''), Buffer.from('\ufeff'));
    cases.push(Buffer.from('package p\r\n\r\nfunc f() {}\r\n'), Buffer.from('package p'), Buffer.from('// only a comment\n'));
    for (const bytes of cases) expectSame(bytes);
    // And these are decided from the bytes, not handed back for decoding.
    expect(detectGoBytes(Buffer.from(`// ${'x'.repeat(900)}\npackage p\n${'var x = 1\n'.repeat(500)}`))).not.toBeNull();
    expect(detectGoBytes(Buffer.from('package p\n\nfunc f() { go g() }\n'))).toBeNull();
    expect(detectGoBytes(Buffer.from('package p\n// architecture-review: accept golang-unjustified -- why\n'))).toBeNull();
  });
});
