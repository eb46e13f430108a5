/**
 * A generated corpus of bad configuration files: service profiles and `--rules` files that are
 * malformed in every way the issue lists (truncated and invalid YAML, wrong types, unknown and
 * misspelled keys, duplicate keys and services, alias bombs, a 10 MB file, binary content,
 * invalid UTF-8, tabs, 10,000 levels of nesting, bad globs), each with the place and the words
 * of the problem it must produce.
 *
 * Every case starts from a valid document written line by line, and the generator puts one
 * fault at a place it knows: so each case carries the `line:col` where the fault is, and a
 * fragment of the message that must name it. Contents are bytes, written to disk as they are
 * (invalid UTF-8 and NUL bytes must reach the reader raw).
 */

/** One problem a case must produce: `FILE:line:col: …fragment…`. */
export interface ExpectedProblem {
  line: number;
  col: number;
  /** Pieces of the message, each of which it must contain (case-sensitive). */
  fragments: string[];
}

export type ConfigKind = 'profile' | 'rules';

export interface BadConfig {
  /** Unique, file-name safe: `profile-misspelled-key-needs.low-latency-drop`. */
  id: string;
  kind: ConfigKind;
  /** What kind of fault: `misspelled-key`, `alias-bomb`, … */
  family: string;
  bytes: Buffer;
  /** Problems that must be listed, in the order listed (problems are sorted by place). */
  problems: ExpectedProblem[];
  /** True when these are all the problems the file has: the listing must hold nothing else. */
  exact: boolean;
}

/** A valid profile in the shape of SPEC 3, every key used; the faults are placed in it. */
export const VALID_PROFILE: readonly string[] = [
  'version: 1', // 1
  'services:', // 2
  '  - name: storage', // 3
  '    paths: ["storage/**", "go/**"]', // 4
  '    context: standalone', // 5
  '    workload: cpu-bound', // 6
  '    needs:', // 7
  '      low-latency: true', // 8
  '      high-concurrency: true', // 9
  '      multi-core: true', // 10
  '      shared-memory: true', // 11
  '      cython-parallel: false', // 12
  '      parallel-request: false', // 13
  '    evidence:', // 14
  '      latency-p99-ms: 5', // 15
  '      concurrent-clients: 10000', // 16
  '      profiling: "https://example.org/pprofile-report"', // 17
  '    notes: "free text shown in the comment"', // 18
  '  - name: tools', // 19
  '    paths: ["tools/**"]', // 20
  '    workload: io-bound', // 21
  'accept:', // 22
  '  - rule: threads-io-only', // 23
  '    paths: ["tools/**"]', // 24
  '    reason: "build scripts; not on the request path"', // 25
  'ignore: ["vendor/**", "**/*_pb2.py"]', // 26
];

/** A valid user rules file (README "Your own rules"), every kind of key used. */
export const VALID_RULES: readonly string[] = [
  'version: 1', // 1
  'disable: [measure-first]', // 2
  'rules:', // 3
  '  - id: no-twisted-in-billing', // 4
  '    title: Twisted in billing', // 5
  '    verdict: question', // 6
  '    trigger:', // 7
  '      signals: [asyncio, {signal: greenlets, tags: [async-server]}]', // 8
  '    when:', // 9
  '      all:', // 10
  '        - context: [zope]', // 11
  '        - needs: {high-concurrency: true}', // 12
  '    reason: Billing runs inside Zope, where the reactor cannot run.', // 13
  '    message: "{{what}} in service {{service}}."', // 14
  '    alternative: Use CMFActivity.', // 15
  '    hint: "declare `context: erp5` for CMFActivity advice"', // 16
  '    docs: no-twisted-in-billing', // 17
];

export function documentText(lines: readonly string[]): string {
  return `${lines.join('\n')}\n`;
}

/** 1-based column of the `nth` occurrence of `needle` in `line`; throws when absent (a generator bug). */
function colOf(line: string, needle: string, nth = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = line.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`corpus generator: ${JSON.stringify(needle)} not in ${JSON.stringify(line)}`);
  }
  return at + 1;
}

/** Column of the first non-blank character. */
function indentCol(line: string): number {
  return line.length - line.trimStart().length + 1;
}

function replaceLine(lines: readonly string[], n: number, text: string | string[]): string[] {
  const out = [...lines];
  out.splice(n - 1, 1, ...(Array.isArray(text) ? text : [text]));
  return out;
}

function insertAfter(lines: readonly string[], n: number, text: string | string[]): string[] {
  const out = [...lines];
  out.splice(n, 0, ...(Array.isArray(text) ? text : [text]));
  return out;
}

/** Line `n` (1-based) of `lines`; throws when out of range (a generator bug). */
function lineAt(lines: readonly string[], n: number): string {
  const line = lines[n - 1];
  if (line === undefined) throw new Error(`corpus generator: no line ${n}`);
  return line;
}

/** An expected problem as the generator writes it: one fragment, or several. */
type ProblemSpec = { line: number; col: number } & ({ fragment: string } | { fragments: string[] });

class CorpusBuilder {
  readonly cases: BadConfig[] = [];
  private readonly ids = new Set<string>();

  add(kind: ConfigKind, family: string, name: string, content: string | Buffer, problems: ProblemSpec[], exact = true): void {
    const id = `${kind}-${family}-${name}`.replace(/[^A-Za-z0-9._-]+/g, '_');
    if (this.ids.has(id)) throw new Error(`corpus generator: duplicate case ${id}`);
    this.ids.add(id);
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const expected = problems.map((p) => ({ line: p.line, col: p.col, fragments: 'fragments' in p ? p.fragments : [p.fragment] }));
    this.cases.push({ id, kind, family, bytes, problems: expected, exact });
  }
}

/** The keys of a document: where each is, and which other keys share its mapping. */
interface KeyPlace {
  line: number;
  key: string;
  siblings: readonly string[];
  /** Removing the key leaves a required key missing: more than one problem. */
  required?: boolean;
}

