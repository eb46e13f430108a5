/**
 * setup.py requirements, in the shapes the stack's projects write them (pygolang, wendelin.core
 * and neoppod declare their dependencies in setup.py, not setup.cfg), and in the shapes that
 * must not count: a name in a comment, a docstring, an extras key, another function's argument.
 */
import { describe, expect, it } from 'vitest';
import { detectFile } from '../../src/detect/index.js';

function requirements(text: string): [number, string, string, boolean][] {
  const d = detectFile('pkg/setup.py', text)!;
  return d.signals
    .filter((s) => s.tags?.includes('import') && s.module !== undefined && !s.construct)
    .filter((s) => text.split('\n')[s.line - 1]!.includes(`'${s.module}`) || text.split('\n')[s.line - 1]!.includes(`"${s.module}`))
    .map((s) => [s.line, s.signal, s.module!, s.tags!.includes('use')]);
}

describe('setup.py requirements', () => {
  it('reads install_requires as runtime and setup_requires, tests_require and extras as build, test and optional', () => {
    const text = [
      'from setuptools import setup',
      'setup(',
      "    name        = 'golang',",
      "    install_requires = ['gevent', 'six', 'decorator', 'Importing;python_version<=\"2.7\"',",
      "                        # the runtime part: trio is not required",
      "                        'setuptools-dso >= 1.7'],",
      "    setup_requires = ['cython'],",
      "    tests_require = ['eventlet'],",
      "    extras_require = {'aio': ['aiohttp>=3'], 'numba': ['numba']},",
      ')',
      '',
    ].join('\n');
    expect(requirements(text)).toEqual([
      [4, 'greenlets', 'gevent', true],
      [7, 'cython', 'cython', false],
      [8, 'greenlets', 'eventlet', false],
      [9, 'asyncio', 'aiohttp', false],
      [9, 'numba', 'numba', false],
    ]);
  });

  it('follows a list bound to a name, with += additions, as wendelin.core and neoppod write it', () => {
    const text = [
      'from setuptools import setup',
      "install_requires = ['numpy', 'gevent >= 1.0']",
      'if True:',
      "    pass",
      "install_requires += ['trio']",
      "extras = {'test': ['tornado']}",
      'setup(name="wendelin.core", install_requires=install_requires, extras_require=extras)',
      '',
    ].join('\n');
    expect(requirements(text)).toEqual([
      [2, 'greenlets', 'gevent', true],
      [5, 'asyncio', 'trio', true],
      [6, 'asyncio', 'tornado', false],
    ]);
  });

  it('reads a dict of arguments passed as setup(**kw)', () => {
    const text = "kw = {\n    'install_requires': ['eventlet'],\n    'name': 'x',\n}\nsetup(**kw)\n";
    expect(requirements(text)).toEqual([[2, 'greenlets', 'eventlet', true]]);
  });

  it('does not count a package named in a comment, a docstring, a description or an unrelated call', () => {
    const text = [
      '"""Uses gevent if available: install_requires = [\'gevent\']."""',
      '# install_requires=["gevent"]',
      'from setuptools import setup',
      "requires = ['gevent']",
      "setup(name='x', description='a gevent helper', install_requires=['six'], keywords=['trio'])",
      "other(install_requires=requires.copy())",
      '',
    ].join('\n');
    expect(requirements(text)).toEqual([]);
  });

  it('keeps reading the Python code of setup.py: an import there is still an import', () => {
    const d = detectFile('setup.py', "import gevent\nsetup(install_requires=['gevent'])\n")!;
    expect(d.signals.map((s) => [s.line, s.signal, s.tags?.includes('use') ?? false])).toEqual([
      [1, 'greenlets', false],
      [2, 'greenlets', true],
    ]);
  });
});
