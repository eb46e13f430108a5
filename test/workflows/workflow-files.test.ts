/**
 * The workflows this repository runs (`.github/workflows/*.yml`), the workflows README.md tells
 * users to copy, and `action.yml`, validated with GitHub's own parser (`@actions/workflow-parser`,
 * the one behind the Actions language service): a misspelled key, an unknown event or an
 * unsupported `runs.using` fails here rather than on GitHub. Also: the inputs action.yml declares
 * are the inputs README's "### Inputs" table documents.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

// The parser's dist imports its schemas (`dist/*-v1.0.min.json`) without `with { type: 'json' }`,
// which Node's own loader refuses (actions/languageservices#387), and vitest leaves node_modules
// to Node. This hook adds the attribute to those two imports only; it does nothing once the
// package adds it itself. It must be in place before the parser is first imported, hence the
// dynamic imports below.
const addJsonAttribute = `export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && /\\/@actions\\/workflow-parser\\/dist\\/[a-z]+-v[0-9.]+\\.min\\.json$/.test(url)
      && context.importAttributes?.type === undefined) {
    return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
  }
  return nextLoad(url, context);
}`;
register(`data:text/javascript,${encodeURIComponent(addJsonAttribute)}`);
const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await import('@actions/workflow-parser');
const { convertActionTemplate, parseAction } = await import('@actions/workflow-parser/actions/index');

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORKFLOWS = `${ROOT}.github/workflows/`;
const README = readFileSync(`${ROOT}README.md`, 'utf8');
const ACTION = readFileSync(`${ROOT}action.yml`, 'utf8');
/** README's ```yaml blocks that are whole workflows, counted when this test was written. */
const README_WORKFLOWS = 6;

/**
 * Every error GitHub's parser reports for a workflow: the schema (keys, events, value types) and
 * then the conversion to a workflow model (cron syntax, `needs`, expressions and their contexts).
 * Each message starts with `name`, then its place: `(Line: l, Col: c)`, or for YAML syntax `at line l`.
 */
async function workflowErrors(name: string, content: string): Promise<string[]> {
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  if (parsed.value) await convertWorkflowTemplate(parsed.context, parsed.value);
  return parsed.context.errors.getErrors().map((e) => e.message);
}

/** Every error GitHub's parser reports for an action manifest, and the inputs it declares. */
function checkAction(name: string, content: string): { errors: string[]; inputs: string[] } {
  const parsed = parseAction({ name, content }, new NoOperationTraceWriter());
  const action = parsed.value ? convertActionTemplate(parsed.context, parsed.value) : undefined;
  return { errors: parsed.context.errors.getErrors().map((e) => e.message), inputs: action?.inputs?.map((i) => i.id) ?? [] };
}

const md = new MarkdownIt();
const readmeTokens = md.parse(README, {});

/**
 * README's ```yaml blocks that are workflows: a mapping with both `on` and `jobs`. A block that
 * is not YAML at all is kept too, so that a syntax error in a workflow is reported rather than
 * the block skipped as a snippet. `line` is the fence's line; the text is preceded by as many
 * empty lines as come before it in README.md, so the parser's line numbers are README's.
 */
function readmeWorkflowBlocks(): { line: number; content: string }[] {
  const blocks: { line: number; content: string }[] = [];
  for (const token of readmeTokens) {
    if (token.type !== 'fence' || token.info.trim().split(/\s+/)[0] !== 'yaml' || !token.map) continue;
    let doc: unknown;
    try {
      doc = parse(token.content);
    } catch {
      doc = undefined;
    }
    const isWorkflow = doc === undefined || (typeof doc === 'object' && doc !== null && !Array.isArray(doc) && 'on' in doc && 'jobs' in doc);
    if (isWorkflow) blocks.push({ line: token.map[0] + 1, content: '\n'.repeat(token.map[0] + 1) + token.content });
  }
  return blocks;
}

/** The backticked names in the first column of the table under README's "### Inputs". */
function readmeInputs(): string[] {
  const heading = readmeTokens.findIndex((t, i) => t.type === 'heading_open' && t.tag === 'h3' && readmeTokens[i + 1]?.content === 'Inputs');
  expect(heading, 'README.md has an "### Inputs" heading').toBeGreaterThanOrEqual(0);
  const names: string[] = [];
  let inBody = false;
  let firstCell = false;
  for (const token of readmeTokens.slice(heading + 3)) {
    if (token.type === 'heading_open' || token.type === 'table_close') break;
    if (token.type === 'tbody_open') inBody = true;
    if (token.type === 'tr_open') firstCell = true;
    if (inBody && firstCell && token.type === 'inline') {
      firstCell = false;
      const code = token.children?.filter((c) => c.type === 'code_inline') ?? [];
      expect(code.length, `README.md Inputs row "${token.content}" names one input in backticks`).toBe(1);
      names.push(code[0]!.content);
    }
  }
  return names;
}

