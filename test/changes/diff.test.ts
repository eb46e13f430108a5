import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addedLinesFromPatch, createDiffParser, parseUnifiedDiff, type ParsedFileDiff } from '../../src/changes/diff.js';
import { makeRepo, removeRepos, type TestRepo } from '../support/git-repo.js';

afterAll(removeRepos);

const NL_NAME = 'new\nline.py';
const TAB_NAME = 'ta\tb.py';

/** A repository whose one commit exercises every header form git writes. */
let repo: TestRepo;
beforeAll(() => {
  repo = makeRepo();
  repo
    .write('plain.txt', 'a\nb\nc\n')
    .write('sp ace.py', 'x\n')
    .write('tést.py', 'u\n')
    .write(NL_NAME, 'n\n')
    .write(TAB_NAME, 't\n')
    .write('q"uote.py', 'q\n')
    .writeBytes('bin.dat', Uint8Array.of(0, 1, 2))
    .write('mode.sh', 'echo\n')
    .write('ren.py', 'r1\nr2\nr3\nr4\nr5\n')
    .write('rensp.py', 's1\ns2\ns3\ns4\ns5\n')
    .write('gone.py', 'del\n')
    .write('typech', 'tc\n')
    .write('nonl.txt', 'z')
    .write('-dash.py', '-x\n')
    .write('a and b.txt', 'foo\n')
    .commit('base');
  repo
    .write('plain.txt', 'a\nB\nc\nd\n')
    .write('sp ace.py', 'x\ny\n')
    .write('tést.py', 'u\nv\n')
    .write(NL_NAME, 'n\nm\n')
    .write(TAB_NAME, 't\nu\n')
    .write('q"uote.py', 'q\nr\n')
    .chmod('mode.sh', 0o755)
    .writeBytes('bin.dat', Uint8Array.of(0, 1, 3))
    .rename('ren.py', 'ren amed.py')
    .rename('rensp.py', 'rens p2.py')
    .write('rens p2.py', 's1\ns2\ns3\nS4\ns5\ns6\n')
    .remove('gone.py')
    .remove('typech')
    .symlink('plain.txt', 'typech')
    .write('nonl.txt', 'z\nw')
    .write('-dash.py', '-x\n-y\n')
    .writeBytes('a and b.txt', Uint8Array.of(0, 1))
    .write('added.py', 'new file\nline2\n')
    .writeBytes('addbin.bin', Uint8Array.of(0))
    .commit('head');
});

function byPath(files: ParsedFileDiff[]): Map<string, ParsedFileDiff> {
  return new Map(files.map((f) => [f.path, f]));
}

function lines(f: ParsedFileDiff | undefined): number[] {
  return [...(f?.addedLines ?? [])].sort((a, b) => a - b);
}

