// A secret file's bytes are the secret, but for the one trailing newline
// `echo secret > file` adds: nothing else is trimmed (a space or tab at the
// end belongs to it; a second newline is a second line, refused).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envAndFileSecrets } from '../src/index.js';
import { tempDir } from './helpers.js';

const read = (dir: string, name: string) => envAndFileSecrets({})({ fromFile: name }, { specFile: join(dir, 'spec.yaml'), path: ['clients', 'web', 'clientSecret', 'fromFile'] });

describe('secret files: exactly one trailing newline is not part of the secret', () => {
  it.each([
    ['s3cret\n', 's3cret'],
    ['s3cret\r\n', 's3cret'],
    ['s3cret', 's3cret'],
    ['s3cret \n', 's3cret '],
    ['s3cret\t', 's3cret\t'],
    ['  s3cret', '  s3cret'],
  ])('%j is %j', async (content, value) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'secret'), content);
    expect(await read(dir, 'secret')).toEqual({ ok: true, value });
  });

  it('two trailing newlines are two lines: refused, not trimmed', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'secret'), 's3cret\n\n');
    expect(await read(dir, 'secret')).toMatchObject({ ok: false, message: expect.stringContaining('line break') });
  });
});
