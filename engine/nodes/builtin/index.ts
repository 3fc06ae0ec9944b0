import type { NodeDefinition } from '../define';
import { attributeSet } from './attribute-set';
import { couponIssue } from './coupon-issue';
import { tagAdd } from './tag-add';
import { tagRemove } from './tag-remove';
import { taskCreate } from './task-create';
import { tierRaise } from './tier-raise';
import { condition } from './condition';
import { exit } from './exit';
import { sendMessage } from './send-message';
import { eventTrigger } from './trigger-event';
import { dateTrigger } from './trigger-date';
import { festivalTrigger } from './trigger-festival';
import { broadcastTrigger } from './trigger-broadcast';
import { segmentTrigger } from './trigger-segment';
import { wait } from './wait';
import { waitForEvent } from './wait-for-event';
import { waitUntil } from './wait-until';
import { waitWindow } from './wait-window';
import { waitDate } from './wait-date';
import { splitMulti } from './split-multi';
import { splitRandom } from './split-random';
import { webhookPost } from './webhook-post';

/** The node types Huitou ships. Each is one file; adding one means adding it to this list. */
export const builtinNodes: NodeDefinition[] = [
  eventTrigger,
  dateTrigger,
  festivalTrigger,
  broadcastTrigger,
  segmentTrigger,
  wait,
  waitForEvent,
  condition,
  sendMessage,
  exit,
  waitUntil,
  waitWindow,
  waitDate,
  splitMulti,
  splitRandom,
  webhookPost,
  couponIssue,
  tagAdd,
  tagRemove,
  tierRaise,
  attributeSet,
  taskCreate,
] as NodeDefinition[];
