import type { FastifyRequest } from 'fastify';
import type { Locale } from '../../engine/index';

/** `?locale=zh-CN|en`, else the Accept-Language header; English by default. */
export function requestLocale(request: FastifyRequest): Locale {
  const query = (request.query as Record<string, unknown> | undefined)?.locale;
  const wanted = typeof query === 'string' ? query : (request.headers['accept-language'] ?? '');
  return wanted.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
