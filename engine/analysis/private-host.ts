/**
 * Whether a URL's host is, as written, an address outbound HTTP refuses unless the operator
 * allows it: loopback, private, link-local, unspecified (IPv4 and IPv6) and `localhost`. Pure, so
 * the designer and the engine can say it before anything resolves; the server's address guard
 * (server/messaging/address-guard.ts) is the judge at publish and at send, with the allow-list and
 * DNS.
 */
export function privateHostKind(host: string): 'loopback' | 'private' | 'link-local' | 'unspecified' | undefined {
  const h = host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return 'loopback';
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    if (a === 127) return 'loopback';
    if (a === 0) return 'unspecified';
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127)) return 'private';
    if (a === 169 && b === 254) return 'link-local';
    return undefined;
  }
  if (!h.includes(':')) return undefined;
  if (h === '::1') return 'loopback';
  if (h === '::') return 'unspecified';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  if (mapped) return privateHostKind(mapped[1]!);
  if (/^f[cd][0-9a-f]{0,2}:/.test(h)) return 'private';
  if (/^fe[89ab][0-9a-f]?:/.test(h)) return 'link-local';
  return undefined;
}
