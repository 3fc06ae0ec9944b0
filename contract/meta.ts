import { z } from 'zod';
import type { ChannelDefinition } from '../engine/channels/define';
import type { FactDefinition } from '../engine/facts/catalog';
import type { NodeTypeDescription } from '../engine/nodes/registry';
import { endpoint } from './endpoint';

export const health = endpoint({
  method: 'GET',
  path: '/api/health',
  access: 'public',
  summary: 'Database and Temporal reachable',
  response: z.object({ ok: z.boolean(), database: z.string(), temporal: z.string() }),
  answers: { 503: { description: 'Something is unreachable', schema: z.object({ ok: z.boolean(), database: z.string(), temporal: z.string() }) } },
});

export const nodeTypes = endpoint({
  method: 'GET',
  path: '/api/node-types',
  access: 'analyst',
  summary: 'Node types with config JSON Schemas, and the channels',
  // Described by the node registry (engine/nodes/registry.ts); each carries its config's JSON Schema.
  response: z.object({
    nodeTypes: z.array(
      z.custom<NodeTypeDescription>().meta({ description: 'A node type: its type, category, labels, ports and config JSON Schema (engine/nodes/registry.ts)' }),
    ),
    channels: z.array(
      z.custom<ChannelDefinition>().meta({
        description: "A channel, built-in or a plugin's, in palette order: key, labels in both languages, cappable, preview kind (engine/channels/define.ts)",
      }),
    ),
  }),
});

export const facts = endpoint({
  method: 'GET',
  path: '/api/facts',
  access: 'analyst',
  summary: 'The fact catalog and the condition operators',
  response: z.object({
    facts: z.array(z.custom<FactDefinition>().meta({ description: 'A fact conditions can test (engine/facts/catalog.ts)' })),
    operators: z.array(z.string()),
  }),
});

export const openApi = endpoint({
  method: 'GET',
  path: '/api/openapi.json',
  access: 'analyst',
  summary: 'This document',
  response: z.custom<{ openapi: string; paths?: object }>().meta({ description: 'An OpenAPI 3.1 document' }),
});

export const metaEndpoints = [health, nodeTypes, facts, openApi] as const;
