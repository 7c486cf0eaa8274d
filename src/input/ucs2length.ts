/**
 * A string's length in Unicode code points (a surrogate pair counts once), as the schema's
 * minLength and maxLength count it: ajv's own runtime helper (ajv/dist/runtime/ucs2length),
 * in the bundle instead of required from node_modules at every start (test/uri-format.test.ts
 * checks both agree).
 */
export function ucs2length(str: string): number {
  const len = str.length;
  let length = 0;
  let pos = 0;
  while (pos < len) {
    length++;
    const value = str.charCodeAt(pos++);
    // A high surrogate followed by a low one is one code point.
    if (value >= 0xd800 && value <= 0xdbff && pos < len && (str.charCodeAt(pos) & 0xfc00) === 0xdc00) pos++;
  }
  return length;
}
