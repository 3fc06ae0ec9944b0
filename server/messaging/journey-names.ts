import type { Db } from '../db/database';

/** A journey's name by id, for what providers tell staff (a WeCom task's source); names are not personal data. */
export function journeyNames(db: Db): (journeyId: string) => Promise<string | undefined> {
  return async (id) => (await db.selectFrom('journeys').select('name').where('id', '=', id).executeTakeFirst())?.name;
}