const TOP_PROFILE = ['version', 'services', 'accept', 'ignore'];
const SERVICE_KEYS = ['name', 'paths', 'context', 'workload', 'needs', 'evidence', 'notes'];
const NEED_KEYS = ['low-latency', 'high-concurrency', 'multi-core', 'shared-memory', 'cython-parallel', 'parallel-request'];
const EVIDENCE_KEYS = ['latency-p99-ms', 'concurrent-clients', 'profiling'];
const ACCEPT_KEYS = ['rule', 'paths', 'reason'];

const PROFILE_KEYS: KeyPlace[] = [
  { line: 1, key: 'version', siblings: TOP_PROFILE },
  { line: 2, key: 'services', siblings: TOP_PROFILE, required: true },
  { line: 3, key: 'name', siblings: SERVICE_KEYS, required: true },
  { line: 4, key: 'paths', siblings: SERVICE_KEYS },
  { line: 5, key: 'context', siblings: SERVICE_KEYS },
  { line: 6, key: 'workload', siblings: SERVICE_KEYS },
  { line: 7, key: 'needs', siblings: SERVICE_KEYS },
  ...NEED_KEYS.map((key, i) => ({ line: 8 + i, key, siblings: NEED_KEYS })),
  { line: 14, key: 'evidence', siblings: SERVICE_KEYS },
  ...EVIDENCE_KEYS.map((key, i) => ({ line: 15 + i, key, siblings: EVIDENCE_KEYS })),
  { line: 18, key: 'notes', siblings: SERVICE_KEYS },
  { line: 22, key: 'accept', siblings: TOP_PROFILE },
  { line: 23, key: 'rule', siblings: ACCEPT_KEYS, required: true },
  { line: 24, key: 'paths', siblings: ACCEPT_KEYS },
  { line: 25, key: 'reason', siblings: ACCEPT_KEYS, required: true },
  { line: 26, key: 'ignore', siblings: TOP_PROFILE },
];

const TOP_RULES = ['version', 'rules', 'disable'];
const RULE_KEYS = ['id', 'title', 'verdict', 'trigger', 'when', 'reason', 'message', 'alternative', 'hint', 'docs'];
const RULES_KEYS: KeyPlace[] = [
  { line: 1, key: 'version', siblings: TOP_RULES },
  { line: 2, key: 'disable', siblings: TOP_RULES },
  { line: 3, key: 'rules', siblings: TOP_RULES },
  ...RULE_KEYS.map((key, i) => ({
    line: [4, 5, 6, 7, 9, 13, 14, 15, 16, 17][i]!,
    key,
    siblings: RULE_KEYS,
    required: key !== 'when' && key !== 'hint',
  })),
  { line: 8, key: 'signals', siblings: ['signals', 'profile-edit'], required: true },
];

/**
 * Misspellings a person makes, each one edit away (or a spelling the suggester folds:
 * `low_latency`, `lowLatency`): a letter dropped, two letters swapped, a letter doubled.
 */
function misspellings(key: string): Array<[string, string]> {
  const mid = Math.floor(key.length / 2);
  const out: Array<[string, string]> = [
    ['drop', key.slice(0, mid) + key.slice(mid + 1)],
    ['swap', key.slice(0, mid - 1) + key[mid] + key[mid - 1] + key.slice(mid + 1)],
    ['double', key.slice(0, 2) + key[1] + key.slice(2)],
  ];
  if (key.includes('-')) {
    out.push(['underscore', key.replaceAll('-', '_')]);
    out.push(['camel', key.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase())]);
  }
  return out.filter(([, word], i, all) => word !== key && all.findIndex(([, w]) => w === word) === i);
}

function misspelledKeys(b: CorpusBuilder, kind: ConfigKind, base: readonly string[], places: KeyPlace[]): void {
  for (const place of places) {
    const line = lineAt(base, place.line);
    for (const [how, word] of misspellings(place.key)) {
      if (place.siblings.includes(word)) continue;
      const col = colOf(line, `${place.key}:`);
      const text = line.slice(0, col - 1) + word + line.slice(col - 1 + place.key.length);
      b.add(
        kind,
        'misspelled-key',
        `${place.line}-${place.key}-${how}`,
        documentText(replaceLine(base, place.line, text)),
        [{ line: place.line, col, fragments: [`${word} is not a known`, `(did you mean ${place.key}?)`] }],
        !place.required,
      );
    }
  }
}

/** Keys nobody means: reported with the list of allowed keys. */
function unknownKeys(b: CorpusBuilder, kind: ConfigKind, base: readonly string[], after: Array<[number, string]>): void {
  const strangers = ['zzqx', 'timeout', 'x-extra'];
  for (const [n, indent] of after) {
    for (const key of strangers) {
      // A key placed after line n, at the indentation of the mapping it joins.
      const text = `${indent}${key}: 1`;
      b.add(kind, 'unknown-key', `${n}-${key}`, documentText(insertAfter(base, n, text)), [
        { line: n + 1, col: indent.length + 1, fragment: `${key} is not a known` },
      ]);
    }
  }
}

/**
 * A value of the wrong type or out of range, replacing the value on line `line`. A block value
 * (the lines indented below the key) is replaced whole.
 */
interface ValueFault {
  line: number;
  key: string;
  value: string;
  fragment: string;
  /** Where in `value` the problem is placed, when not at its start (an item of a list). */
  at?: string;
  exact?: boolean;
}

function wrongValues(b: CorpusBuilder, kind: ConfigKind, base: readonly string[], faults: ValueFault[]): void {
  faults.forEach((f, i) => {
    const line = lineAt(base, f.line);
    const keyCol = colOf(line, `${f.key}:`);
    const prefix = line.slice(0, keyCol - 1 + f.key.length + 1);
    let lines = replaceLine(base, f.line, `${prefix} ${f.value}`);
    if (/:\s*$/.test(line)) {
      let end = f.line;
      while (end < base.length && indentCol(lineAt(base, end + 1)) > keyCol) end++;
      lines = [...lines.slice(0, f.line), ...lines.slice(end)];
    }
    const col = prefix.length + 2 + (f.at === undefined ? 0 : colOf(f.value, f.at) - 1);
    b.add(kind, 'wrong-value', `${i + 1}-${f.key}`, documentText(lines), [{ line: f.line, col, fragment: f.fragment }], f.exact ?? true);
  });
}

