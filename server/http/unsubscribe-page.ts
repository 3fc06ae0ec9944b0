import type { Locale } from '../../engine/index';

/**
 * The small pages of an email's unsubscribe link, in Chinese unless the reader's browser asks for
 * English first: the confirmation (a button that POSTs back; nothing changes on GET, since mail
 * scanners follow links), the done page, and the refusal of a token that is not ours.
 */
export type UnsubscribePage = 'confirm' | 'done' | 'invalid';

const words: Record<Locale, Record<UnsubscribePage, { title: string; body: string; button?: string }>> = {
  'zh-CN': {
    confirm: { title: '退订邮件', body: '确认后，您将不再收到本店的营销邮件。订单、发货等交易通知不受影响。', button: '确认退订' },
    done: { title: '已退订', body: '您已退订本店的营销邮件。订单、发货等交易通知仍会发送。' },
    invalid: { title: '链接无效', body: '这个退订链接无效或已被改动。请使用邮件中的原始链接。' },
  },
  en: {
    confirm: {
      title: 'Unsubscribe',
      body: 'Once you confirm, you will no longer receive marketing emails from this shop. Order and shipping notices are not affected.',
      button: 'Unsubscribe',
    },
    done: { title: 'Unsubscribed', body: 'You will no longer receive marketing emails from this shop. Order and shipping notices still come.' },
    invalid: { title: 'Invalid link', body: 'This unsubscribe link is not valid or was altered. Please use the link from the email as it came.' },
  },
};

/** Chinese, unless the first language the reader's browser names is English. */
export function pageLocale(acceptLanguage: string | undefined): Locale {
  const first = (acceptLanguage ?? '').split(',')[0]!.trim().toLowerCase();
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

export function unsubscribePage(page: UnsubscribePage, locale: Locale): string {
  const w = words[locale][page];
  const form = w.button ? `<form method="post"><input type="hidden" name="confirm" value="1"><button type="submit">${w.button}</button></form>` : '';
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${w.title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem;color:#222}button{font-size:1rem;padding:.5rem 1.25rem}</style>
</head><body><h1>${w.title}</h1><p>${w.body}</p>${form}</body></html>`;
}
