import { journeySchema, type Journey } from '../../engine/index';

/**
 * Journeys of the recorded histories that cover the action nodes, the date and broadcast
 * triggers and the journey settings (exit criteria, quiet hours). Built through journeySchema so
 * that defaults the schema adds are filled. Used by record-histories.ts.
 */

type NodeSpec = { id: string; type: string; config?: Record<string, unknown> };
type Settings = Record<string, unknown>;

function journey(id: string, name: string, nodes: NodeSpec[], edges: [string, string, string][], settings: Settings = {}): Journey {
  return journeySchema.parse({
    schemaVersion: 1,
    id,
    name,
    status: 'draft',
    version: 0,
    nodes: nodes.map((n) => ({ config: {}, ...n })),
    edges: edges.map(([from, port, to]) => ({ from, port, to })),
    settings: { timezone: 'Asia/Shanghai', reEntry: 'never', ...settings },
  });
}

/** Nodes in a line, each `next` port to the following one. */
const chain = (ids: string[]): [string, string, string][] => ids.slice(1).map((to, i) => [ids[i]!, 'next', to]);

const orderTrigger: NodeSpec = { id: 'trigger', type: 'trigger.event', config: { eventType: 'order.created', perOrder: true } };
const sms = (id: string, template: string, extra: Record<string, unknown> = {}): NodeSpec => ({
  id,
  type: 'message.send',
  config: { channel: 'sms', template, ...extra },
});
const done: NodeSpec = { id: 'done', type: 'exit' };

/** The tags, tier and attribute the customer-changes journey leaves (checked after recording). */
export const customerChanges = { tag: '高意向', removedTag: '待跟进', tier: 'vip', attribute: 'lastJourneyOrder' } as const;

/** Order → add two tags → remove one → raise the tier → set an attribute → staff task → done. */
export function customerChangesJourney(id: string): Journey {
  const nodes: NodeSpec[] = [
    orderTrigger,
    { id: 'tag', type: 'tag.add', config: { tags: [customerChanges.tag, customerChanges.removedTag] } },
    { id: 'untag', type: 'tag.remove', config: { tags: [customerChanges.removedTag] } },
    { id: 'upgrade', type: 'tier.raise', config: { tier: customerChanges.tier } },
    { id: 'remember', type: 'attribute.set', config: { name: customerChanges.attribute, value: '{{order.id}}' } },
    {
      id: 'follow-up',
      type: 'task.create',
      config: { title: '回访 {{order.id}}', note: '{{customer.name}} 已升级为 VIP，请回访。', queue: 'phone-calls', priority: 'high' },
    },
    done,
  ];
  return journey(id, '高意向客户升级 Upgrade a keen customer', nodes, chain(nodes.map((n) => n.id)));
}

/** Order → coupon of `campaignId` → SMS with its code → done; campaign exhausted → no-coupon. */
export function couponJourney(id: string, campaignId: string): Journey {
  return journey(
    id,
    '下单送券 Coupon after an order',
    [
      orderTrigger,
      { id: 'coupon', type: 'coupon.issue', config: { campaignId } },
      sms('coupon-sms', '亲爱的{{customer.name}}，送您优惠券 {{coupon.code}}。'),
      done,
      { id: 'no-coupon', type: 'exit' },
    ],
    [
      ['trigger', 'next', 'coupon'],
      ['coupon', 'next', 'coupon-sms'],
      ['coupon', 'exhausted', 'no-coupon'],
      ['coupon-sms', 'next', 'done'],
    ],
  );
}

/** Order → POST to `url` (a robot) → done. */
export function webhookJourney(id: string, url: string): Journey {
  const nodes: NodeSpec[] = [
    orderTrigger,
    { id: 'notify', type: 'webhook.post', config: { url, body: { msgtype: 'text', text: { content: '订单 {{order.id}} ¥{{order.amount}}' } } } },
    done,
  ];
  return journey(id, '大单通知机器人 Tell the robot about an order', nodes, chain(nodes.map((n) => n.id)));
}

/** The date trigger's rule of `birthdayTriggerJourney`: on the birthday, every year. */
export const birthdayRule = { date: 'birthday', offsetDays: 0, yearly: true } as const;

/** Birthday (a calendar.due event) → SMS → done. */
export function birthdayTriggerJourney(id: string): Journey {
  const nodes: NodeSpec[] = [
    { id: 'trigger', type: 'trigger.date', config: { ...birthdayRule } },
    sms('birthday-sms', '亲爱的{{customer.name}}，生日快乐！'),
    done,
  ];
  return journey(id, '生日祝福 Birthday greeting', nodes, chain(nodes.map((n) => n.id)));
}

/** The festival trigger's rule of `festivalTriggerJourney`: 中秋, on the day, at 10:00. */
export const midAutumnRule = { festival: 'mid-autumn', daysBefore: 0, at: '10:00' } as const;

