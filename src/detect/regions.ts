/**
 * The regions (strings, comments) a layout scan finds, kept in growable typed arrays: the
 * Python and Go layouts share this part.
 */
export interface RegionList {
  regionCount: number;
  regionKinds: Uint8Array;
  regionStarts: Int32Array;
  regionEnds: Int32Array;
}

/** Appends a region, doubling the arrays when they are full. */
export function pushRegion(list: RegionList, kind: number, start: number, end: number): void {
  if (list.regionCount === list.regionKinds.length) {
    const size = list.regionKinds.length * 2;
    const kinds = new Uint8Array(size);
    kinds.set(list.regionKinds);
    const starts = new Int32Array(size);
    starts.set(list.regionStarts);
    const ends = new Int32Array(size);
    ends.set(list.regionEnds);
    list.regionKinds = kinds;
    list.regionStarts = starts;
    list.regionEnds = ends;
  }
  list.regionKinds[list.regionCount] = kind;
  list.regionStarts[list.regionCount] = start;
  list.regionEnds[list.regionCount] = end;
  list.regionCount++;
}

/**
 * The index of the last of `values[0, count)`, which ascend, at or before `offset`; -1 when
 * none is. The layouts' line starts and region starts are looked up this way.
 */
export function lastAtOrBefore(values: ArrayLike<number>, count: number, offset: number): number {
  let lo = 0;
  let hi = count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
