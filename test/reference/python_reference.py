#!/usr/bin/env python3
"""CPython's own answer for the Python detector's differential test.

Reads a list of file paths (one per line) from the file named by the first argument, or from
stdin, parses each file with ``ast.parse`` on its bytes (so PEP 263 coding cookies and BOMs are
honoured as the interpreter honours them), and prints one JSON object per line:

    {"path": ..., "imports": [...], "async": {...}, "asyncComprehensions": n}

``imports`` holds, for each import of a watched module, ``"<line>:<canonical statement>"``:
``import a.b as c`` once per module of an ``import`` statement (line of the module name), and
``from a.b import x, y as z`` once per absolute ``from`` statement (line of the module name);
``from os import fork``/``forkpty`` counts too. ``async`` maps each construct (``async def``,
``await``, ``async for`` statements, ``async with``) to the sorted lines of its nodes;
``asyncComprehensions`` counts ``async for`` clauses of comprehensions (they have no line in
the AST). ``uses`` holds ``"<line>:<signal>:<role>"`` for each use of an imported name that a
use rule matches (see USE_RULES; role ``use`` or ``mention``), sorted and without repeats. A file the parser rejects gives
``{"path": ..., "error": "..."}``.

Kept free of third-party packages and of anything newer than Python 3.8.
"""

import ast
import importlib.util
import json
import os
import sys
import warnings

WATCHED = frozenset({
    'threading', '_thread', 'thread', 'concurrent', 'multiprocessing', 'asyncio', 'trio', 'anyio',
    'curio', 'uvloop', 'aiohttp', 'tornado', 'twisted', 'gevent', 'greenlet', 'eventlet',
    'numba', 'cython', 'golang',
})


def load_use_rules():
    """The use rules, as data: the detector's own table (src/detect/python.ts, USE_RULES), which
    the test hands over as JSON in ARCHITECTURE_REVIEW_USE_RULES. The table is what a name
    means; what this script checks is how code reaches a name, read from CPython's AST."""
    rules = json.loads(os.environ['ARCHITECTURE_REVIEW_USE_RULES'])
    return tuple(
        (r['name'], bool(r.get('prefix')), bool(r.get('loose')), r['signal'], r['via'], r['role'])
        for r in rules)


# What a use of an imported name means once resolved to its qualified name: (name, whether a
# longer dotted name under it counts too, whether any name starting with it counts, signal, how
# it must be used, use or mention). `call`: called; `call-or-base`: called or a class's base;
# `decorator-or-call`, `with-or-decorator`: what they say; `attribute`: reached through an
# attribute or a star import (a plain imported name is the import itself). The first rule that
# matches the name and the use decides.
USE_RULES = load_use_rules()


def canonical(module):
    """Python 2's `thread` is `_thread`, and so is six's alias `six.moves._thread`."""
    if module == 'thread' or module.startswith('thread.'):
        return '_' + module
    if module == 'six.moves._thread' or module.startswith('six.moves._thread.'):
        return module[len('six.moves.'):]
    return module


# Imports of these top-level modules bind names whose uses can be signals.
BINDING_TOPS = frozenset(canonical(rule[0]).split('.')[0] for rule in USE_RULES)

# A use names the last part of its rule somewhere in the file (in the use, or in the import
# that renamed it): files without any are not walked. (A loose rule's last part is a prefix.)
LAST_PARTS = tuple(sorted({rule[0].rsplit('.', 1)[1] for rule in USE_RULES}))


def bindings(tree):
    """Names bound by imports of BINDING_TOPS, anywhere in the file: name -> [(target, star)]."""
    bound = {}
    stars = []

    def bind(name, target, star):
        targets = bound.setdefault(name, [])
        if all(t != target for t, _ in targets):
            targets.append((target, star))

    pending = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import):
            for alias in node.names:
                module = canonical(alias.name)
                top = module.split('.')[0]
                if top in BINDING_TOPS and (alias.asname or not alias.name.startswith('six.')):
                    bind(alias.asname or alias.name.split('.')[0], module if alias.asname else top, False)
        elif isinstance(node, ast.ImportFrom):
            module = canonical(node.module or '')
            if not node.level and node.module:
                for alias in node.names:
                    if alias.name == '*':
                        if module.split('.')[0] in BINDING_TOPS:
                            stars.append(module)
                        continue
                    target = canonical(module + '.' + alias.name)
                    if target.split('.')[0] in BINDING_TOPS:
                        bind(alias.asname or alias.name, target, False)
        for field in STATEMENT_LISTS:
            pending.extend(getattr(node, field, None) or ())
    # A star import binds the names under the module that some rule names, unless bound already.
    for module in stars:
        for rule in USE_RULES:
            if rule[0].startswith(module + '.'):
                name = rule[0][len(module) + 1:].split('.')[0]
                if name not in bound:
                    bind(name, module + '.' + name, True)
    return bound


def leftmost_owner(parents, node):
    """The expression `node` starts: up through calls, subscripts and attributes it is the left of."""
    while True:
        parent = parents.get(node)
        if isinstance(parent, ast.Call) and parent.func is node:
            node = parent
        elif isinstance(parent, (ast.Subscript, ast.Attribute)) and parent.value is node:
            node = parent
        else:
            return node, parent


