import type { AuthModel } from '../model/model.js';

/** Labels on every object temporal-auth emits, so `kubectl get -l` finds them. */
export function managedLabels(model: AuthModel): Record<string, string> {
  return {
    'app.kubernetes.io/managed-by': 'temporal-auth',
    'app.kubernetes.io/instance': model.release.name,
    'app.kubernetes.io/part-of': 'temporal',
  };
}
