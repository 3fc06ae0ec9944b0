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
        const info = await transport.sendMail({
          from: options.from,
          to: message.recipient,
          subject: message.subject ?? '',
          html: message.text,
          text: htmlToText(message.text),
          messageId: `<${message.id}@huitou>`,
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
