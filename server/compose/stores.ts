import type { Db } from '../db/database';
import { Coupons } from '../coupons/coupon-service';
import { FactsService } from '../facts/facts-service';
import { SettingsStore } from '../facts/settings-store';
import { Conversions } from '../journeys/conversions';
import { Customers } from '../customers/customers';
import { Enrolments } from '../journeys/enrolments';
import { Events } from '../events/event-log';
import { Journeys } from '../journeys/journey-store';
import { Orders } from '../customers/orders';
import { Outbox, type GuardSettings } from '../messaging/outbox';
import { Products } from '../customers/products';
import { StepLog } from '../journeys/step-log';

/** What is kept in the database, one object per table family; every role of a process shares them. */
export interface Stores {
  journeys: Journeys;
  events: Events;
  customers: Customers;
  orders: Orders;
  products: Products;
  enrolments: Enrolments;
  outbox: Outbox;
  coupons: Coupons;
  settings: SettingsStore;
  facts: FactsService;
  conversions: Conversions;
  stepLog: StepLog;
}

/** The stores over one open database. Nothing here starts work: they only read and write when called. */
export function openStores(db: Db, options: { deliverTasks?: boolean } = {}): Stores {
  const settings = new SettingsStore(db);
  return {
    journeys: new Journeys(db),
    events: new Events(db),
    customers: new Customers(db),
    orders: new Orders(db),
    products: new Products(db),
    enrolments: new Enrolments(db),
    // Tasks wait for delivery when a provider takes them (WeCom), else they stay open in Huitou's list.
    outbox: new Outbox(db, shopGuardSettings(settings), options.deliverTasks ? 'queued' : 'open'),
    coupons: new Coupons(db),
    settings,
    facts: new FactsService(db, settings),
    conversions: new Conversions(db),
    stepLog: new StepLog(db),
  };
}

/** The shop's quiet hours, caps, time zone and SMS opt-out text, read by the outbox's guardrails at each message. */
function shopGuardSettings(settings: SettingsStore): GuardSettings {
  return async () => {
    const shop = await settings.shop();
    return { messaging: shop.messaging, timezone: shop.timezone, optOutText: shop.sms.optOutText };
  };
}

/** The shop's time zone, read when asked (an admin may change it while Huitou runs). */
export function shopTimezone(settings: SettingsStore): () => Promise<string> {
  return async () => (await settings.shop()).timezone;
}
