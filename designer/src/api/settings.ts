import { getSettings, getSettingsChanges, previewSettings, putSettings, refreshFacts, type ResponseOf } from '../../../contract/index';
import { call } from './call';

/** The shop settings API (contract/settings.ts; docs/api.md). */
export type SettingsResponse = ResponseOf<typeof getSettings>;
export type SettingsChangesPage = ResponseOf<typeof getSettingsChanges>;
export type SettingsPreview = ResponseOf<typeof previewSettings>;

export const fetchSettings = (): Promise<SettingsResponse> => call(getSettings);
export const fetchSettingsChanges = (cursor?: string): Promise<SettingsChangesPage> =>
  call(getSettingsChanges, { query: { limit: 20, ...(cursor ? { cursor } : {}) } });
export const previewShopSettings = (settings: Record<string, unknown>): Promise<SettingsPreview> => call(previewSettings, { body: settings });
export const saveShopSettings = (settings: Record<string, unknown>): Promise<ResponseOf<typeof putSettings>> => call(putSettings, { body: settings });
/** Brings the customers' facts to the stored settings now (rather than at the daily refresh). */
export const refreshCustomerFacts = (): Promise<ResponseOf<typeof refreshFacts>> => call(refreshFacts, { query: {} });
