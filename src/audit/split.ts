/**
 * Lines of a byte stream, one at a time, in time linear in the input and
 * memory bounded by `maxBytes`: a line longer than that is never held whole;
 * its bytes are dropped as they arrive and the line is reported as too long
 * (its length counted, up to the next newline). A trailing `\r` is removed
 * (CRLF files); a last line without a newline counts.
 */
export interface SplitCounts {
  lines: number;
  tooLong: number;
  /** The most bytes of one unfinished line ever held (at most maxBytes): what the bound bounds. */
  maxHeld: number;
}

export type LineHandler = (line: Buffer, lineNo: number) => void;
export type TooLongHandler = (lineNo: number, bytes: number) => void;

export async function splitLines(chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, maxBytes: number, onLine: LineHandler, onTooLong: TooLongHandler): Promise<SplitCounts> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  // While > 0: the current line went over maxBytes and is being skipped (its length so far).
  let skipped = 0;
  let lineNo = 0;
  let tooLong = 0;
  let maxHeld = 0;
  const finish = (last: Buffer) => {
    lineNo++;
    if (skipped > 0) {
      tooLong++;
      onTooLong(lineNo, skipped + last.length);
      skipped = 0;
      return;
    }
    let line = pending.length === 0 ? last : Buffer.concat([...pending, last], pendingBytes + last.length);
    pending = [];
    pendingBytes = 0;
    if (line.length > maxBytes) {
      tooLong++;
      onTooLong(lineNo, line.length);
      return;
    }
    if (line.length > 0 && line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
    onLine(line, lineNo);
  };
  for await (const chunk of chunks) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (let nl = buf.indexOf(0x0a, start); nl !== -1; nl = buf.indexOf(0x0a, start)) {
      finish(buf.subarray(start, nl));
      start = nl + 1;
    }
    if (start < buf.length) {
      const rest = buf.subarray(start);
      if (skipped > 0) skipped += rest.length;
      else if (pendingBytes + rest.length > maxBytes) {
        // Over the bound: drop what is held, count the rest as it comes.
        skipped = pendingBytes + rest.length;
        pending = [];
        pendingBytes = 0;
      } else {
        // A copy: the stream may reuse its chunk's memory.
        pending.push(Buffer.from(rest));
        pendingBytes += rest.length;
        if (pendingBytes > maxHeld) maxHeld = pendingBytes;
      }
    }
  }
  if (pendingBytes > 0 || skipped > 0) finish(Buffer.alloc(0));
  return { lines: lineNo, tooLong, maxHeld };
}
