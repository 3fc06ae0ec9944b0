import { z } from 'zod';
import { duplicateKeys, pickWeighted, portKeySchema, stableUnit } from '../../split/bucket';
import { defineNode } from '../define';
import { field } from '../field';

const armSchema = z.object({
  key: portKeySchema.meta(field({ en: { title: 'Key', description: 'The output name, e.g. a' }, 'zh-CN': { title: '键', description: '出口的名字，如 a' } })),
  label: z
    .string()
    .default('')
    .meta(
      field({
        en: { title: 'Label', description: 'Shown on the canvas, e.g. 10% coupon' },
        'zh-CN': { title: '名称', description: '显示在画布上，如 九折券' },
      }),
    ),
  weight: z
    .number()
    .int('a weight is a whole number')
    .min(0, 'a weight cannot be negative')
    .max(1000, 'a weight is at most 1000')
    .meta(
      field({
        en: { title: 'Weight', description: 'Share relative to the other arms, e.g. 50 and 50' },
        'zh-CN': { title: '权重', description: '相对于其他分组的比例，如 50 和 50' },
      }),
    ),
});

export const splitRandom = defineNode({
  type: 'split.random',
  version: 1,
  category: 'decision',
  labels: {
    'zh-CN': {
      title: '随机分流',
      description: '按权重把客户随机分到各组（同一客户总在同一组），可留出对照组：对照组不接收任何内容。',
      ports: { holdout: '对照组' },
    },
    en: {
      title: 'Random split',
      description: 'Sends customers down arms by weight (a customer always gets the same arm), with an optional holdout that receives nothing.',
      ports: { holdout: 'holdout' },
    },
  },
  config: z
    .object({
      arms: z
        .array(armSchema)
        .min(1, 'add at least one arm')
        .max(20, 'at most 20 arms')
        .default([
          { key: 'a', label: 'A', weight: 50 },
          { key: 'b', label: 'B', weight: 50 },
        ])
        .meta(
          field({
            en: { title: 'Arms', description: 'Each arm gets customers in proportion to its weight' },
            'zh-CN': { title: '分组', description: '按权重分配客户' },
          }),
        ),
      holdoutPercent: z
        .number()
        .min(0, 'holdoutPercent is 0 to 50')
        .max(50, 'holdoutPercent is 0 to 50')
        .default(0)
        .meta(
          field({
            en: { title: 'Holdout %', description: 'Share kept out of every arm (0–50); they go to the holdout output, which must lead straight to an exit' },
            'zh-CN': { title: '对照组比例 %', description: '0–50；对照组走“对照组”出口，必须直接连到“结束”' },
          }),
        ),
    })
    .superRefine((c, ctx) => {
      duplicateKeys(c.arms, ctx, 'arms');
      if (c.arms.every((a) => a.weight === 0)) ctx.addIssue({ code: 'custom', message: 'give at least one arm a weight above 0', path: ['arms'] });
    }),
  ports: (c) => [...c.arms.map((a) => a.key), ...(c.holdoutPercent > 0 ? ['holdout'] : [])],
  portLabels: (c) => Object.fromEntries(c.arms.filter((a) => a.label).map((a) => [a.key, a.label])),
  exitPorts: (c) => (c.holdoutPercent > 0 ? ['holdout'] : []),
  behaviour: {
    kind: 'decide',
    decide: async (c, _facts, ctx) => {
      // One draw per customer and node: the holdout takes the bottom share, the arms the rest.
      const percent = stableUnit(`${ctx.journeyId}\u0000${ctx.nodeId}\u0000${ctx.customerId}`) * 100;
      if (percent < c.holdoutPercent) return 'holdout';
      return pickWeighted(c.arms, (percent - c.holdoutPercent) / (100 - c.holdoutPercent)).key;
    },
  },
});
