import type { Detection } from '../types.js';
import { decodeText } from '../utf8.js';
import { detectCython } from './cython.js';
import { detectGo, detectGoBytes, detectGoModule } from './go.js';
import { detectManifest, detectSetupPy } from './manifest.js';
import { detectPython } from './python.js';
import { detectServerConfig, isServerConfigPath } from './server-config.js';

type Detector = (path: string, text: string) => Detection;

const goFile: Detector = (_path: string, text: string) => detectGo(text);

const byExtension = new Map<string, Detector>(Object.entries({
  '.py': (_path: string, text: string) => detectPython(text),
  '.pyw': (_path: string, text: string) => detectPython(text),
  '.pyx': (_path: string, text: string) => detectCython(text),
  '.pxd': (_path: string, text: string) => detectCython(text),
  '.pxi': (_path: string, text: string) => detectCython(text),
  '.go': goFile,
} satisfies Record<string, Detector>));

const byName = new Map<string, Detector>(Object.entries({
  'go.mod': (_path: string, text: string) => detectGoModule(text),
  'go.work': (_path: string, text: string) => detectGoModule(text),
  'pyproject.toml': detectManifest,
  'setup.cfg': detectManifest,
  Pipfile: detectManifest,
} satisfies Record<string, Detector>));

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

/** The detectors that read a file, by its name; empty when no detector reads it. */
function detectorsFor(path: string): readonly Detector[] {
  const name = baseName(path);
  const primary =
    byName.get(name) ?? (isRequirementsFile(path, name) ? detectManifest : byExtension.get(extension(name)));
  // A setup.py is Python and a dependency manifest at once.
  if (name === 'setup.py') return SETUP_PY;
  // A gunicorn.conf.py is Python and server configuration at once.
  if (isServerConfigPath(path)) return primary ? [primary, detectServerConfig] : [detectServerConfig];
  // One shared list per detector: thousands of files per audit, asked for several times each.
  return primary ? ALONE.get(primary)! : NONE;
}

const NONE: readonly Detector[] = [];
const SETUP_PY: readonly Detector[] = [(_path: string, text: string) => detectPython(text), detectSetupPy];
const ALONE = new Map<Detector, readonly Detector[]>(
  [...byName.values(), ...byExtension.values(), detectManifest].map((d) => [d, [d]]),
);

/** True when some detector reads this path, so callers can skip reading other files at all. */
export function isDetectable(path: string): boolean {
  return detectorsFor(path).length > 0;
}

/** What reads a lone `.go` file: the one detector that may decide from bytes. */
const GO_ALONE = ALONE.get(goFile)!;

/**
 * Finds the signals and inline acceptances in one file, choosing detectors by its name.
 * Returns null for files no detector reads. Never throws on any content. The content may be the
 * file's UTF-8 bytes: a Go file is then decided from them when it can be ({@link detectGoBytes}),
 * and any other decoded as the readers decode (src/utf8.ts), with the same result.
 */
export function detectFile(path: string, content: string | Buffer): Detection | null {
  const detectors = detectorsFor(path);
  if (detectors.length === 0) return null;
  let text: string;
  if (typeof content === 'string') text = content;
  else {
    const decided = detectors === GO_ALONE ? detectGoBytes(content) : null;
    if (decided) return decided;
    text = decodeText(content);
  }
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
  if (ext === '.go') return { signals: [{ signal: 'golang', line: 1, evidence, tags: ['file', 'use'] }], acceptances: [] };
  if (name === 'go.mod' || name === 'go.work') {
    return { signals: [{ signal: 'golang', line: 1, evidence, tags: ['file'] }], acceptances: [] };
  }
  if (ext === '.pyx' || ext === '.pxd' || ext === '.pxi') {
    return { signals: [{ signal: 'cython', line: 1, evidence, tags: ['file', 'use'] }], acceptances: [] };
  }
  return null;
}
