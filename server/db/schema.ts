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
    updated_at: Timestamp;
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
  };
}
