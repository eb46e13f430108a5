/**
 * `schema/service-profile.schema.json` is generated from the zod schema and committed, for
 * editors. This test fails when the file is out of date; regenerate it with
 *   npx vitest run test/profile/schema-file.test.ts --update
 * (the flag after the path: `-u` takes an optional value and would swallow the path, then
 * update every snapshot of the project).
 * The rest proves the file useful: it accepts the SPEC example and rejects bad profiles.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { profileJsonSchema } from '../../src/profile/index.js';

const SCHEMA_FILE = '../../schema/service-profile.schema.json';
const specExample = parse(readFileSync(new URL('./fixtures/spec-example.yml', import.meta.url), 'utf8')) as unknown;

describe('schema/service-profile.schema.json', () => {
  it('is the JSON Schema generated from the zod schema', async () => {
    await expect(`${JSON.stringify(profileJsonSchema(), null, 2)}\n`).toMatchFileSnapshot(SCHEMA_FILE);
  });

  // The generated schema, which the test above proves equal to the committed file (reading
  // the file here would fail on the run that first writes it).
  const schema = profileJsonSchema();
  // strict: the schema must use only standard keywords, or editors would ignore parts of it.
  const validate = new Ajv({ strict: true, allErrors: true }).compile(schema);

  it('accepts the example of SPEC 3 and a minimal profile', () => {
    expect(validate(specExample), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ version: 1 })).toBe(true);
    expect(validate({})).toBe(true);
    expect(validate({ services: [{ name: 'web' }] })).toBe(true);
  });

  it.each([
    ['version 2', { version: 2 }],
    ['an unknown top-level key', { servics: [] }],
    ['a service without a name', { services: [{ paths: ['**'] }] }],
    ['an unknown need', { services: [{ name: 'a', needs: { 'low-latncy': true } }] }],
    ['a need that is not a boolean', { services: [{ name: 'a', needs: { 'low-latency': 'yes' } }] }],
    ['an unknown context', { services: [{ name: 'a', context: 'erp6' }] }],
    ['a negative latency', { services: [{ name: 'a', evidence: { 'latency-p99-ms': -1 } }] }],
    ['a fractional client count', { services: [{ name: 'a', evidence: { 'concurrent-clients': 1.5 } }] }],
    ['an empty glob list', { services: [{ name: 'a', paths: [] }] }],
    ['an empty glob', { ignore: [''] }],
    ['a rule id that is not kebab-case', { accept: [{ rule: 'Threads_IO', reason: 'x' }] }],
    ['an accept entry without a reason', { accept: [{ rule: 'threads-io-only' }] }],
    ['a list at the root', [{ name: 'a' }]],
  ])('rejects %s', (_, profile) => {
    expect(validate(profile)).toBe(false);
  });

  it('carries titles and descriptions for editors', () => {
    const { title, properties } = schema as { title?: string; properties: Record<string, { description?: string }> };
    expect(title).toBe('architecture-review service profile');
    for (const key of ['version', 'services', 'accept', 'ignore']) expect(properties[key]?.description).toBeTruthy();
  });
});