describe('parseUnifiedDiff on real git output', () => {
  it('reads `git diff -M` with every kind of header', () => {
    const text = repo.git('diff', '-M', 'HEAD~1', 'HEAD');
    const files = byPath(parseUnifiedDiff(text));

    expect(files.get('plain.txt')).toMatchObject({ status: 'modified', binary: false });
    expect(lines(files.get('plain.txt'))).toEqual([2, 4]);
    expect(lines(files.get('sp ace.py'))).toEqual([2]);
    expect(lines(files.get('tést.py'))).toEqual([2]);
    expect(lines(files.get(NL_NAME))).toEqual([2]);
    expect(lines(files.get(TAB_NAME))).toEqual([2]);
    expect(lines(files.get('q"uote.py'))).toEqual([2]);
    expect(lines(files.get('-dash.py'))).toEqual([2]);
    // "\ No newline at end of file" is a marker, not a line: both lines of the new side are added.
    expect(lines(files.get('nonl.txt'))).toEqual([1, 2]);

    expect(files.get('mode.sh')).toMatchObject({ status: 'modified', oldMode: '100644', newMode: '100755' });
    expect(lines(files.get('mode.sh'))).toEqual([]);

    expect(files.get('bin.dat')).toMatchObject({ status: 'modified', binary: true });
    expect(files.get('a and b.txt')).toMatchObject({ status: 'modified', binary: true });
    expect(files.get('addbin.bin')).toMatchObject({ status: 'added', binary: true });

    expect(files.get('ren amed.py')).toMatchObject({ status: 'renamed', previousPath: 'ren.py' });
    expect(lines(files.get('ren amed.py'))).toEqual([]);
    expect(files.get('rens p2.py')).toMatchObject({ status: 'renamed', previousPath: 'rensp.py' });
    expect(lines(files.get('rens p2.py'))).toEqual([4, 6]);

    expect(files.get('gone.py')).toMatchObject({ status: 'deleted' });
    expect(lines(files.get('gone.py'))).toEqual([]);
    expect(files.get('added.py')).toMatchObject({ status: 'added', newMode: '100644' });
    expect(lines(files.get('added.py'))).toEqual([1, 2]);

    // A type change is printed as a deletion and an addition of one path: reported once.
    const typech = parseUnifiedDiff(text).filter((f) => f.path === 'typech');
    expect(typech).toHaveLength(1);
    expect(typech[0]).toMatchObject({ status: 'modified', oldMode: '100644', newMode: '120000' });
    expect(lines(typech[0])).toEqual([1]);
  });

  it('reads `git diff --no-renames`: a rename is a deletion and an addition', () => {
    const files = parseUnifiedDiff(repo.git('diff', '--no-renames', 'HEAD~1', 'HEAD'));
    const map = byPath(files);
    expect(map.get('ren.py')).toMatchObject({ status: 'deleted' });
    expect(map.get('ren amed.py')).toMatchObject({ status: 'added' });
    expect(lines(map.get('ren amed.py'))).toEqual([1, 2, 3, 4, 5]);
    expect(map.get('rens p2.py')?.previousPath).toBeUndefined();
  });

  it('counts lines the same with context as without', () => {
    const withContext = byPath(parseUnifiedDiff(repo.git('diff', '-M', '-U5', 'HEAD~1', 'HEAD')));
    const without = byPath(parseUnifiedDiff(repo.git('diff', '-M', '-U0', 'HEAD~1', 'HEAD')));
    expect([...withContext.keys()].sort()).toEqual([...without.keys()].sort());
    for (const [path, f] of without) expect(lines(withContext.get(path))).toEqual(lines(f));
  });

  it('reads paths unquoted when core.quotePath is off', () => {
    const files = byPath(parseUnifiedDiff(repo.git('-c', 'core.quotePath=false', 'diff', 'HEAD~1', 'HEAD')));
    expect(lines(files.get('tést.py'))).toEqual([2]);
  });

  it('reads format-patch mail, whose message may hold diff-like lines', () => {
    const other = makeRepo();
    other.write('x.py', 'a\n').commit('one');
    other.write('x.py', 'a\nb\n').commit('two\n\n--- not a file\n+++ nor this\n');
    const files = parseUnifiedDiff(other.git('format-patch', '-1', '--stdout'));
    expect(files.map((f) => f.path)).toEqual(['x.py']);
    expect(lines(files[0])).toEqual([2]);
  });
});

