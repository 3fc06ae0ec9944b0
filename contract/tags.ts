import { z } from 'zod';
import { endpoint } from './endpoint';

/** A tag of the shop, for pickers: how many customers have it and where it comes from. */
export const shopTagSchema = z.object({ tag: z.string(), customers: z.number().int(), sources: z.array(z.enum(['manual', 'rule'])) }).meta({ id: 'ShopTag' });

export const listTags = endpoint({
  method: 'GET',
  path: '/api/tags',
  access: 'analyst',
  summary: 'The tags the shop uses, most used first',
  description:
    'Every tag the shop uses, for pickers: tags on customers (manual and rule tags) and tags the tag rules of the settings give, also before any customer has them. Most used first.',
  response: z.object({ tags: z.array(shopTagSchema) }),
});

export const tagEndpoints = [listTags] as const;
