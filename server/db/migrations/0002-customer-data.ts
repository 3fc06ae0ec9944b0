import { sql, type Kysely } from 'kysely';

// Customer data and facts: profiles, products, orders, tags, the stored facts snapshot (for lists,
// filters and change events), shop settings, and API tokens with roles.
const statements = [
  `alter table customers add column birthday text check (birthday ~ '^(\\d{4}-)?\\d{2}-\\d{2}$')`,
  `alter table customers add column timezone text`,
  `alter table customers add column region text`,
  `alter table customers add column tier text`,
  `alter table customers add column created_at timestamptz not null default now()`,
  `create table customer_tags (
    customer_id text not null,
    tag text not null,
    source text not null default 'manual',
    created_at timestamptz not null default now(),
    primary key (customer_id, tag, source)
  )`,
  `create index customer_tags_tag on customer_tags (tag)`,
  `create table products (
    id text primary key,
    name text,
    category text,
    tags jsonb not null default '[]',
    attributes jsonb not null default '{}',
    updated_at timestamptz not null default now()
  )`,
  `create table orders (
    id text primary key,
    customer_id text not null,
    status text not null check (status in ('created', 'paid', 'shipped', 'delivered', 'closed', 'refunded')),
    amount numeric(14, 2) not null check (amount >= 0),
    discount numeric(14, 2) not null default 0 check (discount >= 0),
    created_at timestamptz not null,
    paid_at timestamptz,
    shipped_at timestamptz,
    delivered_at timestamptz,
    closed_at timestamptz,
    refunded_at timestamptz,
    product_ids text[] not null default '{}',
    attributes jsonb not null default '{}',
    updated_at timestamptz not null default now()
  )`,
  `create index orders_customer on orders (customer_id, created_at)`,
  `create index orders_created on orders (created_at)`,
  `create table customer_facts (
    customer_id text primary key,
    as_of timestamptz not null,
    computed_at timestamptz not null default now(),
    stage text not null,
    tier text not null,
    rfm_segment text,
    tags text[] not null default '{}',
    facts jsonb not null
  )`,
  `create index customer_facts_stage on customer_facts (stage)`,
  `create index customer_facts_tier on customer_facts (tier)`,
  `create index customer_facts_rfm on customer_facts (rfm_segment)`,
  `create table settings (
    key text primary key,
    value jsonb not null,
    updated_at timestamptz not null default now()
  )`,
  `create table api_tokens (
    id text primary key,
    name text not null,
    role text not null check (role in ('admin', 'marketer', 'analyst')),
    token_hash text not null unique,
    created_at timestamptz not null default now(),
    revoked_at timestamptz
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['api_tokens', 'settings', 'customer_facts', 'orders', 'products', 'customer_tags']) {
    await sql.raw(`drop table ${table}`).execute(db);
  }
  for (const column of ['created_at', 'tier', 'region', 'timezone', 'birthday']) {
    await sql.raw(`alter table customers drop column ${column}`).execute(db);
  }
}
