import { describe, expect, it } from 'vitest';
import { COMMENT_MARKER, MAX_LISTED_LOCATIONS, renderMarkdown } from '../../src/report/markdown.js';
import type { Finding, Report, Verdict } from '../../src/types.js';
import {
  DOCS_BASE,
  makeAcceptedBy,
  makeFinding,
  makeLocation,
  makeReport,
  makeServiceSummary,
} from '../support/report-builders.js';
import { githubReferences, parseGfm, structure, type Token } from './gfm.js';

/** A report with one finding of each kind, in scrambled order. */
function sampleReport(): Report {
  return makeReport({
    services: [
      makeServiceSummary({
        name: 'storage',
        criteria: {
          'low-latency': true,
          'high-concurrency': false,
          'shared-memory-multi-core': null,
          'beyond-cython-parallel': true,
        },
      }),
      makeServiceSummary({ name: 'web' }),
      makeServiceSummary({ name: 'quiet' }),
    ],
    findings: [
      makeFinding({
        rule: 'async-for-readability',
        verdict: 'info',
        service: 'web',
        signal: 'asyncio',
        locations: [makeLocation({ path: 'web/app.py', line: 7, evidence: 'async def handler(request):' })],
        detail: {
          title: 'asyncio for readability',
          headline: 'asyncio in service web, which declares no performance need.',
          reason: 'Outside ERP5, asyncio is fine when it only makes the code easier to read.',
          alternative: 'Nothing to change; keep blocking code on the hot path.',
          hint: undefined,
          facts: [{ key: 'context', value: 'standalone' }],
        },
      }),
      makeFinding({
        rule: 'threads-io-only',
        service: 'web',
        signal: 'threads',
        locations: [makeLocation({ path: 'web/jobs.py', line: 3, evidence: 'import threading' })],
        acceptedBy: makeAcceptedBy({ kind: 'inline', path: 'web/jobs.py', line: 2, byThisChange: true, reason: 'only waits on sockets' }),
        detail: {
          title: 'Python threads for CPU work',
          headline: 'Python threads in service web, with no GIL release (cython nogil or numba nogil=True) nearby.',
          hint: 'threads would be info if the service declared `workload: io-bound`',
        },
      }),
      makeFinding({
        rule: 'cython-parallel-recommended',
        verdict: 'recommend',
        service: 'storage',
        signal: 'cython-parallel',
        locations: [makeLocation({ path: 'storage/sum.pyx', line: 5, evidence: 'for i in prange(n, nogil=True):' })],
        detail: {
          title: 'cython.parallel for a parallel loop',
          headline: 'cython.parallel in service storage.',
          reason: 'A prange loop without the GIL uses every core from Python.',
          alternative: 'Keep it.',
          hint: undefined,
          facts: [],
        },
      }),
      makeFinding(),
    ],
    notes: ['The file list was truncated at 3000 files.'],
  });
}

