import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logger';
import { eventually, uniqueId } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';
import { contactEvents, contactJourney, person } from './contact-journey';

/** A logger at debug level whose lines are kept for the test to read. */
function capturedLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { log: createLogger('debug', sink), lines, text: () => lines.join('\n') };
}

describe('logs carry no personal data', () => {
  it('masks phone- and email-shaped text in messages, fields and errors, and drops contact fields by name', () => {
    const { log, lines } = capturedLogger();
    log.info(
      { customer: { name: person.name, phone: person.phone }, note: `call ${person.phone}`, to: ['x', 'zym@example.com'] },
      `sent to +86 ${person.phone}`,
    );
    log.warn({ err: new Error(`duplicate key (phone)=(${person.phone}) for ${person.email}`) }, 'insert failed');
    const [first, second] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first).toMatchObject({
      msg: 'sent to +86****5678',
      customer: { name: '[redacted]', phone: '[redacted]' },
      note: 'call 139****5678',
      to: ['x', 'z***@example.com'],
    });
    expect(second).toMatchObject({ msg: 'insert failed', err: { message: 'duplicate key (phone)=(139****5678) for l***@example.cn' } });
    expect(lines.join('\n')).not.toMatch(/13912345678|linxw@|zym@/);
  });

  describe('a journey that sends to a customer, logged at debug level', () => {
    const capture = capturedLogger();
    let stack: Stack;
    beforeAll(async () => void (stack = await startStack({}, { log: capture.log })));
    afterAll(() => stack?.stop());

    it('logs the enrolment and the sends, and never the name, phone or email', async () => {
      const customerId = uniqueId('c');
      const journey = contactJourney();
      expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
      expect((await stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' })).status).toBe(200);
      for (const event of contactEvents(customerId)) expect((await stack.api('/api/events', { body: event })).status).toBe(202);
      // Delivered: the SMS and the email go through the local sinks, the task stays open.
      await eventually(async () => {
        const { body } = await stack.api(`/api/messages?customerId=${customerId}`);
        const sent = body.messages.filter((m: { status: string }) => m.status === 'sent').length;
        return sent === 2 ? true : undefined;
      });
      // The routes that read customers, as admin (who sees everything in answers, never in logs).
      expect((await stack.api('/api/facts/refresh', { method: 'POST' })).status).toBe(200);
      expect((await stack.api(`/api/customers/${customerId}`)).status).toBe(200);
      expect((await stack.api('/api/templates/preview', { body: { customerId, template: '{{customer.name}} {{customer.phone}}' } })).status).toBe(200);

      const text = capture.text();
      for (const said of ['customer enrolled', 'message sent', 'journey published', 'customer facts refreshed']) expect(text, said).toContain(said);
      expect(text).toContain(customerId);
      for (const value of Object.values(person)) expect(text).not.toContain(value);
      expect(text).not.toContain(person.phone.slice(-8));
    });
  });
});
