import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { FINGERPRINT_KEY, MAX_RELATED_LOCATIONS, renderSarif, toSarifLog } from '../../src/report/sarif.js';
import type { SarifLog } from '../../src/report/sarif.js';
import type { Report } from '../../src/types.js';
import { makeAcceptedBy, makeFinding, makeLocation, makeReport, makeRuleInfo } from '../support/report-builders.js';

const TOOL = { name: 'architecture-review', version: '0.1.0', informationUri: 'https://github.com/example/architecture-review' };

/**
 * The OASIS SARIF 2.1.0 schema (rtm.5, the final one), as shipped by Microsoft's
 * `@microsoft/jest-sarif` (MIT), vendored so the test runs offline. It is draft-04: drop its
 * `$schema`/`id` so that Ajv's default draft accepts it (it uses no other draft-04-only keyword).
 */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(new URL('./fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  delete schema.id;
  // unicodeRegExp: false because one pattern of the official schema (`language`) has a stray `]`
  // that only non-unicode regular expressions accept.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  // ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
  const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  return ajv.compile(schema);
}

const validate = sarifValidator();

function sarifOf(report: Report, rules = [makeRuleInfo()]): SarifLog {
  return JSON.parse(renderSarif(report, rules, TOOL)) as SarifLog;
}

function run(log: SarifLog) {
  const r = log.runs[0];
  if (!r) throw new Error('no run');
  return r;
}

function sampleReport(): Report {
  return makeReport({
    findings: [
      makeFinding(),
      makeFinding({
        rule: 'threads-io-only',
        signal: 'threads',
        locations: [
          makeLocation({ path: 'tools/build script.py', line: 8, evidence: 'import threading' }),
          makeLocation({ path: 'tools/a#b%c.py', line: 2, evidence: 'from threading import Thread' }),
        ],
        acceptedBy: makeAcceptedBy({ kind: 'inline', path: 'tools/build script.py', line: 7, reason: 'build only', byThisChange: true }),
      }),
      makeFinding({ rule: 'multiprocessing-ok', verdict: 'recommend', signal: 'multiprocessing', acceptedBy: null }),
      makeFinding({ rule: 'profile-changed', signal: 'profile', locations: [], message: 'The PR flips needs.low-latency.' }),
      makeFinding({
        rule: 'measure-first',
        verdict: 'info',
        acceptedBy: { kind: 'label', reason: 'maintainer label', byThisChange: false, label: 'architecture-accepted' },
      }),
    ],
  });
}

const RULES = [
  makeRuleInfo(),
  makeRuleInfo({ id: 'threads-io-only', title: 'Python threads for CPU work' }),
  makeRuleInfo({ id: 'multiprocessing-ok', verdict: 'recommend', title: 'multiprocessing outside ERP5' }),
  makeRuleInfo({ id: 'measure-first', verdict: 'info', title: 'Measure first' }),
  makeRuleInfo({ id: 'numba-jit', verdict: 'recommend', title: 'numba for numeric loops' }),
];

describe('renderSarif', () => {
  it('is valid SARIF 2.1.0 according to the OASIS schema', () => {
    const log = sarifOf(sampleReport(), RULES);
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
  });

  it('has a validator that does reject invalid logs (so the test above means something)', () => {
    const log = sarifOf(sampleReport(), RULES);
    const broken = JSON.parse(JSON.stringify(log)) as { runs: Array<Record<string, unknown>> };
    (broken.runs[0] as { results: Array<Record<string, unknown>> }).results[0]!.level = 'question';
    expect(validate(broken)).toBe(false);
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });

  it('stays valid for an empty report and for hostile paths', () => {
    expect(validate(sarifOf(makeReport({ findings: [] }), []))).toBe(true);
    const hostile = makeFinding({ locations: [makeLocation({ path: '../x y/\u202E\u0000[](<>)#?.go', line: 0, evidence: '\u0000' })] });
    const log = sarifOf(makeReport({ findings: [hostile] }));
    expect(validate.errors ?? []).toEqual([]);
    expect(validate(log)).toBe(true);
    expect(run(log).results[0]?.locations[0]?.physicalLocation.region).toBeUndefined();
  });

  it('describes every rule once, with level, help and docs', () => {
    const driver = run(sarifOf(sampleReport(), RULES)).tool.driver;
    expect(driver).toMatchObject(TOOL);
    expect(driver.rules.map((r) => r.id)).toEqual([
      'golang-unjustified',
      'threads-io-only',
      'multiprocessing-ok',
      'measure-first',
      'numba-jit',
      'profile-changed',
    ]);
    expect(driver.rules[0]).toEqual({
      id: 'golang-unjustified',
      name: 'GolangUnjustified',
      shortDescription: { text: 'Go without all four reasons' },
      fullDescription: { text: 'Go pays off only when all four needs hold at once.' },
      help: {
        text: 'Go pays off only when all four needs hold at once.\n\nInstead: Python with multiprocessing or cython.parallel.',
        markdown:
          'Go pays off only when all four needs hold at once.\n\n**Instead:** Python with multiprocessing or cython.parallel.\n\n' +
          '[Documentation](https://github.com/example/architecture-review#golang-unjustified)',
      },
      helpUri: 'https://github.com/example/architecture-review#golang-unjustified',
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['architecture', 'concurrency', 'question'] },
    });
    expect(driver.rules.map((r) => r.defaultConfiguration.level)).toEqual(['warning', 'warning', 'note', 'note', 'note', 'warning']);
  });

  it('writes one result per finding, its other places as related locations, with rule index, level, message and a relative URI', () => {
    const r = run(sarifOf(sampleReport(), RULES));
    expect(r.results.map((x) => [x.ruleId, x.ruleIndex, x.level])).toEqual([
      ['golang-unjustified', 0, 'warning'],
      ['threads-io-only', 1, 'warning'],
      ['multiprocessing-ok', 2, 'note'],
      ['profile-changed', 5, 'warning'],
      ['measure-first', 3, 'note'],
    ]);
    expect(r.results[0]).toMatchObject({
      message: { text: 'go/main.go:12 `go serve(conn)`: golang-unjustified fired.' },
      locations: [
        { physicalLocation: { artifactLocation: { uri: 'go/main.go', uriBaseId: '%SRCROOT%' }, region: { startLine: 12 } } },
      ],
    });
    expect(r.results[0]?.relatedLocations).toBeUndefined();
    // The finding on two lines is one result: the first place, then the other as related.
    const threads = r.results[1]!;
    expect(threads.locations.map((l) => l.physicalLocation.artifactLocation.uri)).toEqual(['tools/a%23b%25c.py']);
    expect(threads.relatedLocations?.map((l) => [l.id, l.physicalLocation.artifactLocation.uri])).toEqual([[1, 'tools/build%20script.py']]);
    expect(threads.message.text).toMatch(/ Also at 1 more place\(s\), listed as related locations\.$/);
    // A finding about the profile points at the profile.
    expect(r.results[3]?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: '.github/service-profile.yml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1 },
    });
  });

  it('keeps accepted findings as suppressed results, saying who accepted them and why', () => {
    const r = run(sarifOf(sampleReport(), RULES));
    expect(r.results.map((x) => x.suppressions)).toEqual([
      undefined,
      [{ kind: 'inSource', status: 'accepted', justification: 'inline comment: build only' }],
      undefined,
      undefined,
      [{ kind: 'external', status: 'accepted', justification: 'label architecture-accepted: maintainer label' }],
    ]);
    const profile = run(sarifOf(makeReport({ findings: [makeFinding({ acceptedBy: makeAcceptedBy({ reason: 'measured' }) })] })));
    expect(profile.results[0]?.suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'profile accept: entry: measured' },
    ]);
  });

  it('keeps at most 1,000 related locations, and says how many places there are', () => {
    const locations = Array.from({ length: 1500 }, (_, i) => makeLocation({ path: 'go/main.go', line: i + 1, evidence: `go f${i}()` }));
    const [result] = run(sarifOf(makeReport({ findings: [makeFinding({ locations })] }))).results;
    expect(result?.relatedLocations).toHaveLength(MAX_RELATED_LOCATIONS);
    expect(result?.relatedLocations?.[0]?.message.text).toBe('go f1()');
    expect(result?.message.text).toContain('Also at 1499 more place(s), the first 1000 listed as related locations.');
  });

  it('fingerprints by rule, service, path and line content, not by line number', () => {
    const fp = (report: Report): string[] => run(sarifOf(report)).results.map((x) => x.partialFingerprints[FINGERPRINT_KEY] ?? '');
    const at = (line: number, evidence = 'go serve(conn)', path = 'go/main.go') =>
      makeReport({ findings: [makeFinding({ locations: [makeLocation({ path, line, evidence })] })] });
    expect(fp(at(12))[0]).toMatch(/^[0-9a-f]{32}:1$/);
    expect(fp(at(40))).toEqual(fp(at(12)));
    expect(fp(at(12, '  go   serve(conn) '))).toEqual(fp(at(12)));
    expect(fp(at(12, 'go other()'))).not.toEqual(fp(at(12)));
    expect(fp(at(12, undefined, 'go/other.go'))).not.toEqual(fp(at(12)));
    const other = makeReport({ findings: [makeFinding({ service: 'web', locations: [makeLocation({ path: 'go/main.go', line: 12, evidence: 'go serve(conn)' })] })] });
    expect(fp(other)).not.toEqual(fp(at(12)));
    // Two findings at identical lines of one file (two services' globs, say) stay two results.
    const twice = makeReport({
      findings: [makeFinding({ locations: [makeLocation({ line: 3 })] }), makeFinding({ locations: [makeLocation({ line: 9 })] })],
    });
    const [a, b] = fp(twice);
    expect(a?.slice(0, 32)).toBe(b?.slice(0, 32));
    expect(a).not.toBe(b);
  });

  it('is deterministic and pretty-printed', () => {
    const out = renderSarif(sampleReport(), RULES, TOOL);
    expect(renderSarif(sampleReport(), RULES, TOOL)).toBe(out);
    expect(out).toBe(`${JSON.stringify(toSarifLog(sampleReport(), RULES, TOOL), null, 2)}\n`);
  });

  it('omits helpUri when the docs are not a plain http(s) URL', () => {
    const rule = run(sarifOf(makeReport({ findings: [] }), [makeRuleInfo({ docs: 'not a url' })])).tool.driver.rules[0];
    expect(rule?.helpUri).toBeUndefined();
  });
});