function headingTexts(tokens: Token[]): string[] {
  const out: string[] = [];
  tokens.forEach((t, i) => {
    if (t.type === 'heading_open') out.push(`${t.tag} ${tokens[i + 1]?.content ?? ''}`);
  });
  return out;
}

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe('renderMarkdown', () => {
  it('renders the sample comment', () => {
    expect(renderMarkdown(sampleReport())).toMatchSnapshot();
  });

  it('starts with the marker, then gives the conclusion in one heading line', () => {
    const out = renderMarkdown(sampleReport());
    expect(out.startsWith(`${COMMENT_MARKER}\n### ❓ Architecture review: 1 question to answer (1 accepted)\n`)).toBe(true);
    expect(count(out, COMMENT_MARKER)).toBe(1);
    expect(out.endsWith('\n')).toBe(true);
  });

  it.each<[Verdict, string]>([
    ['question', '❓ Architecture review: 2 questions to answer'],
    ['recommend', '✅ Architecture review: recommended (2 recommendations)'],
    ['info', 'ℹ️ Architecture review: notes only (2 notes)'],
  ])('words the %s conclusion', (verdict, heading) => {
    const report = makeReport({
      findings: [makeFinding({ verdict }), makeFinding({ verdict, locations: [makeLocation({ line: 30 })] })],
    });
    expect(headingTexts(parseGfm(renderMarkdown(report)))[0]).toBe(`h3 ${heading}`);
  });

  it('says all clear when there is nothing to review', () => {
    const out = renderMarkdown(makeReport({ findings: [], signals: [] }));
    const tokens = parseGfm(out);
    expect(headingTexts(tokens)).toEqual(['h3 ✅ All clear: no concurrency or language choices to review']);
    expect(tokens.some((t) => t.type === 'table_open')).toBe(false);
    expect(out).not.toContain('A **question**');
    expect(out).toContain('Rules paraphrase *High Performance Multi-core Python at Nexedi* (2017)');
  });

  it('says all clear, with the count, when every question is accepted', () => {
    const report = makeReport({ findings: [makeFinding({ acceptedBy: makeAcceptedBy() })] });
    expect(report.conclusion).toBe('none');
    const out = renderMarkdown(report);
    expect(headingTexts(parseGfm(out))[0]).toBe('h3 ✅ All clear: every question is accepted (1 accepted)');
  });

  it('explains what a question is and the three ways to accept one', () => {
    const out = renderMarkdown(sampleReport(), { acceptLabel: 'arch-ok' });
    expect(out).toContain('A **question** means');
    expect(out).toContain('an `accept:` entry in the profile');
    expect(out).toContain('`# architecture-review: accept <rule-id> -- <reason>`');
    expect(out).toContain('the `arch-ok` label');
    expect(out).toContain('`.github/service-profile.yml`');
  });

  it('says when no profile was found', () => {
    const report = makeReport({ profile: { path: 'svc.yml', from: 'head', found: false } });
    expect(renderMarkdown(report)).toContain('No service profile was found at `svc.yml`, so every need counts as not declared.');
  });

  it('tabulates the four golang criteria for the services with findings and Go only', () => {
    const tokens = parseGfm(renderMarkdown(sampleReport()));
    const cells = tokens.filter((t, i) => t.type === 'inline' && tokens[i - 1]?.type.match(/^t[hd]_open$/)).map((t) => t.content);
    expect(cells).toEqual([
      'service',
      'low latency',
      'high concurrency',
      'multi-core shared memory',
      'beyond cython.parallel',
      'storage',
      '✅ met',
      '❌ not met',
      '⚪ not declared',
      '✅ met',
    ]);
  });

  it('has no golang criteria table when no service with findings has Go', () => {
    const report = sampleReport();
    const noGo = { ...report, findings: report.findings.filter((f) => f.service !== 'storage'), signals: report.signals.filter((s) => s.signal !== 'golang') };
    expect(noGo.findings.length).toBeGreaterThan(0);
    expect(renderMarkdown(noGo)).not.toContain('Golang criteria');
    expect(renderMarkdown(report)).toContain('**Golang criteria**');
  });

  it("says the PR's own profile edits do not count only when the PR edits the profile", () => {
    const sentence = "this PR's own edits to it do not count here";
    const plain = makeReport();
    expect(renderMarkdown(plain)).not.toContain(sentence);
    const edited = makeReport({
      findings: [makeFinding({ rule: 'profile-changed', signal: 'profile', verdict: 'info', locations: [makeLocation({ path: '.github/service-profile.yml', line: 3 })] })],
    });
    expect(renderMarkdown(edited)).toContain(sentence);
  });

  it('gives a service the report does not summarise a row with nothing declared', () => {
    const report = makeReport({ services: [], findings: [makeFinding({ service: 'default' })] });
    expect(renderMarkdown(report)).toContain('| default | ⚪ not declared | ⚪ not declared | ⚪ not declared | ⚪ not declared |');
  });

  it('groups findings as questions, recommendations, notes, then accepted', () => {
    const headings = headingTexts(parseGfm(renderMarkdown(sampleReport())));
    expect(headings.slice(1)).toEqual([
      'h4 ❓ Questions (1)',
      'h4 ✅ Recommendations (1)',
      'h4 ℹ️ For information (1)',
      'h4 ☑️ Accepted (1)',
    ]);
  });

  it('shows each part of a finding: rule link, title, evidence, facts, reason, alternative, hint', () => {
    const out = renderMarkdown(makeReport());
    expect(out).toContain(
      `**[\`golang-unjustified\`](${DOCS_BASE}golang-unjustified)** · Go without all four reasons · service \`storage\` · signal \`golang\``,
    );
    expect(out).toContain('- **Evidence:** `go/main.go:12` `go serve(conn)`');
    expect(out).toContain('- **Profile facts:** `needs.high-concurrency: true` · **not declared:** `needs.low-latency`');
    expect(out).toContain('- **Why:** Go pays off only when');
    expect(out).toContain('- **Instead:** Python with multiprocessing');
    expect(out).toContain('- **Would change the verdict:** golang would be justified if the service declared `low-latency: true`');
    const links = parseGfm(out).filter((t) => t.type === 'link_open');
    expect(links.map((t) => t.attrGet('href'))).toEqual([`${DOCS_BASE}golang-unjustified`]);
  });

  it('shows the headline (the filled-in message), escaped but with its code spans', () => {
    const finding = makeFinding({
      rule: 'profile-changed',
      signal: 'profile',
      locations: [],
      detail: { headline: 'This change edits `.github/service-profile.yml`: storage: low-latency false → true (@octocat).' },
    });
    const out = renderMarkdown(makeReport({ findings: [finding] }));
    expect(out).toContain(
      '\n\nThis change edits `.github/service-profile.yml`: storage: low-latency false → true \\(\\@\u200Boctocat\\).\n\n',
    );
  });

  it('falls back to the message when a finding has no headline, reason nor alternative', () => {
    const finding = makeFinding({
      message: 'The PR flips needs.low-latency to true.',
      detail: { headline: '', reason: '', alternative: '' },
    });
    expect(renderMarkdown(makeReport({ findings: [finding] }))).toContain('- The PR flips needs.low-latency to true.');
  });

  it('does not link docs that are not a plain http(s) URL', () => {
    const finding = makeFinding({ detail: { docs: 'javascript:alert(1)' } });
    const out = renderMarkdown(makeReport({ findings: [finding] }));
    expect(parseGfm(out).some((t) => t.type === 'link_open')).toBe(false);
    expect(out).toContain('**`golang-unjustified`**');
  });

  it('shows who accepted a finding, and flags a self-acceptance', () => {
    const findings: Finding[] = [
      makeFinding({ acceptedBy: makeAcceptedBy({ kind: 'profile', reason: 'measured', path: '.github/service-profile.yml', line: 40 }) }),
      makeFinding({
        locations: [makeLocation({ line: 20 })],
        acceptedBy: makeAcceptedBy({ kind: 'inline', reason: 'waits on I/O', path: 'go/main.go', line: 19, byThisChange: true }),
      }),
      makeFinding({
        locations: [makeLocation({ line: 30 })],
        acceptedBy: makeAcceptedBy({ kind: 'inline', reason: 'old code', path: 'go/main.go', line: 29, byThisChange: false }),
      }),
      makeFinding({
        locations: [makeLocation({ line: 40 })],
        acceptedBy: { kind: 'label', reason: 'label added by a maintainer', byThisChange: false, label: 'architecture-accepted' },
      }),
    ];
    const out = renderMarkdown(makeReport({ findings }));
    expect(out).toContain("- **Accepted** by the profile's accept: list (`.github/service-profile.yml:40`): measured");
    expect(out).toContain(
      "- **Accepted** by an inline comment (`go/main.go:19`): waits on I/O ⚠️ **accepted by this PR's own comment**",
    );
    expect(out).toContain('- **Accepted** by an inline comment (`go/main.go:29`): old code\n');
    expect(out).toContain('- **Accepted** by the label `architecture-accepted`: label added by a maintainer');
    expect(count(out, "accepted by this PR's own comment")).toBe(1);
  });

  it('lists up to three locations in the open', () => {
    const locations = [3, 1, 2].map((line) => makeLocation({ path: 'a.py', line, evidence: `line ${line}` }));
    const out = renderMarkdown(makeReport({ findings: [makeFinding({ locations })] }));
    expect(out).toContain('- **Evidence:**\n  - `a.py:1` `line 1`\n  - `a.py:2` `line 2`\n  - `a.py:3` `line 3`\n');
    expect(out).not.toContain('<details>');
  });

  it('folds more than three locations in <details>, with a count, listing at most 20', () => {
    const locations = Array.from({ length: 25 }, (_, i) => makeLocation({ path: 'b.py', line: 25 - i, evidence: 'import threading' }));
    const out = renderMarkdown(makeReport({ findings: [makeFinding({ locations })] }));
    expect(out).toContain('- **Evidence:** 25 locations, first `b.py:1` `import threading`');
    expect(out).toContain('<details><summary>25 locations</summary>\n\n- `b.py:1` `import threading`\n');
    expect(count(out, '- `b.py:')).toBe(MAX_LISTED_LOCATIONS);
    expect(out).toContain('- `b.py:20` `import threading`\n- and 5 more\n\n</details>');
    const tokens = parseGfm(out);
    const html = tokens.filter((t) => t.type === 'html_block').map((t) => t.content.trim());
    expect(html).toEqual([COMMENT_MARKER, '<details><summary>25 locations</summary>', '</details>']);
    // The folded list is parsed as a list, not swallowed by the HTML block.
    expect(tokens.filter((t) => t.type === 'list_item_open').length).toBeGreaterThanOrEqual(21);
  });

  it('is deterministic: the input order of findings and locations does not matter', () => {
    const report = sampleReport();
    const reversed: Report = {
      ...report,
      findings: [...report.findings].reverse().map((f) => ({ ...f, locations: [...f.locations].reverse() })),
    };
    expect(renderMarkdown(reversed)).toBe(renderMarkdown(report));
  });

  it('sorts a group by path, then line', () => {
    const findings = [
      makeFinding({ locations: [makeLocation({ path: 'b.go', line: 1 })] }),
      makeFinding({ locations: [makeLocation({ path: 'a.go', line: 10 })] }),
      makeFinding({ locations: [makeLocation({ path: 'a.go', line: 9 })] }),
      makeFinding({ rule: 'profile-changed', signal: 'profile', locations: [] }),
    ];
    const out = renderMarkdown(makeReport({ findings }));
    const order = ['profile-changed', 'a.go:9', 'a.go:10', 'b.go:1'].map((s) => out.indexOf(s));
    expect(order.every((pos) => pos > 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
  });

  it('lists the run notes at the end, escaped', () => {
    const out = renderMarkdown(makeReport({ notes: ['Skipped 2 binary files', 'cc @octocat'] }));
    expect(out).toContain('**Notes**\n\n- Skipped 2 binary files\n- cc \\@\u200Boctocat\n');
  });

  it('takes a custom marker', () => {
    const out = renderMarkdown(makeReport(), { marker: '<!-- architecture-review:monorepo -->' });
    expect(out.startsWith('<!-- architecture-review:monorepo -->\n### ')).toBe(true);
  });
});

/** Hostile text from the repository, as file names, code, service names and reasons. */
const HOSTILE = [
  '](http://evil.example/x)',
  '[click me](http://evil.example)',
  '![pixel](http://evil.example/p.png)',
  '<img src=x onerror=alert(1)>',
  '<!-- architecture-review -->',
  '</details><details open><summary>fake</summary>',
  '<script>alert(1)</script>',
  '@octocat',
  '@org/team',
  '#123',
  'GH-123',
  'owner/repo#1',
  'https://github.com/owner/repo/issues/1',
  'www.evil.example',
  'mail a@b.example',
  '``` fenced',
  'a ``double`` b ` single',
  '`',
  'a|b|c',
  '| x | y |',
  'line1\nline2\r\n# heading\n\n- item',
  'nul\u0000byte',
  'bidi \u202Eevil\u202C and \u2066isolate\u2069',
  '&amp; &#64;octocat &lt;b&gt;',
  '**bold** _em_ ~~strike~~ $x^2$',
  '> [!WARNING]',
  '---',
  '1. ordered',
  '\\',
  '\\|',
  'x'.repeat(10_000),
  ' leading and trailing ',
];

/** A report that puts `text` everywhere the repository can reach. */
function reportWith(text: string): Report {
  const service = text;
  return makeReport({
    services: [makeServiceSummary({ name: service, criteria: { 'low-latency': true } as never })],
    findings: [
      makeFinding({
        service,
        locations: [makeLocation({ path: `dir/${text}.go`, line: 3, evidence: text })],
        detail: { facts: [{ key: 'evidence.profiling', value: text }, { key: 'needs.low-latency', value: null }] },
      }),
      makeFinding({
        rule: 'threads-io-only',
        verdict: 'question',
        service,
        signal: 'threads',
        locations: Array.from({ length: 5 }, (_, i) => makeLocation({ path: `${text}/t.py`, line: i + 1, evidence: text })),
        acceptedBy: makeAcceptedBy({ kind: 'inline', reason: text, path: `${text}/t.py`, line: 1, byThisChange: true }),
      }),
      makeFinding({
        rule: 'multiprocessing-ok',
        verdict: 'recommend',
        service,
        locations: [makeLocation({ path: text, line: 1, evidence: text })],
        acceptedBy: { kind: 'label', reason: text, byThisChange: false, label: text },
      }),
    ],
    notes: [text],
  });
}

const ALLOWED_HTML = new Set([COMMENT_MARKER, '<details><summary>5 locations</summary>', '</details>', '<sub>', '</sub>']);

describe('renderMarkdown with hostile repository text', () => {
  const benign = parseGfm(renderMarkdown(reportWith('benign')));

  it.each(HOSTILE.map((h) => [JSON.stringify(h).slice(0, 60), h]))('neutralises %s', (_name, hostile) => {
    const out = renderMarkdown(reportWith(hostile));
    const tokens = parseGfm(out);

    // Same document structure as with harmless text: no extra heading, list, table cell,
    // emphasis, link, image or HTML.
    expect(structure(tokens)).toEqual(structure(benign));

    // The only HTML is ours; the only links are the rule docs.
    for (const t of tokens.filter((t) => t.type === 'html_block' || t.type === 'html_inline')) {
      expect(ALLOWED_HTML).toContain(t.content.trim());
    }
    for (const link of tokens.filter((t) => t.type === 'link_open')) {
      expect(link.attrGet('href')).toMatch(new RegExp(`^${DOCS_BASE.replace(/[.?*+^$[\]\\(){}|-]/g, '\\$&')}[a-z-]+$`));
    }
    expect(tokens.some((t) => t.type === 'image')).toBe(false);

    // No ping, issue reference or autolink in text GitHub would scan.
    expect(githubReferences(tokens)).toEqual([]);

    // One marker; balanced details; no control or bidi characters; long text cut.
    expect(count(out, COMMENT_MARKER)).toBe(1);
    expect(out.indexOf(COMMENT_MARKER)).toBe(0);
    const html = tokens.filter((t) => t.type === 'html_block').map((t) => t.content.trim());
    expect(html.filter((h) => h.startsWith('<details>'))).toHaveLength(html.filter((h) => h === '</details>').length);
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/);
    expect(out.length).toBeLessThan(20_000);
  });

  it('shows hostile code as code, not as markup', () => {
    const out = renderMarkdown(reportWith('<img src=x onerror=alert(1)>'));
    const code = parseGfm(out).filter((t) => t.type === 'code_inline').map((t) => t.content);
    expect(code).toContain('<img src=x onerror=alert(1)>');
    expect(code).toContain('dir/<img src=x onerror=alert(1)>.go:3');
  });

  it('shows backtick runs inside code spans intact', () => {
    const out = renderMarkdown(reportWith('a ``double`` b ` single'));
    const code = parseGfm(out).filter((t) => t.type === 'code_inline').map((t) => t.content);
    expect(code).toContain('a ``double`` b ` single');
  });

  it('cuts 10,000-character lines', () => {
    const out = renderMarkdown(reportWith('x'.repeat(10_000)));
    const code = parseGfm(out).filter((t) => t.type === 'code_inline').map((t) => t.content);
    expect(code).toContain(`${'x'.repeat(199)}…`);
  });

  it('escapes rule text (which profile values fill) but keeps its code spans', () => {
    const finding = makeFinding({
      detail: {
        title: '<b>bold</b> [x](http://evil.example)',
        headline: 'Go code in service <img src=x> @octocat [x](http://evil.example) `@team`',
        hint: 'golang would be justified if @octocat declared `low-latency: true` #1',
        reason: '![x](http://evil.example/p.png)',
      },
    });
    const tokens = parseGfm(renderMarkdown(makeReport({ findings: [finding] })));
    expect(tokens.filter((t) => t.type === 'link_open')).toHaveLength(1);
    expect(tokens.some((t) => t.type === 'html_inline' && t.content === '<b>')).toBe(false);
    expect(tokens.some((t) => t.type === 'image')).toBe(false);
    expect(githubReferences(tokens)).toEqual([]);
    expect(tokens.filter((t) => t.type === 'code_inline').map((t) => t.content)).toContain('low-latency: true');
  });
});

describe('renderMarkdown within maxLength', () => {
  /** 2000 findings: 500 of each group, with 1 to 25 locations and 200-character lines. */
  function bigReport(): Report {
    const verdicts: Verdict[] = ['question', 'recommend', 'info'];
    const findings: Finding[] = Array.from({ length: 2000 }, (_, i) => {
      const accepted = i % 4 === 3;
      const verdict = accepted ? 'question' : (verdicts[i % 4] ?? 'info');
      return makeFinding({
        rule: `rule-${verdict}`,
        verdict,
        service: `svc-${i % 7}`,
        locations: Array.from({ length: 1 + (i % 25) }, (_, j) =>
          makeLocation({ path: `src/module_${String(i).padStart(4, '0')}/file.py`, line: j + 1, evidence: `x = ${'y'.repeat(190)} @${i}` }),
        ),
        acceptedBy: accepted ? makeAcceptedBy() : null,
      });
    });
    return makeReport({
      findings,
      services: Array.from({ length: 7 }, (_, i) => makeServiceSummary({ name: `svc-${i}` })),
      notes: ['a note'],
    });
  }

  /** Which findings made it, by module number, in the order shown. */
  function shownModules(out: string): number[] {
    return [...new Set([...out.matchAll(/`src\/module_(\d{4})\//g)].map((m) => Number(m[1])))];
  }

  it('fits 2000 findings in 65,536 characters, most important first', () => {
    const report = bigReport();
    const out = renderMarkdown(report, { maxLength: 65_536 });
    expect(out.length).toBeLessThanOrEqual(65_536);
    expect(out.length).toBeGreaterThan(60_000);
    expect(out.startsWith(`${COMMENT_MARKER}\n### ❓ Architecture review: 500 questions to answer (500 accepted)`)).toBe(true);

    const shown = shownModules(out);
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.length).toBeLessThan(500);
    // All shown are questions (i % 4 === 0), in path order: the first questions of the group.
    expect(shown.every((i) => i % 4 === 0)).toBe(true);
    expect(shown).toEqual(Array.from({ length: shown.length }, (_, k) => k * 4));
    expect(out).toContain(`**${2000 - shown.length} more findings not shown**: see the job summary / JSON report.`);

    // Still a valid comment: the table, balanced details, footer, one marker.
    const tokens = parseGfm(out);
    expect(tokens.filter((t) => t.type === 'tr_open')).toHaveLength(8);
    const html = tokens.filter((t) => t.type === 'html_block').map((t) => t.content.trim());
    expect(html.filter((h) => h.startsWith('<details>'))).toHaveLength(html.filter((h) => h === '</details>').length);
    expect(count(out, '<details>')).toBe(count(out, '</details>'));
    expect(out).toContain('<sub>Rules paraphrase');
    expect(count(out, COMMENT_MARKER)).toBe(1);
  });

  it('keeps every question when they fit, then the next groups', () => {
    const findings = [
      ...Array.from({ length: 3 }, (_, i) => makeFinding({ verdict: 'info', locations: [makeLocation({ path: `i${i}.py` })] })),
      ...Array.from({ length: 3 }, (_, i) => makeFinding({ verdict: 'question', locations: [makeLocation({ path: `q${i}.py` })] })),
    ];
    const report = makeReport({ findings });
    const full = renderMarkdown(report);
    const limit = full.length - 10;
    const out = renderMarkdown(report, { maxLength: limit });
    expect(out.length).toBeLessThanOrEqual(limit);
    for (const i of [0, 1, 2]) expect(out).toContain(`q${i}.py`);
    expect(out).not.toContain('i2.py');
    expect(out).toContain('more finding');
  });

  it('honours every limit down to the bare header, and stays valid', () => {
    const report = bigReport();
    for (const maxLength of [200, 500, 1000, 3000, 10_000, 30_000]) {
      const out = renderMarkdown(report, { maxLength });
      expect(out.length).toBeLessThanOrEqual(maxLength);
      expect(out.startsWith(COMMENT_MARKER)).toBe(true);
      expect(count(out, '<details>')).toBe(count(out, '</details>'));
      expect(out).toMatch(/\*\*\d+ more findings not shown\*\*/);
    }
  });

  it('keeps the run notes, which say when the review is incomplete, over the last findings', () => {
    const report = makeReport({ notes: ['n'.repeat(400)] });
    const full = renderMarkdown(report);
    const out = renderMarkdown(report, { maxLength: full.length - 100 });
    expect(out).toContain('**Notes**\n\n- nnn');
    expect(out).toContain('**1 more finding not shown**');
  });

  it('drops the run notes, counted, when they alone do not fit', () => {
    const notes = Array.from({ length: 300 }, (_, i) => `${i} ${'n'.repeat(400)}`);
    const out = renderMarkdown(makeReport({ notes }));
    expect(out.length).toBeLessThanOrEqual(65_536);
    expect(out).toContain('**Notes**: 300 notes not shown: see the job summary / JSON report.');
    expect(out).toContain('- **Evidence:** `go/main.go:12` `go serve(conn)`');
  });

  it('says where to find the rest, as told', () => {
    const report = makeReport({ findings: [makeFinding(), makeFinding({ locations: [makeLocation({ line: 99 })] })] });
    const full = renderMarkdown(report);
    const out = renderMarkdown(report, { maxLength: full.length - 10, elsewhere: 'see the JSON report' });
    expect(out).toContain('**1 more finding not shown**: see the JSON report.');
  });

  it('refuses a limit too small for the header', () => {
    expect(() => renderMarkdown(makeReport(), { maxLength: 50 })).toThrow(RangeError);
  });
  it("shows what the profile records (evidence, notes) for the services the findings are about, escaped", () => {
    const report = makeReport({
      services: [
        makeServiceSummary({ name: 'api', evidence: { 'latency-p99-ms': 4, profiling: 'https://ci/p.html' }, notes: 'p99 @here <b>x</b>' }),
        makeServiceSummary({ name: 'batch', notes: 'no finding is about batch' }),
      ],
      findings: [makeFinding({ rule: 'golang-justified', verdict: 'recommend', service: 'api' })],
    });
    const out = renderMarkdown(report);
    expect(out).toContain('**What the profile records**');
    expect(out).toContain('- `api`: `latency-p99-ms: 4` · `profiling: https://ci/p.html` · notes: p99 ');
    expect(out).not.toContain('<b>');
    expect(githubReferences(parseGfm(out))).toEqual([]);
    expect(out).not.toContain('no finding is about batch');
    expect(renderMarkdown(makeReport({ findings: [makeFinding({ service: 'api' })] }))).not.toContain('What the profile records');
  });
});
