import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';

const TEMPLATES_DIR = new URL('../../templates/', import.meta.url);

/** Renders templates/<name>.hbs. Text for people, never YAML (that is built as data). */
export function renderTemplate(name: string, context: object): string {
  const source = readFileSync(new URL(`${name}.hbs`, TEMPLATES_DIR), 'utf8');
  // noEscape: this text goes to a terminal, not a web page.
  return Handlebars.compile(source, { noEscape: true, strict: true })(context);
}
