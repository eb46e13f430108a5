import type { Detection } from '../types.js';
import { detectCython } from './cython.js';
import { detectGo, detectGoModule } from './go.js';
import { detectManifest } from './manifest.js';
import { detectPython } from './python.js';
import { detectServerConfig, isServerConfigPath } from './server-config.js';

type Detector = (path: string, text: string) => Detection;

const byExtension: Record<string, Detector> = {
  '.py': (_path, text) => detectPython(text),
  '.pyw': (_path, text) => detectPython(text),
  '.pyx': (_path, text) => detectCython(text),
  '.pxd': (_path, text) => detectCython(text),
  '.pxi': (_path, text) => detectCython(text),
  '.go': (_path, text) => detectGo(text),
};

const byName: Record<string, Detector> = {
  'go.mod': (_path, text) => detectGoModule(text),
  'go.work': (_path, text) => detectGoModule(text),
  'pyproject.toml': detectManifest,
  'setup.cfg': detectManifest,
  Pipfile: detectManifest,
};

function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? path : path.slice(slash + 1);
}

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot);
}

/** requirements*.txt, pip-tools' requirements*.in, and any of them under a requirements/ folder. */
function isRequirementsFile(path: string, name: string): boolean {
  if (!name.endsWith('.txt') && !name.endsWith('.in')) return false;
  return name.startsWith('requirements') || path.includes('requirements/');
}

const GO_ONLY: readonly Detector[] = [byExtension['.go']!];
const PYTHON_ONLY: readonly Detector[] = [byExtension['.py']!];

/** The detectors that read a file, by its name; empty when no detector reads it. */
function detectorsFor(path: string): readonly Detector[] {
  const name = baseName(path);
  // Most files of a tree, answered without the name tests below: a `.go` file is never server
  // configuration, and a `.py` file is only when it is gunicorn's (`gunicorn.conf.py`).
  if (name.endsWith('.go') && name.length > 3) return GO_ONLY;
  if (name.endsWith('.py') && name.length > 3 && !/gunicorn/i.test(name)) return PYTHON_ONLY;
  const found: Detector[] = [];
  const named = byName[name];
  if (named) found.push(named);
  else if (isRequirementsFile(path, name)) found.push(detectManifest);
  else {
    const byExt = byExtension[extension(name)];
    if (byExt) found.push(byExt);
  }
  // A gunicorn.conf.py is Python and server configuration at once.
  if (isServerConfigPath(path)) found.push(detectServerConfig);
  return found;
}

/** True when some detector reads this path, so callers can skip reading other files at all. */
export function isDetectable(path: string): boolean {
  return detectorsFor(path).length > 0;
}

/**
 * Finds the signals and inline acceptances in one file, choosing detectors by its name.
 * Returns null for files no detector reads. Never throws on any content.
 */
export function detectFile(path: string, text: string): Detection | null {
  const detectors = detectorsFor(path);
  if (detectors.length === 0) return null;
  if (detectors.length === 1) return detectors[0]!(path, text);
  const merged: Detection = { signals: [], acceptances: [] };
  const seenAcceptances = new Set<number>();
  for (const detect of detectors) {
    const d = detect(path, text);
    merged.signals.push(...d.signals);
    for (const a of d.acceptances) {
      if (seenAcceptances.has(a.line)) continue;
      seenAcceptances.add(a.line);
      merged.acceptances.push(a);
    }
  }
  merged.signals.sort((a, b) => a.line - b.line);
  return merged;
}

/**
 * What a file's name alone says, for a file too large to read: a `.go` file is Go, a `.pyx`
 * is Cython, whatever it holds. Other files say nothing without their text.
 */
export function detectUnreadFile(path: string): Detection | null {
  const name = baseName(path);
  const ext = extension(name);
  const evidence = `${name} (not read: too large)`;
  if (ext === '.go' || name === 'go.mod' || name === 'go.work') {
    return { signals: [{ signal: 'golang', line: 1, evidence, tags: ['file'] }], acceptances: [] };
  }
  if (ext === '.pyx' || ext === '.pxd' || ext === '.pxi') {
    return { signals: [{ signal: 'cython', line: 1, evidence, tags: ['file'] }], acceptances: [] };
  }
  return null;
}
