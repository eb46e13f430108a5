/**
 * Requirements written in a `setup.py`: the `install_requires`, `setup_requires`,
 * `tests_require` and `extras_require` arguments of `setup(...)`, as the stack's own projects
 * (pygolang, wendelin.core, neoppod) declare them. The file is never run: its tokens are read,
 * and a requirement counts only where it is a string literal in the argument's list (or in a
 * list bound to a name the argument passes: `install_requires = [...]` then
 * `setup(install_requires=install_requires)`, as many projects write it). Only
 * `install_requires` is what the package runs with (a use); build, test and optional
 * requirements are mentions, as in setup.cfg.
 */
import { stringContents } from './python.js';
import { TokenKind, tokenizePython, type PythonTokens } from './python-tokenizer.js';

/** Where the requirements found go: the PEP 508 string, the offset of its literal, and whether it is a runtime one. */
export interface RequirementSink {
  requirementString(spec: string, offset: number, runtime: boolean): void;
}

const ARGUMENTS: Readonly<Record<string, boolean>> = {
  install_requires: true,
  setup_requires: false,
  tests_require: false,
  extras_require: false,
};

/** Token ranges [first, end) of the values bound to names: `NAME = [...]`, `NAME += [...]`. */
type Bindings = Map<string, [number, number][]>;

/** The index just past the bracketed value that opens at token `open` (or the end). */
function closing(text: string, t: PythonTokens, open: number): number {
  let depth = 0;
  for (let i = open; i < t.count; i++) {
    if (t.kinds[i] !== TokenKind.Op) continue;
    const op = text.slice(t.starts[i], t.ends[i]);
    if (op === '[' || op === '(' || op === '{') depth++;
    else if (op === ']' || op === ')' || op === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return t.count;
}

/**
 * Calls `sink.requirementString` for every requirement string of `setup.py`; the caller's sink
 * knows the lines and whether the requirement is a runtime one.
 */
export function readSetupPy(text: string, sink: RequirementSink): void {
  const t = tokenizePython(text);
  const op = (i: number): string => (i < t.count && t.kinds[i] === TokenKind.Op ? text.slice(t.starts[i], t.ends[i]) : '');
  const name = (i: number): string => (i < t.count && t.kinds[i] === TokenKind.Name ? text.slice(t.starts[i], t.ends[i]) : '');
  const opensValue = (i: number): boolean => op(i) === '[' || op(i) === '(' || op(i) === '{';

  // Names bound at the start of a logical line to a bracketed value.
  const bindings: Bindings = new Map();
  for (let i = 0; i < t.count; i++) {
    const atLineStart = i === 0 || t.kinds[i - 1] === TokenKind.Newline;
    const n = name(i);
    if (!atLineStart || n === '' || (op(i + 1) !== '=' && op(i + 1) !== '+=') || !opensValue(i + 2)) continue;
    const range: [number, number] = [i + 2, closing(text, t, i + 2)];
    const ranges = bindings.get(n);
    if (op(i + 1) === '=' || !ranges) bindings.set(n, [range]);
    else ranges.push(range);
  }

  const read = (first: number, end: number, runtime: boolean): void => {
    for (let i = first; i < end; i++) {
      if (t.kinds[i] !== TokenKind.String) continue;
      // A dict key (`extras_require = {"gevent": [...]}`) names a feature, not a package.
      if (op(i + 1) === ':') continue;
      sink.requirementString(stringContents(text.slice(t.starts[i], t.ends[i])), t.starts[i]!, runtime);
    }
  };

  for (let i = 0; i < t.count; i++) {
    // `install_requires=[...]` as a keyword, or `"install_requires": [...]` in a dict of arguments.
    let key = name(i);
    let bind = '=';
    if (key === '' && t.kinds[i] === TokenKind.String) {
      key = stringContents(text.slice(t.starts[i], t.ends[i]));
      bind = ':';
    }
    const runtime = ARGUMENTS[key];
    if (runtime === undefined || op(i + 1) !== bind) continue;
    // A line-start `install_requires = [...]` is a binding, read where an argument passes it.
    if (bind === '=' && (i === 0 || t.kinds[i - 1] === TokenKind.Newline)) continue;
    const value = i + 2;
    if (opensValue(value)) {
      const end = closing(text, t, value);
      read(value, end, runtime);
      i = end - 1;
    } else if (name(value) !== '' && op(value + 1) !== '.' && op(value + 1) !== '(') {
      // Each binding is read once, however many arguments pass it.
      const ranges = bindings.get(name(value)) ?? [];
      bindings.delete(name(value));
      for (const [first, end] of ranges) read(first, end, runtime);
    }
  }
}

