import { analysisEndpoints } from './analysis';
import { consentEndpoints } from './consent';
import { couponEndpoints } from './coupons';
import { customerEndpoints } from './customers';
import type { Endpoint } from './endpoint';
import { eventEndpoints } from './events';
import { importEndpoints } from './import';
import { journeyLifeEndpoints } from './journey-life';
import { journeyEndpoints } from './journeys';
import { kpiEndpoints } from './kpis';
import { messageEndpoints } from './messages';
import { metaEndpoints } from './meta';
import { segmentEndpoints } from './segments';
import { settingsEndpoints } from './settings';
import { simulateEndpoints } from './simulate';
import { statsEndpoints } from './stats';
import { tagRuleEndpoints } from './tag-rules';
import { tagEndpoints } from './tags';
import { templateEndpoints } from './templates';
import { tokenEndpoints } from './tokens';
import { triggerEndpoints } from './triggers';
import { versionEndpoints } from './versions';

export * from './analysis';
export * from './common';
export * from './consent';
export * from './coupons';
export * from './customer-activity';
export * from './customer-filters';
export * from './customers';
export * from './endpoint';
export * from './errors';
export * from './events';
export * from './import';
export * from './journey-life';
export * from './journeys';
export * from './kpis';
export * from './messages';
export * from './meta';
export * from './segments';
export * from './settings';
export * from './simulate';
export * from './stats';
export * from './tag-rules';
export * from './tags';
export * from './templates';
export * from './tokens';
export * from './triggers';
export * from './versions';

/** Every endpoint of the API, by area: the server refuses to start unless it registers each, and nothing else under /api. */
export const endpoints: readonly Endpoint[] = [
  ...metaEndpoints,
  ...journeyEndpoints,
  ...journeyLifeEndpoints,
  ...statsEndpoints,
  ...versionEndpoints,
  ...templateEndpoints,
  ...analysisEndpoints,
  ...simulateEndpoints,
  ...triggerEndpoints,
  ...eventEndpoints,
  ...importEndpoints,
  ...messageEndpoints,
  ...kpiEndpoints,
  ...customerEndpoints,
  ...consentEndpoints,
  ...settingsEndpoints,
  ...tagEndpoints,
  ...tagRuleEndpoints,
  ...segmentEndpoints,
  ...couponEndpoints,
  ...tokenEndpoints,
];
