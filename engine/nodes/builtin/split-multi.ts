import { z } from 'zod';
import { topLevelConditionSchema } from '../../rules/conditions';
import { evaluateCondition } from '../../rules/evaluate';
import { duplicateKeys, portKeySchema } from '../../split/bucket';
import { defineNode } from '../define';
import { field } from '../field';

const branchSchema = z.object({
  key: portKeySchema.meta(
    field({ en: { title: 'Key', description: 'The output name, e.g. vip' }, 'zh-CN': { title: '键', description: '出口的名字，如 vip' } }),
  ),
  label: z
    .string()
    .default('')
    .meta(
      field({
        en: { title: 'Label', description: 'Shown on the canvas, e.g. VIP customers' },
        'zh-CN': { title: '名称', description: '显示在画布上，如 VIP 客户' },
      }),
    ),
  conditions: topLevelConditionSchema
    .default({ all: [] })
    .meta(field({ en: { title: 'Conditions', description: 'json-rules-engine conditions (all / any / not)' }, 'zh-CN': { title: '条件' } })),
});

export const splitMulti = defineNode({
  type: 'split.multi',
  version: 1,
  category: 'decision',
  labels: {
    'zh-CN': { title: '多分支判断', description: '按顺序检查各分支的条件，客户走第一个满足的分支；都不满足走“其他”。', ports: { else: '其他' } },
    en: {
      title: 'Branch by conditions',
      description: 'Checks the branches in order and sends the customer down the first whose conditions hold; otherwise “else”.',
      ports: { else: 'else' },
    },
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
        .meta(
          field({
            en: { title: 'Branches', description: 'Checked top to bottom; the first that holds wins' },
            'zh-CN': { title: '分支', description: '从上到下检查，第一个满足的分支生效' },
          }),
        ),
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
