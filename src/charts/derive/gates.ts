// Gates: the `if`s that make the chart silently ignore what temporal-auth writes.
import type { ChartGate } from '../profile.js';
import { shape } from './errors.js';
import { isCall, isValues, type Resolved, resolve } from './expressions.js';
import { type Action, classify, parseAction, scanActions, squash, walkBlocks } from './go-template.js';

/** The first non-comment action of a template, and whether its block closes at the last one. */
function wholeFileIf(file: string, text: string): { line: number; text: string; cond: Resolved } {
  const actions = scanActions(text).filter((a) => !a.comment);
  const first = actions[0];
  const cls = first && classify(first);
  shape(first && cls?.kind === 'if', `${file}:${first?.line ?? 1}`, 'the file to start with an {{ if }}', first && squash(first.inner));
  let closedAt: Action | undefined;
  walkBlocks(file, actions, ({ closed }) => {
    if (closed && closed.action === first) closedAt = closed.endAction;
  });
  shape(closedAt === actions[actions.length - 1], `${file}:${first.line}`, 'its {{ if }} to guard the whole file (its {{ end }} the last action)');
  return { line: first.line, text: squash(first.inner), cond: resolve(parseAction(cls.rest), new Map()) };
}

/** True when the guard is `.Values.P` or `and .Values.P ...` (P falsy skips it either way). */
const guardedBy = (cond: Resolved, path: string) => (isValues(cond) && cond.path.join('.') === path) || (isCall(cond, 'and') && cond.args.some((a) => isValues(a) && a.path.join('.') === path));

type Site = ChartGate['sites'][number];

