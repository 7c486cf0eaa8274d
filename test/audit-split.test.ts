import { describe, expect, it } from 'vitest';
import { splitLines } from '../src/audit/split.js';

async function collect(chunks: (string | Buffer)[], max = 64) {
  const lines: string[] = [];
  const tooLong: [number, number][] = [];
  const counts = await splitLines(
    chunks,
    max,
    (l, n) => lines.push(`${n}:${l.toString('latin1')}`),
    (n, bytes) => tooLong.push([n, bytes]),
  );
  return { lines, tooLong, counts };
}

describe('splitLines', () => {
  it('gives the same lines wherever the chunks are cut', async () => {
    const text = 'one\r\ntwo\n\nthree four\nlast without newline';
    const whole = await collect([text]);
    expect(whole.lines).toEqual(['1:one', '2:two', '3:', '4:three four', '5:last without newline']);
    for (let a = 0; a <= text.length; a++) {
      for (let b = a; b <= text.length; b += 3) {
        const cut = await collect([text.slice(0, a), text.slice(a, b), text.slice(b)].map((s) => Buffer.from(s)));
        expect(cut.lines, `cut at ${a}, ${b}`).toEqual(whole.lines);
      }
    }
  });

  it('skips a line over the bound without holding it: a 10 MiB line in 64 KiB chunks', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    async function* input() {
      yield Buffer.from('before\n');
      for (let i = 0; i < 160; i++) yield chunk;
      yield Buffer.from('\nafter\n');
    }
    const lines: string[] = [];
    const tooLong: [number, number][] = [];
    const counts = await splitLines(
      input(),
      64 * 1024,
      (l, n) => lines.push(`${n}:${l.toString()}`),
      (n, b) => tooLong.push([n, b]),
    );
    expect(lines).toEqual(['1:before', '3:after']);
    expect(tooLong).toEqual([[2, 10 * 1024 * 1024]]);
    expect(counts).toEqual({ lines: 3, tooLong: 1, maxHeld: 64 * 1024 });
  });

  it('counts a line exactly at the bound as a line, one byte over as too long (also when it ends the input)', async () => {
    const at = await collect([`${'x'.repeat(64)}\n${'y'.repeat(65)}`]);
    expect(at.lines).toEqual([`1:${'x'.repeat(64)}`]);
    expect(at.tooLong).toEqual([[2, 65]]);
  });

  it('an empty input has no lines', async () => {
    expect((await collect([])).counts).toEqual({ lines: 0, tooLong: 0, maxHeld: 0 });
  });
});
