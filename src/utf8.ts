/**
 * How a file's bytes become the text the detectors read: UTF-8, invalid sequences as U+FFFD
 * (detectors never throw on them), without the byte-order mark, which is not part of the first
 * line's text. One definition for the git and disk readers and for the detectors that decide
 * some files from their bytes (src/detect/index.ts).
 */
export function decodeText(buf: Buffer): string {
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
