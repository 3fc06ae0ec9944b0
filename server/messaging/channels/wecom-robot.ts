import { parseTaskRecipient } from '../../../engine/index';
import type { ProviderHttp } from '../outbound-http';
import { checkWecomAnswer, wecomAnswer, wecomHttp } from './wecom-api';
import { wecomTaskText } from './wecom-task-text';
import type { ChannelProvider } from './provider';

export interface WecomRobotOptions {
  http: ProviderHttp;
  apiUrl: string;
  /** The robot's webhook key (`HUITOU_WECOM_ROBOT_KEY`). */
  key: string;
  publicUrl?: string | undefined;
  journeyName?: (journeyId: string) => Promise<string | undefined>;
}

/**
 * Staff tasks posted to a WeCom group by its robot (群机器人): `POST /cgi-bin/webhook/send?key=…`
 * with a text message that @-mentions the task's assignee (`mentioned_list`; text, because
 * markdown takes no mention list). A task without an assignee is posted to the group unmentioned.
 * The robot's frequency limit (20 a minute, errcode 45009) is thrown for the dispatcher to try later.
 */
export function wecomRobot(o: WecomRobotOptions): ChannelProvider {
  const url = `${o.apiUrl}/cgi-bin/webhook/send?key=${encodeURIComponent(o.key)}`;
  return {
    name: 'wecom-robot',
    async send(message) {
      const { assignee } = parseTaskRecipient(message.recipient);
      const journeyName = message.journeyId && o.journeyName ? await o.journeyName(message.journeyId) : undefined;
      const text = {
        content: wecomTaskText(message, { journeyName, publicUrl: o.publicUrl, link: 'plain' }),
        ...(assignee !== undefined ? { mentioned_list: [assignee] } : {}),
      };
      const answer = wecomAnswer((await wecomHttp(() => o.http.postJson(url, { msgtype: 'text', text }))).body, 'webhook/send');
      checkWecomAnswer(answer, 'webhook/send');
      return { providerMessageId: message.id };
    },
  };
}
