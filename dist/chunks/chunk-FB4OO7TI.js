import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);

// src/config/suggest.ts
function editDistance(a, b) {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let before = new Array(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, before[j - 2] + 1);
      }
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length];
}
function normalize(word) {
  return word.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase().replace(/[\s_]+/g, "-");
}
function closestMatches(word, candidates) {
  const target = normalize(word);
  const allowance = Math.min(3, Math.max(1, Math.floor(target.length / 3)));
  let best = Infinity;
  let matches = [];
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
function didYouMean(word, candidates) {
  const [best] = closestMatches(word, candidates);
  return best ? ` (did you mean ${best}?)` : "";
}

export {
  closestMatches,
  didYouMean
};
