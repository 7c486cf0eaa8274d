import { Document } from 'yaml';

/**
 * The one way emitted YAML is serialised: data in, text out, no folding of
 * long lines (a folded URL is a diff nobody wants), an optional header comment.
 */
export function toYaml(data: unknown, header?: string): string {
  const doc = new Document(data);
  if (header) doc.commentBefore = header;
  return doc.toString({ lineWidth: 0, minContentWidth: 0 });
}
