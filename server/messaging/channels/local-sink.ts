import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ChannelProvider } from './provider';

/**
 * Where messages go when no provider is configured (`npm start` on a laptop): one JSON line per
 * message in a file under the data folder, so the user sees what would have gone out. The file
 * holds recipients and text, as a real provider would; it is the operator's, never a log.
 */
export function localSink(file: string): ChannelProvider {
  return {
    name: 'local-sink',
    async send(message) {
      await mkdir(dirname(file), { recursive: true });
      const line = {
        at: new Date().toISOString(),
        id: message.id,
        channel: message.channel,
        to: message.recipient,
        subject: message.subject,
        text: message.text,
      };
      await appendFile(file, `${JSON.stringify(line)}\n`, { mode: 0o600 });
      return { providerMessageId: `local-sink:${message.id}` };
    },
  };
}
