import { sql, type Kysely } from 'kysely';

// What one customer's facts are computed from (server/facts/customer-inputs.ts), as a PL/pgSQL
// function: PL/pgSQL keeps the plan of its statement for the connection, where the same statement
// sent from the application is planned on every call — and planning this one (four subqueries)
// took as long as running it (0.4 ms each on PostgreSQL for a customer with a few orders). The
// function is the statement the application sent until now; a later change to it replaces the
// function in a migration of its own.
const up_ = [
  `create function customer_fact_inputs(customer text, as_of timestamptz, with_categories boolean)
  returns table (
    has_profile boolean, name text, phone text, email text, birthday text, timezone text, region text,
    attributes jsonb, tier text, row_tier text, manual_tags text[], has_orders boolean, orders json
  )
  language plpgsql stable as $$
  begin
    return query select c.id is not null, c.name, c.phone, c.email, c.birthday, c.timezone, c.region, c.attributes, c.tier,
      (select f.tier from customer_fact_rows f where f.customer_id = k.id),
      (select array_agg(t.tag) from customer_tags t where t.customer_id = k.id and t.source = 'manual'),
      exists (select 1 from orders o where o.customer_id = k.id),
      (select coalesce(json_agg(json_build_array(o.id, o.status, o.amount, o.discount, floor(extract(epoch from o.created_at) * 1000), o.product_ids,
           case when with_categories then (select jsonb_object_agg(p.id, p.category) from products p where p.id = any(o.product_ids)) end)
         order by o.created_at), '[]')
       from orders o where o.customer_id = k.id and o.status in ('paid', 'shipped', 'delivered') and o.created_at <= as_of)
    from (select customer as id) k left join customers c on c.id = k.id;
  end $$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of up_) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function customer_fact_inputs(text, timestamptz, boolean)`.execute(db);
}
