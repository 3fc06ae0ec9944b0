import {
  createFromTemplate,
  createJourney,
  facts,
  getJourney,
  listJourneys,
  listTemplates,
  nodeTypes,
  pauseJourney,
  publishJourney,
  resumeJourney,
  updateJourney,
} from '../../../contract/index';
import type { Journey } from '../../../engine/journey/schema';
import type { Locale } from '../../../engine/nodes/define';
import { call } from './call';

export const api = {
  nodeTypes: () => call(nodeTypes),
  facts: () => call(facts),
  listJourneys: () => call(listJourneys),
  getJourney: (id: string) => call(getJourney, { params: { id } }),
  createJourney: (journey: Journey) => call(createJourney, { body: journey }),
  updateJourney: (journey: Journey) => call(updateJourney, { params: { id: journey.id }, body: journey }),
  publish: (id: string) => call(publishJourney, { params: { id } }),
  pause: (id: string) => call(pauseJourney, { params: { id } }),
  resume: (id: string) => call(resumeJourney, { params: { id } }),
  templates: (locale: Locale) => call(listTemplates, { query: { locale } }),
  fromTemplate: (template: string, locale: Locale, eventDate?: string) =>
    call(createFromTemplate, { body: { template, locale, ...(eventDate ? { eventDate } : {}) } }),
};
