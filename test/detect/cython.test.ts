import { describe, expect, it } from 'vitest';
import { detectCython } from '../../src/detect/cython.js';
import { analysePython } from '../../src/detect/python.js';
import { isUse } from '../../src/types.js';

describe('detectCython', () => {
  it('gives the file a cython use on its first cdef, cpdef, ctypedef or cimport', () => {
    const text = '# cython: language_level=3\n\n  # comment\ncdef int x = 1\n';
    expect(detectCython(text).signals[0]).toEqual({ signal: 'cython', line: 4, evidence: 'cdef int x = 1', tags: ['file', 'use'] });
    const later = '"""cdef in a docstring is not code."""\nimport os\n\ndef f(): pass\ncpdef int g(): return 1\n';
    expect(detectCython(later).signals).toEqual([{ signal: 'cython', line: 5, evidence: 'cpdef int g(): return 1', tags: ['file', 'use'] }]);
    expect(detectCython('from libc.stdint cimport uint64_t\n').signals[0]?.line).toBe(1);
    expect(detectCython('x = 1\nctypedef int myint\n').signals[0]?.line).toBe(2);
    expect(detectCython('x = 1\ncimport numpy as cnp\n').signals[0]?.line).toBe(2);
  });

  it('gives no cython signal to a file without Cython code: empty, comments, docstring, plain Python', () => {
    expect(detectCython('').signals).toEqual([]);
    expect(detectCython('# only a comment\n# another\n').signals).toEqual([]);
    expect(detectCython('"""The module. cdef cpdef cimport."""\n').signals).toEqual([]);
    expect(detectCython('def f(x):\n    return x + 1  # cdef\n').signals).toEqual([]);
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
    // Only `with nogil:` releases the GIL (a use); a qualifier says a function may run without it.
    expect(nogil.map((s) => `${s.line}:${s.construct}:${isUse(s) ? 'use' : 'mention'}`)).toEqual([
      '1:nogil function:mention',
      '2:nogil function:mention',
      '3:nogil function:mention',
      '4:with nogil:use',
      '6:with nogil:use',
    ]);
  });

  it('takes no attribute called nogil for a qualifier, and nogil=1 as a release, as Cython does', () => {
    const text = [
      'from cython.parallel cimport prange',
      'cdef class GilCheck:',
      '    cdef bint nogil',
      '    cdef list nogil_stack',
      'cdef extern from "q.h":',
      '    cdef cppclass Queue nogil:',
      '        void push(int)',
      'cdef void f(int n) nogil:',
      '    for i in prange(n, nogil=1):',
      '        pass',
      '    for i in prange(n, nogil=0):',
      '        pass',
    ].join('\n');
    const nogil = detectCython(text).signals.filter((s) => s.signal === 'cython-nogil');
    expect(nogil.map((s) => `${s.line}:${s.construct ?? 'prange'}:${isUse(s) ? 'use' : 'mention'}`)).toEqual([
      '6:nogil function:mention',
      '8:nogil function:mention',
      '9:prange:use',
    ]);
  });

  it('finds threads started with PyThread_start_new_thread and pthread_create, not their declarations', () => {
    const text = [
      'from cpython.pythread cimport PyThread_start_new_thread',
      'cdef extern from "pthread.h" nogil:',
      '    int pthread_create(pthread_t *thread, void *attr, void *(*f)(void *), void *arg)',
      'cdef long PyThread_start_new_thread(void (*)(void *), void *)',
      'cdef void start(void *arg):',
      '    PyThread_start_new_thread(run, arg)',
      '    if pthread_create(&t, NULL, work, NULL) != 0:',
      '        raise OSError()',
      '    rc = pthread_create(&t, NULL, work, NULL)',
      '    obj.pthread_create(1)',
      '    return not PyThread_start_new_thread(run, arg)',
    ].join('\n');
    const threads = detectCython(text).signals.filter((s) => s.signal === 'threads');
    expect(threads.map((s) => [s.line, s.idiom, isUse(s)])).toEqual([
      [6, "Cython's `PyThread_start_new_thread`", true],
      [7, "Cython's `pthread_create`", true],
      [9, "Cython's `pthread_create`", true],
      [11, "Cython's `PyThread_start_new_thread`", true],
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
    // The cimport names prange (a mention); `prange(...)` runs the loop on every core (a use).
    const roles = detectCython(text).signals.filter((s) => s.signal === 'cython-parallel').map((s) => isUse(s));
    expect(roles).toEqual([false, true]);
  });

  it('still finds what the Python detector finds, and acceptances', () => {
    const text = 'import threading  # architecture-review: accept threads-io-only -- glue code\nasync def f(): await g()';
    const detection = detectCython(text);
    expect(detection.signals.map((s) => `${s.signal}@${s.line}`)).toEqual(['threads@1', 'asyncio@2', 'asyncio@2']);
    expect(detection.acceptances).toEqual([{ line: 1, rule: 'threads-io-only', reason: 'glue code' }]);
  });
});
