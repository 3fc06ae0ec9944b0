import type { RJSFSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { z } from 'zod';
import type { NodeDefinition } from '../../../engine/nodes/define';
import type { NodeRegistry, NodeTypeDescription } from '../../../engine/nodes/registry';

/**
 * Plugin node types exist only on the server: the designer is not rebuilt when one is installed.
 * It learns them from GET /api/node-types and adds them to its browser registry, so the engine's
 * validateJourney checks plugin steps as it checks built-ins — ports, connections, reachability —
 * and their config against the JSON Schema the server derived from the plugin's zod schema, with
 * Ajv (the validator rjsf already brings). What JSON Schema cannot carry (a zod refinement such as
 * "the webhook must contain access_token") the server checks on save and publish.
 */
export function registerDescribed(registry: NodeRegistry, descriptions: readonly NodeTypeDescription[]): string[] {
  const added: string[] = [];
  for (const d of descriptions) {
    // Built-ins are compiled in; only actions the browser has never heard of come from the API.
    if (d.behaviour !== 'action' || registry.versions(d.type).length > 0) continue;
    registry.register(definitionFromDescription(d));
    added.push(d.type);
  }
  return added;
}

export function definitionFromDescription(d: NodeTypeDescription): NodeDefinition {
  // zod writes draft 2020-12; rjsf's Ajv speaks draft-07 and refuses an unknown `$schema`.
  const { $schema: _draft, ...schema } = d.configSchema;
  const config = z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
    const { errors } = validator.validateFormData(value, schema as RJSFSchema);
    for (const e of errors) {
      const path = (e.property ?? '').split('.').filter(Boolean);
      const message = e.name === 'required' ? 'is required' : (e.message ?? 'is not valid');
      ctx.addIssue({ code: 'custom', path, message });
    }
  });
  const ports = [...d.ports];
  return {
    type: d.type,
    version: d.version,
    category: d.category,
    labels: d.labels,
    config,
    ports: () => ports,
    ...(d.icon ? { icon: d.icon } : {}),
    behaviour: { kind: 'action', run: () => Promise.reject(new Error(`${d.type} runs on the server`)) },
  };
}
