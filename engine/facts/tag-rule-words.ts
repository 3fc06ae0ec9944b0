import type { z } from 'zod';
import type { Locale } from '../nodes/define';
import { issueReason } from '../journey/issue-words';

/** A tag rule's fields in Chinese, for messages that name them. */
const zhFields: Record<string, string> = {
  id: '编号',
  kind: '规则类型',
  tag: '标签',
  note: '备注',
  productIds: '商品',
  categories: '类目',
  minDiscountPct: '最低折扣（%）',
  minSpend: '最低消费（元）',
  minOrders: '最少订单数',
  days: '天数',
  segments: 'RFM 分层',
  stages: '生命周期阶段',
};

/** The tag rule schema's reasons (engine/facts/tag-rules.ts), English → Chinese. */
const zhReasons: Record<string, string> = {
  'give the tag a name': '请填写标签名',
  'at most 40 characters': '最多 40 个字',
  'at most 200 characters': '最多 200 个字',
  'pick at least one product': '请至少选择一个商品',
  'pick at least one category': '请至少选择一个类目',
  'pick at least one segment': '请至少选择一个分层',
  'pick at least one stage': '请至少选择一个阶段',
  'more than 0': '应大于 0',
  'at least 1': '最小为 1',
  'at least 1 day': '至少 1 天',
  'at most 3650 days': '最多 3650 天',
  'whole days': '应为整天数',
  'a whole number': '应为整数',
};

export interface TagRuleProblem {
  /** The field of the rule (`minSpend`), or the settings path when the problem is elsewhere. */
  path: string;
  code: 'invalid';
  message: string;
}

/** A problem of a rule's field worded in the locale, naming the field: `minSpend: more than 0` / `最低消费（元）：应大于 0`. */
export function tagRuleProblem(issue: z.core.$ZodIssue, path: (string | number)[], locale: Locale): TagRuleProblem {
  const field = path.map(String).join('.') || 'rule';
  if (locale === 'en') return { path: field, code: 'invalid', message: `${field}: ${issueReason(issue, 'en')}` };
  const reason = zhReasons[issue.message] ?? (/^another rule has the id/.test(issue.message) ? '已有规则使用此编号' : issueReason(issue, 'zh-CN'));
  const name = zhFields[String(path[0] ?? '')] ?? field;
  return { path: field, code: 'invalid', message: `${name}：${reason}` };
}
