import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Why a file could not be read as bounded UTF-8 text; each caller says it in its own words. */
export type RegularFileProblem =
  | { kind: 'missing' }
  | { kind: 'unreadable'; code: string }
  | { kind: 'directory' }
  | { kind: 'not-regular' }
  | { kind: 'too-large'; size: number }
  | { kind: 'grew' }
  | { kind: 'not-utf8' };

/**
 * A small file from outside, read as bytes: a regular file only (a FIFO would
 * block forever, a device never ends), at most `maxBytes`. The file is opened
 * without blocking and checked on the open handle, so it cannot be swapped for
 * something else between the check and the read, and reading stops one byte
 * past the cap whatever the size said. `noFollow`: a symbolic link is not
 * followed (it fails as unreadable, ELOOP), for files inside a folder the user
 * names, which must not reach outside it.
 */
export function readRegularFileBytes(
  file: string,
  maxBytes: number,
  options: { noFollow?: boolean } = {},
): { ok: true; bytes: Buffer } | { ok: false; problem: Exclude<RegularFileProblem, { kind: 'not-utf8' }> } {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | (options.noFollow ? constants.O_NOFOLLOW : 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, problem: code === 'ENOENT' ? { kind: 'missing' } : { kind: 'unreadable', code: code ?? 'error' } };
  }
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) return { ok: false, problem: { kind: 'directory' } };
    if (!info.isFile()) return { ok: false, problem: { kind: 'not-regular' } };
    if (info.size > maxBytes) return { ok: false, problem: { kind: 'too-large', size: info.size } };
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) return { ok: false, problem: { kind: 'grew' } };
    }
    return { ok: true, bytes: buffer.subarray(0, length) };
  } finally {
    closeSync(fd);
  }
}

/** UTF-8 text of bytes, or undefined when they are not UTF-8. */
export function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The same as readRegularFileBytes, as UTF-8 text. */
export function readRegularTextFile(file: string, maxBytes: number, options: { noFollow?: boolean } = {}): { ok: true; text: string } | { ok: false; problem: RegularFileProblem } {
  const read = readRegularFileBytes(file, maxBytes, options);
  if (!read.ok) return read;
  const text = utf8Text(read.bytes);
  return text === undefined ? { ok: false, problem: { kind: 'not-utf8' } } : { ok: true, text };
}
