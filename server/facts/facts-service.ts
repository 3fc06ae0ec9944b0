import { sql } from 'kysely';
import {
  birthdayCalendarOf,
  birthdayMonthDay,
  customerFactsDetail,
  explainFacts,
  isValidTimeZone,
  toCents,
  type CustomerFacts,
  type FactChange,
  type FactPopulation,
  type FactsExplanation,
  type ShopSettings,
} from '../../engine/index';
import type { Db } from '../db/database';
import { bulkRefresh, type Rehearsal } from './bulk-refresh';
import { changesOf } from './change-events';
import { writeViewParameters } from './bulk-snapshot';
import { storeDerivedFacts } from './stored-derived';
import { loadCustomerInputs, loadManyCustomerInputs, type CustomerInputs, type CustomerView } from './customer-inputs';
import type { RefreshMode } from './refresh-scope';
import type { SettingsStore } from './settings-store';
import { recomputeSegments } from '../segments/membership';

export type { FactChange } from '../../engine/index';

export interface RefreshSummary {
  customers: number;
  /** The changes against the previous snapshot; the refresh stored them as events. */
  changes: FactChange[];
  /** Events stored for them (none again for a change stored earlier the same day). */
  eventsStored: number;
  /** Every customer, or only those whose stored values may have moved (refresh-scope.ts). */
  mode: RefreshMode;
  /** Why a full refresh; how many customers a `changed` one recomputed. */
  reason?: string;
  recomputed?: number;
  /** Milliseconds per step of the bulk SQL. */
  timings: Record<string, number>;
}

/** A customer's facts and what the snapshot stores beside them, from their inputs. */
function detail(inputs: CustomerInputs, settings: ShopSettings, population: FactPopulation | null, asOf: Date) {
  const {
    facts,
    ruleTags: ruleTagList,
    mainCategory,
  } = customerFactsDetail({ customer: inputs.record, orders: inputs.orders, products: inputs.products, settings, population, asOf });
  // What the snapshot stores besides the facts (as the bulk refresh does): the rule tags, the main
  // category where ranges per category use it, and the birthday's month-day when it is a day of some year.
  const birthday = inputs.record.birthday;
  return {
    customer: inputs.view,
    facts,
    ruleTagList,
    settings,
    population,
    mainCategory,
    manualTags: [...(inputs.record.manualTags ?? [])].sort(),
    // None for a 农历 birthday: its Gregorian day moves every year (the bulk refresh agrees).
    birthdayMonthDay: birthday && birthdayMonthDay(birthday) && birthdayCalendarOf(inputs.record.birthdayCalendar) !== 'lunar' ? birthday.slice(-5) : null,
  };
}

/**
 * Customer facts as of a moment, per customer (engine's computeCustomerFacts on that customer's
 * rows) and for every customer at once (set-based SQL, bulk-refresh.ts). Both use the shop settings
 * and the population boundaries stored by the last bulk refresh; tests keep the two in agreement.
 */
export class FactsService {
  /** Whether the database knows a time zone (it never forgets one). */
  private readonly databaseZones = new Map<string, boolean>();

  constructor(
    private readonly db: Db,
    private readonly settings: SettingsStore,
  ) {}

  /** One customer's profile and facts, computed fresh; undefined for a customer we know nothing of. */
  async forCustomer(customerId: string, asOf: Date = new Date()): Promise<{ customer: CustomerView; facts: CustomerFacts } | undefined> {
    const computed = await this.compute(customerId, asOf);
    return computed && { customer: computed.customer, facts: computed.facts };
  }

  /**
   * One customer's facts as forCustomer computes them, with their manual tags and the explanation
   * of their RFM scores, stage and tier (the same settings and population boundaries).
   */
  async explainedForCustomer(
    customerId: string,
    asOf: Date = new Date(),
  ): Promise<{ customer: CustomerView; facts: CustomerFacts; manualTags: string[]; explanation: FactsExplanation } | undefined> {
    const computed = await this.compute(customerId, asOf);
    if (!computed) return undefined;
    const { customer, facts, settings, population, mainCategory, manualTags } = computed;
    return { customer, facts, manualTags, explanation: explainFacts({ facts, settings, population, mainCategory }) };
  }

  /** Many customers' facts, computed fresh as `forCustomer` computes one, their inputs read in one statement; customers we know nothing of are absent. */
  async forCustomers(customerIds: readonly string[], asOf: Date = new Date()): Promise<Map<string, { customer: CustomerView; facts: CustomerFacts }>> {
    const found = new Map<string, { customer: CustomerView; facts: CustomerFacts }>();
    if (customerIds.length === 0) return found;
    const settings = await this.settings.shop();
    const population = (await this.settings.population())?.population ?? null;
    for (const [id, inputs] of await loadManyCustomerInputs(this.db, [...new Set(customerIds)], asOf, settings)) {
      const { customer, facts } = detail(inputs, settings, population, asOf);
      found.set(id, { customer, facts });
    }
    return found;
  }

  /** Every customer's facts into the snapshot (and rule tags, raised tiers, the population, the change events); returns what changed. */
  async refreshAll(asOf: Date = new Date()): Promise<FactChange[]> {
    return (await this.refreshAllSummary(asOf)).changes;
  }

