/**
 * Places in a parsed YAML document: from a path (`['services', 1, 'name']`) to the line and
 * column the user sees in their editor.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { Problem } from '../errors.js';
import type { ConfigPath } from './describe.js';

/** A YAML document with what is needed to point into it. */
export interface YamlSource {
  /** The file name used in messages, as given by the caller. */
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/** 1-based line and column. */
export interface Position {
  line: number;
  col: number;
}

/**
 * Where a problem about a path is shown:
 * - `value` (default): the value at the path (wrong type, bad value);
 * - `key`: the key itself (unknown or duplicate keys); for a list item, the item.
 * When the path leads nowhere (a required key that is missing), both give the deepest node
 * that exists on the way, i.e. the mapping the key is missing from.
 */
export type PositionPart = 'key' | 'value';

interface Located {
  offset: number;
  /** False when the path stopped early at an existing ancestor. */
  found: boolean;
}

function startOf(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/** `key:` with nothing after it: yaml gives an empty null scalar, which has no useful place. */
function isEmptyScalar(node: unknown): boolean {
  return isScalar(node) && node.value === null && !!node.range && node.range[0] === node.range[1];
}

function keyMatches(key: unknown, segment: PropertyKey): boolean {
  const value = isScalar(key) ? key.value : key;
  return value !== null && typeof value !== 'object' && String(value) === String(segment);
}

function locate(source: YamlSource, path: ConfigPath, part: PositionPart): Located {
  const { doc } = source;
  let node: unknown = doc.contents;
  let valueOffset = startOf(node) ?? 0;
  let keyOffset = valueOffset;
  for (const segment of path) {
    // Aliases along the way lead to their anchor, where the offending text is written.
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      // With duplicate keys the later one wins (as in the parsed value), so look from the end.
      const pair = node.items.findLast((item) => isPair(item) && keyMatches(item.key, segment));
      if (!pair) return { offset: valueOffset, found: false };
      keyOffset = startOf(pair.key) ?? valueOffset;
      node = pair.value;
      valueOffset = node === null || isEmptyScalar(node) ? keyOffset : (startOf(node) ?? keyOffset);
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      if (item === undefined) return { offset: valueOffset, found: false };
      const at = startOf(item) ?? valueOffset;
      keyOffset = at;
      valueOffset = at;
      node = item;
    } else {
      return { offset: valueOffset, found: false };
    }
  }
  return { offset: part === 'key' ? keyOffset : valueOffset, found: true };
}

/**
 * The line and column of the node at `path` in the document, for messages about it.
 * Callers use it for their own checks (duplicate names, cross references) so that every
 * problem carries a place. Never throws: a path that leads nowhere gives the deepest node
 * that exists on the way (the root when nothing matches, 1:1 for an empty document).
 */
export function positionOf(source: YamlSource, path: ConfigPath, part: PositionPart = 'value'): Position {
  return source.lineCounter.linePos(locate(source, path, part).offset);
}

/** True when `path` names a node that is written in the document. */
export function hasNode(source: YamlSource, path: ConfigPath): boolean {
  return locate(source, path, 'value').found;
}

/** A problem placed at `path`: `{ file, line, col, message }`. */
export function problemAt(source: YamlSource, path: ConfigPath, message: string, part: PositionPart = 'value'): Problem {
  return { file: source.file, ...positionOf(source, path, part), message };
}
