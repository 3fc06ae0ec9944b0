import nodemailer from 'nodemailer';
import type { ChannelProvider } from './provider';
import { PermanentDeliveryError } from './provider';

export interface SmtpOptions {
  /** `smtp://user:pass@host:587` or `smtps://…` (`HUITOU_SMTP_URL`). */
  url: string;
  /** The From address (`HUITOU_MAIL_FROM`). */
  from: string;
}

/**
 * Email through the shop's SMTP server, with nodemailer (connection pooling, STARTTLS, auth).
 * The message text was rendered with HTML escaping, so it goes out as the HTML part, with a plain
 * text alternative derived from it for clients that show text only.
 */
export function smtp(options: SmtpOptions): ChannelProvider {
  const transport = nodemailer.createTransport(options.url, { from: options.from });
  return {
    name: 'smtp',
    async send(message) {
      try {
        const html = message.unsubscribe ? withUnsubscribeLink(message.text, message.unsubscribe.url) : message.text;
        const info = await transport.sendMail({
          from: options.from,
          to: message.recipient,
          subject: message.subject ?? '',
          html,
          text: htmlToText(html),
          messageId: `<${message.id}@huitou>`,
          ...(message.unsubscribe ? { headers: unsubscribeHeaders(message.unsubscribe) } : {}),
        });
        return { providerMessageId: info.messageId };
      } catch (e) {
        // 5xx answers (no such mailbox, refused) stay refused; 4xx and network errors may pass later.
        const code = (e as { responseCode?: number }).responseCode;
        if (typeof code === 'number' && code >= 500) throw new PermanentDeliveryError(`SMTP ${code}: ${(e as Error).message}`);
        throw e;
      }
    },
    async close() {
      transport.close();
    },
  };
}

/**
 * RFC 8058 one-click unsubscribe: `List-Unsubscribe` with the https URL (and a mailto when one is
 * configured, RFC 2369), and `List-Unsubscribe-Post`, which tells the mail client a POST of
 * `List-Unsubscribe=One-Click` to that URL unsubscribes without a page. (DKIM signing of both
 * headers, which RFC 8058 asks for, is the shop's SMTP server's job.)
 */
export function unsubscribeHeaders(links: { url: string; mailto?: string | undefined }): Record<string, string> {
  const targets = [`<${links.url}>`, ...(links.mailto ? [`<${links.mailto}>`] : [])];
  return { 'List-Unsubscribe': targets.join(', '), 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/** The email's HTML with an unsubscribe link at its end, in the shop's language and in English. */
export function withUnsubscribeLink(html: string, url: string): string {
  const href = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `${html}\n<p style="font-size:12px;color:#888">不想再收到此类邮件？<a href="${href}">退订</a> · <a href="${href}">Unsubscribe</a></p>`;
}

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/** A readable text version of the HTML part: line breaks kept, tags dropped, entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/li|\/h[1-6]|\/tr)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (m) => entities[m] ?? m)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
