#!/usr/bin/env python3
"""Cython's own answer for the Cython detector's differential test.

Reads a list of file paths (one per line) from the file named by the first argument, or from
stdin, parses each ``.pyx``/``.pxd``/``.pxi`` file with Cython's parser (``Parsing.p_module``
through ``Main.Context.parse``, as ``cython`` itself does), runs the two transforms that give
names their Cython meaning (``InterpretCompilerDirectives``: ``with cython.nogil:``,
``@cython.nogil``, which names ``cimport cython.parallel`` binds; ``ParallelRangeTransform``:
``prange(...)`` and ``parallel()`` calls), compiles nothing, and prints one JSON object a line:

    {"path": ..., "withNogil": [lines], "nogilFunctions": [lines], "prangeNogil": [lines],
     "prange": [lines], "parallel": [lines]}

``withNogil``: the lines of ``GILStatNode``s in state ``nogil`` (``with nogil:``, ``with
cython.nogil:``). ``nogilFunctions``: the lines of ``nogil`` qualifiers (function declarators,
``cdef extern from "h" nogil:``, ``cdef nogil:`` blocks, ``cppclass ... nogil``) and of
``@cython.nogil`` decorators. ``prange``/``parallel``: the lines of ``ParallelRangeNode``s and
``ParallelWithBlockNode``s; ``prangeNogil``: the lines of ``prange(..., nogil=...)`` calls whose
``nogil`` Cython would take as true. Lines are 1-based and sorted, without repeats; only nodes
of the file itself count (not of a file it includes). A file Cython rejects gives
``{"path": ..., "error": "..."}``.

Run with Debian's /usr/bin/python3 and its cython3 package (Cython 0.29).
"""

import json
import os
import re
import sys
import warnings

from Cython.Compiler import Errors, ExprNodes, Main, Nodes, Options, Parsing, Symtab, Visitor
from Cython.Compiler.ParseTreeTransforms import (
    InterpretCompilerDirectives, NormalizeTree, ParallelRangeTransform, PostParse, PostParseError)
from Cython.Compiler.Scanning import FileSourceDescriptor

if not Parsing.__file__.endswith('.py'):
    # The qualifier hook below needs Parsing's functions to be looked up as Python globals.
    sys.exit('cython_reference.py: %s is compiled; the reference needs the pure-Python parser'
             % Parsing.__file__)

# Cython 0.29's tree keeps no trace of a `nogil` qualifier's token: a CFuncDeclaratorNode's
# `nogil` is also true for every function inside a `cdef extern ... nogil:` or `cdef nogil:`
# block (inherited from the parser's context), and CDefExternNode has no `nogil` at all. So the
# reference records where the parser itself takes a qualifier: every qualifier goes through
# `p_nogil`, and only a `nogil` token makes it consume one.
_qualifiers = []
_p_nogil = Parsing.p_nogil


def _recording_p_nogil(s):
    if s.sy == 'IDENT' and s.systring == 'nogil':
        _qualifiers.append(s.position())
    return _p_nogil(s)


Parsing.p_nogil = _recording_p_nogil


def _every_branch_IF_statement(s, ctx):
    """Cython's `IF`/`ELIF`/`ELSE`, keeping every branch. Cython drops the branches whose
    compile-time condition is false on the machine that compiles; the detector reads the
    file, not one platform's build of it, so a branch's `with nogil:` is code either way.
    Only the tree changes: `include` and `DEF` still follow Cython's evaluation."""
    pos = s.position()
    saved_eval = s.compile_time_eval
    current_eval = saved_eval
    denv = s.compile_time_env
    bodies = []
    while 1:
        s.next()  # 'IF' or 'ELIF'
        expr = Parsing.p_compile_time_expr(s)
        s.compile_time_eval = current_eval and bool(expr.compile_time_value(denv))
        bodies.append(Parsing.p_suite(s, ctx))
        if s.compile_time_eval:
            current_eval = 0
        if s.sy != 'ELIF':
            break
    if s.sy == 'ELSE':
        s.next()
        s.compile_time_eval = current_eval
        bodies.append(Parsing.p_suite(s, ctx))
    s.compile_time_eval = saved_eval
    return Nodes.StatListNode(pos, stats=bodies)


Parsing.p_IF_statement = _every_branch_IF_statement

_p_with_items = Parsing.p_with_items


def _conditional_with_items(s, is_async=False):
    """Cython 3's `with nogil(condition):` (and `with gil(condition):`), which Debian's Cython
    0.29 predates: ported from Cython 3.0's p_with_items, so that files written for Cython 3
    (the detector reads both) are compared rather than skipped. Anything else is 0.29's."""
    if s.in_python_file or s.sy != 'IDENT' or s.systring not in ('nogil', 'gil') or is_async:
        return _p_with_items(s, is_async)
    pos = s.position()
    state = s.systring
    s.next()
    if s.sy == '(':
        s.next()
        Parsing.p_test(s)  # the condition: 0.29's GILStatNode has no place for it
        s.expect(')')
    if s.sy == ',':
        s.next()
        body = Parsing.p_with_items(s)
    else:
        body = Parsing.p_suite(s)
    return Nodes.GILStatNode(pos, state=state, body=body)


