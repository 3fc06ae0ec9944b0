import type { Client } from '@temporalio/client';
import type { NodeRegistry } from '../../engine/index';
import type { Db } from '../db/database';
import type { FactsService } from '../facts/facts-service';
import type { SettingsStore } from '../facts/settings-store';
import type { Logger } from '../logger';
import type { EventRouter } from '../journeys/event-router';
import type { Customers } from '../customers/customers';
import type { Enrolments } from '../journeys/enrolments';
import type { Events } from '../events/event-log';
import type { Journeys } from '../journeys/journey-store';
import type { Orders } from '../customers/orders';
import type { Outbox } from '../messaging/outbox';
import type { Conversions } from '../journeys/conversions';
import type { TemplateCatalog } from '../journeys/templates/catalog';
import type { Products } from '../customers/products';
import type { TriggerServices } from '../journeys/triggers/services';
import type { EmbeddedServerState } from '../temporal/supervisor';

/** Everything the HTTP routes use, built once at start-up. */
export interface AppContext {
  db: Db;
  registry: NodeRegistry;
  journeys: Journeys;
  events: Events;
  customers: Customers;
  orders: Orders;
  products: Products;
  enrolments: Enrolments;
  outbox: Outbox;
  conversions: Conversions;
  templates: TemplateCatalog;
  settings: SettingsStore;
  facts: FactsService;
  router: EventRouter;
  /** `embedded` is the embedded dev server's supervision state, when this process runs that server. */
  temporal: { client: Client; namespace: string; embedded?: (() => EmbeddedServerState) | undefined };
  log: Logger;
  /** Date triggers' calendar job and broadcasts (absent when the process has no Temporal client for them). */
  triggers?: TriggerServices | undefined;
  /** The operator's outbound HTTP allow-list (HUITOU_HTTP_ALLOW), for publish-time webhook warnings; none when absent. */
  httpAllow?: string[] | undefined;
  /** The SMS provider (HUITOU_SMS_PROVIDER) when one is configured: publishing then refuses free-text SMS. */
  smsProvider?: 'aliyun' | 'tencent' | undefined;
  /** The key unsubscribe links are signed with (HUITOU_UNSUBSCRIBE_SECRET, else kept in the database). */
  unsubscribeSecret: () => Promise<Buffer>;
}
