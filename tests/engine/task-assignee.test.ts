import { describe, expect, it } from 'vitest';
import { chooseAssignee, createRegistry, parseTaskRecipient, taskRecipient, validateJourney, type Locale } from '../../engine/index';
import { paymentReminderDocument } from './fixtures';

const registry = createRegistry();

type StepType = 'message.send' | 'task.create';

/** The payment reminder with its call task (node 4: message.send on channel task, or a task.create in its place) given `config`. */
function withTaskConfig(type: StepType, config: Record<string, unknown>) {
  const doc = paymentReminderDocument();
  const own = type === 'message.send' ? doc.nodes[4]!.config : { title: '电话催付 {{order.id}}' };
  doc.nodes[4] = { id: 'call-task', type, config: { ...own, ...config } };
  return doc;
}
const problems = (config: Record<string, unknown>, locale: Locale, type: StepType = 'message.send') =>
  validateJourney(withTaskConfig(type, config), registry, locale).problems.map((p) => ({ path: p.path, nodeId: p.nodeId, message: p.message }));

describe("a staff task's assignee", () => {
  it("takes the customer's owner from the named attribute, else the step's assignee, else nobody", () => {
    const both = { assigneeAttribute: '专属客服', assignee: 'zhangsan' };
    expect(chooseAssignee(both, { id: 'c1', 专属客服: 'lisi' })).toBe('lisi');
    expect(chooseAssignee(both, { id: 'c1', 专属客服: ' lisi ' })).toBe('lisi');
    expect(chooseAssignee(both, { id: 'c1' })).toBe('zhangsan');
    // An owner that cannot be a WeCom userid (a name typed by hand) is not sent to: the fallback is.
    expect(chooseAssignee(both, { id: 'c1', 专属客服: '李四' })).toBe('zhangsan');
    expect(chooseAssignee({ assigneeAttribute: 'owner' }, { id: 'c1', owner: 42 })).toBeUndefined();
    expect(chooseAssignee({ assignee: 'zhangsan' }, { id: 'c1', owner: 'lisi' })).toBe('zhangsan');
    expect(chooseAssignee({}, { id: 'c1', owner: 'lisi' })).toBeUndefined();
  });

  it('travels in the recipient as queue/userid and reads back the same', () => {
    expect(taskRecipient('phone-calls', 'li.si@shop')).toBe('phone-calls/li.si@shop');
    expect(parseTaskRecipient('phone-calls/li.si@shop')).toEqual({ queue: 'phone-calls', assignee: 'li.si@shop' });
    expect(taskRecipient('staff', undefined)).toBe('staff');
    expect(parseTaskRecipient('staff')).toEqual({ queue: 'staff' });
    expect(parseTaskRecipient('staff/not a userid')).toEqual({ queue: 'staff/not a userid' });
  });

  it.each(['message.send', 'task.create'] as const)('is optional on %s: a stored step without it stays valid and parses to the config it had', (type) => {
    expect(problems({}, 'en', type)).toEqual([]);
    const parsed = registry.require(type).config.parse(withTaskConfig(type, {}).nodes[4]!.config);
    expect(parsed).not.toHaveProperty('assignee');
    expect(parsed).not.toHaveProperty('assigneeAttribute');
    expect(problems({ assignee: 'zhang.san@shop', assigneeAttribute: '专属客服' }, 'en', type)).toEqual([]);
  });

  it.each(['message.send', 'task.create'] as const)(
    'refuses on %s a userid WeCom would not take and an empty attribute, naming the field in zh-CN and en',
    (type) => {
      const bad = { assignee: '张三', assigneeAttribute: '' };
      expect(problems(bad, 'en', type)).toEqual([
        { path: 'nodes[4].config.assignee', nodeId: 'call-task', message: 'assignee: must be a WeCom userid: 1 to 64 letters, digits, "_", "-", "." or "@"' },
        { path: 'nodes[4].config.assigneeAttribute', nodeId: 'call-task', message: 'assigneeAttribute: name the attribute' },
      ]);
      expect(problems(bad, 'zh-CN', type).map((p) => p.message)).toEqual([
        '负责人：应为企业微信账号（userid）：1 到 64 个字母、数字或“_”“-”“.”“@”',
        '专属客服属性：请填写属性名',
      ]);
      expect(problems({ assignee: 'x'.repeat(65) }, 'en', type).map((p) => p.message)).toEqual([
        'assignee: must be a WeCom userid: 1 to 64 letters, digits, "_", "-", "." or "@"',
      ]);
    },
  );
});
