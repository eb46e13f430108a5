import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  hasNode,
  nameKeys,
  parseYamlDocument,
  parseYamlWithSource,
  positionOf,
  problemAt,
  type ParseYamlOptions,
} from '../../src/config/index.js';
import { ConfigError, formatProblem } from '../../src/errors.js';

const FILE = 'rules/example.yml';

/** A schema shaped like a rule file, with the constructs rule files need: unions, recursion. */
type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | { context: string[] };
const condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    nameKeys(z.strictObject({ all: z.array(condition) }), 'condition'),
    nameKeys(z.strictObject({ any: z.array(condition) }), 'condition'),
    nameKeys(z.strictObject({ not: condition }), 'condition'),
    nameKeys(z.strictObject({ context: z.array(z.string()) }), 'condition'),
  ]),
);
const signal = nameKeys(z.strictObject({ signal: z.string(), tags: z.array(z.string()).optional() }), 'signal key');
const ruleSchema = nameKeys(
  z.strictObject({
    id: z.string().regex(/^[a-z]+(-[a-z]+)*$/),
    verdict: z.enum(['recommend', 'question', 'info']),
    trigger: nameKeys(z.strictObject({ signals: z.array(z.union([z.string(), signal])) }), 'trigger key'),
    when: condition.optional(),
    weight: z.number().int().min(0).max(10).optional(),
    title: z.string().max(20).optional(),
  }),
  'rule key',
);

function problemsOf<S extends z.ZodType>(text: string, schema: S, options?: ParseYamlOptions<z.output<S>>): string[] {
  try {
    parseYamlDocument(text, FILE, schema, options);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.map(formatProblem);
  }
  throw new Error('the document was accepted, but it should not have been');
}

const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;

