/**
 * A minimal writer of gzipped ustar archives shaped like GitHub's tarballs (`git archive`
 * output): a pax global header carrying the commit id, then one top directory
 * `{owner}-{repo}-{short sha}/` holding the tree. Long paths use pax extended headers.
 */
import { gunzipSync, gzipSync } from 'node:zlib';

const BLOCK = 512;

function octal(value: number, width: number): string {
  // width includes the terminating NUL.
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(fields: {
  name: string;
  size: number;
  type: '0' | '5' | 'x' | 'g';
  mode: number;
  mtime: number;
  prefix?: string;
}): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(fields.name, 0, 100, 'utf8');
  block.write(octal(fields.mode, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii'); // uid
  block.write(octal(0, 8), 116, 'ascii'); // gid
  block.write(octal(fields.size, 12), 124, 'ascii');
  block.write(octal(fields.mtime, 12), 136, 'ascii');
  block.write('        ', 148, 'ascii'); // checksum counts as spaces while summing
  block.write(fields.type, 156, 'ascii');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  block.write('root', 265, 'ascii');
  block.write('root', 297, 'ascii');
  if (fields.prefix) block.write(fields.prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

function padded(data: Buffer): Buffer[] {
  const rest = data.length % BLOCK;
  return rest === 0 ? [data] : [data, Buffer.alloc(BLOCK - rest)];
}

function paxRecords(records: Record<string, string>): Buffer {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(records)) {
    // "%d %s=%s\n", where the length counts its own digits.
    const body = ` ${key}=${value}\n`;
    let length = Buffer.byteLength(body) + 1;
    while (String(length).length + Buffer.byteLength(body) !== length) length = String(length).length + Buffer.byteLength(body);
    parts.push(`${length}${body}`);
  }
  return Buffer.from(parts.join(''), 'utf8');
}

/** Splits a path into ustar's prefix (≤155 bytes) and name (≤100 bytes), or null if impossible. */
function splitUstarPath(path: string): { prefix: string; name: string } | null {
  if (Buffer.byteLength(path) <= 100) return { prefix: '', name: path };
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100 && name !== '') return { prefix, name };
  }
  return null;
}

function entry(path: string, type: '0' | '5', data: Buffer, mtime: number): Buffer[] {
  const out: Buffer[] = [];
  const mode = type === '5' ? 0o775 : 0o664;
  let split = splitUstarPath(path);
  if (!split) {
    const pax = paxRecords({ path });
    out.push(header({ name: 'pax_header', size: pax.length, type: 'x', mode: 0o644, mtime }), ...padded(pax));
    split = { prefix: '', name: path.slice(0, 100) };
  }
  out.push(header({ name: split.name, prefix: split.prefix, size: data.length, type, mode, mtime }));
  if (data.length) out.push(...padded(data));
  return out;
}

/**
 * Builds `{topDir}/…` as a .tar.gz: the pax global header (`comment=<commit>`, as git archive
 * writes it), every directory, then every file, sorted by path.
 * @param files path → content (text or bytes)
 * @param topDir e.g. `octo-hello-1a2b3c4`, no slashes
 * @param commit the commit id recorded in the global header
 * @param mtime seconds since the epoch, for every entry
 */
export function buildTarball(files: Record<string, string | Buffer>, topDir: string, commit: string, mtime: number): Buffer {
  const out: Buffer[] = [];
  const global = paxRecords({ comment: commit });
  out.push(header({ name: 'pax_global_header', size: global.length, type: 'g', mode: 0o666, mtime }), ...padded(global));
  out.push(...entry(`${topDir}/`, '5', Buffer.alloc(0), mtime));
  const dirs = new Set<string>();
  const paths = Object.keys(files).sort();
  for (const path of paths) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  const entries = [...[...dirs].map((d) => ({ path: `${d}/`, dir: true })), ...paths.map((p) => ({ path: p, dir: false }))];
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const { path, dir } of entries) {
    const content = dir ? Buffer.alloc(0) : toBuffer(files[path] as string | Buffer);
    out.push(...entry(`${topDir}/${path}`, dir ? '5' : '0', content, mtime));
  }
  out.push(Buffer.alloc(BLOCK * 2)); // end-of-archive marker
  return gzipSync(Buffer.concat(out));
}

function toBuffer(content: string | Buffer): Buffer {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
}

/** One entry read back by {@link readTarball}. */
export interface TarEntry {
  path: string;
  type: 'file' | 'directory' | 'other';
  content: Buffer;
}

/**
 * Reads a .tar.gz written by {@link buildTarball} (ustar + pax path records), for tests that
 * check the archive; a reader, not a general tar implementation.
 */
export function readTarball(gz: Buffer): { comment: string | undefined; entries: TarEntry[] } {
  const tar = gunzipSync(gz);
  const entries: TarEntry[] = [];
  let comment: string | undefined;
  let nextPath: string | undefined;
  for (let offset = 0; offset + BLOCK <= tar.length; ) {
    const block = tar.subarray(offset, offset + BLOCK);
    if (block.every((byte) => byte === 0)) break;
    const field = (start: number, length: number) => block.toString('utf8', start, start + length).replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12), 8);
    const type = field(156, 1);
    const data = tar.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'g' || type === 'x') {
      const records = Object.fromEntries(
        [...data.toString('utf8').matchAll(/^\d+ ([^=]+)=(.*)$/gm)].map((m) => [m[1] as string, m[2] as string]),
      );
      if (type === 'g') comment = records.comment;
      else nextPath = records.path;
      continue;
    }
    const prefix = field(345, 155);
    const path = nextPath ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    nextPath = undefined;
    entries.push({ path, type: type === '0' ? 'file' : type === '5' ? 'directory' : 'other', content: Buffer.from(data) });
  }
  return { comment, entries };
}