describe('parseUnifiedDiff on hand-made input', () => {
  it('does not take hunk lines that look like headers for headers', () => {
    const text = [
      'diff --git a/x.py b/x.py',
      'index 1..2 100644',
      '--- a/x.py',
      '+++ b/x.py',
      '@@ -1,3 +1,3 @@',
      '--- a/old',
      '+++ b/new',
      ' diff --git a/y b/y',
      '-@@ -1 +1 @@',
      '+@@ -9 +9 @@',
      '',
    ].join('\n');
    const files = parseUnifiedDiff(text);
    expect(files).toHaveLength(1);
    expect(lines(files[0])).toEqual([1, 3]);
  });

  it('reads plain `diff -u` output with timestamps', () => {
    const text = [
      '--- old/a.py\t2024-01-01 00:00:00.000000000 +0000',
      '+++ new/a.py\t2024-01-02 00:00:00.000000000 +0000',
      '@@ -1 +1,2 @@',
      ' x',
      '+y',
      '--- old/b.py\t2024-01-01 00:00:00.000000000 +0000',
      '+++ new/b.py\t2024-01-02 00:00:00.000000000 +0000',
      '@@ -0,0 +1 @@',
      '+z',
    ].join('\n');
    const files = parseUnifiedDiff(text);
    expect(files.map((f) => f.path)).toEqual(['new/a.py', 'new/b.py']);
    expect(lines(files[0])).toEqual([2]);
    expect(lines(files[1])).toEqual([1]);
  });

  it('decodes C-style escapes in quoted names', () => {
    const text = [
      'diff --git "a/d\\303\\251j\\303\\240 vu\\t.py" "b/d\\303\\251j\\303\\240 vu\\t.py"',
      'new file mode 100644',
      '--- /dev/null',
      '+++ "b/d\\303\\251j\\303\\240 vu\\t.py"',
      '@@ -0,0 +1 @@',
      '+x',
    ].join('\n');
    expect(parseUnifiedDiff(text)[0]).toMatchObject({ path: 'déjà vu\t.py', status: 'added' });
  });

  it('tolerates CRLF line ends', () => {
    const text = 'diff --git a/x b/x\r\n--- a/x\r\n+++ b/x\r\n@@ -1 +1,2 @@\r\n x\r\n+y\r\n';
    const files = parseUnifiedDiff(text);
    expect(files[0]?.path).toBe('x');
    expect(lines(files[0])).toEqual([2]);
  });

  it('never throws on garbage', () => {
    const samples = [
      '',
      '\n\n\n',
      '@@',
      '@@ -a +b @@',
      '@@ -1,99999999999999999999 +1,99999999999999999999 @@\n+x',
      'diff --git',
      'diff --git "a/unterminated',
      'diff --git a/x b/x\nrename from "\\',
      '+++ \n--- \n@@ -1 +1 @@',
      '\u0000\u0001binary\u00ff garbage\n+\n-\n \\',
      'Binary files differ',
    ];
    for (const s of samples) {
      expect(() => parseUnifiedDiff(s)).not.toThrow();
      expect(() => addedLinesFromPatch(s)).not.toThrow();
    }
    let seed = 7;
    const alphabet = ['@@ -1,2 +1,3 @@', '+', '-', ' ', '\\', 'diff --git a/x b/x', '--- a/x', '+++ b/x', '"', '\n'];
    for (let i = 0; i < 200; i++) {
      let s = '';
      for (let j = 0; j < 50; j++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        s += alphabet[seed % alphabet.length];
      }
      expect(() => parseUnifiedDiff(s)).not.toThrow();
    }
  });

  it('is linear: a 50,000-line diff parses within the hang guard', () => {
    const parts: string[] = [];
    for (let f = 0; f < 500; f++) {
      parts.push(`diff --git a/f${f}.py b/f${f}.py`, 'index 1..2 100644', `--- a/f${f}.py`, `+++ b/f${f}.py`);
      parts.push('@@ -1,48 +1,96 @@');
      for (let i = 0; i < 48; i++) parts.push(' same line of code', '+an added line of code');
    }
    const text = parts.join('\n') + '\n';
    expect(text.split('\n').length).toBeGreaterThan(50_000);
    const files = parseUnifiedDiff(text);
    expect(files).toHaveLength(500);
    expect(files[499]?.addedLines.size).toBe(48);
    expect(lines(files[0]).slice(0, 3)).toEqual([2, 4, 6]);
    // It takes a few ms (`npm run bench` measures speed); a quadratic parser would take
    // minutes: the timeout is a hang guard, not a timing.
  }, 10_000);

  it('can skip the line sets of new files', () => {
    const parser = createDiffParser({ newFileLines: false });
    for (const l of ['diff --git a/n b/n', 'new file mode 100644', '--- /dev/null', '+++ b/n', '@@ -0,0 +1,2 @@', '+a', '+b']) {
      parser.line(l);
    }
    const [file] = parser.end();
    expect(file).toMatchObject({ path: 'n', status: 'added' });
    expect(file?.addedLines.size).toBe(0);
  });
});

describe('addedLinesFromPatch', () => {
  it("reads GitHub's `patch` field (hunks only, with context)", () => {
    // As the pull-request files API returns it: no headers, three lines of context.
    const patch = [
      '@@ -1,6 +1,8 @@',
      ' import os',
      '+import threading',
      ' ',
      ' def main():',
      '-    run()',
      '+    t = threading.Thread(target=run)',
      '+    t.start()',
      '     return 0',
      '@@ -40,3 +42,4 @@ def helper():',
      '     pass',
      '+    go()',
      ' ',
      ' # end',
      '\\ No newline at end of file',
    ].join('\n');
    expect([...addedLinesFromPatch(patch)].sort((a, b) => a - b)).toEqual([2, 5, 6, 43]);
  });

  it('reads the patch of a new file and of a deletion', () => {
    expect([...addedLinesFromPatch('@@ -0,0 +1,3 @@\n+a\n+b\n+c')]).toEqual([1, 2, 3]);
    expect(addedLinesFromPatch('@@ -1,2 +0,0 @@\n-a\n-b').size).toBe(0);
  });

  it('agrees with git on a real diff body', () => {
    const text = repo.git('diff', '-U3', 'HEAD~1', 'HEAD', '--', 'plain.txt');
    const patch = text.slice(text.indexOf('@@'));
    expect([...addedLinesFromPatch(patch)].sort((a, b) => a - b)).toEqual([2, 4]);
  });

  it('gives an empty set for garbage', () => {
    expect(addedLinesFromPatch('not a patch at all').size).toBe(0);
  });
});
