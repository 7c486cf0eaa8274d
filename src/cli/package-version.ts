import { readFileSync } from 'node:fs';
import { packagePath } from '../util/package-root.js';

/** The installed package's version (package.json): what --version and `version` print. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
}
