import type { Locale } from '../../../engine/nodes/define';

/** A variable a message can use, with how the picker names it. */
export interface TemplateVariable {
  path: string;
  group: 'customer' | 'order' | 'coupon' | 'event';
  labels: Record<Locale, string>;
}

/**
 * The variables of the template view (engine/facts/decision-facts.ts templateView): the customer's
 * profile, the order of the entry event, the coupon an earlier step issued, the event itself.
 */
export const templateVariableList: TemplateVariable[] = [
  { path: 'customer.name', group: 'customer', labels: { 'zh-CN': '客户姓名', en: 'Customer name' } },
  { path: 'customer.region', group: 'customer', labels: { 'zh-CN': '地区', en: 'Region' } },
  { path: 'customer.birthday', group: 'customer', labels: { 'zh-CN': '生日', en: 'Birthday' } },
  { path: 'order.id', group: 'order', labels: { 'zh-CN': '订单号', en: 'Order number' } },
  { path: 'order.amount', group: 'order', labels: { 'zh-CN': '订单金额', en: 'Order amount' } },
  { path: 'coupon.code', group: 'coupon', labels: { 'zh-CN': '优惠券码', en: 'Coupon code' } },
  { path: 'coupon.amount', group: 'coupon', labels: { 'zh-CN': '优惠券面额', en: 'Coupon value' } },
  { path: 'coupon.expiresOn', group: 'coupon', labels: { 'zh-CN': '优惠券到期日', en: 'Coupon expiry date' } },
  { path: 'event.type', group: 'event', labels: { 'zh-CN': '事件类型', en: 'Event type' } },
  { path: 'event.occurredAt', group: 'event', labels: { 'zh-CN': '事件时间', en: 'Event time' } },
];

/**
 * Puts `{{path}}` in place of the selection (or at the caret) and says where the caret goes next:
 * just after the inserted variable, so a marketer can keep typing.
 */
export function insertVariable(text: string, selectionStart: number, selectionEnd: number, path: string): { text: string; caret: number } {
  const start = clamp(Math.min(selectionStart, selectionEnd), text.length);
  const end = clamp(Math.max(selectionStart, selectionEnd), text.length);
  const snippet = `{{${path}}}`;
  return { text: text.slice(0, start) + snippet + text.slice(end), caret: start + snippet.length };
}

function clamp(n: number, max: number): number {
  return Number.isFinite(n) ? Math.max(0, Math.min(max, Math.trunc(n))) : max;
}

/** What the preview says about an SMS's length, from the API's figures. */
export interface SmsLength {
  length: number;
  segments: number;
  encoding: 'GSM-7' | 'UCS-2';
  /** More than one part: operators bill each part, and some phones show them apart. */
  warn: boolean;
  /** Characters a part holds at this length: 70/160 in one part, 67/153 each when split. */
  perSegment: number;
}

export function smsLength(preview: { length: number; smsSegments: number | null; encoding: 'GSM-7' | 'UCS-2' | null }): SmsLength | null {
  if (preview.smsSegments === null || preview.encoding === null) return null;
  const segments = preview.smsSegments;
  const single = preview.encoding === 'UCS-2' ? 70 : 160;
  const split = preview.encoding === 'UCS-2' ? 67 : 153;
  return { length: preview.length, segments, encoding: preview.encoding, warn: segments > 1, perSegment: segments > 1 ? split : single };
}

/** A made-up customer for the preview when no real one is chosen: no real person's data on screen. */
export const sampleCustomer: Record<Locale, Record<string, unknown>> = {
  'zh-CN': { name: '张小红', region: '浙江杭州', birthday: '1995-06-18', timezone: 'Asia/Shanghai' },
  en: { name: 'Alex Chen', region: 'Hangzhou', birthday: '1995-06-18', timezone: 'Asia/Shanghai' },
};

/** The entry event and coupon the preview renders with: an unpaid order and a coupon issued for it. */
export function sampleContext(now: Date): { event: { type: string; occurredAt: string; data: Record<string, unknown> }; coupon: Record<string, unknown> } {
  const expiresAt = new Date(now.getTime() + 7 * 86_400_000).toISOString();
  return {
    event: { type: 'order.created', occurredAt: now.toISOString(), data: { orderId: 'E20261111001', amount: 299 } },
    coupon: { code: 'HT8K2M', amount: 20, expiresAt, campaignId: 'sample' },
  };
}

export { describeTemplateProblem } from '../../../engine/templates/describe-problem';
