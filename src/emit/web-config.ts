import type { AuthModel } from '../model/model.js';
import { managedLabels } from './labels.js';
import { toYaml } from './yaml.js';

/*
 * Settings the Temporal Web UI reads only from its YAML config, not from env.
 * Upstream facts (github.com/temporalio/ui, tags v2.39.0, v2.48.1, v2.52.0):
 * - server/Dockerfile: WORKDIR /home/ui-server, and only config/docker.yaml is copied in;
 *   server/docker/start-ui-server.sh runs `./ui-server --env docker start`.
 * - server/plugins/fs_config_provider/loader.go: loads <root>/config/base.yaml, then
 *   <root>/config/<env>.yaml (docker.yaml), the later file's keys overriding.
 * - server/config/docker.yaml (the env template) never sets auth.maxSessionDuration, so a
 *   base.yaml carrying it survives; it does set auth.providers, whose list replaces
 *   base.yaml's wholesale, so provider `options` cannot be carried this way.
 * - server/server/config/config.go: `MaxSessionDuration time.Duration yaml:"maxSessionDuration"`
 *   under `auth`, first in v2.45.2 (absent in 2.39.0).
 */

/** The UI's config directory in the official image, and the file mounted into it. */
export const UI_CONFIG_DIR = '/home/ui-server/config';
export const UI_BASE_CONFIG_FILE = 'base.yaml';
export const UI_BASE_CONFIG_PATH = `${UI_CONFIG_DIR}/${UI_BASE_CONFIG_FILE}`;

/** Volume carrying the UI config ConfigMap into the web pod. */
export const WEB_CONFIG_VOLUME = 'temporal-auth-web-config';

export function webConfigMapName(model: AuthModel): string {
  return `${model.release.name}-web-auth-config`;
}

/** The UI config file's content as data; undefined when no config-only setting is used. */
export function webUiConfig(model: AuthModel): Record<string, unknown> | undefined {
  if (model.web.maxSessionDuration === undefined) return undefined;
  return { auth: { maxSessionDuration: model.web.maxSessionDuration } };
}

/** The ConfigMap mounted as the UI's config/base.yaml; undefined when nothing needs it. */
export function emitWebConfigMap(model: AuthModel) {
  const config = webUiConfig(model);
  if (!config) return undefined;
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: webConfigMapName(model), namespace: model.release.namespace, labels: managedLabels(model) },
    data: { [UI_BASE_CONFIG_FILE]: toYaml(config) },
  };
}
