/**
 * The Cython detector, for `.pyx`, `.pxd` and `.pxi` files: the Python analysis in its Cython
 * dialect (`cimport`, `with nogil` blocks, `nogil` function qualifiers, `prange`/`parallel()` from
 * `cython.parallel`), plus a `cython` signal for the file itself (SPEC 4: a Cython file is the
 * evidence that the code uses Cython).
 */
import type { DetectedSignal, Detection } from '../types.js';
import { analysePython } from './python.js';

/**
 * Finds the signals of one Cython file: everything the Python detector finds, with cimports,
 * `cython-nogil` (construct `with nogil`, a use, or `nogil function`, a mention),
 * `cython-parallel`, threads started with `PyThread_start_new_thread` or `pthread_create`, and
 * a `cython` use tagged `file` on the first `cdef`, `cpdef`, `ctypedef` or `cimport`: what
 * makes the file Cython. A file without any (an empty `.pxd`, a `.pyx` of plain Python) is
 * no evidence of Cython code. Never throws, whatever the text.
 */
export function detectCython(text: string): Detection {
  const analysis = analysePython(text, { dialect: 'cython' });
  const first = analysis.firstCython;
  if (!first) return { signals: analysis.signals, acceptances: analysis.acceptances };
  const fileSignal: DetectedSignal = { signal: 'cython', line: first.line, evidence: first.evidence, tags: ['file', 'use'] };
  // Stable: the file signal stays first among the signals of its line.
  const signals = [fileSignal, ...analysis.signals].sort((a, b) => a.line - b.line);
  return { signals, acceptances: analysis.acceptances };
}
