import { z } from 'zod';

/**
 * Conditions are stored in json-rules-engine's own format, so any condition in a saved journey can
 * be handed to a plain json-rules-engine `Engine` unchanged.
 */
export interface LeafCondition {
  fact: string;
  operator: string;
  value: unknown;
  path?: string | undefined;
  params?: Record<string, unknown> | undefined;
}
export interface AllConditions {
  all: Condition[];
}
export interface AnyConditions {
  any: Condition[];
}
export interface NotConditions {
  not: Condition;
}
export type TopLevelCondition = AllConditions | AnyConditions | NotConditions;
export type Condition = LeafCondition | TopLevelCondition;

export const leafConditionSchema = z.object({
  fact: z.string().min(1, 'choose a fact'),
  operator: z.string().min(1, 'choose an operator'),
  value: z.unknown(),
  path: z.string().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
});

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    leafConditionSchema,
    z.object({ all: z.array(conditionSchema) }).strict(),
    z.object({ any: z.array(conditionSchema) }).strict(),
    z.object({ not: conditionSchema }).strict(),
  ]),
) as z.ZodType<Condition>;

export const topLevelConditionSchema: z.ZodType<TopLevelCondition> = z.union([
  z.object({ all: z.array(conditionSchema) }).strict(),
  z.object({ any: z.array(conditionSchema) }).strict(),
  z.object({ not: conditionSchema }).strict(),
]) as z.ZodType<TopLevelCondition>;

export function isLeaf(c: Condition): c is LeafCondition {
  return 'fact' in c;
}

/** Every leaf of a condition tree with its JSON path relative to the root. */
export function leaves(c: Condition, at: (string | number)[] = []): { leaf: LeafCondition; at: (string | number)[] }[] {
  if (isLeaf(c)) return [{ leaf: c, at }];
  if ('all' in c) return c.all.flatMap((x, i) => leaves(x, [...at, 'all', i]));
  if ('any' in c) return c.any.flatMap((x, i) => leaves(x, [...at, 'any', i]));
  return leaves(c.not, [...at, 'not']);
}
