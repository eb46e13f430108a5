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
the AST). A file the parser rejects gives ``{"path": ..., "error": "..."}``.

Kept free of third-party packages and of anything newer than Python 3.8.
"""

import ast
import importlib.util
import json
import sys
import warnings

WATCHED = frozenset({
    'threading', '_thread', 'concurrent', 'multiprocessing', 'asyncio', 'trio', 'anyio',
    'curio', 'uvloop', 'aiohttp', 'tornado', 'twisted', 'gevent', 'greenlet', 'eventlet',
    'numba', 'cython',
})


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
                if alias.name.split('.')[0] in WATCHED:
                    line = getattr(alias, 'lineno', node.lineno)
                    imports.append('%d:import %s' % (line, clause(alias)))
        elif isinstance(node, ast.ImportFrom):
            if node.level or not node.module:
                continue
            forks = node.module == 'os' and any(a.name in ('fork', 'forkpty') for a in node.names)
            if node.module.split('.')[0] in WATCHED or forks:
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
    return {'path': path, 'imports': imports, 'async': found, 'asyncComprehensions': comprehensions}


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
