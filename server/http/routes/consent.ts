import type { FastifyInstance, FastifyReply } from 'fastify';
import { postSmsInbound, setSubscription, unsubscribeNow, unsubscribePage as unsubscribePageEntry } from '../../../contract/index';
import { changeSubscriptions, subscriptionsOf } from '../../customers/consent';
import { receiveSmsReply } from '../../customers/sms-replies';
import { verifyUnsubscribe } from '../../messaging/unsubscribe-token';
import type { AppContext } from '../context';
import { route } from '../endpoint';
import { pageLocale, unsubscribePage, type UnsubscribePage } from '../unsubscribe-page';

/** Consent: SMS replies (退订 / 订阅) and the public unsubscribe link of marketing emails. */
export function consentRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, postSmsInbound, async ({ body }) => {
    const outcome = await receiveSmsReply(ctx.db, { phone: body.phone, text: body.text, receivedAt: body.receivedAt ?? new Date() });
    // Counts only: the phone number and the text are personal.
    ctx.log.info({ action: outcome.action, customers: outcome.customers, changed: outcome.changed }, 'sms reply received');
    return outcome;
  });

  route(app, setSubscription, async ({ params, body, reply }) => {
    const known = await ctx.db.selectFrom('customers').select('id').where('id', '=', params.id).executeTakeFirst();
    if (!known && !(await ctx.facts.forCustomer(params.id))) return reply.code(404).send({ error: 'not_found', message: `no customer with id "${params.id}"` });
    const changed = await changeSubscriptions(ctx.db, { customerIds: [params.id], channel: params.channel, state: body.state, via: 'api', at: new Date() });
    return { changed: changed.length > 0, subscriptions: await subscriptionsOf(ctx.db, params.id) };
  });

  const page = (reply: FastifyReply, status: number, which: UnsubscribePage, acceptLanguage: string | undefined) =>
    reply
      .code(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .send(unsubscribePage(which, pageLocale(acceptLanguage)));

  route(app, unsubscribePageEntry, async ({ params, request, reply }) => {
    const target = verifyUnsubscribe(await ctx.unsubscribeSecret(), params.token);
    return page(reply, target ? 200 : 400, target ? 'confirm' : 'invalid', request.headers['accept-language']);
  });

  void app.register(async (scope) => {
    // Mail clients post `List-Unsubscribe=One-Click` form-encoded (RFC 8058); only this route reads such bodies.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    route(scope, unsubscribeNow, async ({ params, body, request, reply }) => {
      const target = verifyUnsubscribe(await ctx.unsubscribeSecret(), params.token);
      if (!target) return page(reply, 400, 'invalid', request.headers['accept-language']);
      const form = new URLSearchParams(typeof body === 'string' ? body : '');
      const oneClick = form.get('List-Unsubscribe') === 'One-Click';
      // Neither a mail client's one-click nor the page's button: ask again, change nothing.
      if (!oneClick && form.get('confirm') !== '1') return page(reply, 400, 'confirm', request.headers['accept-language']);
      const changed = await changeSubscriptions(ctx.db, {
        customerIds: [target.customerId],
        channel: target.channel,
        state: 'unsubscribed',
        via: oneClick ? 'one-click' : 'link',
        at: new Date(),
      });
      ctx.log.info({ channel: target.channel, via: oneClick ? 'one-click' : 'link', changed: changed.length }, 'unsubscribed by link');
      return page(reply, 200, 'done', request.headers['accept-language']);
    });
  });
}
