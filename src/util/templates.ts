import { readFile } from 'node:fs/promises';
import { packagePath } from './package-root.js';


/**
 * Renders templates/<name>.hbs: text for people, never YAML (that is built as
 * data). Handlebars is imported here, on first use, so commands that print no
 * template (validate) do not pay for loading it. Templates named `*.html` are
 * HTML-escaped; the rest go to a terminal and are not.
 */
export async function renderTemplate(name: string, context: object): Promise<string> {
  const [{ default: Handlebars }, source] = await Promise.all([import('handlebars'), readFile(packagePath('templates', `${name}.hbs`), 'utf8')]);
  const hbs = Handlebars.create();
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  // A JSON scalar or list is valid YAML: how templates write user-given values safely.
  hbs.registerHelper('json', (v: unknown) => JSON.stringify(v));
  return hbs.compile(source, { noEscape: !name.endsWith('.html'), strict: true })(context);
}
