/**
 * Renders a template from templates/ (name without .hbs): text for people,
 * never YAML (that is built as data). The templates are precompiled by
 * scripts/gen-templates.mjs; here only handlebars' runtime is loaded, on first
 * use, so commands that print no template (validate) do not pay for it.
 */
export async function renderTemplate(name: string, context: object): Promise<string> {
  const [runtime, { TEMPLATES }] = await Promise.all([import('handlebars/runtime.js'), import('./templates.generated.js')]);
  // The runtime's typings omit what it shares with the full package (create, template).
  const Handlebars = runtime.default as unknown as typeof import('handlebars');
  const spec = Object.hasOwn(TEMPLATES, name) ? TEMPLATES[name] : undefined;
  if (!spec) throw new Error(`internal: no template ${name}; run npm run gen:templates`);
  const hbs = Handlebars.create();
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  // A JSON scalar or list is valid YAML: how templates write user-given values safely.
  hbs.registerHelper('json', (v: unknown) => JSON.stringify(v));
  return hbs.template(spec as never)(context);
}
