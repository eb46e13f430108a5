/**
 * `evaluateRules` on signals built by hand, with the default rules and no profile: how a
 * finding's locations are gathered (each path and line once, in path then line order, from
 * signals in any order), and which signals a rule on several kinds reads.
 */
import { describe, expect, it } from 'vitest';
import { evaluateRules } from '../../src/evaluate/evaluate-rules.js';
import { defaultProfile } from '../../src/profile/defaults.js';
import { implicitService, matchesAny } from '../../src/profile/services.js';
import { loadDefaultRules } from '../../src/rules/load-rules.js';
import type { Finding, Signal, SignalKind, SignalTag } from '../../src/types.js';

/** An introduced use; `mention` drops the `use` tag. */
function signal(kind: SignalKind, path: string, line: number, evidence = `${path}:${line}`, tags: SignalTag[] = ['use']): Signal {
  return { signal: kind, line, evidence, tags, path, service: 'default', introduced: true };
}

function evaluate(signals: Signal[], rules = loadDefaultRules()): Finding[] {
  const names = new Set(['default', ...signals.map((s) => s.service)]);
  return evaluateRules(
    {
      rules,
      profile: defaultProfile(),
      profileSource: { path: '.github/service-profile.yml', from: 'worktree', found: false },
      signals,
      acceptances: [],
      services: new Map([...names].map((name) => [name, { ...implicitService(), name }])),
      docsUrl: 'https://example.com/docs#',
    },
    matchesAny,
  );
}

function locationsOf(findings: Finding[], rule: string, kind: SignalKind): string[] {
  const finding = findings.find((f) => f.rule === rule && f.signal === kind);
  return (finding?.locations ?? []).map((l) => `${l.path}:${l.line} ${l.evidence}`);
}

describe('evaluateRules', () => {
  it('orders findings of the same rule by service name in code-unit order, whatever the locale', () => {
    const findings = evaluate(
      ['beta', 'alpha', 'Zulu', 'Alpha', 'été'].map((service, i) => ({ ...signal('golang', `${service}/main.go`, i + 1), service })),
    );
    // Capitals before small letters, accented letters last: not the order of any locale.
    expect(findings.filter((f) => f.rule === 'golang-unjustified').map((f) => f.service)).toEqual(['Alpha', 'Zulu', 'alpha', 'beta', 'été']);
  });

  it('lists each path and line once, the first signal seen there, in path then line order, from signals in file order', () => {
    const findings = evaluate([
      signal('golang', 'a.go', 1),
      signal('golang', 'a.go', 3, 'go f() // first on its line'),
      signal('golang', 'a.go', 3, 'go f() // second on its line'),
      signal('golang', 'b.go', 2),
      signal('golang', 'b.go', 5),
    ]);
    expect(locationsOf(findings, 'golang-unjustified', 'golang')).toEqual([
      'a.go:1 a.go:1',
      'a.go:3 go f() // first on its line',
      'b.go:2 b.go:2',
      'b.go:5 b.go:5',
    ]);
  });

  it('sorts the locations of signals that come in any other order, keeping the first seen of a line', () => {
    const findings = evaluate([
      signal('golang', 'b.go', 5),
      signal('golang', 'a.go', 3, 'go f() // seen first'),
      signal('golang', 'b.go', 2),
      signal('golang', 'a.go', 3, 'go f() // seen second'),
      signal('golang', 'a.go', 1),
      signal('golang', 'a.go', 10),
    ]);
    expect(locationsOf(findings, 'golang-unjustified', 'golang')).toEqual([
      'a.go:1 a.go:1',
      'a.go:3 go f() // seen first',
      'a.go:10 a.go:10',
      'b.go:2 b.go:2',
      'b.go:5 b.go:5',
    ]);
  });

  const severalKinds = [
    signal('threads', 'app/w.py', 4),
    signal('golang', 'svc/main.go', 7),
    signal('asyncio', 'app/a.py', 2),
    signal('numba', 'app/fast.py', 9),
    signal('threads', 'app/v.py', 1),
    signal('golang', 'svc/extra.go', 3),
    signal('cython', 'ext/m.pyx', 1),
  ];

  it('reads, for a rule on several kinds, every signal of each of them and none of the others', () => {
    // measure-first fires on golang, cython, numba and threads; asyncio is not among them.
    // Scoped to the signal (as a user's copy of it may be), it has a finding per kind.
    const rules = loadDefaultRules().map((r) => (r.id === 'measure-first' ? { ...r, scope: 'signal' as const } : r));
    const findings = evaluate(severalKinds, rules);
    expect(locationsOf(findings, 'measure-first', 'golang')).toEqual(['svc/extra.go:3 svc/extra.go:3', 'svc/main.go:7 svc/main.go:7']);
    expect(locationsOf(findings, 'measure-first', 'threads')).toEqual(['app/v.py:1 app/v.py:1', 'app/w.py:4 app/w.py:4']);
    expect(locationsOf(findings, 'measure-first', 'numba')).toEqual(['app/fast.py:9 app/fast.py:9']);
    expect(locationsOf(findings, 'measure-first', 'cython')).toEqual(['ext/m.pyx:1 ext/m.pyx:1']);
    expect(findings.filter((f) => f.rule === 'measure-first').map((f) => f.signal).sort()).toEqual(['cython', 'golang', 'numba', 'threads']);
  });

  it('gives a rule scoped to the service one finding per service, at the first place it fires', () => {
    // measure-first accompanies the findings on the same lines: it says its point once.
    const findings = evaluate([
      ...severalKinds,
      { ...signal('threads', 'tools/run.py', 2), service: 'tools' },
      { ...signal('threads', 'tools/a.py', 8), service: 'tools' },
    ]);
    const notes = findings.filter((f) => f.rule === 'measure-first');
    expect(notes.map((f) => [f.service, f.signal, f.locations.map((l) => `${l.path}:${l.line}`)])).toEqual([
      ['default', 'numba', ['app/fast.py:9']],
      ['tools', 'threads', ['tools/a.py:8']],
    ]);
    // The finding it accompanies still lists every line.
    expect(findings.find((f) => f.rule === 'golang-unjustified')?.locations.map((l) => l.line)).toEqual([3, 7]);
  });

  it('fires on uses only: an import, a lock or a declaration is context', () => {
    const mentions = evaluate([
      signal('threads', 'a.py', 1, 'import threading', ['import']),
      signal('multiprocessing', 'a.py', 2, 'from multiprocessing import Lock', ['import']),
      signal('golang', 'go.mod', 1, 'module example.com/x', ['file']),
    ]);
    expect(mentions).toEqual([]);
    const uses = evaluate([signal('threads', 'a.py', 3, 'threading.Thread(target=f).start()')]);
    expect(uses.map((f) => f.rule)).toContain('threads-io-only');
  });

  it('takes only a real release for a GIL release: with nogil, not a nogil declaration', () => {
    const thread = signal('threads', 'a.py', 3, 'threading.Thread(target=f).start()');
    const declared = evaluate([thread, { ...signal('cython-nogil', 'a.pyx', 1, 'cdef int f() nogil:', []), construct: 'nogil function' }]);
    expect(declared.map((f) => f.rule)).toContain('threads-io-only');
    expect(declared.map((f) => f.rule)).not.toContain('threads-with-nogil');
    const released = evaluate([thread, { ...signal('cython-nogil', 'a.pyx', 5, 'with nogil:'), construct: 'with nogil' }]);
    expect(released.map((f) => f.rule)).toContain('threads-with-nogil');
    expect(released.map((f) => f.rule)).not.toContain('threads-io-only');
  });
});
