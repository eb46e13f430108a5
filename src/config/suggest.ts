/**
 * "Did you mean …?" for misspelled keys and values.
 */

/**
 * Edit distance counting insertions, deletions, substitutions and swaps of two neighbouring
 * characters (optimal string alignment, the usual "Damerau-Levenshtein" of spell checkers):
 * `contxt`→`context` is 1, `lwo-latency`→`low-latency` is 1.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // Three rolling rows: the swap needs the row before the previous one.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, before[j - 2]! + 1);
      }
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}

/** Folds the spellings people mix up (`lowLatency`, `low_latency`, `Low Latency`) together. */
function normalize(word: string): string {
  return word
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

/**
 * The candidates closest to `word`, or none when nothing is close enough to be a likely typo.
 * The allowance grows with the word (1 edit up to 5 characters, 2 up to 8, then 3), so short
 * words do not "match" unrelated short words. Ties are all returned, in candidate order.
 */
export function closestMatches(word: string, candidates: readonly string[]): string[] {
  const target = normalize(word);
  const allowance = Math.min(3, Math.max(1, Math.floor(target.length / 3)));
  let best = Infinity;
  let matches: string[] = [];
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const distance = editDistance(target, normalize(candidate));
    if (distance > allowance || distance > best) continue;
    if (distance < best) {
      best = distance;
      matches = [];
    }
    matches.push(candidate);
  }
  return matches;
}

/** " (did you mean X?)" when a close match exists, else "". */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const [best] = closestMatches(word, candidates);
  return best ? ` (did you mean ${best}?)` : '';
}
