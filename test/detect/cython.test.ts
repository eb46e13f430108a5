import { describe, expect, it } from 'vitest';
import { detectCython } from '../../src/detect/cython.js';
import { analysePython } from '../../src/detect/python.js';

describe('detectCython', () => {
  it('gives the file a cython signal on its first line of code', () => {
    const text = '# cython: language_level=3\n\n  # comment\ncdef int x = 1\n';
    expect(detectCython(text).signals[0]).toEqual({ signal: 'cython', line: 4, evidence: 'cdef int x = 1', tags: ['file'] });
  });

  it('puts the cython signal on line 1 of a file without code', () => {
    expect(detectCython('').signals).toEqual([{ signal: 'cython', line: 1, evidence: '', tags: ['file'] }]);
    expect(detectCython('# only a comment\n# another\n').signals).toEqual([
      { signal: 'cython', line: 1, evidence: '# only a comment', tags: ['file'] },
    ]);
  });

  it('reads cimports as imports', () => {
    const text = 'cimport cython\nfrom cython.parallel cimport prange\ncimport numpy as cnp\nfrom cython cimport parallel';
    expect(analysePython(text, { dialect: 'cython' }).imports.map((i) => i.statement)).toEqual([
      'cimport cython',
      'from cython.parallel cimport prange',
      'from cython cimport parallel',
    ]);
    const parallel = detectCython(text).signals.filter((s) => s.signal === 'cython-parallel');
    expect(parallel.map((s) => [s.line, s.module, s.tags])).toEqual([
      [2, 'cython.parallel', ['import']],
      [4, 'cython.parallel', ['import']],
    ]);
  });

  it('finds with nogil blocks and nogil qualifiers', () => {
    const text = [
      'cdef extern from "x.h" nogil:',
      '    void f(int) nogil',
      'cdef void g() noexcept nogil:',
      '    with nogil, parallel():',
      '        pass',
      'with cython.nogil:',
      '    pass',
      'with gil:',
      '    pass',
      'nogil = True',
      'if nogil: pass',
    ].join('\n');
    const nogil = detectCython(text).signals.filter((s) => s.signal === 'cython-nogil');
    expect(nogil.map((s) => `${s.line}:${s.construct}`)).toEqual([
      '1:nogil function',
      '2:nogil function',
      '3:nogil function',
      '4:with nogil',
      '6:with nogil',
    ]);
  });

  it('finds prange and parallel() only when they come from cython.parallel', () => {
    const text = [
      'from cython.parallel cimport prange',
      'for i in prange(n, nogil=True): pass',
      'with nogil, parallel(): pass',
      'from numba import prange as nprange',
      'for i in nprange(n): pass',
    ].join('\n');
    const found = detectCython(text).signals.filter((s) => s.line > 1).map((s) => `${s.signal}@${s.line}`);
    expect(found).toEqual(['cython-parallel@2', 'cython-nogil@2', 'cython-nogil@3', 'numba@4']);
  });

  it('still finds what the Python detector finds, and acceptances', () => {
    const text = 'import threading  # architecture-review: accept threads-io-only -- glue code\nasync def f(): await g()';
    const detection = detectCython(text);
    expect(detection.signals.map((s) => `${s.signal}@${s.line}`)).toEqual([
      'cython@1',
      'threads@1',
      'asyncio@2',
      'asyncio@2',
    ]);
    expect(detection.acceptances).toEqual([{ line: 1, rule: 'threads-io-only', reason: 'glue code' }]);
  });
});