Parsing.p_with_items = _conditional_with_items


class RecordingDirectives(InterpretCompilerDirectives):
    """Cython's directive interpretation, noting each decorator it takes for `nogil`."""

    def __init__(self, context, directives, decorators):
        super(RecordingDirectives, self).__init__(context, directives)
        self.nogil_decorators = decorators

    def _extract_directives(self, node, scope_name):
        for dec in node.decorators or ():
            try:
                parsed = self.try_to_parse_directives(dec.decorator)
            except Errors.CompileError:
                parsed = None  # the base class reports it
            if any(d is not None and d[0] == 'nogil' and d[1] for d in parsed or ()):
                self.nogil_decorators.append(dec.pos)
        try:
            return super(RecordingDirectives, self)._extract_directives(node, scope_name)
        except PostParseError as e:
            # numpy ships a .pxd for Cython 3 (`__init__.cython-30.pxd`) whose `@property` on
            # `cdef inline` methods 0.29 refuses, and Cython's utility code uses its internal
            # `@cname`: both parse, and neither decorator bears on the GIL. The tree stays as
            # it was parsed.
            if 'cannot take arbitrary decorators' not in str(e):
                raise
            return {}


class Collector(Visitor.TreeVisitor):
    """Walks the transformed tree for GIL releases and cython.parallel constructs."""

    def __init__(self, found):
        super(Collector, self).__init__()
        self.found = found

    def add(self, key, pos):
        self.found[key].append(pos)

    def visit_Node(self, node):
        self.visitchildren(node)

    def visit_GILStatNode(self, node):
        if node.state == 'nogil':
            self.add('withNogil', node.pos)
        self.visitchildren(node)

    def visit_ParallelRangeNode(self, node):
        self.add('prange', node.pos)
        if prange_nogil(node):
            self.add('prangeNogil', node.pos)
        self.visitchildren(node)

    def visit_ParallelWithBlockNode(self, node):
        self.add('parallel', node.pos)
        self.visitchildren(node)


def prange_nogil(node):
    """Whether `prange(..., nogil=...)` asks for a loop without the GIL, as Cython reads it
    (ParallelRangeNode.analyse_declarations: the keyword's compile-time value)."""
    kwargs = node.kwargs
    if not isinstance(kwargs, ExprNodes.DictNode):
        return False
    for item in kwargs.key_value_pairs:
        if getattr(item.key, 'value', None) != 'nogil':
            continue
        try:
            return bool(item.value.compile_time_value(None))
        except Exception:  # not a compile-time constant: Cython rejects it
            return False
    return False


def module_name(path):
    """A module name for the scope; `__init__` would want a parent package, so it takes its
    folder's name, as the package it stands for."""
    base = os.path.basename(path).rsplit('.', 1)[0]
    if base == '__init__':
        base = os.path.basename(os.path.dirname(path)) or 'package'
    return re.sub(r'\W', '_', base) or 'module'


def analyse(path):
    # A fresh context a file: the language level a `# cython:` comment sets is the context's.
    options = Main.CompilationOptions(Main.default_options)
    context = Main.Context([os.path.dirname(path)], dict(Options.get_directive_defaults()),
                           options=options)
    source = FileSourceDescriptor(path)
    name = module_name(path)
    scope = Symtab.ModuleScope(name, parent_module=None, context=context)
    del _qualifiers[:]
    decorators = []
    with Errors.local_errors(ignore=True) as errors:
        try:
            tree = context.parse(source, scope, pxd=path.endswith('.pxd'), full_module_name=name)
            tree.scope = scope
            for transform in (NormalizeTree(context), PostParse(context),
                              RecordingDirectives(context, context.compiler_directives, decorators),
                              ParallelRangeTransform(context)):
                tree = transform(tree)
        except Errors.CompileError as e:
            errors.append(e)
        except Exception as e:  # Cython's own internal errors on input it cannot handle
            errors.append('%s: %s' % (type(e).__name__, e))
    if errors:
        return {'path': path, 'error': str(errors[0]).strip().splitlines()[-1]}
    found = {'withNogil': [], 'nogilFunctions': list(_qualifiers) + decorators,
             'prangeNogil': [], 'prange': [], 'parallel': []}
    Collector(found).visit(tree)
    result = {'path': path}
    for key, positions in found.items():
        # Nodes of an included file carry that file's descriptor.
        result[key] = sorted({pos[1] for pos in positions if pos[0].filename == source.filename})
    return result


def main():
    warnings.simplefilter('ignore')  # "language_level not set": Cython then reads Python 2, as it says
    Errors.open_listing_file(None, echo_to_stderr=0)
    if len(sys.argv) > 1:
        with open(sys.argv[1], encoding='utf-8') as listing:
            paths = listing.read().splitlines()
    else:
        paths = sys.stdin.read().splitlines()
    for path in paths:
        if path.strip():
            sys.stdout.write(json.dumps(analyse(path)) + '\n')


if __name__ == '__main__':
    main()
