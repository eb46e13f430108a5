/**
 * Annotated fixtures, the semgrep way: a comment `ruleid: <signal>[, <signal>]` says the next
 * line that is not itself an annotation must yield that signal, `ok: <signal>` says it must not,
 * and a signal on a line nobody annotated is a failure too.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Detection } from '../../src/types.js';

export interface Expectation {
  kind: 'ruleid' | 'ok';
  signal: string;
  line: number;
}

/** Reads the annotations written after `comment` (`#` or `//`). */
export function readAnnotations(text: string, comment: '#' | '//'): Expectation[] {
  const marker = new RegExp(`^\\s*${comment === '#' ? '#' : '\\/\\/'}\\s*(ruleid|ok):\\s*(.+?)\\s*$`);
  const out: Expectation[] = [];
  const pending: Omit<Expectation, 'line'>[] = [];
  text.split('\n').forEach((line, i) => {
    const m = marker.exec(line);
    if (m) {
      for (const signal of (m[2] ?? '').split(',')) pending.push({ kind: m[1] as 'ruleid' | 'ok', signal: signal.trim() });
      return;
    }
    for (const p of pending) out.push({ ...p, line: i + 1 });
    pending.length = 0;
  });
  return out;
}

/** Every file below `dir`, as absolute paths. */
export function walkFixtures(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walkFixtures(join(dir, e.name)) : [join(dir, e.name)]));
}

/** What the detection gets wrong against the annotations; empty when it agrees. */
export function annotationProblems(annotations: Expectation[], detection: Detection): string[] {
  const problems: string[] = [];
  for (const a of annotations) {
    const found = detection.signals.some((s) => s.signal === a.signal && s.line === a.line);
    if (a.kind === 'ruleid' && !found) problems.push(`line ${a.line}: expected ${a.signal}, found none`);
    if (a.kind === 'ok' && found) problems.push(`line ${a.line}: expected no ${a.signal}, found one`);
  }
  for (const s of detection.signals) {
    if (!annotations.some((a) => a.kind === 'ruleid' && a.signal === s.signal && a.line === s.line)) {
      problems.push(`line ${s.line}: unexpected ${s.signal} (${s.construct ?? s.module ?? s.tags?.join(',') ?? ''}): ${s.evidence}`);
    }
  }
  return problems;
}