/**
 * 中秋 (a calendar.due event of the festival rule) → the next official working day's 10:00–18:00
 * (wait.window on working days) → SMS → done.
 */
export function festivalTriggerJourney(id: string): Journey {
  const nodes: NodeSpec[] = [
    { id: 'trigger', type: 'trigger.festival', config: { ...midAutumnRule } },
    { id: 'working-day', type: 'wait.window', config: { from: '10:00', to: '18:00', days: 'working' } },
    sms('festival-sms', '亲爱的{{customer.name}}，中秋快乐！'),
    done,
  ];
  return journey(id, '中秋祝福 Mid-Autumn greeting', nodes, chain(nodes.map((n) => n.id)));
}

/** A broadcast at `at` (local date-time) to every customer (broadcast.due events) → SMS → done. */
export function broadcastJourney(id: string, at: string): Journey {
  const nodes: NodeSpec[] = [
    { id: 'trigger', type: 'trigger.broadcast', config: { at, audience: { all: [] }, ratePerMinute: 0 } },
    sms('sale-sms', '亲爱的{{customer.name}}，双十一大促开始啦。'),
    done,
  ];
  return journey(id, '双十一群发 Double 11 broadcast', nodes, chain(nodes.map((n) => n.id)));
}

/** Segment entry → SMS → done: a customer who enters the segment gets one message. */
export function segmentJourney(id: string): Journey {
  const nodes: NodeSpec[] = [
    { id: 'trigger', type: 'trigger.segment', config: { segmentId: 'seg_oily', on: 'enter' } },
    sms('welcome-sms', '亲爱的{{customer.name}}，油性肌专属礼遇已为您准备好。'),
    done,
  ];
  return journey(id, '进入人群 Segment entry', nodes, chain(nodes.map((n) => n.id)));
}

/** The wait of the three-day reminders below. */
export const REMINDER_WAIT_NODE = 'wait-3-days';

/**
 * Order → wait P3D → SMS → done, leaving when the order is paid (exit criteria): the wait is
 * interrupted by the exit event.
 */
export function exitWhenJourney(id: string): Journey {
  const nodes: NodeSpec[] = [
    orderTrigger,
    { id: REMINDER_WAIT_NODE, type: 'wait', config: { duration: 'P3D' } },
    sms('reminder-sms', '亲爱的{{customer.name}}，您的订单{{order.id}}还未付款。'),
    done,
  ];
  return journey(id, '付款即离开 Leave once paid', nodes, chain(nodes.map((n) => n.id)), { exitWhen: [{ eventType: 'order.paid', sameOrder: true }] });
}

/** The wait-for-event step of `cancelExitJourney`. */
export const AWAIT_PAYMENT_NODE = 'await-payment';

/**
 * Order → wait up to a day for the payment (paid → thanks SMS, timeout → reminder SMS) → done,
 * leaving when the order is cancelled (exit criteria) while the payment is awaited.
 */
export function cancelExitJourney(id: string): Journey {
  return journey(
    id,
    '取消即离开 Leave once cancelled',
    [
      orderTrigger,
      { id: AWAIT_PAYMENT_NODE, type: 'wait.event', config: { eventType: 'order.paid', timeout: 'P1D', sameOrder: true } },
      sms('thanks-sms', '亲爱的{{customer.name}}，已收到您的付款。'),
      sms('reminder-sms', '亲爱的{{customer.name}}，您的订单{{order.id}}还未付款。'),
      done,
    ],
    [
      ['trigger', 'next', AWAIT_PAYMENT_NODE],
      [AWAIT_PAYMENT_NODE, 'event', 'thanks-sms'],
      [AWAIT_PAYMENT_NODE, 'timeout', 'reminder-sms'],
      ['thanks-sms', 'next', 'done'],
      ['reminder-sms', 'next', 'done'],
    ],
    { exitWhen: [{ eventType: 'order.cancelled', sameOrder: true }] },
  );
}

/** Order → wait P3D → SMS → done, with no exit criteria (the journey is stopped mid-wait). */
export function stoppableJourney(id: string): Journey {
  const nodes: NodeSpec[] = [
    orderTrigger,
    { id: REMINDER_WAIT_NODE, type: 'wait', config: { duration: 'P3D' } },
    sms('reminder-sms', '亲爱的{{customer.name}}，您的订单{{order.id}}已送达三天。'),
    done,
  ];
  return journey(id, '三天后提醒 Three-day reminder', nodes, chain(nodes.map((n) => n.id)));
}

/** Order → a marketing SMS that follows the shop's quiet hours → done. */
export function quietHoursJourney(id: string): Journey {
  const nodes: NodeSpec[] = [orderTrigger, sms('promo-sms', '亲爱的{{customer.name}}，新品上架，欢迎选购。', { quietHours: 'shop' }), done];
  return journey(id, '新品推荐 New arrivals', nodes, chain(nodes.map((n) => n.id)));
}
