import { z } from 'zod';
import { localDateTimeSchema } from '../../time/schemas';
import { fromLocal, parseLocalDateTime } from '../../time/zoned';
import { defineNode } from '../define';
import { field } from '../field';

export const waitUntil = defineNode({
  type: 'wait.until',
  version: 1,
  category: 'wait',
  labels: {
    'zh-CN': { title: '等到指定时间', description: '等到某个日期和时间（按店铺或客户的时区）再继续；时间已过则立即继续。', ports: { next: '之后' } },
    en: {
      title: 'Wait until',
      description: "Waits until a date and time (in the shop's or the customer's time zone); goes on at once if it has passed.",
      ports: { next: 'then' },
    },
  },
  config: z.object({
    dateTime: localDateTimeSchema.default('2027-01-01T10:00').meta(
      field({
        en: { title: 'Date and time', description: 'Local date and time, YYYY-MM-DDTHH:mm, e.g. 2026-11-11T10:00' },
        'zh-CN': { title: '日期和时间', description: '按所选时区的当地时间' },
      }),
    ),
    zone: z
      .enum(['shop', 'customer'])
      .default('shop')
      .meta(
        field({
          en: { title: 'Time zone', description: "shop = the journey's time zone; customer = the customer's own, else the shop's" },
          'zh-CN': { title: '时区', description: '店铺：旅程的时区；客户：客户自己的时区（没有则用店铺的）', enum: { shop: '店铺', customer: '客户' } },
        }),
      ),
  }),
  ports: () => ['next'],
  // The fixed instant is only a length of time from a given now (the customer reaches the step
  // `elapsedMs` later at most). In the customer's zone it falls latest in the westernmost zone (UTC−12).
  maxWaitMs: (c, { now, timezone, elapsedMs }) =>
    now === undefined ? 'unknown' : Math.max(0, fromLocal(parseLocalDateTime(c.dateTime)!, c.zone === 'customer' ? 'Etc/GMT+12' : timezone) - now - elapsedMs),
  behaviour: {
    kind: 'sleep',
    // Without the customer loaded the runtime's zone is the journey's (the shop's).
    needsCustomer: (c) => c.zone === 'customer',
    wakeAt: (c, ctx) => Math.max(ctx.now, fromLocal(parseLocalDateTime(c.dateTime)!, ctx.timezone)),
  },
});
