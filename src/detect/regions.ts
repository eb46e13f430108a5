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
