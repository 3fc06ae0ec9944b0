import type { z } from 'zod';
import { listTags, type shopTagSchema } from '../../../contract/tags';
import { call } from './call';

export type ShopTag = z.infer<typeof shopTagSchema>;

export const fetchTags = () => call(listTags);