const PROFILE_VALUE_FAULTS: ValueFault[] = [
  { line: 1, key: 'version', value: '2', fragment: 'version must be 1 (got 2)' },
  { line: 1, key: 'version', value: '"1"', fragment: 'version must be 1 (got "1")' },
  { line: 1, key: 'version', value: '1.5', fragment: 'version must be 1' },
  { line: 3, key: 'name', value: '42', fragment: 'name must be a string (got 42)' },
  { line: 3, key: 'name', value: '[storage]', fragment: 'name must be a string' },
  { line: 3, key: 'name', value: '"  "', fragment: 'name must not be empty' },
  { line: 4, key: 'paths', value: '"storage/**"', fragment: 'paths must be a list' },
  { line: 4, key: 'paths', value: '[]', fragment: 'paths must list at least one item' },
  { line: 4, key: 'paths', value: '{storage: "**"}', fragment: 'paths must be a list' },
  { line: 4, key: 'paths', value: '[5]', at: '5', fragment: 'paths[0] must be a string (got 5)' },
  { line: 5, key: 'context', value: 'erp6', fragment: 'context must be one of erp5, zope, standalone (got "erp6")' },
  { line: 5, key: 'context', value: 'ERP5', fragment: 'context must be one of erp5, zope, standalone (got "ERP5")' },
  { line: 5, key: 'context', value: 'true', fragment: 'context must be one of erp5, zope, standalone (got true)' },
  { line: 6, key: 'workload', value: 'fast', fragment: 'workload must be one of io-bound, cpu-bound, mixed (got "fast")' },
  { line: 6, key: 'workload', value: '[io-bound]', fragment: 'workload must be one of io-bound, cpu-bound, mixed (got a list)' },
  { line: 7, key: 'needs', value: '[low-latency]', fragment: 'needs must be a mapping' },
  { line: 7, key: 'needs', value: 'all', fragment: 'needs must be a mapping' },
  { line: 8, key: 'low-latency', value: '"true"', fragment: 'needs.low-latency must be true or false (got "true")' },
  { line: 8, key: 'low-latency', value: 'yes', fragment: 'needs.low-latency must be true or false (got "yes")' },
  { line: 9, key: 'high-concurrency', value: '1', fragment: 'needs.high-concurrency must be true or false (got 1)' },
  { line: 10, key: 'multi-core', value: '[true]', fragment: 'needs.multi-core must be true or false (got a list)' },
  { line: 11, key: 'shared-memory', value: 'on', fragment: 'needs.shared-memory must be true or false (got "on")' },
  { line: 12, key: 'cython-parallel', value: 'False!', fragment: 'needs.cython-parallel must be true or false' },
  { line: 13, key: 'parallel-request', value: '0', fragment: 'needs.parallel-request must be true or false (got 0)' },
  { line: 14, key: 'evidence', value: '"measured"', fragment: 'evidence must be a mapping' },
  { line: 15, key: 'latency-p99-ms', value: '-1', fragment: 'evidence.latency-p99-ms must be at least 0 (got -1)' },
  { line: 15, key: 'latency-p99-ms', value: '5ms', fragment: 'evidence.latency-p99-ms must be a number (got "5ms")' },
  { line: 16, key: 'concurrent-clients', value: '1.5', fragment: 'evidence.concurrent-clients must be a whole number' },
  { line: 16, key: 'concurrent-clients', value: 'many', fragment: 'evidence.concurrent-clients must be a number (got "many")' },
  { line: 17, key: 'profiling', value: '""', fragment: 'evidence.profiling must not be empty' },
  { line: 17, key: 'profiling', value: '3', fragment: 'evidence.profiling must be a string (got 3)' },
  { line: 18, key: 'notes', value: '[a, b]', fragment: 'notes must be a string (got a list)' },
  { line: 2, key: 'services', value: '{storage: {}}', fragment: 'services must be a list' },
  { line: 2, key: 'services', value: 'storage', fragment: 'services must be a list (got "storage")' },
  { line: 23, key: 'rule', value: 'Threads_IO', fragment: 'rule must be a rule id in kebab-case' },
  { line: 23, key: 'rule', value: '7', fragment: 'rule must be a string (got 7)' },
  { line: 25, key: 'reason', value: '""', fragment: 'reason must not be empty' },
  { line: 25, key: 'reason', value: '[x]', fragment: 'reason must be a string' },
  { line: 26, key: 'ignore', value: '"vendor/**"', fragment: 'ignore must be a list' },
  { line: 26, key: 'ignore', value: '[1, 2]', at: '1', fragment: 'ignore[0] must be a string (got 1)', exact: false },
];

