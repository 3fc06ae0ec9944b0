import { operatorNames } from '../rules/operators';
import { customerFactCatalog } from './catalog-customer';

export type FactType = 'number' | 'string' | 'boolean' | 'date' | 'object' | 'array';

type Labels = { 'zh-CN': string; en: string };

/** One value a fact can take, with its names: the builder offers these as a select. */
export interface FactChoice {
  value: string;
  labels: Labels;
}

export interface FactDefinition {
  name: string;
  type: FactType;
  /** `CNY`, `orders` or `days`: the condition builder shows it beside the value. */
  unit?: string;
  labels: Labels;
  description: Labels;
  /** The only values the fact takes (tier, lifecycle stage), for a select instead of free text. */
  choices?: FactChoice[];
  /**
   * For object facts: the paths a condition builder offers (json-rules-engine `path`, JSONPath).
   * `freePaths`: other paths are meaningful too (an event's own data), so the builder lets one be typed.
   */
  paths?: { path: string; type: FactType; unit?: string; labels: Labels; choices?: FactChoice[] }[];
  freePaths?: boolean;
  operators: string[];
}

const numeric = ['equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'exists'];
const textual = ['equal', 'notEqual', 'in', 'notIn', 'includesText', 'exists'];

/**
 * The facts a journey condition can use. A condition naming a fact outside this catalog is refused
 * at validation, so a typo never silently evaluates to "no".
 */
export const factCatalog: FactDefinition[] = [
  {
    name: 'event',
    type: 'object',
    labels: { 'zh-CN': '触发事件', en: 'Triggering event' },
    description: {
      'zh-CN': '让客户进入旅程的事件，例如下单事件，可按路径读取其数据（如订单金额）。',
      en: 'The event that enrolled the customer, e.g. the order event; read its data by path (e.g. the order amount).',
    },
    paths: [
      { path: '$.type', type: 'string', labels: { 'zh-CN': '事件类型', en: 'Event type' } },
      { path: '$.data.orderId', type: 'string', labels: { 'zh-CN': '订单号', en: 'Order id' } },
      { path: '$.data.amount', type: 'number', unit: 'CNY', labels: { 'zh-CN': '订单金额', en: 'Order amount' } },
    ],
    freePaths: true,
    operators: operatorNames,
  },
  {
    name: 'lastEvent',
    type: 'object',
    labels: { 'zh-CN': '最近等到的事件', en: 'Last awaited event' },
    description: {
      'zh-CN': '最近一个“等待事件”节点等到的事件（若有）。',
      en: 'The event that ended the most recent wait-for-event step, if any.',
    },
    paths: [
      { path: '$.type', type: 'string', labels: { 'zh-CN': '事件类型', en: 'Event type' } },
      { path: '$.data.amount', type: 'number', unit: 'CNY', labels: { 'zh-CN': '订单金额', en: 'Order amount' } },
    ],
    freePaths: true,
    operators: operatorNames,
  },
  {
    name: 'customer',
    type: 'object',
    labels: { 'zh-CN': '客户资料', en: 'Customer profile' },
    description: {
      'zh-CN': '客户的资料（姓名、手机、邮箱、地区及自定义属性），在判断时实时读取。',
      en: 'The customer profile (name, phone, email, region, custom attributes), read fresh when the rule is evaluated.',
    },
    paths: [
      { path: '$.name', type: 'string', labels: { 'zh-CN': '姓名', en: 'Name' } },
      { path: '$.region', type: 'string', labels: { 'zh-CN': '地区', en: 'Region' } },
      { path: '$.phone', type: 'string', labels: { 'zh-CN': '手机', en: 'Phone' } },
      { path: '$.email', type: 'string', labels: { 'zh-CN': '邮箱', en: 'Email' } },
    ],
    operators: textual,
  },
  {
    name: 'orderAmount',
    type: 'number',
    unit: 'CNY',
    labels: { 'zh-CN': '订单金额', en: 'Order amount' },
    description: {
      'zh-CN': '触发事件中的订单金额（元）；非订单事件则无此值。',
      en: 'The amount of the order in the triggering event (yuan); absent for non-order events.',
    },
    operators: numeric,
  },
  ...customerFactCatalog,
];

export function findFact(name: string): FactDefinition | undefined {
  return factCatalog.find((f) => f.name === name);
}
