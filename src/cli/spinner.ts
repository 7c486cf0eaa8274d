const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A progress line on stderr while `work` runs; nothing at all when stderr is not a terminal. */
export async function withSpinner<T>(enabled: boolean, write: (t: string) => void, label: string, work: () => Promise<T>): Promise<T> {
  if (!enabled) return work();
  let i = 0;
  const timer = setInterval(() => write(`\r${FRAMES[i++ % FRAMES.length]} ${label}`), 80);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    write(`\r${' '.repeat(label.length + 2)}\r`);
  }
}
