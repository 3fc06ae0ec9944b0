import type { CustomerActivity } from '../../contract/customer-activity';
import type { Db } from '../db/database';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * What happened to one customer, newest first and at most `limit` of each: orders, journey
 * enrolments with the step an active one waits at, messages from the outbox, coupons issued.
 * Four reads, each on an index that starts with the customer id.
 */
export async function customerActivity(db: Db, customerId: string, limit: number): Promise<CustomerActivity> {
  const [orders, enrolments, messages, coupons] = await Promise.all([
    db
      .selectFrom('orders')
      .select(['id', 'status', 'amount', 'discount', 'product_ids', 'created_at', 'paid_at'])
      .where('customer_id', '=', customerId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute(),
    db
      .selectFrom('enrolments as e')
      .leftJoin('journeys as j', 'j.id', 'e.journey_id')
      .leftJoin('journey_versions as v', (join) => join.onRef('v.journey_id', '=', 'e.journey_id').onRef('v.version', '=', 'e.journey_version'))
      .select([
        'e.workflow_id',
        'e.journey_id',
        'j.name',
        'e.journey_version',
        'e.status',
        'e.exit_reason',
        'e.started_at',
        'e.ended_at',
        'e.waiting_node',
        'v.document',
      ])
      .where('e.customer_id', '=', customerId)
      .orderBy('e.started_at', 'desc')
      .limit(limit)
      .execute(),
    db
      .selectFrom('messages as m')
      .leftJoin('journeys as j', 'j.id', 'm.journey_id')
      .select(['m.id', 'm.channel', 'm.recipient', 'm.subject', 'm.text', 'm.status', 'm.journey_id', 'j.name', 'm.node_id', 'm.created_at', 'm.sent_at'])
      .where('m.customer_id', '=', customerId)
      .orderBy('m.created_at', 'desc')
      .limit(limit)
      .execute(),
    db
      .selectFrom('coupon_codes as k')
      .leftJoin('coupon_campaigns as p', 'p.id', 'k.campaign_id')
      .select(['k.code', 'k.campaign_id', 'p.name', 'k.issued_at', 'k.expires_at', 'k.redeemed_at', 'k.redeemed_order_id'])
      .where('k.customer_id', '=', customerId)
      .orderBy('k.issued_at', 'desc')
      .limit(limit)
      .execute(),
  ]);
  return {
    orders: orders.map((o) => ({
      id: o.id,
      status: o.status,
      amount: Number(o.amount),
      discount: Number(o.discount),
      productIds: o.product_ids,
      createdAt: iso(o.created_at)!,
      paidAt: iso(o.paid_at),
    })),
    journeys: enrolments.map((e) => ({
      workflowId: e.workflow_id,
      journeyId: e.journey_id,
      journeyName: e.name,
      version: e.journey_version,
      status: e.status,
      exitReason: e.exit_reason,
      startedAt: iso(e.started_at)!,
      endedAt: iso(e.ended_at),
      step: e.status === 'active' && e.waiting_node ? { nodeId: e.waiting_node, type: nodeType(e.document, e.waiting_node) } : null,
    })),
    messages: messages.map((m) => ({
      id: m.id,
      channel: m.channel,
      recipient: m.recipient,
      subject: m.subject,
      text: m.text,
      status: m.status,
      journeyId: m.journey_id,
      journeyName: m.name,
      nodeId: m.node_id,
      createdAt: iso(m.created_at)!,
      sentAt: iso(m.sent_at),
    })),
    coupons: coupons.map((k) => ({
      code: k.code,
      campaignId: k.campaign_id,
      campaignName: k.name,
      issuedAt: iso(k.issued_at),
      expiresAt: iso(k.expires_at),
      redeemedAt: iso(k.redeemed_at),
      redeemedOrderId: k.redeemed_order_id,
    })),
  };
}

/** The step type of a node in the published version's document (the designer names it in either language). */
function nodeType(document: unknown, nodeId: string): string | null {
  const nodes = (document as { nodes?: { id: string; type: string }[] } | null)?.nodes ?? [];
  return nodes.find((n) => n.id === nodeId)?.type ?? null;
}
