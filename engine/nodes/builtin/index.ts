import type { NodeDefinition } from '../define';
import { condition } from './condition';
import { exit } from './exit';
import { sendMessage } from './send-message';
import { eventTrigger } from './trigger-event';
import { wait } from './wait';
import { waitForEvent } from './wait-for-event';

/** The node types Huitou ships. Each is one file; adding one means adding it to this list. */
export const builtinNodes: NodeDefinition[] = [eventTrigger, wait, waitForEvent, condition, sendMessage, exit] as NodeDefinition[];