const RULES_VALUE_FAULTS: ValueFault[] = [
  { line: 1, key: 'version', value: '2', fragment: 'version must be 1 (got 2)' },
  { line: 2, key: 'disable', value: 'measure-first', fragment: 'disable must be a list' },
  { line: 2, key: 'disable', value: '[Measure_First]', at: 'M', fragment: 'disable[0] must be kebab-case' },
  { line: 3, key: 'rules', value: '{}', fragment: 'rules must be a list' },
  { line: 4, key: 'id', value: 'No_Twisted', fragment: 'id must be kebab-case' },
  { line: 4, key: 'id', value: '12', fragment: 'id must be a string (got 12)' },
  { line: 5, key: 'title', value: '""', fragment: 'title must not be empty' },
  { line: 6, key: 'verdict', value: 'questionn', fragment: 'verdict must be one of recommend, question, info (got "questionn")' },
  { line: 6, key: 'verdict', value: 'block', fragment: 'verdict must be one of recommend, question, info (got "block")' },
  { line: 6, key: 'verdict', value: '[question]', fragment: 'verdict must be one of recommend, question, info (got a list)' },
  { line: 8, key: 'signals', value: '[]', fragment: 'signals must list at least one item' },
  { line: 8, key: 'signals', value: '[goroutines]', at: 'g', fragment: 'trigger.signals[0] must be golang, threads, asyncio' },
  { line: 8, key: 'signals', value: 'asyncio', fragment: 'signals must be a list' },
  { line: 8, key: 'signals', value: '[{signal: asyncio, tags: [fast]}]', at: 'fast', fragment: 'tags[0] must be one of nogil, parallel, async-server, import, file, use (got "fast")' },
  { line: 11, key: 'context', value: '[erp6]', at: 'erp6', fragment: 'context[0] must be one of erp5, zope, standalone (got "erp6")' },
  { line: 11, key: 'context', value: '[]', fragment: 'context must list at least one item' },
  { line: 11, key: 'context', value: 'zope', fragment: 'context must be a list' },
  { line: 12, key: 'needs', value: '{high-concurrency: maybe}', at: 'maybe', fragment: 'needs.high-concurrency must be true or false (got "maybe")' },
  { line: 12, key: 'needs', value: '{fast: true}', at: 'fast', fragment: 'needs.fast is not a known' },
  { line: 12, key: 'needs', value: '{high-concurency: true}', at: 'high', fragment: 'needs.high-concurency is not a known key (did you mean high-concurrency?)' },
  { line: 13, key: 'reason', value: '""', fragment: 'reason must not be empty' },
  { line: 14, key: 'message', value: '42', fragment: 'message must be a string (got 42)' },
  { line: 15, key: 'alternative', value: '[a]', fragment: 'alternative must be a string (got a list)' },
  { line: 16, key: 'hint', value: '""', fragment: 'hint must not be empty' },
  { line: 17, key: 'docs', value: '{}', fragment: 'docs must be a string (got a mapping)' },
];

/** Each line with a key and a value, set twice: the second one is reported, naming the first. */
function duplicateKeys(b: CorpusBuilder, kind: ConfigKind, base: readonly string[], places: KeyPlace[]): void {
  for (const place of places) {
    const line = lineAt(base, place.line);
    // Only keys with their value on the same line: the copy is a whole entry.
    if (/:\s*$/.test(line)) continue;
    const indent = line.slice(0, indentCol(line) - 1);
    const keyCol = colOf(line, `${place.key}:`);
    // In a list item the copy goes beside the key, not beside the dash.
    const copy = indent.padEnd(keyCol - 1, ' ') + line.slice(keyCol - 1);
    b.add(kind, 'duplicate-key', `${place.line}-${place.key}`, documentText(insertAfter(base, place.line, copy)), [
      { line: place.line + 1, col: keyCol, fragment: `duplicate key ${place.key}: it is already set at line ${place.line}` },
    ]);
  }
}

function duplicateServices(b: CorpusBuilder): void {
  const base = VALID_PROFILE;
  const renamed = replaceLine(base, 19, '  - name: storage');
  b.add('profile', 'duplicate-service', 'second-named-like-first', documentText(renamed), [
    { line: 19, col: 11, fragment: 'name "storage" is already used by the service at line 3' },
  ]);
  const three = insertAfter(base, 21, ['  - name: tools', '    paths: ["scripts/**"]']);
  b.add('profile', 'duplicate-service', 'third-named-like-second', documentText(three), [
    { line: 22, col: 11, fragment: 'name "tools" is already used by the service at line 19' },
  ]);
  const quoted = replaceLine(base, 19, '  - name: "storage"');
  b.add('profile', 'duplicate-service', 'quoted-name', documentText(quoted), [
    { line: 19, col: 11, fragment: 'name "storage" is already used by the service at line 3' },
  ]);
  const flowLine = 'services: [{name: a}, {name: b}, {name: a}]';
  const flow = [...base.slice(0, 1), flowLine, ...base.slice(21)];
  b.add('profile', 'duplicate-service', 'flow-list', documentText(flow), [
    { line: 2, col: colOf(flowLine, 'a}', 1), fragment: 'name "a" is already used by the service at line 2' },
  ]);
}

/** Globs the profile must refuse, with a piece of the reason. */
const BAD_GLOBS: Array<[string, string, string]> = [
  ['unclosed-bracket', '[abc', 'a "[" is never closed'],
  ['unclosed-brace', 'src/{a,b', 'a "{" is never closed'],
  ['unclosed-paren', 'src/(a|b', 'a "(" is never closed'],
  ['unopened-bracket', 'src/a]', 'is not a valid glob'],
  ['absolute', '/etc/**', 'is absolute'],
  ['dot-slash', './src/**', 'starts with "./"'],
  ['dot-dot', '../outside/**', 'has a ".." segment'],
  ['negation', '!vendor/**', 'is a negation'],
  ['backslash', 'src\\\\main.py', 'has a backslash'],
  ['trailing-slash', 'storage/', 'ends with "/"'],
  ['empty', '', 'is an empty glob'],
  ['blank', '   ', 'is an empty glob'],
];

function badGlobs(b: CorpusBuilder): void {
  // Each place holds a flow list of quoted globs; the bad glob replaces the first one.
  const places: Array<[number, string, string]> = [
    [4, '"storage/**"', 'paths[0]'],
    [20, '"tools/**"', 'paths[0]'],
    [24, '"tools/**"', 'paths[0]'],
    [26, '"vendor/**"', 'ignore[0]'],
  ];
  places.forEach(([n, old, where], p) => {
    // Every glob at the service's paths; a sample at the other places.
    const globs = p === 0 ? BAD_GLOBS : BAD_GLOBS.filter((_g, i) => i % 4 === p);
    for (const [name, glob, fragment] of globs) {
      const line = lineAt(VALID_PROFILE, n);
      const col = colOf(line, old);
      const text = line.replace(old, `"${glob}"`);
      b.add('profile', 'bad-glob', `${n}-${name}`, documentText(replaceLine(VALID_PROFILE, n, text)), [
        { line: n, col, fragments: [`${where} `, fragment] },
      ]);
    }
  });
}

