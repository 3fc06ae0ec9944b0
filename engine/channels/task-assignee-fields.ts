import { field } from '../nodes/field';
import { assigneeAttributeSchema, wecomUserIdSchema } from './task-assignee';

/**
 * The config fields that choose a staff task's assignee, shared by task.create and message.send
 * (channel task). Optional and without defaults, so stored journeys parse to the config they had
 * and replay unchanged.
 */
export const assigneeFields = {
  assignee: wecomUserIdSchema.optional().meta(
    field({
      en: {
        title: 'Assignee (WeCom userid)',
        description:
          'Staff tasks: the WeCom account of the staff member the task is sent to; with an owner attribute, who takes it when the customer has no owner',
      },
      'zh-CN': {
        title: '负责人（企业微信账号）',
        description: '客服任务发给哪位员工的企业微信账号（userid）；设置了“专属客服属性”时，客户没有专属客服则发给此人',
      },
    }),
  ),
  assigneeAttribute: assigneeAttributeSchema.optional().meta(
    field({
      en: { title: 'Owner attribute', description: "Staff tasks: the customer's attribute holding their own staff member's WeCom userid, e.g. owner" },
      'zh-CN': { title: '专属客服属性', description: '客服任务：客户的哪个属性存放其专属客服的企业微信账号，如 owner 或 专属客服' },
    }),
  ),
};