export function deriveGates(templates: ReadonlyMap<string, string>, internalFrontendKey: 'internalFrontend' | 'internal-frontend'): ChartGate[] {
  const gates: ChartGate[] = [];
  const get = (file: string): string => {
    const text = templates.get(file);
    shape(text !== undefined, file, 'the template to exist');
    return text;
  };

  // server.enabled: the server Deployments, and every template that writes server.config.authorization.
  const deployment = 'templates/server-deployment.yaml';
  const serverIf = wholeFileIf(deployment, get(deployment));
  shape(guardedBy(serverIf.cond, 'server.enabled'), `${deployment}:${serverIf.line}`, '{{ if $.Values.server.enabled }}', serverIf.text);
  const serverSites: Site[] = [{ template: deployment, line: serverIf.line, text: serverIf.text }];
  const configTemplates = [...templates.keys()].filter((f) => /\{\{-?\s*with\s+(\$server|\$\.Values\.server|\.Values\.server)\.config\.authorization\s*-?\}\}/.test(templates.get(f)!)).sort();
  shape(configTemplates.length > 0, 'templates/', 'a template writing server.config.authorization ({{ with $server.config.authorization }})');
  for (const file of configTemplates) {
    const g = wholeFileIf(file, get(file));
    shape(guardedBy(g.cond, 'server.enabled'), `${file}:${g.line}`, '{{ if .Values.server.enabled }} (or and .Values.server.enabled ...)', g.text);
    serverSites.push({ template: file, line: g.line, text: g.text });
  }
  gates.push({ id: 'server-enabled', condition: { when: 'falsy', path: 'server.enabled' }, sites: serverSites });

  // server.frontend.enabled: the per-service `if` inside the services loop.
  const actions = scanActions(get(deployment)).filter((a) => !a.comment);
  const rangeIdx = actions.findIndex((a) => classify(a).kind === 'range');
  const range = actions[rangeIdx];
  const rm = range && /^range\s+(\$[A-Za-z0-9_]+)\s*:=\s*\(list((?:\s+"[^"]+")+)\s*\)$/.exec(squash(range.inner));
  shape(range && rm, `${deployment}:${range?.line}`, '{{ range $service := (list "frontend" ...) }}', range && squash(range.inner));
  const services = [...rm[2]!.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
  shape(services.includes('frontend'), `${deployment}:${range.line}`, 'the services list to hold "frontend"', services.join(' '));
  const rangeVar = rm[1]!;
  let valuesVar: string | undefined;
  let indexAction: Action | undefined;
  let gateAction: Action | undefined;
  for (const a of actions.slice(rangeIdx + 1)) {
    const cls = classify(a);
    if (cls.kind === 'pipeline') {
      const m = /^(\$[A-Za-z0-9_]+)\s*:=\s*index\s+\$\.Values\.server\s+(\$[A-Za-z0-9_]+)$/.exec(squash(a.inner));
      if (m && m[2] === rangeVar) {
        valuesVar = m[1]!;
        indexAction = a;
      }
      continue;
    }
    if (cls.kind === 'if') gateAction = a;
    break;
  }
  shape(valuesVar && indexAction, `${deployment}:${range.line}`, `{{ $serviceValues := index $.Values.server ${rangeVar} }} right after the range`);
  const gateCls = gateAction && classify(gateAction);
  const gateText = gateCls && 'rest' in gateCls && gateCls.rest !== undefined ? squash(gateCls.rest) : undefined;
  const v = valuesVar.replace('$', '\\$');
  let frontendWhen: 'falsy' | 'hasKeyFalsy' | undefined;
  if (gateText === `${valuesVar}.enabled`) frontendWhen = 'falsy';
  else if (new RegExp(`^or \\(not \\(hasKey ${v} "enabled"\\)\\) ${v}\\.enabled$`).test(gateText ?? '')) frontendWhen = 'hasKeyFalsy';
  shape(
    gateAction && frontendWhen,
    `${deployment}:${gateAction?.line ?? range.line}`,
    `{{ if ${valuesVar}.enabled }} or {{ if or (not (hasKey ${valuesVar} "enabled")) ${valuesVar}.enabled }}`,
    gateText,
  );
  gates.push({
    id: 'frontend-enabled',
    condition: { when: frontendWhen!, path: 'server.frontend.enabled' },
    sites: [
      { template: deployment, line: range.line, text: squash(range.inner) },
      { template: deployment, line: indexAction.line, text: squash(indexAction.inner) },
      { template: deployment, line: gateAction.line, text: squash(gateAction.inner) },
    ],
  });
  const deploymentKey = services.find((s) => s === 'internalFrontend' || s === 'internal-frontend');
  shape(deploymentKey === internalFrontendKey, `${deployment}:${range.line}`, `the services list to name the internal frontend as values.yaml does (${internalFrontendKey})`, deploymentKey);

  // web.enabled
  const web = 'templates/web-deployment.yaml';
  const webIf = wholeFileIf(web, get(web));
  shape(isValues(webIf.cond) && webIf.cond.path.join('.') === 'web.enabled', `${web}:${webIf.line}`, '{{ if .Values.web.enabled }}', webIf.text);
  gates.push({ id: 'web-enabled', condition: { when: 'falsy', path: 'web.enabled' }, sites: [{ template: web, line: webIf.line, text: webIf.text }] });

  // The other generation's internal frontend key.
  const other = internalFrontendKey === 'internalFrontend' ? 'internal-frontend' : 'internalFrontend';
  const mentions: Site[] = [];
  for (const [file, text] of [...templates].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const a of scanActions(text)) {
      if (!a.comment && a.inner.includes(other)) mentions.push({ template: file, line: a.line, text: squash(a.inner) });
    }
  }
  const otherSite: Site = { template: deployment, line: range.line, text: squash(range.inner) };
  const enabledReads = mentions.filter((m) =>
    new RegExp(`(index \\$?\\.Values\\.server "${other}"\\)?\\.enabled|hasKey \\$?\\.Values\\.server "${other}"|\\.Values\\.server\\.${other}\\b)`).test(m.text),
  );
  const firstMention = mentions[0];
  const firstRead = enabledReads[0];
  if (!firstMention) {
    // Read nowhere: everything under it is ignored.
    gates.push({ id: 'internal-frontend-key', condition: { when: 'truthy', path: `server.${other}` }, readsInstead: `server.${internalFrontendKey}`, sites: [otherSite] });
  } else if (!firstRead) {
    // Named (as a service name), but its `enabled` never read: the internal frontend is enabled from the other key only.
    shape(
      mentions.every((m) => !m.text.includes('.Values')),
      `${firstMention.template}:${firstMention.line}`,
      `"${other}" to be named only as a service name, not read from .Values`,
      firstMention.text,
    );
    gates.push({ id: 'internal-frontend-key', condition: { when: 'present', path: `server.${other}.enabled` }, readsInstead: `server.${internalFrontendKey}.enabled`, sites: [otherSite] });
  } else {
    // Read: it must be a fail in _deprecations.tpl, which is a trap already.
    shape(
      enabledReads.every((m) => m.template.endsWith('_deprecations.tpl')),
      `${firstRead.template}:${firstRead.line}`,
      `server.${other} to be read only by a deprecation check`,
      firstRead.text,
    );
  }
  return gates;
}
