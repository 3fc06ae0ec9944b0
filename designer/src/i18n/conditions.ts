import { i18next } from './index';
import { conditionBuilderEn } from './conditions-en';
import { conditionBuilderZhCN } from './conditions-zh-CN';

/**
 * Adds the condition builder's section (`conditionBuilder.*`) to both languages when the builder's
 * code loads: it ships in the lazily loaded form chunk, so the strings travel with it.
 */
i18next.addResourceBundle('en', 'translation', { conditionBuilder: conditionBuilderEn }, true, true);
i18next.addResourceBundle('zh-CN', 'translation', { conditionBuilder: conditionBuilderZhCN }, true, true);