/** YAML that is not YAML: each fault written at a known place. */
function syntaxErrors(b: CorpusBuilder, kind: ConfigKind, base: readonly string[]): void {
  const n = kind === 'profile' ? 18 : 14; // a line `    key: "quoted text"`
  const line = lineAt(base, n);
  const valueCol = colOf(line, ': ') + 2;
  const key = line.slice(0, valueCol - 3);
  const cases: Array<[string, string[], ProblemSpec]> = [
    [
      'unclosed-double-quote',
      replaceLine(base, n, `${key}: "never closed`),
      // A double-quoted string may not run into a less indented line: the line's end is where the quote is missing.
      { line: n, col: `${key}: "never closed`.length + 1, fragment: 'invalid YAML: missing closing "quote' },
    ],
    [
      'unclosed-single-quote',
      replaceLine(base, n, `${key}: 'never closed`),
      // A single-quoted string may span lines: it is the end of the file that comes too early.
      { line: base.length + 1, col: 1, fragment: "invalid YAML: missing closing 'quote" },
    ],
    [
      'mapping-in-plain-value',
      replaceLine(base, n, `${key}: a: b`),
      { line: n, col: valueCol, fragment: 'invalid YAML: nested mappings are not allowed in compact mappings' },
    ],
    [
      'reserved-indicator',
      replaceLine(base, n, `${key}: @handle`),
      { line: n, col: valueCol, fragment: 'invalid YAML: plain value cannot start with reserved character @' },
    ],
    [
      'backtick-indicator',
      replaceLine(base, n, `${key}: \`code\``),
      { line: n, col: valueCol, fragment: 'invalid YAML: plain value cannot start with reserved character `' },
    ],
    [
      'stray-closing-bracket',
      replaceLine(base, n, `${key}: [x]]`),
      { line: n, col: valueCol + 3, fragment: 'invalid YAML' },
    ],
    [
      'second-document',
      [...base, '---', 'version: 1'],
      { line: base.length + 1, col: 1, fragment: 'only one YAML document is allowed' },
    ],
    [
      'undefined-alias',
      replaceLine(base, n, `${key}: *nowhere`),
      { line: n, col: valueCol, fragment: 'alias *nowhere refers to no anchor' },
    ],
    [
      'alias-as-key',
      insertAfter(replaceLine(base, 1, 'version: &v 1'), n, `${' '.repeat(indentCol(line) - 1)}*v : x`),
      { line: n + 1, col: indentCol(line), fragment: 'alias *v is used as a key' },
    ],
    [
      'directive-after-content',
      [...base, '%YAML 1.2'],
      { line: base.length + 1, col: 1, fragment: 'invalid YAML' },
    ],
    [
      'over-indented-key',
      insertAfter(base, n, `${' '.repeat(indentCol(line) + 1)}zzqx: 1`),
      // The indentation is the fault: it starts the line.
      { line: n + 1, col: 1, fragment: 'invalid YAML: all mapping items must start at the same column' },
    ],
  ];
  for (const [name, lines, problem] of cases) b.add(kind, 'invalid-yaml', name, documentText(lines), [problem], false);
}

/**
 * Files cut short, as by an interrupted write or a bad paste, two characters into a quoted
 * string or a flow collection: the closing quote or bracket is missing where the file ends.
 */
