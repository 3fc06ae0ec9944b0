import type { z } from 'zod';
import type { Locale } from '../nodes/define';
import { describeTemplateProblem } from '../templates/describe-problem';
import { fieldTitle, plainTitle } from './field-titles';

/**
 * Zod's issues worded for a marketer in either language, naming the field: in Chinese by `title`
 * when the caller knows the field's own (a step's config field declares its texts in the step's
 * file, engine/nodes/field.ts), else by the names of the document's fields. Schemas keep their
 * reasons in English (they are also the API's documentation); the Chinese of each is found here
 * by its English text, so one parse answers in both languages. A reason not listed here (a
 * plugin's own) is worded from the issue's code, and kept as written when the code says nothing
 * better.
 */
export function issueMessage(issue: z.core.$ZodIssue, field: string, locale: Locale, title?: string): string {
  const reason = issueReason(issue, locale);
  return locale === 'zh-CN' ? `${title !== undefined ? plainTitle(title) : fieldTitle(field, locale)}：${reason}` : `${field}: ${reason}`;
}

export function issueReason(issue: z.core.$ZodIssue, locale: Locale): string {
  if (locale === 'en') return zodDefault.test(issue.message) ? (enByCode(issue) ?? issue.message) : issue.message;
  const known = zhReasons[issue.message];
  if (known) return known;
  for (const [pattern, word] of zhPatterns) {
    const m = pattern.exec(issue.message);
    if (m) return word(m);
  }
  return zhByCode(issue) ?? issue.message;
}

/** Zod's own English ("Invalid option: expected one of …"), which schemas did not word themselves. */
const zodDefault = /^(Invalid|Too big|Too small|Unrecognized key)/;

/** English wording of a reason from what the issue says about itself, for zod's defaults. */
function enByCode(issue: z.core.$ZodIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${enTypes[issue.expected] ?? `a ${issue.expected}`}`;
    case 'too_big': {
      const n = String(issue.maximum);
      if (issue.origin === 'string') return `must be at most ${n} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at most ${n} items`;
      return issue.inclusive === false ? `must be less than ${n}` : `must be at most ${n}`;
    }
    case 'too_small': {
      const n = String(issue.minimum);
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${n} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at least ${n} items`;
      return issue.inclusive === false ? `must be more than ${n}` : `must be at least ${n}`;
    }
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return 'is not written the right way';
    case 'unrecognized_keys':
      return `has fields Huitou does not know: ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'does not match any of the allowed forms';
    default:
      return undefined;
  }
}

const enTypes: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
};

/** Chinese wording of a reason from what the issue says about itself (limits, expected types, choices). */
function zhByCode(issue: z.core.$ZodIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return `应为${zhTypes[issue.expected] ?? issue.expected}`;
    case 'too_big': {
      const n = String(issue.maximum);
      if (issue.origin === 'string') return `最多 ${n} 个字符`;
      if (issue.origin === 'array' || issue.origin === 'set') return `最多 ${n} 项`;
      return issue.inclusive === false ? `应小于 ${n}` : `最大为 ${n}`;
    }
    case 'too_small': {
      const n = String(issue.minimum);
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? '不能为空' : `至少 ${n} 个字符`;
      if (issue.origin === 'array' || issue.origin === 'set') return `至少 ${n} 项`;
      return issue.inclusive === false ? `应大于 ${n}` : `最小为 ${n}`;
    }
    case 'invalid_value':
      return `应为以下之一：${issue.values.map(String).join('、')}`;
    case 'invalid_format':
      return '格式不对';
    case 'not_multiple_of':
      return `应为 ${String(issue.divisor)} 的整数倍`;
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join('、')}`;
    case 'invalid_union':
      return '内容不符合任何一种允许的写法';
    default:
      return undefined;
  }
}

const zhTypes: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '是或否（true / false）',
  object: '对象（JSON 对象）',
  array: '列表',
  date: '日期',
};

