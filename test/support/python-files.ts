/** Every `.py` under `dir`, site-packages and dist-packages excluded, sorted. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function pythonFiles(dir: string): string[] {
  const found: string[] = [];
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop()!;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'site-packages' && entry.name !== 'dist-packages') pending.push(path);
      } else if (entry.isFile() && entry.name.endsWith('.py')) found.push(path);
    }
  }
  return found.sort();
}