function truncations(b: CorpusBuilder, kind: ConfigKind, base: readonly string[]): void {
  const text = documentText(base);
  const starts: Array<[string, number, number, string]> = [];
  base.forEach((line, i) => {
    const quote = line.indexOf('"');
    if (quote !== -1) starts.push(['in-string', i + 1, quote + 1, 'missing closing "quote']);
    const flow = line.search(/[[{]/);
    if (flow !== -1) starts.push(['in-flow', i + 1, flow + 1, 'invalid YAML']);
  });
  const lineOffset = (n: number) => base.slice(0, n - 1).reduce((sum, l) => sum + l.length + 1, 0);
  for (const [where, n, col, fragment] of starts) {
    const cut = lineOffset(n) + col + 2; // two characters into the string or collection
    if (cut >= lineOffset(n) + lineAt(base, n).length) continue;
    // The quote or bracket is missing where the file ends.
    b.add(kind, 'truncated', `${where}-${n}-${col}`, text.slice(0, cut), [{ line: n, col: col + 3, fragment }], false);
  }
}

/** A tab where YAML wants spaces. */
function tabs(b: CorpusBuilder, kind: ConfigKind, base: readonly string[]): void {
  base.forEach((line, i) => {
    const n = i + 1;
    const indent = indentCol(line) - 1;
    if (indent === 0) return;
    const tabbed = `\t${line.slice(indent)}`;
    b.add(kind, 'tab', `indent-${n}`, documentText(replaceLine(base, n, tabbed)), [
      { line: n, col: 1, fragment: 'a tab is used for indentation' },
    ], false);
  });
}

/** "Billion laughs": each level repeats the previous one `width` times. */
function aliasBomb(depth: number, width: number, prefix: string[]): { text: string; line: number; col: number } {
  const lines = [...prefix, `x-l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]`];
  for (let d = 1; d <= depth; d++) {
    lines.push(`x-l${d}: &l${d} [${Array.from({ length: width }, () => `*l${d - 1}`).join(', ')}]`);
  }
  const line = prefix.length + 2;
  return { text: documentText(lines), line, col: colOf(lineAt(lines, line), '*l0') };
}

function aliasBombs(b: CorpusBuilder, kind: ConfigKind): void {
  const prefix = ['version: 1'];
  for (const [depth, width] of [
    [9, 10],
    [6, 10],
    [4, 10],
    [3, 50],
    [12, 2],
    [20, 2],
  ] as const) {
    const bomb = aliasBomb(depth, width, prefix);
    b.add(kind, 'alias-bomb', `depth${depth}-width${width}`, bomb.text, [
      { line: bomb.line, col: bomb.col, fragment: 'aliases expand to too much data' },
    ]);
  }
  // The bomb inside the real document: under the service's paths, and as a list of needs.
  if (kind === 'profile') {
    const lines = [
      'version: 1',
      'services:',
      '  - name: storage',
      '    paths: &a ["a", "a", "a", "a", "a", "a", "a", "a", "a", "a"]',
      '  - {name: s1, paths: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]}',
      '  - {name: s2, paths: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]}',
      '  - {name: s3, paths: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]}',
      '  - {name: s4, paths: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]}',
      '  - {name: s5, paths: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]}',
      '  - {name: s6, paths: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]}',
    ];
    b.add(kind, 'alias-bomb', 'in-services', documentText(lines), [
      { line: 5, col: colOf(lineAt(lines, 5), '*a'), fragment: 'aliases expand to too much data' },
    ]);
  } else {
    const lines = [
      'version: 1',
      'disable: &a [measure-first, measure-first, measure-first, measure-first, measure-first, measure-first, measure-first, measure-first]',
      'x-1: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'x-2: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'x-3: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'x-4: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
      'x-5: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]',
    ];
    b.add(kind, 'alias-bomb', 'in-disable', documentText(lines), [
      { line: 3, col: colOf(lineAt(lines, 3), '*a'), fragment: 'aliases expand to too much data' },
    ]);
  }
  // An alias inside its own anchor: a cycle, not a bomb.
  const cycle = ['version: 1', 'x-loop: &loop', '  - *loop'];
  b.add(kind, 'alias-bomb', 'self-reference', documentText(cycle), [
    { line: 3, col: 5, fragment: 'alias *loop refers to' },
  ], false);
}

const MB = 1024 * 1024;

function hugeFiles(b: CorpusBuilder, kind: ConfigKind, base: readonly string[]): void {
  const valid = documentText(base);
  const tooLarge = { line: 1, col: 1, fragment: 'the file is too large' };
  b.add(kind, 'huge', '10MB-comment', `${valid}# ${'x'.repeat(10 * MB)}\n`, [tooLarge]);
  b.add(kind, 'huge', '10MB-one-line-string', `version: 1\nx: "${'y'.repeat(10 * MB)}"\n`, [tooLarge]);
  const service = (i: number) => `  - name: s${i}\n    paths: ["s${i}/**"]\n    needs: {low-latency: true}\n`;
  let many = 'version: 1\nservices:\n';
  for (let i = 0; many.length < 10 * MB; i++) many += service(i);
  b.add(kind, 'huge', '10MB-of-entries', many, [tooLarge]);
  b.add(kind, 'huge', 'just-over-1MiB', `${valid}#${'z'.repeat(MB)}\n`, [tooLarge]);
}

/** Byte patterns of files that are not text at all; `nul` is the byte offset of the first NUL. */
function binaryFiles(b: CorpusBuilder, kind: ConfigKind, base: readonly string[]): void {
  const valid = documentText(base);
  const nulInLine = (n: number, col: number) => {
    const lines = [...base];
    const line = lineAt(lines, n);
    lines[n - 1] = `${line.slice(0, col - 1)}\u0000${line.slice(col - 1)}`;
    return documentText(lines);
  };
  const binary = { fragment: 'the file contains a NUL character: it is binary' };
  b.add(kind, 'binary', 'nul-first-byte', `\u0000${valid}`, [{ line: 1, col: 1, ...binary }]);
  b.add(kind, 'binary', 'nul-in-value', nulInLine(5, 12), [{ line: 5, col: 12, ...binary }]);
  b.add(kind, 'binary', 'nul-at-end', `${valid}\u0000`, [{ line: base.length + 1, col: 1, ...binary }]);
  // PNG signature: 89 'PNG' CR LF 1A LF, then the IHDR length (NUL bytes). 0x89 alone is not UTF-8.
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  b.add(kind, 'binary', 'png', png, [{ line: 3, col: 1, ...binary }], false);
  // ELF header: 7F 'ELF' 02 01 01 00.
  const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(56)]);
  b.add(kind, 'binary', 'elf', elf, [{ line: 1, col: 8, ...binary }], false);
  // gzip member: 1F 8B 08 00 …
  const gzip = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]);
  b.add(kind, 'binary', 'gzip', gzip, [{ line: 1, col: 4, ...binary }], false);
  // A profile saved as UTF-16 LE with its BOM: every other byte is NUL.
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(valid, 'utf16le')]);
  b.add(kind, 'binary', 'utf16le', utf16, [{ line: 1, col: 4, ...binary }], false);
  // Pseudo-random bytes with a NUL at a known place after printable text.
  const noise = Buffer.alloc(4096);
  let seed = 12345;
  for (let i = 0; i < noise.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    noise[i] = 0x80 | ((seed >> 16) & 0x3f); // continuation bytes only: each one alone is invalid UTF-8
  }
  b.add(kind, 'binary', 'noise-then-nul', Buffer.concat([Buffer.from('version: 1\n'), noise, Buffer.from([0])]), [
    { line: 2, col: 1, fragment: 'invalid UTF-8' },
    { line: 2, col: noise.length + 1, ...binary },
  ], false);
}

/** Byte sequences that are not UTF-8, each put at a known place of a value. */
const INVALID_UTF8: Array<[string, number[]]> = [
  ['lone-continuation', [0x80]],
  ['lead-without-continuation', [0xc3, 0x28]],
  ['overlong-slash', [0xc0, 0xaf]],
  ['surrogate-half', [0xed, 0xa0, 0x80]],
  ['five-byte-lead', [0xf8, 0x88, 0x80, 0x80, 0x80]],
  ['latin1-e-acute', [0xe9]],
  ['beyond-unicode', [0xf4, 0x90, 0x80, 0x80]],
  ['truncated-four-byte', [0xf0, 0x9f, 0x98]],
  ['fe-ff', [0xfe, 0xff]],
];

