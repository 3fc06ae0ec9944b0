import { expect, it } from 'vitest';
import { createRegistry, validateJourney } from '../../engine/index';
import { paymentReminderDocument } from './fixtures';

it('refuses a journey time zone Intl does not know, naming settings.timezone', () => {
  const doc = paymentReminderDocument();
  doc.settings = { ...(doc.settings as object), timezone: 'Asia/Beijing' };
  const { problems } = validateJourney(doc, createRegistry());
  expect(problems).toEqual([{ path: 'settings.timezone', code: 'invalid', message: 'timezone: must be an IANA time zone such as Asia/Shanghai' }]);
  doc.settings = { ...(doc.settings as object), timezone: 'America/New_York' };
  expect(validateJourney(doc, createRegistry()).problems).toEqual([]);
});
