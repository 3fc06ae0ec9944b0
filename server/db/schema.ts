import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

/** The tables, as Kysely sees them. The SQL lives in migrations/. */
export interface Database {
  journeys: {
    id: string;
    name: string;
    status: string;
    version: number;
    document: Json<unknown>;
    created_at: CreatedAt;
    updated_at: Timestamp;
  };
  journey_versions: {
    journey_id: string;
    version: number;
    document: Json<unknown>;
    published_at: CreatedAt;
  };
  customers: {
    id: string;
    name: string | null;
    phone: string | null;
    email: string | null;
    attributes: Json<Record<string, unknown>>;
    birthday: string | null;
    timezone: string | null;
    region: string | null;
    /** The highest tier ever reached; tiers never go down. */
    tier: string | null;
    /** When each field was set (migration 0013): field → ISO instant; attributes as `attributes.<key>`. */
    field_set_at: ColumnType<Record<string, string>, string | undefined, string>;
    /** The latest time in field_set_at; null when it is empty. */
    latest_set_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    created_at: CreatedAt;
    updated_at: Timestamp;
  };
  customer_tags: {
    customer_id: string;
    tag: string;
    /** `manual`, or `rule` for tags a tag rule gave. */
    source: string;
    created_at: CreatedAt;
  };
  products: {
    id: string;
    name: string | null;
    category: string | null;
    tags: Json<string[]>;
    attributes: Json<Record<string, unknown>>;
    updated_at: Timestamp;
  };
  orders: {
    id: string;
    customer_id: string;
    status: string;
    /** numeric: PostgreSQL drivers return it as a string; convert with Number(). */
    amount: ColumnType<string, number | string, number | string>;
    discount: ColumnType<string, number | string | undefined, number | string>;
    created_at: Timestamp;
    paid_at: Timestamp | null;
    shipped_at: Timestamp | null;
    delivered_at: Timestamp | null;
    closed_at: Timestamp | null;
    refunded_at: Timestamp | null;
    product_ids: ColumnType<string[], string[] | undefined, string[]>;
    attributes: Json<Record<string, unknown>>;
    /** When amount, discount and productIds were set by an event (migration 0013): field → ISO instant. */
    field_set_at: ColumnType<Record<string, string>, string | undefined, string>;
    /** The latest time in field_set_at; null when it is empty. */
    latest_set_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    updated_at: Timestamp;
  };
  customer_facts: {
    customer_id: string;
    as_of: Timestamp;
    computed_at: Timestamp;
    stage: string;
    tier: string;
    rfm_segment: string | null;
    tags: ColumnType<string[], string[] | undefined, string[]>;
    facts: Json<Record<string, unknown>>;
  };
  settings: {
    key: string;
    value: Json<unknown>;
    updated_at: Timestamp;
  };
  /** The settings change log (migration 0017). */
  settings_changes: {
    seq: Generated<string>;
    changed_at: CreatedAt;
    actor_name: string;
    actor_role: string;
    actor_token_id: string | null;
    before: Json<unknown>;
    after: Json<unknown>;
    paths: ColumnType<string[], string[], string[]>;
  };
  api_tokens: {
    id: string;
    name: string;
    role: string;
    token_hash: string;
    created_at: CreatedAt;
    revoked_at: Timestamp | null;
  };
  events: {
    id: string;
    type: string;
    customer_id: string;
    occurred_at: Timestamp;
    data: Json<Record<string, unknown>>;
    received_at: CreatedAt;
    routed_at: Timestamp | null;
    routing_error: string | null;
  };
  enrolments: {
    workflow_id: string;
    journey_id: string;
    journey_version: number;
    customer_id: string;
    entry_key: string | null;
    entry_event_id: string;
    status: string;
    exit_reason: string | null;
    started_at: CreatedAt;
    ended_at: Timestamp | null;
    /** The last step report applied (migration 0007): the run of the first execution and its sequence number. */
    step_run: ColumnType<string | null, string | null | undefined, string | null>;
    step_seq: ColumnType<number, number | undefined, number>;
    /** Where an active enrolment waits now; null while it moves on. */
    waiting_node: ColumnType<string | null, string | null | undefined, string | null>;
    /** The cohort workflow hosting the enrolment (migration 0016); null when it runs in a workflow of its own. */
    cohort_id: ColumnType<string | null, string | null | undefined, string | null>;
  };
  segments: {
    id: string;
    name: string;
    description: ColumnType<string, string | undefined, string>;
    condition: Json<unknown>;
    members_at: Timestamp | null;
    created_at: CreatedAt;
    created_by: string | null;
    updated_at: Timestamp;
    updated_by: string | null;
  };
  segment_members: {
    segment_id: string;
    customer_id: string;
    since: Timestamp;
  };
  cohorts: {
    id: string;
    journey_id: string;
    journey_version: number;
    entry: string;
    seq: number;
    members: number;
    created_at: CreatedAt;
  };
  messages: {
    id: Generated<string>;
    idempotency_key: string;
    channel: string;
    recipient: string | null;
    subject: string | null;
    text: string;
    status: string;
    journey_id: string;
    journey_version: number;
    node_id: string;
    customer_id: string;
    created_at: CreatedAt;
    /** Delivery tries so far; the dispatcher gives up (status `failed`) after its limit. */
    attempts: ColumnType<number, number | undefined, number>;
    next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
    /** When a dispatcher claimed it (status `sending`); a stale claim is taken over. */
    claimed_at: Timestamp | null;
    sent_at: Timestamp | null;
    /** `sms-http`, `aliyun-sms`, `tencent-sms`, `smtp`, `local-sink`. */
    provider: string | null;
    provider_message_id: string | null;
    /** The last failure, without addresses or message text. */
    last_error: string | null;
    /** `marketing` (quiet hours and caps apply) or `transactional`. */
    category: ColumnType<string, string | undefined, string>;
    priority: ColumnType<number, number | undefined, number>;
    /** Why a guardrail held (`quiet-hours`), capped or skipped it; null when none did. */
    guard_reason: string | null;
    /** Why it is where it is, as a code and parameters (migration 0013; the codes: engine/guardrails/message-reason.ts). */
    reason_code: ColumnType<string | null, string | null | undefined, string | null>;
    reason_params: ColumnType<Record<string, string | number>, string | undefined, string>;
    /** A provider template SMS: `{ code, params }` (migration 0019); null for free text. */
    sms_template: ColumnType<{ code: string; params: Record<string, string> } | null, string | null | undefined, string | null>;
    /** The provider's own answer: its code and message (phone numbers masked). */
    provider_code: ColumnType<string | null, string | null | undefined, string | null>;
    provider_message: ColumnType<string | null, string | null | undefined, string | null>;
  };
  journey_send_windows: {
    journey_id: string;
    window_ms: ColumnType<string, number | string, number | string>;
    window_start: ColumnType<string, number | string, number | string>;
    sent: number;
  };
  /** Customers who entered and passed each node, split over a few shards per node (migration 0007). */
  journey_step_counts: {
    journey_id: string;
    journey_version: number;
    node_id: string;
    shard: number;
    entered: ColumnType<string, number | string, number | string>;
    passed: ColumnType<string, number | string, number | string>;
    /** Actions at the node that refused and let the customer go on (migration 0013). */
    refused: ColumnType<string, number | string | undefined, number | string>;
  };
  conversions: {
    journey_id: string;
    journey_version: number;
    event_id: string;
    customer_id: string;
    message_id: string;
    node_id: string;
    converted_at: Timestamp;
  };
  coupon_campaigns: {
    id: string;
    name: string;
    /** `amount` (yuan off) or `percent` (percent off). */
    kind: string;
    value: ColumnType<string, number | string, number | string>;
    minimum_spend: ColumnType<string, number | string | undefined, number | string>;
    /** Exactly one of valid_days (counted from issue) and expires_at (fixed) is set. */
    valid_days: number | null;
    expires_at: Timestamp | null;
    quantity_cap: number | null;
    budget_cap: ColumnType<string | null, number | string | null | undefined, number | string | null>;
    /** `pool` (uploaded codes) or `generated`. */
    code_source: string;
    code_prefix: ColumnType<string, string | undefined, string>;
    created_at: CreatedAt;
  };
  coupon_codes: {
    code: string;
    campaign_id: string;
    /** Null until issued (an unused pool code). */
    customer_id: string | null;
    issued_at: Timestamp | null;
    idempotency_key: string | null;
    expires_at: Timestamp | null;
    redeemed_order_id: string | null;
    redeemed_at: Timestamp | null;
    created_at: CreatedAt;
  };
  /** Consent per customer and marketing channel (migration 0020); no row: subscribed. */
  customer_subscriptions: {
    customer_id: string;
    channel: string;
    state: string;
    changed_at: Timestamp;
    /** How it last changed: `reply`, `one-click`, `link`, `import` or `api`. */
    via: string;
  };
  /** Every SMS reply received (上行短信), what it was read as and whom it changed. */
  sms_inbound: {
    id: Generated<string>;
    phone: string;
    text: string;
    received_at: Timestamp;
    stored_at: CreatedAt;
    action: string;
    customer_ids: Json<string[]>;
  };
  /** Secrets shared by the processes of one installation (the unsubscribe links' signing key). */
  server_secrets: {
    name: string;
    value: string;
    created_at: CreatedAt;
  };
}
