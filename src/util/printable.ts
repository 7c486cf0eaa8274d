/**
 * Characters that must not reach a terminal from text the outside world
 * chose (issuer fields, token claims, Kubernetes messages, release names,
 * YAML keys): C0 controls (ESC, CR, LF, BS...), DEL, C1 controls (CSI U+009B
 * and friends), the Unicode line and paragraph separators, and the format
 * characters (Unicode category Cf): the bidi overrides and isolates that
 * reorder what is shown (Trojan Source) and the invisible ones (zero-width
 * space and joiners, the byte order mark, tag characters) that make two
 * different names look alike. The custom-auth server escapes the same set in
 * its audit lines (server/internal/authz/audit_log.go).
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/gu;

/** `\uXXXX` for each UTF-16 unit (an astral character gives its surrogate pair, as JSON writes it). */
const unicodeEscape = (c: string) => {
  let out = '';
  for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
};

/**
 * `value` as text safe to print on a terminal, on one line: every character
 * above escaped as `\uXXXX`. Idempotent (an escape is plain text).
 */
export function printable(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.replace(UNPRINTABLE, unicodeEscape);
}

/** What JSON.stringify leaves raw inside strings (it escapes C0 itself; C0 outside strings is indentation). */
const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029\p{Cf}]/gu;

/**
 * JSON text (from JSON.stringify, indented or not) with the characters JSON
 * leaves raw (DEL, C1, U+2028/2029, format characters) written as `\uXXXX`
 * escapes: the same data, safe on a terminal. Such characters only occur
 * inside JSON strings, where the escape means the same character.
 */
export function printableJson(json: string): string {
  return json.replace(RAW_IN_JSON, unicodeEscape);
}
