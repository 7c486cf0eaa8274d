// Keys the lint rules need to know the templates read.
import { TEMPLATE_READ_KEYS, type TemplateReadKey } from '../profile.js';
import { scanActions } from './go-template.js';

/**
 * Which of TEMPLATE_READ_KEYS (values keys some lint rule acts on only where the chart's
 * templates read them: values.yaml mentions them only in comments, and older charts ignore
 * them) some template reads as .Values.KEY (or $.Values.KEY) in an action.
 */
export function templateReads(templates: ReadonlyMap<string, string>): TemplateReadKey[] {
  const actions = [...templates.values()].flatMap((text) => scanActions(text).filter((a) => !a.comment));
  return TEMPLATE_READ_KEYS.filter((key) => {
    const re = new RegExp(`(^|[^\\w.$])\\$?\\.Values\\.${key.replace(/\./g, '\\.')}(?![\\w-])`);
    return actions.some((a) => re.test(a.inner));
  });
}
