/** Strings of the message editor, the guardrails shown on message steps and the friendly inputs. */
export const messageEditorEn = {
  variables: 'Insert variable',
  variablesLabel: 'Variables a message can use',
  group: { customer: 'Customer', order: 'Order', coupon: 'Coupon', event: 'Event' },
  preview: 'Preview',
  previewWith: 'With',
  sampleCustomer: 'a sample customer',
  realCustomer: 'customer by id',
  customerId: 'Customer id',
  customerIdPlaceholder: 'e.g. c-1001',
  previewing: 'Rendering…',
  sms_one: '{{count}} SMS / {{length}} characters',
  sms_other: '{{count}} SMS / {{length}} characters',
  smsWarning: 'Sent as {{count}} parts of up to {{per}} characters each ({{encoding}}): each part is billed, and some phones show them apart.',
  characters: '{{length}} characters',
  unknownVariables: 'No value for: {{names}}',
  templateError: 'The template does not parse: {{message}}',
  previewFailed: 'No preview: {{message}}',
  empty: 'Write the message to see it here.',
};

export const guardrailsEn = {
  title: 'Sending rules',
  quiet: {
    hold: 'Quiet hours {{from}}–{{to}}: held until they end',
    skip: 'Quiet hours {{from}}–{{to}}: not sent',
    ignore: 'Ignores quiet hours {{from}}–{{to}}',
    none: 'The shop has no quiet hours',
    transactional: 'Transactional: no quiet hours, no caps',
    task: 'Staff task: no quiet hours, no caps',
  },
  quietShort: { hold: 'Quiet hours: hold', skip: 'Quiet hours: skip', ignore: 'Ignores quiet hours', transactional: 'Transactional' },
  cap: 'At most {{max}} {{channel}} per customer every {{within}}',
  noCaps: 'No frequency cap on this channel',
  settingsWhere: 'An admin changes them on the Settings page.',
  settingsHelp: 'Quiet hours and frequency caps are shop settings; they apply to every journey.',
};

export const inputsEn = {
  duration: { amount: 'Amount', unit: 'Unit', units: { minutes: 'minutes', hours: 'hours', days: 'days' }, raw: 'Kept as written: {{value}}' },
  weekdays: { 1: 'Mon', 2: 'Tue', 3: 'Wed', 4: 'Thu', 5: 'Fri', 6: 'Sat', 7: 'Sun' },
  weekdayNames: { 1: 'Monday', 2: 'Tuesday', 3: 'Wednesday', 4: 'Thursday', 5: 'Friday', 6: 'Saturday', 7: 'Sunday' },
  timeZone: { placeholder: 'Search time zones, e.g. Shanghai', common: 'Common', all: 'All zones', unknown: 'Not a time zone the browser knows' },
  journey: {
    title: 'Journey settings',
    timezone: 'Time zone',
    timezoneHelp: "The shop's time zone: waits for a date, a time or a window read it when the customer has none of their own.",
    urgent: 'Time-critical',
    urgentHelp:
      "Runs in the urgent lane, never behind a broadcast's thousands. Journeys started by a customer's own event (payment reminders, order care) are urgent already.",
  },
};

/** A message step's provider template (SmsTemplateField.tsx). */
export const smsTemplatesEn = {
  title: 'Provider template (Aliyun / Tencent SMS)',
  freeText: 'Free text (local sink and gateway only)',
  marketing: 'marketing',
  unregistered: '{{code}} (not registered)',
  none: 'The shop has registered no SMS templates yet (settings sms.templates).',
  variable: 'Variable',
  preview: 'As the sample customer gets it',
  noSignature: '【no signature set】',
};
