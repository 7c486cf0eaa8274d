import { readFile } from 'node:fs/promises';

const TEMPLATES_DIR = new URL('../../templates/', import.meta.url);

/**
 * Renders templates/<name>.hbs: text for people, never YAML (that is built as
 * data). Handlebars is imported here, on first use, so commands that print no
 * template (validate) do not pay for loading it.
 */
export async function renderTemplate(name: string, context: object): Promise<string> {
  const [{ default: Handlebars }, source] = await Promise.all([import('handlebars'), readFile(new URL(`${name}.hbs`, TEMPLATES_DIR), 'utf8')]);
  // noEscape: this text goes to a terminal, not a web page.
  return Handlebars.compile(source, { noEscape: true, strict: true })(context);
}
