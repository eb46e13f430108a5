/**
 * Differential test: the Go detector against Go's own parser, file by file, over every `.go`
 * file of the installed Go distribution's standard library (and this folder's Go fixtures).
 *
 * The oracle is test/reference/go_reference (go/parser + go/ast: *ast.GoStmt, *ast.SendStmt,
 * *ast.UnaryExpr with Op == token.ARROW). Files Go cannot parse are excluded, since there is no
 * truth to compare with. Go must be installed: CI installs golang-go, and a missing `go` is a
 * failure, not a skip, so that the proof cannot silently disappear.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mayContainGoSignals } from '../../src/detect/go-tokenizer.js';
import { analyseGo } from '../../src/detect/go.js';

const here = dirname(fileURLToPath(import.meta.url));
const referenceDir = join(here, '..', 'reference', 'go_reference');
const fixturesDir = join(here, 'fixtures', 'go');

interface Reference {
  go: number;
  send: number;
  recv: number;
  goLines: number[];
  sendLines: number[];
  recvLines: number[];
}

interface ReferenceOutput {
  files: Record<string, Reference>;
  excluded: string[];
}

/** The environment for `go`: no toolchain download, and a cache even where HOME is unset. */
function goEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '' };
  if (!env.HOME && !env.XDG_CACHE_HOME && !env.GOCACHE) {
    env.GOCACHE = join(tmpdir(), 'architecture-review-gocache');
    mkdirSync(env.GOCACHE, { recursive: true });
  }
  if (!env.HOME && !env.GOPATH) env.GOPATH = join(tmpdir(), 'architecture-review-gopath');
  return env;
}

function runGo(args: string[], input?: string): string {
  const r = spawnSync('go', args, {
    cwd: referenceDir,
    env: goEnv(),
    input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(
      'the Go toolchain is required by this test and `go` was not found on PATH: ' +
        'install it (Debian/Ubuntu: apt-get install golang-go) and run the test again',
    );
  }
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`go ${args.join(' ')} failed (status ${r.status}):\n${r.stderr}`);
  return r.stdout;
}

function walkGoFiles(dir: string, into: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walkGoFiles(path, into);
    else if (entry.isFile() && entry.name.endsWith('.go')) into.push(path);
  }
}

function sameLines(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

describe('analyseGo against go/parser', () => {
  it('agrees with go/ast on every standard-library file Go can parse', () => {
    const goroot = runGo(['env', 'GOROOT']).trim();
    const files: string[] = [];
    // GOROOT/src is a symbolic link on Debian; walk what it points to.
    walkGoFiles(realpathSync(join(goroot, 'src')), files);
    walkGoFiles(fixturesDir, files);

    const reference = JSON.parse(runGo(['run', '.'], files.join('\n') + '\n')) as ReferenceOutput;

    const mismatches: string[] = [];
    let compared = 0;
    const totals = { go: 0, send: 0, recv: 0 };
    let bytes = 0;
    let prechecked = 0;
    for (const [file, want] of Object.entries(reference.files)) {
      const text = readFileSync(file, 'utf8');
      bytes += text.length;
      // The pre-check must be sound against Go itself, not only against our tokenizer.
      if (!mayContainGoSignals(text)) {
        prechecked++;
        if (want.go + want.send + want.recv > 0) mismatches.push(`${file}: mayContainGoSignals is false, go/ast finds constructs`);
      }
      const got = analyseGo(text);
      compared++;
      // The pre-check spares most files the tokenizer. To hold the tokenizer itself to go/ast on
      // every file, also analyse the text with a receive appended on a line of its own: the
      // pre-check then passes, and nothing appended can change what the lines before it hold.
      const lastLine = text.split('\n').length;
      const forced = analyseGo(`${text}\n<-x\n`);
      const before = (lines: number[]): number[] => lines.filter((l) => l <= lastLine);
      if (
        !sameLines(before(forced.goLines), want.goLines) ||
        !sameLines(before(forced.sendLines), want.sendLines) ||
        !sameLines(before(forced.receiveLines), want.recvLines) ||
        !sameLines(forced.receiveLines.slice(-1), [lastLine + 1])
      ) {
        mismatches.push(`${file}: the full tokenizer disagrees with go/ast (pre-check bypassed)`);
      }
      totals.go += want.go;
      totals.send += want.send;
      totals.recv += want.recv;
      if (
        !sameLines(got.goLines, want.goLines) ||
        !sameLines(got.sendLines, want.sendLines) ||
        !sameLines(got.receiveLines, want.recvLines)
      ) {
        mismatches.push(
          `${file}\n  go/ast:    go ${JSON.stringify(want.goLines)} send ${JSON.stringify(want.sendLines)} recv ${JSON.stringify(want.recvLines)}` +
            `\n  analyseGo: go ${JSON.stringify(got.goLines)} send ${JSON.stringify(got.sendLines)} recv ${JSON.stringify(got.receiveLines)}`,
        );
      }
    }

    console.log(
      `go differential: ${compared} files compared (${(bytes / 1048576).toFixed(1)} MiB), ` +
        `${totals.go} go statements, ${totals.send} sends, ${totals.recv} receives; ` +
        `${reference.excluded.length} files excluded (go/parser reports an error) of ${files.length}; ` +
        `${prechecked} compared files ruled out by the pre-check alone`,
    );
    if (mismatches.length > 0) {
      console.log(`${mismatches.length} mismatches:\n${mismatches.slice(0, 50).join('\n')}`);
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThanOrEqual(3000);
  });
});
