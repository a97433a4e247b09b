// The one place where a name from the data (a department's title) or from the input (a file or
// folder name) becomes a name on disk. Whatever the input, the result is a single, visible,
// ordinary file name that Windows, macOS and Linux all accept: no path separators, no characters
// Windows refuses, no hidden name (leading dot), no `.`/`..`, no reserved device name (CON, NUL,
// COM1 …, which Windows refuses even with an extension), and not longer than the file system takes.

/** Most file systems (ext4, NTFS, APFS) take at most 255 bytes (ext4) or 255 UTF-16 units in one name. */
export const MAX_NAME_BYTES = 255;

const FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** Cut `name` to at most `maxBytes` bytes of UTF-8 without splitting a character. */
function truncateBytes(name: string, maxBytes: number): string {
  if (Buffer.byteLength(name) <= maxBytes) return name;
  let out = '';
  let bytes = 0;
  for (const ch of name) {
    const b = Buffer.byteLength(ch);
    if (bytes + b > maxBytes) break;
    out += ch;
    bytes += b;
  }
  return out;
}

/**
 * A safe file or folder name made from `name`; `maxBytes` leaves room for what the caller appends
 * (an extension). Never empty.
 */
export function safeName(name: string, maxBytes = MAX_NAME_BYTES): string {
  let s = name.normalize('NFC').replace(FORBIDDEN, '_').trim();
  // Windows drops trailing dots and spaces, which would make two names the same
  s = s.replace(/[. ]+$/, '');
  // a leading dot hides the file on Linux and macOS
  s = s.replace(/^\.+/, (dots) => '_'.repeat(dots.length));
  if (s === '') s = '_';
  const stem = s.split('.')[0]!;
  if (RESERVED.test(stem.trim())) s = `_${s}`;
  s = truncateBytes(s, Math.max(1, maxBytes)).replace(/[. ]+$/, '');
  return s === '' ? '_' : s;
}

/** A file name `stem + suffix` (suffix such as `公开表.xlsx`), the stem shortened if the whole is too long. */
export function safeFileName(stem: string, suffix: string): string {
  return `${safeName(stem, MAX_NAME_BYTES - Buffer.byteLength(suffix))}${suffix}`;
}

/** A relative folder path (`a/d1`) with every part made safe; `.` and `..` parts can never climb out. */
export function safeRelativeDir(parts: readonly string[]): string[] {
  return parts.map((p) => safeName(p));
}

/** The key under which two output names are the same folder on a case-insensitive file system. */
export function collisionKey(relativeParts: readonly string[]): string {
  return relativeParts.map((p) => p.normalize('NFC').toLowerCase()).join('/');
}