  /** `full`: recompute every customer even when only some changed since the last refresh. */
  async refreshAllSummary(asOf: Date = new Date(), options: { full?: boolean } = {}): Promise<RefreshSummary> {
    const settings = await this.settings.shop();
    await this.checkZoneKnown(settings.timezone);
    const result = await bulkRefresh(
      this.db,
      settings,
      asOf,
      await this.customerZones(),
      (trx, population) => this.settings.putPopulation({ population, asOf: asOf.toISOString(), computedAt: new Date().toISOString() }, trx),
      options,
    );
    this.settings.invalidate();
    const { population: _population, ...summary } = result;
    return summary;
  }

  /**
   * Runs a full refresh with `settings` (not the stored ones) as of `asOf` only to look at it: the
   * rehearsal's hooks read what it did and roll it back (bulk-refresh.ts). Nothing is stored.
   */
  async rehearseRefresh(settings: ShopSettings, asOf: Date, rehearsal: Rehearsal): Promise<void> {
    await this.checkZoneKnown(settings.timezone);
    await bulkRefresh(this.db, settings, asOf, await this.customerZones(), async () => {}, { full: true, rehearse: rehearsal });
  }

  /** Recomputes one customer: their snapshot row (with the kept tier) and rule tags; returns what changed. */
  async refreshCustomer(customerId: string, asOf: Date = new Date()): Promise<FactChange[]> {
    const computed = await this.compute(customerId, asOf);
    if (!computed) return [];
    const { facts, ruleTagList } = computed;
    const zone = await this.zoneKnown(computed.customer.timezone);
    return this.db.transaction().execute(async (trx) => {
      // The row locked first (a bulk refresh holds the table until it commits), then its facts
      // as readers see them, for the changes.
      await sql`select 1 from customer_fact_rows where customer_id = ${customerId} for update`.execute(trx);
      const old = (
        await sql<{ stage: string; tier: string; tags: string[] }>`select stage, tier, tags from customer_facts where customer_id = ${customerId}`.execute(trx)
      ).rows[0];
      // Before any bulk refresh the view derives with these settings' parameters.
      const moved = await writeViewParameters(trx, computed.settings, computed.population, null, true);
      // Only the day-stable values (migration 0008-day-stable-facts); the database's clock, as
      // the bulk refresh uses (it keeps rows written after it began).
      const stable = sql`${asOf}::timestamptz, now(), ${facts.orderCount}::int, ${toCents(facts.totalSpend)}::bigint, ${facts.frequency}::int,
        ${toCents(facts.monetary)}::bigint, ${facts.firstOrderAt}::timestamptz, ${facts.lastOrderAt}::timestamptz, ${computed.mainCategory}::text,
        ${facts.tier}::text, ${facts.tags}::text[], ${computed.birthdayMonthDay}::text, ${zone}::text`;
      await sql`insert into customer_fact_rows (customer_id, as_of, computed_at, order_count, total_cents, frequency, monetary_cents, first_at, last_at,
          main_category, tier, tags, birthday_md, zone)
        values (${customerId}, ${stable})
        on conflict (customer_id) do update set (as_of, computed_at, order_count, total_cents, frequency, monetary_cents, first_at, last_at,
          main_category, tier, tags, birthday_md, zone) = (${stable})`.execute(trx);
      await storeDerivedFacts(trx, moved ? undefined : [customerId]);
      await trx
        .deleteFrom('customer_tags')
        .where('customer_id', '=', customerId)
        .where('source', '=', 'rule')
        .$if(ruleTagList.length > 0, (q) => q.where('tag', 'not in', ruleTagList))
        .execute();
      if (ruleTagList.length > 0) {
        await trx
          .insertInto('customer_tags')
          .values(ruleTagList.map((tag) => ({ customer_id: customerId, tag, source: 'rule' })))
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      const added = facts.tags.filter((t) => !old || !old.tags.includes(t));
      // The customer's segment memberships follow their new facts, in the same transaction.
      await recomputeSegments(trx, { asOf, timezone: computed.settings.timezone, customerIds: [customerId] });
      return changesOf({
        customer_id: customerId,
        had: !!old,
        old_stage: old?.stage ?? null,
        stage: facts.lifecycleStage,
        old_tier: old?.tier ?? null,
        tier: facts.tier,
        added,
      });
    });
  }

  private async compute(customerId: string, asOf: Date) {
    const settings = await this.settings.shop();
    const population = (await this.settings.population())?.population ?? null;
    const inputs = await loadCustomerInputs(this.db, customerId, asOf, settings);
    return inputs && detail(inputs, settings, population, asOf);
  }

  /**
   * Recomputes many customers at once (the router's pass over a batch of events): their inputs in
   * one statement, the facts computed as `refreshCustomer` does, then in one transaction the rows
   * locked, the old facts read, the rows upserted and the rule tags replaced, each in one
   * statement for all of them. Returns what changed, customer by customer.
   */
  async refreshCustomers(customerIds: readonly string[], asOf: Date = new Date()): Promise<FactChange[]> {
    const ids = [...new Set(customerIds)].sort();
    if (ids.length <= 1) return ids.length === 0 ? [] : this.refreshCustomer(ids[0]!, asOf);
    const settings = await this.settings.shop();
    const population = (await this.settings.population())?.population ?? null;
    const inputs = await loadManyCustomerInputs(this.db, ids, asOf, settings);
    const computed = [...inputs.values()].map((i) => detail(i, settings, population, asOf));
    if (computed.length === 0) return [];
    const zones = await Promise.all(computed.map((c) => this.zoneKnown(c.customer.timezone)));
    const known = computed.map((c) => c.customer.id);
    return this.db.transaction().execute(async (trx) => {
      await sql`select 1 from customer_fact_rows where customer_id = any(${known}::text[]) order by customer_id for update`.execute(trx);
      const old = new Map(
        (
          await sql<{ customer_id: string; stage: string; tier: string; tags: string[] }>`select customer_id, stage, tier, tags from customer_facts
            where customer_id = any(${known}::text[])`.execute(trx)
        ).rows.map((r) => [r.customer_id, r]),
      );
      const moved = await writeViewParameters(trx, settings, population, null, true);
      const rows = computed.map(({ customer, facts, mainCategory, birthdayMonthDay: md }, i) => {
        return sql`(${customer.id}::text, ${asOf}::timestamptz, now(), ${facts.orderCount}::int, ${toCents(facts.totalSpend)}::bigint, ${facts.frequency}::int,
          ${toCents(facts.monetary)}::bigint, ${facts.firstOrderAt}::timestamptz, ${facts.lastOrderAt}::timestamptz, ${mainCategory}::text,
          ${facts.tier}::text, ${facts.tags}::text[], ${md}::text, ${zones[i]}::text)`;
      });
      await sql`insert into customer_fact_rows (customer_id, as_of, computed_at, order_count, total_cents, frequency, monetary_cents, first_at, last_at,
          main_category, tier, tags, birthday_md, zone)
        values ${sql.join(rows)}
        on conflict (customer_id) do update set (as_of, computed_at, order_count, total_cents, frequency, monetary_cents, first_at, last_at,
          main_category, tier, tags, birthday_md, zone) = (excluded.as_of, excluded.computed_at, excluded.order_count, excluded.total_cents,
          excluded.frequency, excluded.monetary_cents, excluded.first_at, excluded.last_at, excluded.main_category, excluded.tier, excluded.tags,
          excluded.birthday_md, excluded.zone)`.execute(trx);
      await storeDerivedFacts(trx, moved ? undefined : known);
      const ruleTags = computed.flatMap((c) => c.ruleTagList.map((tag) => ({ customer_id: c.customer.id, tag })));
      await sql`delete from customer_tags t where t.source = 'rule' and t.customer_id = any(${known}::text[])
        and not exists (select 1 from unnest(${ruleTags.map((r) => r.customer_id)}::text[], ${ruleTags.map((r) => r.tag)}::text[]) as k (customer_id, tag)
          where k.customer_id = t.customer_id and k.tag = t.tag)`.execute(trx);
      if (ruleTags.length > 0)
        await trx
          .insertInto('customer_tags')
          .values(ruleTags.map((t) => ({ ...t, source: 'rule' })))
          .onConflict((oc) => oc.doNothing())
          .execute();
      await recomputeSegments(trx, { asOf, timezone: settings.timezone, customerIds: known });
      return computed.flatMap(({ customer, facts }) => {
        const was = old.get(customer.id);
        return changesOf({
          customer_id: customer.id,
          had: !!was,
          old_stage: was?.stage ?? null,
          stage: facts.lifecycleStage,
          old_tier: was?.tier ?? null,
          tier: facts.tier,
          added: facts.tags.filter((t) => !was || !was.tags.includes(t)),
        });
      });
    });
  }

  /** The customer's own zone when both the engine and the database know it (as the bulk refresh checks), else null. */
  private async zoneKnown(zone: string | null): Promise<string | null> {
    if (!zone || !isValidTimeZone(zone)) return null;
    let known = this.databaseZones.get(zone);
    if (known === undefined) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_timezone_names where name = ${zone}`.execute(this.db);
      known = rows[0]!.n > 0;
      this.databaseZones.set(zone, known);
    }
    return known ? zone : null;
  }

  /** The customers' own time zones that both the engine (Intl) and the database know; others fall back to the shop's. */
  private async customerZones(): Promise<string[]> {
    const { rows } = await sql<{ timezone: string }>`select distinct timezone from customers where timezone is not null`.execute(this.db);
    const known = rows.map((r) => r.timezone).filter(isValidTimeZone);
    if (known.length === 0) return [];
    const pg = await sql<{ name: string }>`select name from pg_timezone_names where name = any(${known}::text[])`.execute(this.db);
    return pg.rows.map((r) => r.name);
  }

  private async checkZoneKnown(zone: string): Promise<void> {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_timezone_names where name = ${zone}`.execute(this.db);
    if (rows[0]!.n === 0) throw new Error(`the database does not know the shop's time zone "${zone}"; set another in the settings`);
  }
}
