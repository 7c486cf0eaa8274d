// A user's Helm chart (render --chart PATH), read as hostile input: a chart folder or a packaged
// chart (.tgz, as `helm pull` or `helm package` writes it). Only what the profile is derived
// from is read: Chart.yaml, values.yaml and every file under templates/. Everything is bounded
// (the archive's size, its size unpacked, the number of entries, the bytes read), no symbolic or
// hard link is followed or accepted, nor a device, FIFO or socket, nor an archive path that
// leaves its top folder. Each problem is a ChartFilesError: one line, saying what to do.
import { type Dirent, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ChartFiles } from '../charts/derive/derive-profile.js';
import { type RegularFileProblem, readRegularFileBytes, readRegularTextFile, utf8Text } from '../util/regular-file.js';

/** Most bytes of Chart.yaml, values.yaml and the templates together (the official chart: about 250 KB). */
export const MAX_CHART_BYTES = 8 * 1024 * 1024;
/** Most files under templates/ (the official chart: 25). */
export const MAX_CHART_TEMPLATES = 1000;
/** Most bytes of a packaged chart as given (gzip'd). */
export const MAX_CHART_ARCHIVE_BYTES = 16 * 1024 * 1024;
/** Most bytes of a packaged chart unpacked (the tar stream): 0.x charts carry their sub-charts. */
export const MAX_CHART_TAR_BYTES = 64 * 1024 * 1024;
/** Most entries in a packaged chart, directories and skipped files included. */
export const MAX_CHART_ARCHIVE_ENTRIES = 20_000;
/** Deepest folder under templates/ a folder chart may have. */
const MAX_DEPTH = 16;

/**
 * Why a chart path cannot be read; the message is one line that follows the path and a colon
 * ("does not exist; ...", "templates/x is ..."), ending with what to do.
 */
export class ChartFilesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChartFilesError';
  }
}

const fail = (message: string): never => {
  throw new ChartFilesError(message);
};

const WHAT = 'a chart folder (Chart.yaml, values.yaml, templates/) or a packaged chart .tgz (helm pull temporal/temporal --version X)';

/** Reads the chart at `path`a folder, or a gzip'd tar archive. Throws ChartFilesError. */
export async function readChartFiles(path: string): Promise<ChartFiles> {
  let info: ReturnType<typeof lstatSync>;
  try {
    info = lstatSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? `does not exist; give ${WHAT}` : `cannot be read (${code ?? 'error'}); make it readable`);
  }
  if (info.isSymbolicLink()) return fail(`is a symbolic link, which temporal-auth does not follow; give the chart folder or archive it points to`);
  if (info.isDirectory()) return readChartFolder(path);
  if (!info.isFile()) return fail(`is not a regular file or folder (a pipe, socket or device); give ${WHAT}`);
  return readChartArchive(path);
}

// ---------------------------------------------------------------------------------------------
// A folder

function fileProblem(rel: string, problem: RegularFileProblem | { kind: 'symlink' }, budget: number): string {
  switch (problem.kind) {
    case 'missing':
      return `has no ${rel}; give ${WHAT}`;
    case 'symlink':
      return `${rel} is a symbolic link, which temporal-auth does not follow; replace it with the file itself`;
    case 'unreadable':
      return problem.code === 'ELOOP' ? `${rel} is a symbolic link, which temporal-auth does not follow; replace it with the file itself` : `${rel} cannot be read (${problem.code}); make it readable`;
    case 'directory':
      return `${rel} is a folder, not a file; give ${WHAT}`;
    case 'not-regular':
      return `${rel} is not a regular file (a pipe, socket or device); a chart holds plain files only`;
    case 'too-large':
    case 'grew':
      return `${rel} takes the chart past ${MAX_CHART_BYTES} bytes (Chart.yaml, values.yaml and templates/ together, ${budget} left for it); is this the temporal chart?`;
    case 'not-utf8':
      return `${rel} is not UTF-8 text; a chart's YAML and templates are text`;
  }
}

async function readChartFolder(dir: string): Promise<ChartFiles> {
  let budget = MAX_CHART_BYTES;
  const read = (rel: string): string => {
    const file = join(dir, rel);
    const got = readRegularTextFile(file, budget, { noFollow: true });
    if (!got.ok) return fail(fileProblem(rel, got.problem, budget));
    budget -= Buffer.byteLength(got.text);
    return got.text;
  };
  const chartYaml = read('Chart.yaml');
  const valuesYaml = read('values.yaml');
  const templates = new Map<string, string>();
  const walk = (rel: string, depth: number) => {
    if (depth > MAX_DEPTH) fail(`${rel} is more than ${MAX_DEPTH} folders deep under templates/; is this the temporal chart?`);
    let entries: Dirent[];
    try {
      entries = readdirSync(join(dir, rel), { withFileTypes: true });
    } catch (err) {
      return fail(`${rel} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}); make it readable`);
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const child = `${rel}/${entry.name}`;
      // The entry's own type: readdir does not follow symbolic links.
      if (entry.isSymbolicLink()) fail(fileProblem(child, { kind: 'symlink' }, budget));
      else if (entry.isDirectory()) walk(child, depth + 1);
      else if (entry.isFile()) {
        if (templates.size >= MAX_CHART_TEMPLATES) fail(`has more than ${MAX_CHART_TEMPLATES} files under templates/; is this the temporal chart?`);
        templates.set(child, read(child));
      } else fail(fileProblem(child, { kind: 'not-regular' }, budget));
    }
  };
  let templatesInfo: ReturnType<typeof lstatSync> | undefined;
  try {
    templatesInfo = lstatSync(join(dir, 'templates'));
  } catch {
    templatesInfo = undefined;
  }
  if (!templatesInfo) fail(`has no templates/ folder; give ${WHAT}`);
  else if (templatesInfo.isSymbolicLink()) fail(fileProblem('templates', { kind: 'symlink' }, budget));
  else if (!templatesInfo.isDirectory()) fail(`templates is not a folder; give ${WHAT}`);
  walk('templates', 0);
  return { chartYaml, valuesYaml, templates: sortedByPath(templates), source: null };
}