describe('parseYamlDocument', () => {
  it('returns the validated value, defaults applied', () => {
    const schema = z.strictObject({ name: z.string(), tags: z.array(z.string()).default([]) });
    expect(parseYamlDocument('name: x\n', FILE, schema)).toStrictEqual({ name: 'x', tags: [] });
  });

  it('maps issues inside unions and recursive schemas to their places', () => {
    expect(
      problemsOf(
        yaml(
          'id: Bad_Id',
          'verdict: questionn',
          'trigger:',
          '  signals: [threads, 5, {signal: asyncio, tag: [x]}]',
          'when:',
          '  all:',
          '    - contxt: [erp5]',
          '    - not: {any: [{context: erp5}]}',
          '    - {}',
          '    - alll: []',
          'weight: 11',
          'title: a title that is far too long',
          'extra: 1',
        ),
        ruleSchema,
      ),
    ).toEqual([
      `${FILE}:1:5: id must match the pattern /^[a-z]+(-[a-z]+)*$/ (got "Bad_Id")`,
      `${FILE}:2:10: verdict must be one of recommend, question, info (got "questionn")`,
      `${FILE}:4:22: trigger.signals[1] must be a string or a mapping with keys from: signal, tags (got 5)`,
      `${FILE}:4:43: tag is not a known signal key (did you mean tags?)`,
      `${FILE}:7:7: contxt is not a known condition (did you mean context?)`,
      `${FILE}:8:29: context must be a list (got "erp5")`,
      `${FILE}:9:7: when.all[2] is empty: expected one of the keys all, any, not, context`,
      `${FILE}:10:7: alll is not a known condition (did you mean all?)`,
      `${FILE}:11:9: weight must be at most 10 (got 11)`,
      `${FILE}:12:8: title must be at most 20 characters long (got 28)`,
      `${FILE}:13:1: extra is not a known rule key (expected one of: id, verdict, trigger, when, weight, title)`,
    ]);
  });

  it('places a missing required key at the mapping that lacks it', () => {
    expect(problemsOf(yaml('# a rule', 'trigger: {signals: [threads]}', 'when: [1]'), ruleSchema)).toEqual([
      `${FILE}:2:1: id is required`,
      `${FILE}:2:1: verdict is required`,
      `${FILE}:3:7: when must be a mapping with keys from: all, any, not, context (got a list)`,
    ]);
  });

  it('says "key" for mappings whose keys have no name', () => {
    expect(problemsOf('nmae: x\n', z.strictObject({ name: z.string() }))).toEqual([
      `${FILE}:1:1: name is required`,
      `${FILE}:1:1: nmae is not a known key (did you mean name?)`,
    ]);
  });

  it('keeps messages a schema sets on purpose', () => {
    const schema = z.strictObject({ port: z.number({ error: 'must be a port number, like 8080' }) });
    expect(problemsOf('port: http\n', schema)).toEqual([`${FILE}:1:7: port must be a port number, like 8080`]);
  });

  it('runs checkRaw with the schema, and check only on a valid value', () => {
    const schema = z.strictObject({ id: z.string(), extra: z.string().optional() });
    const options: ParseYamlOptions<z.output<typeof schema>> = {
      checkRaw: (data, source) => (hasNode(source, ['extra']) ? [problemAt(source, ['extra'], 'extra is deprecated')] : []),
      check: (value, source) =>
        value.id === 'example' ? [] : [problemAt(source, ['id'], `id must match the file name (got ${value.id})`)],
    };
    expect(problemsOf('id: 5\nextra: x\n', schema, options)).toEqual([
      `${FILE}:1:5: id must be a string (got 5)`,
      `${FILE}:2:8: extra is deprecated`,
    ]);
    expect(problemsOf('id: other\n', schema, options)).toEqual([`${FILE}:1:5: id must match the file name (got other)`]);
    expect(parseYamlDocument('id: example\n', FILE, schema, options)).toStrictEqual({ id: 'example' });
  });

  it('reports an empty document with the given message, or a default one', () => {
    const schema = z.strictObject({});
    expect(problemsOf('', schema)).toEqual([`${FILE}:1:1: the file is empty: it has no YAML content`]);
    expect(problemsOf('# nothing\n', schema, { emptyMessage: 'no rule here' })).toEqual([`${FILE}:1:1: no rule here`]);
  });

  it('rejects aliases that lead nowhere or are used as keys', () => {
    expect(problemsOf(yaml('a: *nowhere', 'b: &k key', '*k : 1'), z.unknown())).toEqual([
      `${FILE}:1:4: alias *nowhere refers to no anchor: define &nowhere before using it`,
      `${FILE}:3:1: alias *k is used as a key: write the key itself`,
    ]);
  });

  it('rejects aliases that expand past the depth limit', () => {
    const chain = Array.from({ length: 10 }, (_, i) => `l${i}: &l${i} [${i === 0 ? '1' : `[[[[[[[[*l${i - 1}]]]]]]]]`}]`);
    expect(problemsOf(yaml(...chain), z.unknown())).toEqual([
      `${FILE}:8:18: alias *l6 makes the document nested more than 64 levels deep`,
    ]);
  });

  it('allows nesting up to the limit, in every notation', () => {
    const flow = `${'['.repeat(64)}${']'.repeat(64)}`;
    const block = Array.from({ length: 64 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n');
    const compact = `${'- '.repeat(64)}x`;
    for (const text of [flow, block, compact]) expect(() => parseYamlDocument(text, FILE, z.unknown())).not.toThrow();
    for (const text of [`[${flow}]`, `k:\n${block.replace(/^/gm, '  ')}`, `- ${compact}`]) {
      expect(problemsOf(text, z.unknown())[0]).toMatch(/: the document is nested more than 64 levels deep$/);
    }
  });

  it('honours the limits it is given', () => {
    expect(problemsOf('a: 1234\n', z.unknown(), { maxChars: 4 })).toEqual([
      `${FILE}:1:1: the file is too large: 8 characters, more than the 4 a configuration file may have`,
    ]);
    expect(problemsOf('[[1]]\n', z.unknown(), { maxDepth: 1 })).toEqual([
      `${FILE}:1:2: the document is nested more than 1 levels deep`,
    ]);
  });

  it('lists at most ten bad characters, then counts the rest', () => {
    const problems = problemsOf(`a: "${'\u0007'.repeat(15)}"\n`, z.unknown());
    expect(problems).toHaveLength(11);
    expect(problems[0]).toBe(`${FILE}:1:5: control character U+0007 is not allowed in YAML: remove it`);
    expect(problems[10]).toBe(`${FILE}:1:15: and 5 more characters that are not allowed in YAML`);
  });

  it('reports YAML warnings too', () => {
    expect(problemsOf('a: !custom 1\n', z.unknown())).toEqual([`${FILE}:1:4: invalid YAML: unresolved tag: !custom`]);
  });

  it('never throws anything but a ConfigError with single-line, placed problems', () => {
    const schema = z.strictObject({ a: z.array(z.string()).optional(), b: z.number().optional() });
    // Random text, and random YAML-ish token soup, which reaches deeper into the parser.
    const pieces = fc.constantFrom(
      ...['a', 'b', ':', ' ', '\n', '\t', '-', '[', ']', '{', '}', ',', '&x', '*x', '"', "'", '#', '?', '|', '>', '!', '%'],
      ...['---', '\u0000', '\uFFFD', '\uFEFF', '\u0085', '1', 'null'],
    );
    const texts = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.array(pieces, { maxLength: 60 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(texts, (text) => {
        try {
          parseYamlDocument(text, FILE, schema);
        } catch (err) {
          if (!(err instanceof ConfigError)) return false;
          return err.problems.length > 0 && err.problems.every((p) => p.line >= 1 && p.col >= 1 && p.message !== '' && !p.message.includes('\n'));
        }
        return true;
      }),
      { numRuns: 1000 },
    );
  });
});

describe('positionOf', () => {
  const text = yaml(
    'services:',
    '  - name: storage',
    '    needs:',
    '      low-latency: true',
    '    empty:',
    '  - &web',
    '    name: web',
    'copy: *web',
  );
  const { source } = parseYamlWithSource(text, FILE, z.unknown());

  it('finds values, keys and list items', () => {
    expect(positionOf(source, ['services', 0, 'needs', 'low-latency'])).toEqual({ line: 4, col: 20 });
    expect(positionOf(source, ['services', 0, 'needs', 'low-latency'], 'key')).toEqual({ line: 4, col: 7 });
    expect(positionOf(source, ['services', 1])).toEqual({ line: 7, col: 5 });
    expect(positionOf(source, [])).toEqual({ line: 1, col: 1 });
  });

  it('points at the key when its value is empty', () => {
    expect(positionOf(source, ['services', 0, 'empty'])).toEqual({ line: 5, col: 5 });
  });

  it('follows aliases to their anchor', () => {
    expect(positionOf(source, ['copy', 'name'])).toEqual({ line: 7, col: 11 });
  });

  it('falls back to the deepest node that exists', () => {
    expect(positionOf(source, ['services', 0, 'needs', 'multi-core'])).toEqual({ line: 4, col: 7 });
    expect(positionOf(source, ['services', 9, 'name'])).toEqual({ line: 2, col: 3 });
    expect(hasNode(source, ['services', 0, 'needs', 'multi-core'])).toBe(false);
    expect(hasNode(source, ['services', 0, 'needs'])).toBe(true);
  });

  it('places problems for semantic checks', () => {
    expect(formatProblem(problemAt(source, ['services', 1, 'name'], 'name "web" is taken'))).toBe(
      `${FILE}:7:11: name "web" is taken`,
    );
  });
});

describe('discriminated unions', () => {
  const schema = z.strictObject({
    leaf: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('context'), values: z.array(z.string()) }),
      z.strictObject({ kind: z.literal('workload'), values: z.array(z.string()) }),
    ]),
  });

  it('names the tag and its allowed values', () => {
    expect(problemsOf('leaf: {kind: contxt, values: []}\n', schema)).toEqual([
      `${FILE}:1:14: leaf.kind must be one of context, workload (got "contxt")`,
    ]);
    expect(problemsOf('leaf: {values: []}\n', schema)).toEqual([`${FILE}:1:7: leaf.kind is required (one of context, workload)`]);
  });

  it('reports what is wrong inside the option the tag chose', () => {
    expect(problemsOf('leaf: {kind: context, values: 5}\n', schema)).toEqual([
      `${FILE}:1:31: leaf.values must be a list (got 5)`,
    ]);
  });
});
