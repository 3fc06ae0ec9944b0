import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The server to talk to: HUITOU_URL, else the address npm start listens on by default. */
export function serverUrl(env = process.env) {
  return (env.HUITOU_URL || 'http://127.0.0.1:3000').replace(/\/+$/, '');
}

/**
 * The API token: HUITOU_API_TOKEN, else the file npm start writes (.huitou/api-token under
 * HUITOU_DATA_DIR or the current folder). Undefined when neither is there.
 */
export function apiToken(env = process.env) {
  if (env.HUITOU_API_TOKEN) return env.HUITOU_API_TOKEN.trim();
  const file = join(resolve(env.HUITOU_DATA_DIR || '.huitou'), 'api-token');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}
