/**
 * `import()` of a module that is not in the bundle: the Kubernetes client (an
 * ES module), Node's built-ins loaded on demand.
 *
 * The CLI bundle runs as a vm.Script (src/cli/boot.ts, for V8's code cache),
 * and Node 20 gives a vm.Script's own `import()` no working loader once the
 * script comes from a code cache (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING on
 * every run after the first; a function callback needs
 * --experimental-vm-modules). So boot.ts hands the bundle an importer from
 * its own file, which Node's loader loaded, as the wrapper's
 * `__temporalAuthImport` parameter. Everywhere else (the ES module library,
 * the bundle loaded by `require`) the name is unbound and plain `import()` runs.
 */
declare const __temporalAuthImport: ((specifier: string) => Promise<unknown>) | undefined;

export function importExternal<T>(specifier: string): Promise<T> {
  return (typeof __temporalAuthImport === 'function' ? __temporalAuthImport(specifier) : import(specifier)) as Promise<T>;
}
