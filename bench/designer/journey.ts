import type { Journey, JourneyEdge, JourneyNode } from '../../engine/journey/schema';

/**
 * A valid journey of exactly `size` steps (at least 3) for the designer bench: a trigger, then
 * blocks of eleven steps — a wait, a condition whose yes branch sends an SMS and tags the
 * customer before the next block, whose no branch splits at random into an e-mail then exit, or a
 * wait for payment (paid: exit; timed out: SMS then exit) — and at the end an SMS and an exit,
 * with steps added to the last chain to hit the size. Laid out top-down as a marketer's would be.
 */
export function generatedJourney(id: string, size: number): Journey {
  if (size < 3) throw new Error(`size must be at least 3, not ${size}`);
  const nodes: JourneyNode[] = [];
  const edges: JourneyEdge[] = [];
  const positions: Record<string, { x: number; y: number }> = {};
  const add = (nodeId: string, type: string, config: Record<string, unknown>, x: number, y: number) => {
    nodes.push({ id: nodeId, type, config });
    positions[nodeId] = { x, y };
    return nodeId;
  };
  const link = (from: string, port: string, to: string) => edges.push({ from, port, to });

  const row = 150;
  let y = 0;
  let prev = { id: add('trigger', 'trigger.event', { eventType: 'order.created', perOrder: true }, 0, y), port: 'next' };
  const blocks = Math.floor((size - 3) / 11);
  for (let i = 0; i < blocks; i++) {
    const w = add(`wait-${i}`, 'wait', { duration: `P${(i % 6) + 1}D` }, 0, (y += row));
    link(prev.id, prev.port, w);
    const c = add(
      `check-${i}`,
      'condition',
      { conditions: { all: [{ fact: 'orderAmount', operator: 'greaterThanInclusive', value: 100 + i * 10 }] } },
      0,
      (y += row),
    );
    link(w, 'next', c);
    const sms = add(
      `sms-${i}`,
      'message.send',
      { channel: 'sms', template: `第 ${i + 1} 轮：亲爱的{{customer.name}}，您的订单{{order.id}}还未付款哦。` },
      -260,
      y + row,
    );
    link(c, 'yes', sms);
    const tag = add(`tag-${i}`, 'tag.add', { tags: [`第${i + 1}轮`] }, -260, y + 2 * row);
    link(sms, 'next', tag);
    const split = add(
      `split-${i}`,
      'split.random',
      {
        arms: [
          { key: 'a', label: 'A', weight: 50 },
          { key: 'b', label: 'B', weight: 50 },
        ],
        holdoutPercent: 0,
      },
      300,
      y + row,
    );
    link(c, 'no', split);
    const mail = add(`mail-${i}`, 'message.send', { channel: 'email', subject: '订单提醒', template: '您的订单{{order.id}}还在等您。' }, 160, y + 2 * row);
    link(split, 'a', mail);
    const mailEnd = add(`mail-end-${i}`, 'exit', {}, 160, y + 3 * row);
    link(mail, 'next', mailEnd);
    const paid = add(`await-${i}`, 'wait.event', { eventType: 'order.paid', timeout: 'P2D', sameOrder: true }, 460, y + 2 * row);
    link(split, 'b', paid);
    const paidEnd = add(`paid-${i}`, 'exit', {}, 380, y + 3 * row);
    link(paid, 'event', paidEnd);
    const late = add(`late-${i}`, 'message.send', { channel: 'sms', template: '订单{{order.id}}即将关闭。' }, 620, y + 3 * row);
    link(paid, 'timeout', late);
    const lateEnd = add(`late-end-${i}`, 'exit', {}, 620, y + 4 * row);
    link(late, 'next', lateEnd);
    prev = { id: tag, port: 'next' };
    y += 4 * row;
  }
  // The tail: waits until two steps are left, then a last SMS and the exit.
  while (nodes.length < size - 2) {
    const w = add(`tail-wait-${nodes.length}`, 'wait', { duration: 'PT6H' }, 0, (y += row));
    link(prev.id, prev.port, w);
    prev = { id: w, port: 'next' };
  }
  const last = add('last-sms', 'message.send', { channel: 'sms', template: '最后一次提醒。' }, 0, (y += row));
  link(prev.id, prev.port, last);
  link(last, 'next', add('done', 'exit', {}, 0, (y += row)));
  return {
    schemaVersion: 1,
    id,
    name: `Bench ${size} steps`,
    status: 'draft',
    version: 0,
    nodes,
    edges,
    settings: { timezone: 'Asia/Shanghai', reEntry: 'never', priority: 5, exitWhen: [] },
    layout: { positions },
  };
}
