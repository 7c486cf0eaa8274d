// Sanity: the chart's own defaults must trigger no modelled trap or gate.
import type { ChartGate, ChartTrap } from '../profile.js';
import { ChartDeriveError } from './errors.js';
import { goTruthy, isMap, valueAt } from './values.js';

/** Throws when the chart's own values.yaml fires one of its modelled traps or gates: a condition was misread. */
export function checkDefaults(version: string, values: unknown, traps: readonly ChartTrap[], gates: readonly ChartGate[]): void {
  for (const t of traps) {
    const c = t.condition;
    let fires = false;
    if (c.when === 'truthy') fires = goTruthy(valueAt(values, c.path));
    else if (c.when === 'isMap') fires = isMap(valueAt(values, c.path));
    else if (c.when === 'nonEmptyMap') {
      const v = valueAt(values, c.path);
      fires = goTruthy(v) && isMap(v);
    } else if (c.when === 'storeHasKey') {
      const datastores = valueAt(values, c.datastoresPath);
      const name = valueAt(values, c.namePath);
      const store = isMap(datastores) && typeof name === 'string' ? datastores[name] : undefined;
      fires = isMap(store) && Object.hasOwn(store, c.key);
    }
    if (fires) throw new ChartDeriveError('shape', `chart ${version}: its own values.yaml triggers ${t.template}:${t.line} (${JSON.stringify(c)}): the condition was misread`);
  }
  for (const g of gates) {
    const c = g.condition;
    const v = valueAt(values, c.path);
    const parent = valueAt(values, c.path.split('.').slice(0, -1).join('.'));
    const has = isMap(parent) && Object.hasOwn(parent, c.path.split('.').pop()!);
    const fires = c.when === 'falsy' ? !goTruthy(v) : c.when === 'hasKeyFalsy' ? has && !goTruthy(v) : c.when === 'present' ? has : goTruthy(v);
    if (fires) throw new ChartDeriveError('shape', `chart ${version}: its own values.yaml triggers gate ${g.id} (${JSON.stringify(c)})`);
  }
}