/** The built-in schemas' reasons (step configs, the journey document, events), English → Chinese. */
const zhReasons: Record<string, string> = {
  'is required': '必填',
  'must not be empty': '不能为空',
  'must be a string': '应为文字',
  'must be a number': '应为数字',
  'must be an object': '应为对象（JSON 对象）',
  'must be at least 1': '最小为 1',
  'must be positive': '应大于 0',
  'must be a whole number from 1': '应为从 1 起的整数',
  'must be a number of at least 0': '应为不小于 0 的数字',
  'may use only letters, digits, "-" and "_"': '只能使用字母、数字、“-”和“_”',
  'may use only letters, digits and "_", not starting with a digit': '只能使用字母、数字和“_”，且不能以数字开头',
  'must be an IANA time zone such as Asia/Shanghai': '应为时区名称，例如 Asia/Shanghai',
  'not a known IANA time zone (e.g. Asia/Shanghai)': '不是已知的时区（例如 Asia/Shanghai）',
  'must be a date as YYYY-MM-DD (or MM-DD when the year is unknown)': '应为日期，写作 YYYY-MM-DD（不知道年份时写 MM-DD）',
  'must be a duration such as 30 minutes (PT30M) or 3 days (P3D)': '格式不对，请填写时长，例如 30 分钟（PT30M）或 3 天（P3D）',
  // Shop settings (engine/facts/settings.ts, engine/guardrails/settings.ts).
  'give four thresholds, between scores 1|2|3|4|5': '请填写四个分界值（分隔 1|2|3|4|5 分）',
  'thresholds must go up': '分界值须逐个增大',
  'windows must go up: active < silent < sleeping': '天数须逐级增大：活跃 < 沉默 < 沉睡',
  'must be a time of day HH:mm, e.g. 21:00': '应为时刻 HH:mm，例如 21:00',
  'must be 0 (off) or more': '应为 0（关闭）或更大',
  'must be at most 3600 (an hour)': '最大为 3600（一小时）',
  'must be at most 20 characters': '最多 20 个字符',
  'must be 2 to 12 characters inside 【】, e.g. 【回头小店】': '应为【】内 2 到 12 个字，例如【回头小店】',
  'must be 2 to 20 characters': '应为 2 到 20 个字',
  'must say how to opt out with a reply Huitou understands, e.g. 拒收请回复R or 回T退订': '须写明回复什么可以退订，例如“拒收请回复R”或“回T退订”',
  // Step configs.
  'name the attribute': '请填写属性名',
  'name the attribute that holds the date': '请填写存放日期的属性名',
  'write the value': '请填写要写入的值',
  'write the message': '请填写消息内容',
  'write the note': '请填写任务说明',
  'give the task a title': '请填写任务标题',
  'name the queue': '请填写任务队列',
  'must be a WeCom userid: 1 to 64 letters, digits, "_", "-", "." or "@"': '应为企业微信账号（userid）：1 到 64 个字母、数字或“_”“-”“.”“@”',
  'choose a coupon campaign': '请选择券活动',
  'add at least one branch': '请至少添加一个分支',
  'at most 20 branches': '最多 20 个分支',
  'add at least one arm': '请至少添加一个分组',
  'at most 20 arms': '最多 20 个分组',
  'a weight is a whole number': '权重应为整数',
  'a weight cannot be negative': '权重不能为负数',
  'a weight is at most 1000': '权重最大为 1000',
  'holdoutPercent is 0 to 50': '对照组比例应在 0 到 50 之间',
  'give at least one arm a weight above 0': '请至少给一个分组大于 0 的权重',
  'give a tag': '请填写标签',
  'add at least one tag': '请至少添加一个标签',
  'at most 20 tags': '最多 20 个标签',
  'ratePerMinute must be a whole number': '每分钟发送人数应为整数',
  'ratePerMinute cannot be negative': '每分钟发送人数不能为负数',
  'choose the event that starts the journey': '请选择开始旅程的事件',
  'choose the event to wait for': '请选择要等待的事件',
  'choose an event': '请选择事件',
  'the window must not open and close at the same time': '时间段的开始和结束不能相同',
  'must be an http or https URL': '应为 http 或 https 开头的网址',
  'must be on one line': '只能写在一行里',
  'is not a valid header name': '不是有效的请求头名称',
  'is set by Huitou': '由回头客自动设置，不能自己填写',
  'write a time of day as HH:mm, e.g. 09:00': '请按 HH:mm 填写时刻，例如 09:00',
  'offsetDays must be a whole number of days': '天数应为整数',
  'at most 365 days before': '最多提前 365 天',
  'at most 365 days after': '最多推后 365 天',
  'write a local date and time as YYYY-MM-DDTHH:mm, e.g. 2026-11-11T10:00': '请按 YYYY-MM-DDTHH:mm 填写当地日期和时间，例如 2026-11-11T10:00',
  'weekdays are 1 (Monday) to 7 (Sunday)': '星期应为 1（周一）到 7（周日）',
  'choose at least one weekday': '请至少选择一天',
  'daysBefore must be a whole number of days': '提前天数应为整数',
  'daysBefore cannot be negative': '提前天数不能为负数',
  'at most 60 days before': '最多提前 60 天',
  'a festival trigger starts on the hour, e.g. 10:00': '节日触发只能选整点，例如 10:00',
  'official working days need at least one weekday from Monday to Friday': '只在工作日时，星期里至少要有周一到周五中的一天',
  'days off need Saturday or Sunday among the weekdays': '只在休息日时，星期里要有周六或周日',
  'choose a fact': '请选择客户数据',
  'choose an operator': '请选择比较方式',
  'give the cool-down (reEntryCooldown) when re-entry is "cooldown"': '再次进入选择“冷却期”时，请填写冷却时长（reEntryCooldown）',
  // Events.
  'must be at most 16 KB of JSON': '最多 16 KB 的 JSON',
  'orderId must be a string': '订单号应为文字',
  'amount must be a number of at least 0': '金额应为不小于 0 的数字',
  'must look like order.created (lower case, dot separated)': '应写成 order.created 这样（小写，用“.”分隔）',
  'must be an ISO 8601 date-time with a time zone, e.g. 2026-11-11T20:00:00+08:00': '应为带时区的日期时间，例如 2026-11-11T20:00:00+08:00',
  'must be an array of product ids': '应为商品编号的列表',
  'must be an array of coupon codes': '应为券码的列表',
  // Requests.
  'must be a date as YYYY-MM-DD, e.g. 2026-11-11': '应为日期，写作 YYYY-MM-DD，例如 2026-11-11',
  'must be zh-CN or en': '应为 zh-CN 或 en',
  'must be solar or lunar': '应为 solar（公历）或 lunar（农历）',
  'must be at most 20 codes': '最多 20 个券码',
  'must be true or false': '应为 true 或 false',
  'must be sms or email': '应为 sms 或 email',
  'must not be below spendMin': '不能低于最低消费金额（spendMin）',
  'must not be below ordersMin': '不能低于最少订单数（ordersMin）',
  'must not be before lastFrom': '不能早于开始日期（lastFrom）',
};

/** Reasons that carry a detail of their own (a parser's message, a list of choices). */
const zhPatterns: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^the template does not parse: (.*)$/s, (m) => `模板无法解析：${describeTemplateProblem(m[1]!, 'zh-CN')}`],
  [
    /^is reserved: Huitou stores (\S+) events itself/,
    (m) => `是保留的事件类型：${m[1]} 事件由回头客自己记录（要让客户进入旅程，请用 POST /api/journeys/:id/enrol）`,
  ],
  [/^must be one of (.*)$/, (m) => `应为以下之一：${m[1]}`],
];
