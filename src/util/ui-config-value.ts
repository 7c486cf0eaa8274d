/**
 * The Temporal Web UI pastes its TEMPORAL_AUTH_* env values unquoted into its
 * own YAML config template (temporalio/ui server/config/docker.yaml). A value
 * that YAML reads as something else breaks the UI's start, or changes its
 * meaning: a newline or `: ` splits it, ` #` cuts it short, and a leading
 * indicator character makes it a flow collection, an alias, a tag or a quote.
 */
export function uiConfigValueProblem(value: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'holds a newline or another control character';
  if (value.includes(': ')) return 'holds ": "';
  if (value.includes(' #')) return 'holds " #" (the rest would be read as a comment)';
  if (/^[{[&*!|>'"%@`#,?]/.test(value)) return `starts with "${value[0]}", which YAML reads as syntax`;
  if (/\s$|^\s/.test(value)) return 'starts or ends with a space';
  return undefined;
}
