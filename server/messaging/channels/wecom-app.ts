import { parseTaskRecipient } from '../../../engine/index';
import type { ProviderHttp } from '../outbound-http';
import { checkWecomAnswer, tokenRefused, WecomToken, wecomAnswer, wecomHttp, type WecomAnswer } from './wecom-api';
import { wecomTaskText } from './wecom-task-text';
import { PermanentDeliveryError, type ChannelProvider } from './provider';

export interface WecomAppOptions {
  http: ProviderHttp;
  apiUrl: string;
  corpId: string;
  secret: string;
  agentId: number;
  /** Who gets a task without an assignee (`HUITOU_WECOM_FALLBACK_USER`). */
  fallbackUser: string;
  publicUrl?: string | undefined;
  /** The journey's name for the task's text; the id is shown when it gives none. */
  journeyName?: (journeyId: string) => Promise<string | undefined>;
  now?: () => number;
}

/**
 * Staff tasks through a self-built WeCom app (自建应用): `POST /cgi-bin/message/send?access_token=…`
 * with a text message to the task's assignee (or the fallback user) from the app's agentid.
 * An invalid or expired token (40014, 42001) is fetched again and the send tried once more; the
 * frequency limit (45009) is thrown for the dispatcher to try later; an unknown recipient (81013,
 * 60111, or errcode 0 naming them in `invaliduser`) fails the task at once, the code and errmsg on
 * its row.
 */
export function wecomApp(o: WecomAppOptions): ChannelProvider {
  const token = new WecomToken(o);
  const post = async (body: unknown): Promise<WecomAnswer> => {
    const current = await token.get();
    const url = `${o.apiUrl}/cgi-bin/message/send?access_token=${encodeURIComponent(current)}`;
    const answer = wecomAnswer((await wecomHttp(() => o.http.postJson(url, body))).body, 'message/send');
    if (tokenRefused(answer.errcode)) token.drop(current);
    return answer;
  };
  return {
    name: 'wecom-app',
    async send(message) {
      const touser = parseTaskRecipient(message.recipient).assignee ?? o.fallbackUser;
      const journeyName = message.journeyId && o.journeyName ? await o.journeyName(message.journeyId) : undefined;
      const body = {
        touser,
        msgtype: 'text',
        agentid: o.agentId,
        text: { content: wecomTaskText(message, { journeyName, publicUrl: o.publicUrl, link: 'a' }) },
        safe: 0,
      };
      let answer = await post(body);
      if (tokenRefused(answer.errcode)) answer = await post(body);
      checkWecomAnswer(answer, 'message/send');
      // Some recipients unknown still answers 0, naming them: the task failed only when none was reached.
      const invalid = typeof answer.invaliduser === 'string' ? answer.invaliduser.split('|').filter(Boolean) : [];
      if (invalid.length > 0 && invalid.length === touser.split('|').length)
        throw new PermanentDeliveryError(`WeCom message/send: invaliduser ${invalid.join('|')} (not a member the app can reach)`);
      return { providerMessageId: typeof answer.msgid === 'string' && answer.msgid ? answer.msgid : message.id };
    },
  };
}
