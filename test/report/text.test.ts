import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/report/text.js';
import type { Report } from '../../src/types.js';
import { makeAcceptedBy, makeDetail, makeFinding, makeLocation, makeReport, makeServiceSummary } from '../support/report-builders.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

function sampleReport(): Report {
  return makeReport({
    services: [
      makeServiceSummary({ name: 'storage', criteria: { 'low-latency': true, 'high-concurrency': false } as never }),
      makeServiceSummary({ name: 'idle' }),
    ],
    findings: [
      makeFinding({
        rule: 'threads-with-nogil',
        verdict: 'recommend',
        signal: 'threads',
        locations: [
          makeLocation({ path: 'storage/b.py', line: 9, evidence: 'import threading' }),
          makeLocation({ path: 'storage/a.pyx', line: 2, evidence: 'with nogil:' }),
        ],
        detail: {
          title: 'Threads that release the GIL',
          headline: 'Python threads in service storage, next to code that releases the GIL.',
          hint: undefined,
          facts: [],
        },
      }),
      makeFinding(),
      makeFinding({
        rule: 'measure-first',
        verdict: 'info',
        locations: [makeLocation({ line: 40 })],
        detail: {
          title: 'Measure first',
          headline: 'Go code in service storage, which records no profiling evidence.',
          hint: undefined,
          facts: [{ key: 'evidence.profiling', value: null }],
        },
      }),
      makeFinding({
        rule: 'threads-io-only',
        locations: [makeLocation({ line: 50 })],
        acceptedBy: makeAcceptedBy({ kind: 'inline', path: 'go/main.go', line: 49, byThisChange: true, reason: 'waits on sockets' }),
      }),
    ],
    notes: ['Skipped 2 binary files.'],
  });
}

describe('renderText', () => {
  it('renders the sample report', () => {
    expect(renderText(sampleReport(), { color: false })).toMatchSnapshot();
  });

  it('has the same content as the comment: conclusion, criteria, groups, parts, acceptance, notes, source', () => {
    const out = renderText(sampleReport(), { color: false });
    expect(out.startsWith('Architecture review: 1 question to answer (1 accepted)\n')).toBe(true);
    expect(out).toContain('# architecture-review: accept <rule-id> -- <reason>');
    expect(out).toContain(
      [
        'Golang criteria (Go is justified only when a service meets all four):',
        '  service  low latency  high concurrency  multi-core shared memory  beyond cython.parallel',
        '  storage  met          not met           not declared              not declared',
      ].join('\n'),
    );
    expect(out).not.toContain('idle');
    const groups = ['Questions (1)', 'Recommendations (1)', 'For information (1)', 'Accepted (1)'].map((g) => out.indexOf(`\n${g}\n`));
    expect(groups.every((i) => i > 0)).toBe(true);
    expect([...groups].sort((a, b) => a - b)).toEqual(groups);
    expect(out).toContain('  golang-unjustified: Go without all four reasons [service storage, signal golang]\n');
    expect(out).toContain(
      `    ${makeDetail().headline}\n    go/main.go:12: go serve(conn)\n`,
    );
    expect(out).toContain('    Profile facts: needs.high-concurrency: true; not declared: needs.low-latency\n');
    expect(out).toContain('    Would change the verdict: golang would be justified if the service declared `low-latency: true`\n');
    expect(out).toContain("    Accepted by an inline comment (go/main.go:49): waits on sockets (accepted by this PR's own comment)\n");
    expect(out).toContain('  - Skipped 2 binary files.\n');
    expect(out).toContain('Rules paraphrase "High Performance Multi-core Python at Nexedi" (2017).\n');
  });

  it('shows evidence as path:line: code, every location, sorted', () => {
    const out = renderText(sampleReport(), { color: false });
    expect(out).toContain('    storage/a.pyx:2: with nogil:\n    storage/b.py:9: import threading\n');
    const many = makeFinding({ locations: Array.from({ length: 30 }, (_, i) => makeLocation({ line: i + 1 })) });
    const text = renderText(makeReport({ findings: [many] }), { color: false });
    expect(text.match(/go\/main\.go:\d+: go serve\(conn\)/g)).toHaveLength(30);
  });

  it('says all clear when there is nothing to review', () => {
    const out = renderText(makeReport({ findings: [] }), { color: false });
    expect(out).toBe(
      'All clear: no concurrency or language choices to review\n\nRules paraphrase "High Performance Multi-core Python at Nexedi" (2017).\n',
    );
  });

  it('uses ANSI colours only when asked, and the same text either way', () => {
    const plain = renderText(sampleReport(), { color: false });
    const colored = renderText(sampleReport(), { color: true });
    expect(plain).not.toMatch(ANSI);
    expect(colored).toMatch(ANSI);
    expect(colored).toContain('\u001b[1;31mArchitecture review: 1 question to answer (1 accepted)\u001b[0m');
    expect(colored.replace(ANSI, '')).toBe(plain);
  });

  it('cannot be made to send escape sequences or bidi controls to the terminal', () => {
    const hostile = 'x\u001b[2J\u001b]0;title\u0007\r\n\u202Eevil\u0000';
    const report = makeReport({
      services: [makeServiceSummary({ name: hostile })],
      findings: [
        makeFinding({
          service: hostile,
          locations: [makeLocation({ path: hostile, evidence: hostile })],
          acceptedBy: makeAcceptedBy({ reason: hostile }),
        }),
      ],
      notes: [hostile],
    });
    for (const color of [false, true]) {
      const out = renderText(report, { color }).replace(ANSI, '');
      // eslint-disable-next-line no-control-regex
      expect(out).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/);
    }
    expect(renderText(report, { color: false })).toContain('    x [2J ]0;title evil:12: x [2J ]0;title evil\n');
  });

  it('cuts very long lines', () => {
    const report = makeReport({ findings: [makeFinding({ locations: [makeLocation({ evidence: 'y'.repeat(10_000) })] })] });
    const out = renderText(report, { color: false });
    expect(out).toContain(`go/main.go:12: ${'y'.repeat(199)}…\n`);
  });

  it('is deterministic whatever the input order', () => {
    const report = sampleReport();
    const reversed = { ...report, findings: [...report.findings].reverse() };
    expect(renderText(reversed, { color: false })).toBe(renderText(report, { color: false }));
  });
});
