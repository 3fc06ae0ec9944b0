import type { z } from 'zod';
import type { Locale, NodeDefinition } from '../nodes/define';
import type { NodeRegistry } from '../nodes/registry';
import { MAX_JSON_DEPTH, tooDeepAt, tooDeepMessage } from '../limits/json-depth';
import type { Condition } from '../rules/conditions';
import { conditionProblems } from './condition-problems';
import { cycles, reachableFrom } from './graph';
import { formatPath, problemMessage, type Problem } from './problems';
import { journeySchema, type Journey } from './schema';
import { plainMessages } from './parse-messages';
import { issueMessage } from './issue-words';
import { configFieldText } from '../nodes/config-texts';

export type ValidationResult = { ok: true; journey: Journey; problems: [] } | { ok: false; journey?: Journey; problems: Problem[] };

/**
 * Checks a journey document and returns every problem at once, each with its path and a message
 * a marketer understands. The designer runs it as you draw; the API runs it on save and publish.
 */
export function validateJourney(input: unknown, registry: NodeRegistry, locale: Locale = 'en'): ValidationResult {
  // Measured first: the schema and the condition checks below recurse, and would overflow the stack.
  const deep = tooDeepAt(input, MAX_JSON_DEPTH);
  if (deep) return { ok: false, problems: [{ path: formatPath(deep), code: 'invalid', message: tooDeepMessage(locale, formatPath(deep)) }] };
  const parsed = journeySchema.safeParse(input, plainMessages);
  if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error, [], locale) };
  const journey = parsed.data;
  const problems: Problem[] = [];
  const say = (path: (string | number)[], code: Parameters<typeof problemMessage>[1], params: Record<string, string> = {}, nodeId?: string) =>
    problems.push({ path: formatPath(path), code, message: problemMessage(locale, code, params), ...(nodeId ? { nodeId } : {}) });

  /** Every rule names a known fact and operator and gives a value that fits them (condition-problems.ts). */
  function checkCondition(condition: Condition, path: (string | number)[], nodeId?: string): void {
    problems.push(...conditionProblems(condition, path, locale, nodeId));
  }

  // Nodes: unique ids, known types, valid configs.
  const byId = new Map<string, { index: number; def?: NodeDefinition; config?: unknown }>();
  journey.nodes.forEach((node, i) => {
    if (byId.has(node.id)) say(['nodes', i, 'id'], 'duplicate_node_id', { id: node.id }, node.id);
    // A published document names the version each node was published with; a draft uses the latest.
    const def = registry.get(node.type, node.typeVersion);
    const entry: { index: number; def?: NodeDefinition; config?: unknown } = { index: i };
    byId.set(node.id, entry);
    if (!def) {
      const installed = registry.versions(node.type);
      if (installed.length === 0) return say(['nodes', i, 'type'], 'unknown_node_type', { type: node.type }, node.id);
      return say(
        ['nodes', i, 'typeVersion'],
        'unknown_node_version',
        { type: node.type, version: String(node.typeVersion), installed: installed.join(', ') },
        node.id,
      );
    }
    entry.def = def;
    const config = def.config.safeParse(node.config, plainMessages);
    if (!config.success) {
      const title = (path: (string | number)[]) => configFieldText(def, path, locale)?.title;
      for (const p of zodProblems(config.error, ['nodes', i, 'config'], locale, title)) problems.push({ ...p, code: 'invalid_config', nodeId: node.id });
      return;
    }
    entry.config = config.data;
    for (const { condition, path } of def.conditions?.(config.data) ?? []) checkCondition(condition, ['nodes', i, 'config', ...path], node.id);
  });
  // The journey's own conditions: exit criteria and the conversion goal.
  journey.settings.exitWhen.forEach((w, i) => w.condition && checkCondition(w.condition, ['settings', 'exitWhen', i, 'condition']));
  if (journey.settings.goal?.condition) checkCondition(journey.settings.goal.condition, ['settings', 'goal', 'condition']);

  // Exactly one trigger.
  const triggers = journey.nodes.filter((n) => byId.get(n.id)?.def?.category === 'trigger');
  if (triggers.length === 0) say(['nodes'], 'missing_trigger');
  triggers.slice(1).forEach((t) => say(['nodes', byId.get(t.id)!.index], 'extra_trigger', {}, t.id));

  // Edges: known ends and ports, one edge per port, nothing into the trigger.
  const portsOf = (id: string): string[] | undefined => {
    const e = byId.get(id);
    return e?.def && e.config !== undefined ? e.def.ports(e.config as z.infer<typeof e.def.config>) : undefined;
  };
  const usedPorts = new Set<string>();
  journey.edges.forEach((edge, j) => {
    // The problem names both ends and belongs to the end that exists, so the designer can mark it.
    const known = (id: string) => (byId.has(id) ? id : undefined);
    if (!byId.has(edge.from)) say(['edges', j, 'from'], 'unknown_edge_node', { id: edge.from, end: 'from', node: edge.to, port: edge.port }, known(edge.to));
    if (!byId.has(edge.to)) say(['edges', j, 'to'], 'unknown_edge_node', { id: edge.to, end: 'to', node: edge.from, port: edge.port }, known(edge.from));
    const ports = portsOf(edge.from);
    if (ports && !ports.includes(edge.port)) say(['edges', j, 'port'], 'unknown_port', { node: edge.from, port: edge.port }, edge.from);
    const key = `${edge.from}\u0000${edge.port}`;
    if (usedPorts.has(key)) say(['edges', j], 'duplicate_edge', { node: edge.from, port: edge.port }, edge.from);
    usedPorts.add(key);
    if (triggers.some((t) => t.id === edge.to)) say(['edges', j, 'to'], 'edge_into_trigger', {}, edge.to);
  });

  // Ports that must end the journey at once (a holdout) lead straight to an exit step.
  journey.edges.forEach((edge, j) => {
    const from = byId.get(edge.from);
    if (!from?.def?.exitPorts || from.config === undefined) return;
    if (!from.def.exitPorts(from.config as z.infer<typeof from.def.config>).includes(edge.port)) return;
    const to = byId.get(edge.to);
    if (to?.def && to.def.behaviour.kind !== 'exit') say(['edges', j, 'to'], 'port_must_exit', { node: edge.from, port: edge.port }, edge.from);
  });

  // Every output port leads somewhere.
  journey.nodes.forEach((node, i) => {
    for (const port of portsOf(node.id) ?? []) {
      if (!usedPorts.has(`${node.id}\u0000${port}`)) say(['nodes', i], 'unconnected_port', { port }, node.id);
    }
  });

  // Every node can be reached from the trigger.
  const trigger = triggers[0];
  if (trigger) {
    const reached = reachableFrom(trigger.id, journey.edges);
    journey.nodes.forEach((node, i) => {
      if (!reached.has(node.id)) say(['nodes', i], 'unreachable_node', {}, node.id);
    });
  }

  // A loop must contain a wait, or a customer would spin through it forever.
  for (const cycle of cycles(
    journey.nodes.map((n) => n.id),
    journey.edges,
  )) {
    const waits = cycle.some((id) => byId.get(id)?.def?.category === 'wait');
    if (!waits) say(['nodes', byId.get(cycle[0]!)!.index], 'cycle_without_wait', { nodes: cycle.join(' → ') }, cycle[0]);
  }

  return problems.length === 0 ? { ok: true, journey, problems: [] } : { ok: false, journey, problems };
}

/**
 * Zod's issues as problems, each under its path and worded in `locale` (engine/journey/issue-words.ts).
 * `titleOf` gives a field's own title from the issue's path when the schema declares one (a step's config).
 */
function zodProblems(
  error: z.ZodError,
  prefix: (string | number)[],
  locale: Locale = 'en',
  titleOf?: (path: (string | number)[]) => string | undefined,
): Problem[] {
  return error.issues.map((issue) => {
    const path = formatPath([...prefix, ...(issue.path as (string | number)[])]);
    const field = issue.path.length > 0 ? String(issue.path[issue.path.length - 1]) : prefix.length > 0 ? String(prefix[prefix.length - 1]) : 'document';
    return { path, code: 'invalid' as const, message: issueMessage(issue, field, locale, titleOf?.(issue.path as (string | number)[])) };
  });
}

export { zodProblems };