def uses(tree, text):
    bound = bindings(tree)
    if not bound or not any(part in text for part in LAST_PARTS):
        return []
    parents = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Name) or node.id not in bound:
            continue
        top = node
        rest = ''
        while isinstance(parents.get(top), ast.Attribute) and parents[top].value is top:
            top = parents[top]
            rest += '.' + top.attr
        parent = parents.get(top)
        call = isinstance(parent, ast.Call) and parent.func is top
        start, owner = leftmost_owner(parents, node)
        decorator = isinstance(owner, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and any(
            d is start for d in owner.decorator_list)
        with_item = isinstance(owner, ast.withitem) and owner.context_expr is start
        base = isinstance(parent, ast.ClassDef) and any(b is top for b in parent.bases)
        for target, star in bound[node.id]:
            qualified = target + rest
            for name, prefix, loose, signal, via, role in USE_RULES:
                if loose:
                    if not qualified.startswith(name):
                        continue
                elif not (qualified == name or (prefix and qualified.startswith(name + '.'))):
                    continue
                attribute = rest != '' or star
                ok = {
                    'attribute': attribute,
                    'call': call,
                    'call-or-base': call or base,
                    'decorator-or-call': decorator or call,
                    'with-or-decorator': with_item or decorator,
                }[via]
                if ok:
                    # `@cython.nogil` only allows running without the GIL; `with` releases it.
                    if signal == 'cython-nogil' and not with_item:
                        role = 'mention'
                    found.add('%d:%s:%s' % (node.lineno, signal, role))
                    break
    return sorted(found)


# The fields that hold statements (or handlers and match cases, which hold statements).
STATEMENT_LISTS = ('body', 'orelse', 'finalbody', 'handlers', 'cases')


def clause(alias):
    return alias.name + (' as ' + alias.asname if alias.asname else '')


def from_module_line(lines, node):
    """Line of the module name of an ImportFrom: after `from`, past blanks and continuations."""
    line = node.lineno
    text = lines[line - 1].encode('utf-8')
    pos = node.col_offset + len(b'from')
    while True:
        while pos < len(text) and text[pos:pos + 1] in (b' ', b'\t', b'\x0c'):
            pos += 1
        if pos < len(text) and text[pos:pos + 1] == b'\\' and pos + 1 == len(text):
            line += 1
            text = lines[line - 1].encode('utf-8')
            pos = 0
            continue
        return line


def analyse(path):
    with open(path, 'rb') as handle:
        data = handle.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            tree = ast.parse(data, filename=path)
    except (SyntaxError, ValueError, UnicodeError, MemoryError, RecursionError) as error:
        return {'path': path, 'error': '%s: %s' % (type(error).__name__, error)}
    # decode_source applies the coding cookie and universal newlines, as the tokenizer does.
    lines = importlib.util.decode_source(data).split('\n')
    imports = []
    found = {'async def': [], 'await': [], 'async for': [], 'async with': []}
    comprehensions = 0
    # Imports and async statements are statements: walking statement lists is enough for them
    # and much faster than ast.walk. Expressions are walked only where `await` or an async
    # comprehension can be (identifiers are NFKC-normalized, but keywords are ASCII only).
    walk_expressions = b'async' in data or b'await' in data
    pending = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split('.')[0] in WATCHED or canonical(alias.name).split('.')[0] in WATCHED:
                    line = getattr(alias, 'lineno', node.lineno)
                    imports.append('%d:import %s' % (line, clause(alias)))
        elif isinstance(node, ast.ImportFrom):
            if node.level or not node.module:
                continue
            forks = node.module == 'os' and any(a.name in ('fork', 'forkpty') for a in node.names)
            names_watched = any(canonical(node.module + '.' + a.name).split('.')[0] in WATCHED
                                for a in node.names if a.name != '*')
            if node.module.split('.')[0] in WATCHED or forks or names_watched:
                statement = 'from %s import %s' % (node.module, ', '.join(clause(a) for a in node.names))
                imports.append('%d:%s' % (from_module_line(lines, node), statement))
            continue
        elif isinstance(node, ast.AsyncFunctionDef):
            found['async def'].append(node.lineno)
        elif isinstance(node, ast.Await):
            found['await'].append(node.lineno)
        elif isinstance(node, ast.AsyncFor):
            found['async for'].append(node.lineno)
        elif isinstance(node, ast.AsyncWith):
            found['async with'].append(node.lineno)
        elif isinstance(node, ast.comprehension) and node.is_async:
            comprehensions += 1
        if walk_expressions:
            pending.extend(ast.iter_child_nodes(node))
        else:
            for field in STATEMENT_LISTS:
                children = getattr(node, field, None)
                if children:
                    pending.extend(children)
    imports.sort()
    for lines_of in found.values():
        lines_of.sort()
    return {
        'path': path,
        'imports': imports,
        'async': found,
        'asyncComprehensions': comprehensions,
        'uses': uses(tree, '\n'.join(lines)),
    }


def main():
    source = open(sys.argv[1], encoding='utf-8') if len(sys.argv) > 1 else sys.stdin
    out = sys.stdout
    for raw in source:
        path = raw.rstrip('\n')
        if path:
            out.write(json.dumps(analyse(path)) + '\n')
    out.flush()


if __name__ == '__main__':
    main()
