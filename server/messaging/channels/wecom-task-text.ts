import type { DeliverableMessage } from './provider';

/** WeCom cuts text messages at 2048 bytes (app and robot alike); ours stay under it whole. */
export const WECOM_TEXT_MAX_BYTES = 2048;

export interface TaskTextOptions {
  /** The journey's name, when it can be read; its id otherwise. */
  journeyName?: string | undefined;
  /** `HUITOU_PUBLIC_URL`: the designer's address, for the link to the customer's page. */
  publicUrl?: string | undefined;
  /** `a`: the link as an A tag (an app's text message opens it); `plain`: the bare address (a robot's). */
  link: 'a' | 'plain';
}

/**
 * A staff task as a WeCom text message: the title (with its priority), the note as the step
 * rendered it, then where it comes from (journey and step) and the customer's page in the
 * designer. Text rather than markdown: WeCom shows text everywhere (markdown not in WeChat), and a
 * robot's `mentioned_list` works on text only. What Huitou adds names the customer by id only; the
 * title and note are the shop's templates, sent as written — staff need the phone number a note
 * gives to make the call (docs/channels.md, "WeCom (企业微信)").
 */
export function wecomTaskText(message: DeliverableMessage, o: TaskTextOptions): string {
  const title = message.subject ? `【客服任务】${message.subject}` : '【客服任务】';
  const source = `旅程：${o.journeyName ?? message.journeyId ?? '—'}　步骤：${message.nodeId ?? '—'}`;
  const page = o.publicUrl && message.customerId ? `${o.publicUrl}/#/customers/${encodeURIComponent(message.customerId)}` : undefined;
  const customer =
    message.customerId === undefined
      ? undefined
      : page === undefined
        ? `客户：${message.customerId}`
        : o.link === 'a'
          ? `客户：<a href="${page}">${escapeHtml(message.customerId)}（打开客户页）</a>`
          : `客户：${message.customerId} ${page}`;
  const tail = [source, customer].filter((l): l is string => l !== undefined).join('\n');
  // The note gives way when the whole is too long: the title, source and link stay whole.
  const room = WECOM_TEXT_MAX_BYTES - bytes(`${title}\n\n${tail}`) - 2;
  return `${title}\n${cutToBytes(message.text, room)}\n\n${tail}`;
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** The longest start of `text` within `max` UTF-8 bytes, whole characters only, "…" when cut. */
export function cutToBytes(text: string, max: number): string {
  if (bytes(text) <= max) return text;
  let out = '';
  let used = bytes('…');
  for (const ch of text) {
    used += bytes(ch);
    if (used > max) break;
    out += ch;
  }
  return `${out}…`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
