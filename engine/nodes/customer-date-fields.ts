import { z } from 'zod';
import { calendarDateSources } from '../triggers/calendar-due';
import { field } from './field';

/**
 * The customer's date a date step reads, with its texts: one definition for the date trigger and
 * the wait for a customer date, so the two steps offer and name the same choices.
 */
export const customerDateChoice = z
  .enum(calendarDateSources)
  .default('birthday')
  .meta(
    field({
      en: { title: 'Date', description: 'birthday, first purchase (firstOrderAt), last purchase (lastOrderAt), or a customer attribute' },
      'zh-CN': {
        title: '日期',
        description: '生日、首次购买、最近购买，或客户属性',
        enum: { birthday: '生日', firstOrderAt: '首次购买', lastOrderAt: '最近购买', attribute: '客户属性' },
      },
    }),
  );

/** The texts of the attribute that holds the date when the choice is `attribute`. */
export const customerDateAttributeTexts = field({
  en: { title: 'Attribute', description: 'When Date is attribute: the attribute holding YYYY-MM-DD or an ISO date-time' },
  'zh-CN': { title: '属性名', description: '日期选“客户属性”时：存放日期（YYYY-MM-DD 或 ISO 时间）的属性' },
});
