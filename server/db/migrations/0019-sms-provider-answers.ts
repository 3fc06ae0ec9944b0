import { sql, type Kysely } from 'kysely';

// SMS through Aliyun and Tencent Cloud: a message may name a provider template (its code and the
// values of its variables, rendered when the journey sent it), and the provider's own answer to it
// is kept beside the status — its code ("OK", "isv.BUSINESS_LIMIT_CONTROL", "Ok",
// "FailedOperation.PhoneNumberInBlacklist") and its message — so a shop can tell what the provider said.
const statements = [
  `alter table messages add column sms_template jsonb`,
  `alter table messages add column provider_code text`,
  `alter table messages add column provider_message text`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['provider_message', 'provider_code', 'sms_template']) await sql.raw(`alter table messages drop column ${column}`).execute(db);
}
