import { ChartLacksKeysError, type Rendered, type RenderInputs, renderOutputs } from '../emit/index.js';
import type { AuthModel } from '../model/model.js';
import { printable } from '../util/printable.js';
import { InputError } from './errors.js';

/**
 * renderOutputs, with a user's chart (render --chart) that lacks a key the values write as the
 * InputError chart-shape-unknown (Helm would ignore the key): bad input, not a bug. `chartPath`
 * names the chart in the message, when known.
 */
export function renderForChart(model: AuthModel, inputs: RenderInputs, chartPath: string | undefined): Rendered {
  try {
    return renderOutputs(model, inputs);
  } catch (err) {
    if (!(err instanceof ChartLacksKeysError)) throw err;
    const shown = err.problems.slice(0, 3).map((p) => p.problem);
    const more = err.problems.length > shown.length ? ` and ${err.problems.length - shown.length} more` : '';
    const detail = `its values.yaml does not declare what temporal-auth writes (${printable(shown.join('; '))}${more}), so Helm would ignore it; render for a release the tool supports (--chart-version), or report the chart`;
    throw new InputError('chart-shape-unknown', `the chart ${chartPath === undefined ? 'given' : printable(chartPath)}: ${detail}`, { detail });
  }
}
