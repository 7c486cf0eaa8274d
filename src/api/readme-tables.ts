/**
 * The tables the README restates, for scripts/gen-readme.mjs (built as
 * dist/readme-tables.js): the lint rules, the findings only render knows, and
 * render's outputs with who applies each. Not part of the library's entry.
 */
export { RULES } from '../input/rules/index.js';
export { RENDER_FINDINGS } from './findings.js';
export { APPLIED_BY, OUTPUTS } from './render.js';
