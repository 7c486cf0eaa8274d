/** WHATWG URL parse that answers undefined instead of throwing (the schema reports bad URLs). */
export function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