function invalidUtf8(b: CorpusBuilder, kind: ConfigKind, base: readonly string[]): void {
  const n = kind === 'profile' ? 18 : 5; // notes: "…" / title: …
  const line = lineAt(base, n);
  const col = kind === 'profile' ? colOf(line, 'free') : colOf(line, 'Twisted');
  const before = documentText(base.slice(0, n - 1)) + line.slice(0, col - 1);
  const after = `${line.slice(col - 1)}\n${documentText(base.slice(n))}`;
  for (const [name, bytes] of INVALID_UTF8) {
    const content = Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);
    b.add(kind, 'invalid-utf8', name, content, [{ line: n, col, fragment: 'invalid UTF-8' }], false);
  }
  // Characters that are UTF-8 but not allowed in YAML, named by code point.
  for (const [name, char, fragment] of [
    ['bell', '\u0007', 'control character U+0007 is not allowed in YAML'],
    ['escape', '\u001b', 'control character U+001B is not allowed in YAML'],
    ['delete', '\u007f', 'control character U+007F is not allowed in YAML'],
    ['c1-csi', '\u009b', 'control character U+009B is not allowed in YAML'],
    ['noncharacter', '\uFFFE', 'character U+FFFE is not allowed in YAML'],
  ] as const) {
    b.add(kind, 'control-character', name, Buffer.concat([Buffer.from(before), Buffer.from(char, 'utf8'), Buffer.from(after)]), [
      { line: n, col, fragment },
    ]);
  }
  // At the very end of the file, after the last newline.
  b.add(kind, 'invalid-utf8', 'at-eof', Buffer.concat([Buffer.from(documentText(base)), Buffer.from([0xc3])]), [
    { line: base.length + 1, col: 1, fragment: 'invalid UTF-8' },
  ], false);
}

/** Nesting far past any real configuration: 10,000 levels, in every YAML notation. */
function deepNesting(b: CorpusBuilder, kind: ConfigKind): void {
  const levels = 10_000;
  const key = kind === 'profile' ? 'services' : 'rules';
  const deep = { fragment: 'the document is nested more than 64 levels deep' };
  // The 65th collection from the root (the root is level 0) is the first one too deep.
  const flowSeq = `${key}: `;
  b.add(kind, 'deep-nesting', 'flow-sequences', `version: 1\n${flowSeq}${'['.repeat(levels)}${']'.repeat(levels)}\n`, [
    { line: 2, col: flowSeq.length + 64, ...deep },
  ]);
  b.add(kind, 'deep-nesting', 'flow-sequences-unclosed', `version: 1\n${flowSeq}${'['.repeat(levels)}\n`, [
    { line: 2, col: flowSeq.length + 64, ...deep },
  ], false);
  b.add(kind, 'deep-nesting', 'flow-mappings', `version: 1\n${key}: ${'{a: '.repeat(levels)}1${'}'.repeat(levels)}\n`, [
    { line: 2, col: flowSeq.length + 1 + 4 * 63, ...deep },
  ]);
  b.add(kind, 'deep-nesting', 'block-sequences', `version: 1\n${key}:\n  ${'- '.repeat(levels)}x\n`, [
    { line: 3, col: 3 + 2 * 63, ...deep },
  ]);
  b.add(kind, 'deep-nesting', 'root-sequences', `${'['.repeat(levels)}${']'.repeat(levels)}\n`, [
    { line: 1, col: 65, ...deep },
  ]);
  // Block mappings, one space deeper each line: 200 levels (10,000 would exceed the size limit first).
  const block = Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
  b.add(kind, 'deep-nesting', 'block-mappings-200', `${block} x\n`, [{ line: 65, col: 65, ...deep }]);
  if (kind === 'rules') {
    const when = '    when: ';
    const lines = [...VALID_RULES.slice(0, 8), `${when}${'{not: '.repeat(levels)}{profile-found: true}${'}'.repeat(levels)}`, ...VALID_RULES.slice(12)];
    b.add(kind, 'deep-nesting', 'conditions', documentText(lines), [{ line: 9, col: when.length + 1 + 6 * 61, ...deep }]);
  }
}

/** Files with no usable document. */
function emptyAndShapeless(b: CorpusBuilder, kind: ConfigKind): void {
  const empty = kind === 'profile' ? 'empty profile' : 'the rules file is empty';
  b.add(kind, 'shape', 'empty', '', [{ line: 1, col: 1, fragment: empty }]);
  b.add(kind, 'shape', 'whitespace', '\n\n   \n', [{ line: 1, col: 1, fragment: empty }]);
  b.add(kind, 'shape', 'only-comments', '# version: 1\n# services: []\n', [{ line: 1, col: 1, fragment: empty }]);
  b.add(kind, 'shape', 'explicit-null', '~\n', [{ line: 1, col: 1, fragment: 'the file must be a mapping' }]);
  b.add(kind, 'shape', 'root-list', '- version: 1\n', [{ line: 1, col: 1, fragment: 'must be a mapping' }]);
  b.add(kind, 'shape', 'root-scalar', 'version 1\n', [{ line: 1, col: 1, fragment: 'must be a mapping' }]);
  b.add(kind, 'shape', 'json-array', '[1, 2, 3]\n', [{ line: 1, col: 1, fragment: 'must be a mapping' }]);
}

/** A BOM is allowed; after it, columns on line 1 count as the editor shows them. */
function byteOrderMark(b: CorpusBuilder, kind: ConfigKind, base: readonly string[]): void {
  const bom = '\uFEFF';
  b.add(kind, 'bom', 'misspelled-first-key', `${bom}${documentText(replaceLine(base, 1, 'versoin: 1'))}`, [
    { line: 1, col: 1, fragments: ['versoin is not a known', '(did you mean version?)'] },
  ]);
  b.add(kind, 'bom', 'wrong-version', `${bom}${documentText(replaceLine(base, 1, 'version: 3'))}`, [
    { line: 1, col: 10, fragment: 'version must be 1 (got 3)' },
  ]);
}

