/**
 * The Cython detector, for `.pyx`, `.pxd` and `.pxi` files: the Python analysis in its Cython
 * dialect (`cimport`, `with nogil` blocks, `nogil` function qualifiers, `prange`/`parallel()` from
 * `cython.parallel`), plus a `cython` signal for the file itself (SPEC 4: a Cython file is the
 * evidence that the code uses Cython).
 */
import type { DetectedSignal, Detection } from '../types.js';
import { toEvidence } from './evidence.js';
import { analysePython } from './python.js';

/**
 * Finds the signals of one Cython file: everything the Python detector finds, with cimports,
 * `cython-nogil` (construct `with nogil` or `nogil function`) and `cython-parallel`, and a
 * `cython` signal tagged `file` on the first line of code (line 1 when there is none).
 * Never throws, whatever the text.
 */
export function detectCython(text: string): Detection {
  const analysis = analysePython(text, { dialect: 'cython' });
  const first = analysis.firstCode;
  const fileSignal: DetectedSignal = {
    signal: 'cython',
    line: first?.line ?? 1,
    evidence: first?.evidence ?? toEvidence(/^[^\r\n]*/.exec(text.slice(0, 4096))![0]),
    tags: ['file'],
  };
  return { signals: [fileSignal, ...analysis.signals], acceptances: analysis.acceptances };
}
