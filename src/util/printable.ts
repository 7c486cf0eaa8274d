/**
 * Characters that must not reach a terminal from text the outside world
 * chose (issuer fields, token claims, Kubernetes messages, release names,
 * YAML keys): C0 controls (ESC, CR, LF, BS...), DEL, C1 controls (CSI U+009B
 * and friends), the Unicode line and paragraph separators, and the bidi
 * overrides and isolates that reorder what is shown (Trojan Source).
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const unicodeEscape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

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
const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text (from JSON.stringify, indented or not) with the characters JSON
 * leaves raw (DEL, C1, U+2028/2029, bidi controls) written as `\uXXXX`
 * escapes: the same data, safe on a terminal. Such characters only occur
 * inside JSON strings, where the escape means the same character.
 */
export function printableJson(json: string): string {
  return json.replace(RAW_IN_JSON, unicodeEscape);
}