/** Faults only a rules file can have: cross references between rules and templates. */
function rulesOnly(b: CorpusBuilder): void {
  const base = VALID_RULES;
  const msg = lineAt(base, 14);
  b.add('rules', 'placeholder', 'misspelled', documentText(replaceLine(base, 14, msg.replace('{{service}}', '{{servce}}'))), [
    { line: 14, col: colOf(msg, '"'), fragment: 'message uses an unknown placeholder {{servce}} (did you mean service?)' },
  ]);
  b.add('rules', 'placeholder', 'unknown', documentText(replaceLine(base, 14, msg.replace('{{what}}', '{{author}}'))), [
    { line: 14, col: colOf(msg, '"'), fragment: 'message uses an unknown placeholder {{author}}' },
  ]);
  const hint = lineAt(base, 16);
  b.add('rules', 'placeholder', 'in-hint', documentText(replaceLine(base, 16, hint.replace('for', 'for {{servise}}'))), [
    { line: 16, col: colOf(hint, '"'), fragment: 'hint uses an unknown placeholder {{servise}} (did you mean service?)' },
  ]);
  for (const [name, id, fragment] of [
    ['misspelled', 'measure-frist', 'disable names measure-frist, which is not a default rule (did you mean measure-first?)'],
    ['unknown', 'no-such-rule', 'disable names no-such-rule, which is not a default rule'],
    ['case', 'golang-unjustifed', 'did you mean golang-unjustified?'],
  ] as const) {
    b.add('rules', 'disable-unknown', name, documentText(replaceLine(base, 2, `disable: [${id}]`)), [
      { line: 2, col: 11, fragment },
    ]);
  }
  const twice = [...base, ...base.slice(3)];
  b.add('rules', 'duplicate-rule', 'same-id-twice', documentText(twice), [
    { line: 18, col: 9, fragment: 'rule no-twisted-in-billing is defined twice (first at rules[0])' },
  ]);
  const both = replaceLine(base, 2, 'disable: [measure-first, golang-unjustified]');
  const overriding = [...both, ...base.slice(3).map((l) => l.replace('no-twisted-in-billing', 'golang-unjustified'))];
  b.add('rules', 'duplicate-rule', 'disabled-and-defined', documentText(overriding), [
    { line: 18, col: 9, fragment: 'rule golang-unjustified is both disabled and defined' },
  ]);
  b.add('rules', 'condition', 'misspelled-leaf', documentText(replaceLine(base, 11, '        - contxt: [zope]')), [
    { line: 11, col: 11, fragments: ['contxt is not a known', '(did you mean context?)'] },
  ]);
  b.add('rules', 'condition', 'empty-all', documentText([...base.slice(0, 9), '      all: []', ...base.slice(12)]), [
    { line: 10, col: 12, fragment: 'all must list at least one item' },
  ]);
  b.add('rules', 'condition', 'golang-criteria-value', documentText(replaceLine(base, 12, '        - golang-criteria: some')), [
    { line: 12, col: 28, fragment: 'golang-criteria must be one of met, unmet (got "some")' },
  ]);
  b.add('rules', 'trigger', 'profile-edit-false', documentText(replaceLine(base, 8, '      profile-edit: false')), [
    { line: 8, col: 21, fragment: 'profile-edit must be true (got false)' },
  ]);
}

/** Faults only a profile can have: acceptances naming rules that do not exist. */
function profileOnly(b: CorpusBuilder): void {
  const base = VALID_PROFILE;
  const line = lineAt(base, 23);
  for (const [name, id, fragment] of [
    ['misspelled', 'threads-io-onyl', 'accept names threads-io-onyl, which is not a rule of this run (did you mean threads-io-only?)'],
    ['unknown', 'no-such-rule', 'accept names no-such-rule, which is not a rule of this run'],
  ] as const) {
    b.add('profile', 'accept-unknown-rule', name, documentText(replaceLine(base, 23, line.replace('threads-io-only', id))), [
      { line: 23, col: colOf(line, 'threads-io-only'), fragment },
    ]);
  }
  // Misplaced need: `low-latency` one level too high, beside `needs:`.
  b.add('profile', 'misplaced-key', 'need-beside-needs', documentText(insertAfter(base, 6, '    low-latency: true')), [
    { line: 7, col: 5, fragment: 'low-latency is not a known service key (did you mean needs.low-latency?)' },
  ]);
}

/** The whole corpus, in a stable order. */
export function generateCorpus(): BadConfig[] {
  const b = new CorpusBuilder();
  for (const kind of ['profile', 'rules'] as const) {
    const base = kind === 'profile' ? VALID_PROFILE : VALID_RULES;
    misspelledKeys(b, kind, base, kind === 'profile' ? PROFILE_KEYS : RULES_KEYS);
    unknownKeys(
      b,
      kind,
      base,
      kind === 'profile'
        ? [
            [1, ''],
            [6, '    '],
            [13, '      '],
            [17, '      '],
            [25, '    '],
          ]
        : [
            [2, ''],
            [6, '    '],
            [8, '      '],
          ],
    );
    wrongValues(b, kind, base, kind === 'profile' ? PROFILE_VALUE_FAULTS : RULES_VALUE_FAULTS);
    duplicateKeys(b, kind, base, kind === 'profile' ? PROFILE_KEYS : RULES_KEYS);
    syntaxErrors(b, kind, base);
    truncations(b, kind, base);
    tabs(b, kind, base);
    aliasBombs(b, kind);
    hugeFiles(b, kind, base);
    binaryFiles(b, kind, base);
    invalidUtf8(b, kind, base);
    deepNesting(b, kind);
    emptyAndShapeless(b, kind);
    byteOrderMark(b, kind, base);
  }
  duplicateServices(b);
  badGlobs(b);
  profileOnly(b);
  rulesOnly(b);
  return b.cases;
}
