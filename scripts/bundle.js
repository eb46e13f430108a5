// Builds dist/: the action (dist/index.js) and the CLI (dist/cli.js), each one self-contained
// ESM file, and dist/default-rules.json, the default rules of rules/*.yml validated at build
// time so that a run neither parses YAML nor runs the schema for them (src/rules/load-rules.ts).
// CI rebuilds and fails when the committed dist/ differs.
import { build } from 'esbuild';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  // Some dependencies are CommonJS and call require() for Node's built-ins.
  banner: { js: "import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);" },
};

await rm(path.join(root, 'dist'), { recursive: true, force: true });
await build({
  ...common,
  absWorkingDir: root,
  entryPoints: { index: 'src/action/index.ts', cli: 'src/cli/index.ts', 'detect-worker': 'src/parallel/detect-worker.ts' },
  outdir: 'dist',
  // Chunks load on demand: an event the action does nothing for never reads the engine.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});
const rules = await compileDefaultRules();
await writeFile(path.join(root, 'dist', 'default-rules.json'), `${JSON.stringify(rules, null, 2)}\n`);

/** The default rules, read and validated by the same code that reads user rules. */
async function compileDefaultRules() {
  const tmp = await mkdtemp(path.join(tmpdir(), 'ar-rules-'));
  try {
    const outfile = path.join(tmp, 'load-rules.mjs');
    await build({ ...common, absWorkingDir: root, entryPoints: ['src/rules/load-rules.ts'], outfile });
    const { parseDefaultRules } = await import(pathToFileURL(outfile).href);
    try {
      return parseDefaultRules(path.join(root, 'rules') + path.sep);
    } catch (err) {
      const problems = err.problems?.map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`) ?? [String(err)];
      throw new Error(`the default rules are invalid:\n${problems.join('\n')}`, { cause: err });
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
