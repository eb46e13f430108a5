import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseGo, detectGo, detectGoModule } from '../../src/detect/go.js';

describe('analyseGo', () => {
  it('counts go statements, sends and receives with their lines', () => {
    const a = analyseGo(
      [
        'package p', // 1
        'func f(in <-chan int, out chan<- int) {', // 2
        '\tgo func() { out <- <-in }()', // 3
        '\tselect {', // 4
        '\tcase v, ok := <-in:', // 5
        '\t\t_, _ = v, ok', // 6
        '\tcase out <- 1:', // 7
        '\t}', // 8
        '}', // 9
      ].join('\n'),
    );
    expect(a.goLines).toEqual([3]);
    expect(a.sendLines).toEqual([3, 7]);
    expect(a.receiveLines).toEqual([3, 5]);
    expect(a.counts).toEqual({ go: 1, send: 2, receive: 2 });
    expect(a.packageLine).toBe(1);
  });

  it('does not count channel types, in any position', () => {
    const a = analyseGo(
      'package p\ntype T struct{ c <-chan int; d chan<- int }\n' +
        'func f(a <-chan int) (<-chan int, chan<- <-chan int) { x := (<-chan int)(a); _ = []<-chan int{x}; return nil, nil }\n' +
        'func g[C ~<-chan int](c C) {}\n',
    );
    expect(a.counts).toEqual({ go: 0, send: 0, receive: 0 });
  });

  it('reads `<-chan int(c)` as a receive from a conversion, as go/parser does', () => {
    expect(analyseGo('package p\nfunc f(c chan int) { _ = <-chan int(c) }').receiveLines).toEqual([2]);
  });

  it('does not count a `go` that cannot start a statement', () => {
    expect(analyseGo('package p\nvar x = y.go\nfunc f() { g(go) }').counts.go).toBe(0);
  });

  it('finds the package clause after comments, and none when the file lacks one', () => {
    expect(analyseGo('// Copyright\n\n/* doc */\npackage p\n').packageLine).toBe(4);
    expect(analyseGo('func f() {}').packageLine).toBeNull();
  });
});

describe('detectGo', () => {
  it('reports one signal per construct, with the trimmed line as evidence', () => {
    const d = detectGo('package p\n\nfunc f(ch chan int) {\n\t\tgo g()   \n\tch <- 1\n\tv := <-ch\n}\n');
    expect(d.signals).toEqual([
      { signal: 'golang', line: 4, evidence: 'go g()', tags: ['use'], construct: 'go' },
      { signal: 'golang', line: 5, evidence: 'ch <- 1', tags: ['use'], construct: 'send' },
      { signal: 'golang', line: 6, evidence: 'v := <-ch', tags: ['use'], construct: 'receive' },
    ]);
  });

  it('reports a file-level signal at the package clause when there is no construct', () => {
    expect(detectGo('// Package p does things.\npackage p\n\nfunc f() {}\n').signals).toEqual([
      { signal: 'golang', line: 2, evidence: 'package p', tags: ['file', 'use'] },
    ]);
  });

  it('falls back to line 1 without a package clause, even for an empty file', () => {
    expect(detectGo('').signals).toEqual([{ signal: 'golang', line: 1, evidence: '', tags: ['file', 'use'] }]);
    expect(detectGo('\n\nfunc f() {}').signals[0]?.line).toBe(1);
  });

  it('cuts evidence to 200 characters', () => {
    const long = `package p\nfunc f(ch chan string) { ch <- "${'x'.repeat(500)}" }\n`;
    const [s] = detectGo(long).signals;
    expect(s?.evidence.length).toBe(200);
    expect(s?.evidence.startsWith('func f(ch chan string) { ch <- "xxx')).toBe(true);
  });

  it('reads inline acceptances from line and block comments, not from strings', () => {
    const d = detectGo(
      [
        'package p',
        '// architecture-review: accept golang-unjustified -- latency measured in #12',
        'func f() {',
        '\tgo g() // architecture-review: accept golang-unjustified -- same line',
        '\t/* architecture-review: accept measure-first -- profiled */',
        '\t_ = "// architecture-review: accept golang-unjustified -- in a string"',
        '\t/*',
        '\t * architecture-review: accept profile-missing',
        '\t */',
        '}',
      ].join('\n'),
    );
    expect(d.acceptances).toEqual([
      { line: 2, rule: 'golang-unjustified', reason: 'latency measured in #12' },
      { line: 4, rule: 'golang-unjustified', reason: 'same line' },
      { line: 5, rule: 'measure-first', reason: 'profiled' },
      { line: 8, rule: 'profile-missing', reason: '' },
    ]);
  });

  it('never throws, on any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const d = detectGo(text);
        if (d.signals.length === 0) throw new Error('a Go file always yields a signal');
      }),
      { numRuns: 2000 },
    );
    expect(() => detectGo('\u0000\u0001\uffff\ud800 go <- chan')).not.toThrow();
  });

  it('stays fast and within the stack on adversarial nesting', () => {
    const cases = [
      `package p\nvar x = <-${'chan '.repeat(100_000)}int`,
      `package p\nvar x = ${'<-chan struct{'.repeat(20_000)}`,
      `package p\nvar x = ${'<-chan func() '.repeat(20_000)}`,
      `package p\n${'/*'.repeat(100_000)}`,
      `package p\n${'// architecture-review: accept x -- y\n'.repeat(20_000)}`,
    ];
    for (const text of cases) {
      const d = detectGo(text);
      // A Go file always yields a signal; here, only the file-level one or arrows on line 2.
      expect(d.signals.length).toBeGreaterThan(0);
      expect(d.signals.every((s) => s.signal === 'golang')).toBe(true);
    }
    // Speed is measured by `npm run bench`; here the timeout only guards against a hang.
  }, 10_000);
});

describe('detectGoModule', () => {
  it('reports go.mod at its module directive', () => {
    const d = detectGoModule('// comment\n\nmodule example.com/x // tail\n\ngo 1.21\n\nrequire (\n\tmodule v1.0.0\n)\n');
    expect(d.signals).toEqual([{ signal: 'golang', line: 3, evidence: 'module example.com/x // tail', tags: ['file'] }]);
  });

  it('reports go.work at its go directive', () => {
    const d = detectGoModule('go 1.22\n\nuse (\n\t./a\n\t./b\n)\n');
    expect(d.signals).toEqual([{ signal: 'golang', line: 1, evidence: 'go 1.22', tags: ['file'] }]);
  });

  it('ignores directives in comments and blocks, and falls back to line 1', () => {
    expect(detectGoModule('// module example.com/x\nrequire (\n\tgo v1\n)\n').signals[0]?.line).toBe(1);
    expect(detectGoModule('').signals).toEqual([{ signal: 'golang', line: 1, evidence: '', tags: ['file'] }]);
  });

  it('reads inline acceptances from // comments', () => {
    expect(
      detectGoModule('module x // architecture-review: accept golang-unjustified -- vendored\n').acceptances,
    ).toEqual([{ line: 1, rule: 'golang-unjustified', reason: 'vendored' }]);
  });
});
