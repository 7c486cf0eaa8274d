// The Web UI the chart runs.
import { ChartDeriveError } from './errors.js';
import { valueAt } from './values.js';

const WEB_UI_REPOSITORY = 'temporalio/ui';
const WEB_UI_IMAGE = '"{{ .Values.web.image.repository }}:{{ .Values.web.image.tag }}"';

/**
 * The Temporal Web UI version the chart's Deployment runs by default: values.yaml's
 * `web.image.tag`, once web-deployment.yaml is seen to build the image from exactly those keys
 * and the repository is temporalio/ui. What the tool writes for the UI (which env vars it
 * reads, its config template) depends on this version, so a tag that is not a plain X.Y.Z
 * (a YAML number such as 2.40, a digest, a `v` prefix) is an error to look at, not a guess.
 */
export function webUiVersionOf(templates: ReadonlyMap<string, string>, values: unknown): string {
  const file = 'templates/web-deployment.yaml';
  const text = templates.get(file);
  if (text === undefined) throw new ChartDeriveError('shape', `${file}: expected the template to exist (the Web UI's image is read from it)`);
  if (!text.includes(`image: ${WEB_UI_IMAGE}`)) throw new ChartDeriveError('shape', `${file}: expected the container image to be image: ${WEB_UI_IMAGE}`);
  const repository = valueAt(values, 'web.image.repository');
  if (repository !== WEB_UI_REPOSITORY) throw new ChartDeriveError('shape', `values.yaml: expected web.image.repository ${WEB_UI_REPOSITORY}, found ${JSON.stringify(repository)}`);
  const tag = valueAt(values, 'web.image.tag');
  if (typeof tag !== 'string' || !/^\d+\.\d+\.\d+$/.test(tag))
    throw new ChartDeriveError('shape', `values.yaml: expected web.image.tag to be a Web UI version X.Y.Z (a YAML string), found ${JSON.stringify(tag)}`);
  return tag;
}