/** Templates in code-unit order of their paths, as git lists them for the built-in profiles. */
function sortedByPath(templates: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...templates].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// ---------------------------------------------------------------------------------------------
// A packaged chart

/**
 * The archive's entries through tar-stream: a well-kept tar reader (pax and GNU long names,
 * checksums), and already in every install as @kubernetes/client-node's (tar-fs) dependency.
 * It is handed the unpacked tar in memory, which the bounds above keep small.
 */
async function readChartArchive(file: string): Promise<ChartFiles> {
  const got = readRegularFileBytes(file, MAX_CHART_ARCHIVE_BYTES);
  if (!got.ok) {
    const p = got.problem;
    return fail(
      p.kind === 'too-large' || p.kind === 'grew'
        ? `is over ${MAX_CHART_ARCHIVE_BYTES} bytes, more than a packaged chart; is this the temporal chart?`
        : p.kind === 'unreadable'
          ? `cannot be read (${p.code}); make it readable`
          : p.kind === 'missing'
            ? `does not exist; give ${WHAT}`
            : `is not a regular file; give ${WHAT}`,
    );
  }
  const gz = got.bytes;
  if (gz.length < 2 || gz[0] !== 0x1f || gz[1] !== 0x8b) return fail(`is neither a folder nor a gzip'd archive; give ${WHAT}`);
  let tar: Buffer;
  try {
    tar = gunzipSync(gz, { maxOutputLength: MAX_CHART_TAR_BYTES });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(
      code === 'ERR_BUFFER_TOO_LARGE'
        ? `unpacks to more than ${MAX_CHART_TAR_BYTES} bytes, more than a packaged chart; is this the temporal chart?`
        : `is not a valid gzip file (${code ?? 'corrupt'}); package the chart again (helm package, or helm pull)`,
    );
  }
  const { extract } = await import('tar-stream');
  const entries = extract();
  entries.end(tar);
  let top: string | undefined;
  let budget = MAX_CHART_BYTES;
  let count = 0;
  const files = new Map<string, string>();
  const templates = new Map<string, string>();
  try {
    for await (const entry of entries) {
      const { header } = entry;
      const name = header.name;
      if (++count > MAX_CHART_ARCHIVE_ENTRIES) fail(`holds more than ${MAX_CHART_ARCHIVE_ENTRIES} entries, more than a packaged chart; is this the temporal chart?`);
      const segments = name.split('/').filter((s) => s !== '' && s !== '.');
      if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.includes('\\') || name.includes('\0') || segments.includes('..'))
        fail(`holds the entry ${JSON.stringify(name)}, whose path leaves the chart's folder; package the chart again (helm package)`);
      // (pax and GNU long-name headers are read by tar-stream into the entry they describe)
      if (header.type !== 'file' && header.type !== 'directory') fail(`holds ${JSON.stringify(name)}, a ${header.type ?? 'special'} entry; a packaged chart holds plain files and folders only`);
      if (segments.length === 0) {
        entry.resume();
        continue;
      }
      if (top === undefined) top = segments[0]!;
      else if (segments[0] !== top) fail(`holds both ${top}/ and ${segments[0]}/ at its top; a packaged chart has one top folder`);
      const rel = segments.slice(1).join('/');
      const wanted = header.type === 'file' && (rel === 'Chart.yaml' || rel === 'values.yaml' || rel.startsWith('templates/'));
      if (!wanted) {
        entry.resume();
        continue;
      }
      if (files.has(rel) || templates.has(rel)) fail(`holds ${top}/${rel} twice; package the chart again (helm package)`);
      if (rel.startsWith('templates/') && templates.size >= MAX_CHART_TEMPLATES) fail(`has more than ${MAX_CHART_TEMPLATES} files under templates/; is this the temporal chart?`);
      const size = header.size ?? 0;
      if (size > budget) fail(`${top}/${rel} takes the chart past ${MAX_CHART_BYTES} bytes (Chart.yaml, values.yaml and templates/ together); is this the temporal chart?`);
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      const text = utf8Text(Buffer.concat(chunks));
      if (text === undefined) fail(`${top}/${rel} is not UTF-8 text; a chart's YAML and templates are text`);
      budget -= size;
      (rel.startsWith('templates/') ? templates : files).set(rel, text!);
    }
  } catch (err) {
    if (err instanceof ChartFilesError) throw err;
    return fail(`is not a valid tar archive once unpacked (${(err as Error).message.split('\n')[0]}); package the chart again (helm package, or helm pull)`);
  }
  const chartYaml = files.get('Chart.yaml');
  const valuesYaml = files.get('values.yaml');
  const where = top === undefined ? '' : ` (in ${top}/)`;
  if (chartYaml === undefined) return fail(`has no Chart.yaml${where}; give ${WHAT}`);
  if (valuesYaml === undefined) return fail(`has no values.yaml${where}; give ${WHAT}`);
  if (templates.size === 0) return fail(`has no templates/${where}; give ${WHAT}`);
  return { chartYaml, valuesYaml, templates: sortedByPath(templates), source: null };
}
