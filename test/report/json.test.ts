import { describe, expect, it } from 'vitest';
import { renderJson, renderJsonChunks, toJsonReport } from '../../src/report/json.js';
import type { JsonReport } from '../../src/report/json.js';
import { makeAcceptedBy, makeFinding, makeLocation, makeReport, makeServiceSummary, makeSignal } from '../support/report-builders.js';

/** Every key path of a JSON value, in document order (arrays contribute their first item). */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.length > 0 ? keyPaths(value[0], `${prefix}[]`) : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [`${prefix}.${k}`, ...keyPaths(v, `${prefix}.${k}`)]);
}

describe('renderJson', () => {
  it("has exactly SPEC 8's shape and key order", () => {
    const report = makeReport({
      services: [
        makeServiceSummary({
          name: 'storage',
          criteria: {
            'beyond-cython-parallel': false,
            'shared-memory-multi-core': true,
            'high-concurrency': true,
            'low-latency': true,
          },
        }),
      ],
      signals: [makeSignal({ tags: ['use'], module: 'x', construct: 'go' })],
      notes: ['internal note'],
      repository: { name: 'octo/storage', url: 'https://github.com/octo/storage', commit: '2222222222222222222222222222222222222222' },
    });
    const json = JSON.parse(renderJson(report)) as unknown;
    expect(keyPaths(json)).toEqual([
      '.schemaVersion',
      '.mode',
      '.repository',
      '.repository.name',
      '.repository.url',
      '.repository.commit',
      '.base',
      '.head',
      '.profile',
      '.profile.path',
      '.profile.from',
      '.profile.found',
      '.services',
      '.services[].name',
      '.services[].criteria',
      '.services[].criteria.low-latency',
      '.services[].criteria.high-concurrency',
      '.services[].criteria.shared-memory-multi-core',
      '.services[].criteria.beyond-cython-parallel',
      '.signals',
      '.signals[].signal',
      '.signals[].path',
      '.signals[].line',
      '.signals[].service',
      '.signals[].introduced',
      '.signals[].role',
      '.signals[].evidence',
      '.findings',
      '.findings[].rule',
      '.findings[].verdict',
      '.findings[].service',
      '.findings[].signal',
      '.findings[].locations',
      '.findings[].locations[].path',
      '.findings[].locations[].line',
      '.findings[].message',
      '.findings[].accepted',
      '.findings[].acceptedBy',
      '.conclusion',
    ]);
    expect(json).toEqual({
      schemaVersion: 1,
      mode: 'review',
      repository: { name: 'octo/storage', url: 'https://github.com/octo/storage', commit: '2222222222222222222222222222222222222222' },
      base: '1111111111111111111111111111111111111111',
      head: '2222222222222222222222222222222222222222',
      profile: { path: '.github/service-profile.yml', from: 'base', found: true },
      services: [
        {
          name: 'storage',
          criteria: {
            'low-latency': true,
            'high-concurrency': true,
            'shared-memory-multi-core': true,
            'beyond-cython-parallel': false,
          },
        },
      ],
      signals: [
        { signal: 'golang', path: 'go/main.go', line: 12, service: 'storage', introduced: true, role: 'use', evidence: 'go serve(conn)' },
      ],
      findings: [
        {
          rule: 'golang-unjustified',
          verdict: 'question',
          service: 'storage',
          signal: 'golang',
          locations: [{ path: 'go/main.go', line: 12 }],
          message: 'go/main.go:12 `go serve(conn)`: golang-unjustified fired.',
          accepted: false,
          acceptedBy: null,
        },
      ],
      conclusion: 'question',
    });
  });

  it("gives each signal its role: a use does what the signal names, anything else only mentions it", () => {
    const report = makeReport({
      signals: [
        makeSignal({ signal: 'threads', tags: ['use'], evidence: 'threading.Thread(target=f).start()' }),
        makeSignal({ signal: 'threads', tags: ['import'], evidence: 'from threading import Lock' }),
        makeSignal({ signal: 'cython-nogil', tags: undefined, evidence: 'cdef extern from "h" nogil:' }),
      ],
    });
    expect(toJsonReport(report).signals.map((s) => s.role)).toEqual(['use', 'mention', 'mention']);
    expect(renderJson(report)).toBe(`${JSON.stringify(toJsonReport(report), null, 2)}\n`);
  });

  it('is pretty-printed with two spaces and ends with a newline', () => {
    const out = renderJson(makeReport());
    expect(out.startsWith('{\n  "schemaVersion": 1,\n  "mode": "review",\n')).toBe(true);
    expect(out.endsWith('}\n')).toBe(true);
    expect(out).toBe(`${JSON.stringify(JSON.parse(out), null, 2)}\n`);
  });

  it('writes acceptedBy with its optional keys only when set, in order', () => {
    const report = makeReport({
      findings: [
        makeFinding({ acceptedBy: makeAcceptedBy({ kind: 'inline', reason: 'io', path: 'a.py', line: 3, byThisChange: true }) }),
        makeFinding({ acceptedBy: { kind: 'label', reason: 'maintainer', byThisChange: false, label: 'architecture-accepted' } }),
      ],
    });
    const json = toJsonReport(report);
    expect(json.findings.map((f) => Object.keys(f.acceptedBy ?? {}))).toEqual([
      ['kind', 'reason', 'path', 'line', 'byThisChange'],
      ['kind', 'reason', 'byThisChange', 'label'],
    ]);
    expect(json.findings[0]?.accepted).toBe(true);
    expect(json.conclusion).toBe('none');
  });

  it('keeps criteria not declared as null, and drops location evidence and finding detail', () => {
    const json = toJsonReport(
      makeReport({ services: [makeServiceSummary()], findings: [makeFinding({ locations: [makeLocation({ evidence: 'secret' })] })] }),
    );
    expect(json.services[0]?.criteria).toEqual({
      'low-latency': null,
      'high-concurrency': null,
      'shared-memory-multi-core': null,
      'beyond-cython-parallel': null,
    });
    expect(JSON.stringify(json)).not.toContain('"detail"');
    expect(json.findings[0]?.locations).toEqual([{ path: 'go/main.go', line: 12 }]);
  });

  it('keeps data as data: no markdown escaping, control characters JSON-escaped', () => {
    const evidence = 'x = "<b>@octocat</b>"\u0000\u202E';
    const out = renderJson(makeReport({ signals: [makeSignal({ evidence })] }));
    expect((JSON.parse(out) as JsonReport).signals[0]?.evidence).toBe(evidence);
    expect(out).toContain('\\u0000');
  });

  it('is written in pieces that join to exactly JSON.stringify of the report', () => {
    const signals = Array.from({ length: 4501 }, (_, i) =>
      makeSignal({ path: `svc/m${i}.py`, line: i + 1, evidence: i % 2 ? 'x = "\\n\u2028 é"' : 'import threading' }),
    );
    const reports = [
      makeReport(),
      makeReport({ mode: 'audit', base: null, head: null, services: [], signals: [], findings: [] }),
      makeReport({ services: [makeServiceSummary(), makeServiceSummary({ name: 'b' })], signals: signals.slice(0, 1) }),
      makeReport({
        signals,
        findings: [
          makeFinding({ locations: signals.map((s) => makeLocation({ path: s.path, line: s.line })) }),
          makeFinding({ acceptedBy: makeAcceptedBy({ path: 'a.py', line: 3 }), locations: [] }),
        ],
      }),
    ];
    for (const report of reports) {
      const pieces = [...renderJsonChunks(report)];
      expect(pieces.join('')).toBe(`${JSON.stringify(toJsonReport(report), null, 2)}\n`);
      // A large report comes in several pieces, none of them the whole report.
      if (report.signals.length > 4000) expect(pieces.length).toBeGreaterThan(4);
    }
  });

  it('renders an audit without base or head', () => {
    const json = toJsonReport(makeReport({ mode: 'audit', base: null, head: null, findings: [] }));
    expect(json).toMatchObject({ mode: 'audit', base: null, head: null, findings: [], conclusion: 'none' });
  });
});