const workflowFiles = readdirSync(WORKFLOWS).filter((f) => f.endsWith('.yml')).sort();

describe('.github/workflows', () => {
  it('holds workflows to check', () => {
    expect(workflowFiles.length).toBeGreaterThanOrEqual(5);
  });

  it.each(workflowFiles)('%s is a valid workflow for GitHub', async (file) => {
    const errors = await workflowErrors(`.github/workflows/${file}`, readFileSync(`${WORKFLOWS}${file}`, 'utf8'));
    expect(errors, `.github/workflows/${file}:\n${errors.join('\n')}`).toEqual([]);
  });
});

describe('README.md workflows', () => {
  const blocks = readmeWorkflowBlocks();

  it(`finds at least the ${README_WORKFLOWS} workflows README shows, and skips the snippets`, () => {
    expect(blocks.length).toBeGreaterThanOrEqual(README_WORKFLOWS);
    // The profile, the rules file, a step and a `concurrency:` fragment are yaml blocks too.
    const yamlFences = readmeTokens.filter((t) => t.type === 'fence' && t.info.trim().split(/\s+/)[0] === 'yaml');
    expect(yamlFences.length).toBeGreaterThan(blocks.length);
  });

  it.each(blocks.map((b) => [b.line, b.content] as const))('the yaml workflow block at README.md line %i is valid for GitHub', async (line, content) => {
    const errors = await workflowErrors('README.md', content);
    expect(errors, `README.md, the yaml workflow block at line ${line}:\n${errors.join('\n')}`).toEqual([]);
  });
});

describe('action.yml', () => {
  const action = checkAction('action.yml', ACTION);

  it('is a valid action manifest for GitHub', () => {
    expect(action.errors, `action.yml:\n${action.errors.join('\n')}`).toEqual([]);
  });

  it('declares exactly the inputs README documents in its Inputs table', () => {
    expect(action.inputs.length).toBeGreaterThan(0);
    expect([...action.inputs].sort()).toEqual(readmeInputs().sort());
  });
});

describe('the checks fail on typos', () => {
  const workflow = `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo hello
`;
  const manifest = `name: x
description: y
runs:
  using: node24
  main: dist/index.js
`;

  it('accepts the workflow and the manifest the typos are made in', async () => {
    expect(await workflowErrors('ok.yml', workflow)).toEqual([]);
    expect(checkAction('action.yml', manifest).errors).toEqual([]);
  });

  it('reports a misspelled job key, with the file and its place', async () => {
    const errors = await workflowErrors('typo.yml', workflow.replace('runs-on:', 'runs-onn:'));
    expect(errors).toContain("typo.yml (Line: 4, Col: 5): Unexpected value 'runs-onn'");
    expect(errors).toContain('typo.yml (Line: 4, Col: 5): Required property is missing: runs-on');
    expect(await workflowErrors('typo.yml', workflow.replace('steps:', 'stepz:'))).toEqual(["typo.yml (Line: 5, Col: 5): Unexpected value 'stepz'"]);
  });

  it('reports an event GitHub does not have', async () => {
    expect(await workflowErrors('event.yml', workflow.replace('on: push', 'on: pushh'))).toEqual(["event.yml (Line: 1, Col: 5): Unexpected value 'pushh'"]);
    const mapping = workflow.replace('on: push', 'on:\n  pull_requestt:\n    types: [opened]');
    expect(await workflowErrors('event.yml', mapping)).toEqual(["event.yml (Line: 2, Col: 3): Unexpected value 'pull_requestt'"]);
  });

  it('reports a workflow that is not YAML', async () => {
    const errors = await workflowErrors('broken.yml', workflow.replace('on: push', 'on: [push'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^broken\.yml: Flow sequence .* end with a \] at line 2, column 1/);
  });

  it('reports an action runtime GitHub does not have, and an unknown top-level key', () => {
    expect(checkAction('action.yml', manifest.replace('node24', 'node99')).errors).toEqual(["action.yml (Line: 4, Col: 10): Unexpected value 'node99'"]);
    expect(checkAction('action.yml', `${manifest}brandingg:\n  icon: cpu\n`).errors).toEqual(["action.yml (Line: 6, Col: 1): Unexpected value 'brandingg'"]);
  });
});
