import { z } from 'zod';
import { topLevelConditionSchema } from '../../rules/conditions';
import { evaluateCondition } from '../../rules/evaluate';
import { duplicateKeys, portKeySchema } from '../../split/bucket';
import { defineNode } from '../define';

const branchSchema = z.object({
  key: portKeySchema.meta({ title: 'Key', description: 'The output name, e.g. vip' }),
  label: z.string().default('').meta({ title: 'Label', description: 'Shown on the canvas, e.g. VIP customers' }),
  conditions: topLevelConditionSchema.default({ all: [] }).meta({ title: 'Conditions', description: 'json-rules-engine conditions (all / any / not)' }),
});

export const splitMulti = defineNode({
  type: 'split.multi',
  version: 1,
  category: 'decision',
  labels: {
    'zh-CN': { title: '多分支判断', description: '按顺序检查各分支的条件，客户走第一个满足的分支；都不满足走“其他”。', ports: { else: '其他' } },
    en: { title: 'Branch by conditions', description: 'Checks the branches in order and sends the customer down the first whose conditions hold; otherwise “else”.', ports: { else: 'else' } },
  },
  config: z
    .object({
      branches: z
        .array(branchSchema)
        .min(1, 'add at least one branch')
        .max(20, 'at most 20 branches')
        .default([
          { key: 'a', label: 'A', conditions: { all: [] } },
          { key: 'b', label: 'B', conditions: { all: [] } },
        ])
        .meta({ title: 'Branches', description: 'Checked top to bottom; the first that holds wins' }),
    })
    .superRefine((c, ctx) => duplicateKeys(c.branches, ctx, 'branches')),
  ports: (c) => [...c.branches.map((b) => b.key), 'else'],
  portLabels: (c) => Object.fromEntries(c.branches.filter((b) => b.label).map((b) => [b.key, b.label])),
  conditions: (c) => c.branches.map((b, i) => ({ condition: b.conditions, path: ['branches', i, 'conditions'] })),
  behaviour: {
    kind: 'decide',
    decide: async (c, facts) => {
      for (const branch of c.branches) if (await evaluateCondition(branch.conditions, facts)) return branch.key;
      return 'else';
    },
  },
});
