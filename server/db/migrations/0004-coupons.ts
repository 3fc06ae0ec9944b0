import { sql, type Kysely } from 'kysely';

// Coupon campaigns and their codes. A code is a row from the moment it exists: uploaded into a
// campaign's pool (not yet issued) or generated when issued. Issuing sets the customer, the time,
// the expiry and the idempotency key of the journey step that asked; paying an order with it sets
// the redemption.
const statements = [
  `create table coupon_campaigns (
    id text primary key,
    name text not null,
    kind text not null check (kind in ('amount', 'percent')),
    value numeric(14, 2) not null check (value > 0),
    minimum_spend numeric(14, 2) not null default 0 check (minimum_spend >= 0),
    valid_days integer check (valid_days > 0),
    expires_at timestamptz,
    quantity_cap integer check (quantity_cap > 0),
    budget_cap numeric(14, 2) check (budget_cap > 0),
    code_source text not null check (code_source in ('pool', 'generated')),
    code_prefix text not null default '',
    created_at timestamptz not null default now(),
    check ((valid_days is null) <> (expires_at is null))
  )`,
  `create table coupon_codes (
    code text primary key,
    campaign_id text not null references coupon_campaigns (id),
    customer_id text,
    issued_at timestamptz,
    idempotency_key text unique,
    expires_at timestamptz,
    redeemed_order_id text,
    redeemed_at timestamptz,
    created_at timestamptz not null default now()
  )`,
  // Issuing counts a campaign's issued codes and takes an unissued pool code.
  `create index coupon_codes_campaign on coupon_codes (campaign_id, issued_at)`,
  // Templates read the coupons issued to a customer in their current enrolment.
  `create index coupon_codes_customer on coupon_codes (customer_id) where customer_id is not null`,
  // Paying an order redeems the codes its creation claimed.
  `create index coupon_codes_order on coupon_codes (redeemed_order_id) where redeemed_order_id is not null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table coupon_codes').execute(db);
  await sql.raw('drop table coupon_campaigns').execute(db);
}
