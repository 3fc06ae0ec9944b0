import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Which addresses outbound HTTP may reach. Only globally routable unicast addresses pass by
 * default: ipaddr.js names every special range (private, loopback, link-local — where cloud
 * metadata lives —, unique-local, multicast, unspecified, carrier-grade NAT, NAT64, 6to4, Teredo,
 * reserved…) and anything it does not call `unicast` is refused. The operator's allow-list (CIDRs,
 * single addresses or host names) opens exceptions, e.g. an IM robot on the shop's own network.
 */
export interface AddressGuard {
  /** Whether the host name itself is allow-listed (then any address it resolves to is accepted). */
  hostAllowed(host: string): boolean;
  /** Why the address may not be reached, or undefined when it may. */
  refusal(address: string): string | undefined;
}

export function createAddressGuard(allow: string[]): AddressGuard {
  const ranges: [Address, number][] = [];
  const hosts = new Set<string>();
  for (const raw of allow) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (entry.includes('/')) {
      try {
        ranges.push(normalisedRange(ipaddr.parseCIDR(entry)));
      } catch {
        throw new Error(`HUITOU_HTTP_ALLOW: "${entry}" is not a CIDR range (like 10.1.0.0/16 or fd00::/8)`);
      }
    } else if (ipaddr.isValid(stripBrackets(entry))) {
      const address = unmapped(ipaddr.parse(stripBrackets(entry)));
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else if (/^[a-z0-9.-]+$/i.test(entry)) {
      hosts.add(entry.toLowerCase().replace(/\.$/, ''));
    } else {
      throw new Error(`HUITOU_HTTP_ALLOW: "${entry}" is neither a CIDR range, an address nor a host name`);
    }
  }

  return {
    hostAllowed: (host) => hosts.has(stripBrackets(host).toLowerCase().replace(/\.$/, '')),
    refusal(text) {
      if (!ipaddr.isValid(text)) return `"${text}" is not an IP address`;
      const address = unmapped(ipaddr.parse(text));
      if (ranges.some(([base, bits]) => base.kind() === address.kind() && address.match(base, bits))) return undefined;
      const range = address.range();
      return range === 'unicast' ? undefined : `${range} address`;
    },
  };
}

export function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** ::ffff:127.0.0.1 is 127.0.0.1 on the wire, so it is judged (and allow-listed) as IPv4. */
function unmapped(address: Address): Address {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;
}

function normalisedRange([base, bits]: [Address, number]): [Address, number] {
  if (base.kind() === 'ipv6' && (base as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) return [(base as ipaddr.IPv6).toIPv4Address(), bits - 96];
  return [base, bits];
}
