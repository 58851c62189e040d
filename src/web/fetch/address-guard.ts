import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { BlockList, isIP } from 'node:net'

/** Addresses a fetch of a third party's link must not reach: this machine, private networks, link-local (cloud metadata), and the like. */
const PRIVATE = new BlockList()
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv4')
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv6')

/** Whether an IP address is private, loopback, link-local or otherwise not on the public internet (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return PRIVATE.check(mapped[1]!, 'ipv4')
  const family = isIP(address)
  if (family === 0) return false
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

export class PrivateAddressError extends Error {
  readonly code = 'ERR_PRIVATE_ADDRESS'
}

/**
 * A DNS lookup for sockets that refuses private addresses for any host not in `allowedHosts` (the
 * hosts an operator named themselves): a link in a feed or a redirect cannot make the fetcher
 * reach this machine or its network.
 */
export function guardedLookup(allowedHosts: ReadonlySet<string>) {
  return (
    hostname: string,
    options: { all?: boolean; family?: number | string },
    callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    dnsLookup(hostname, { ...options, all: true } as { all: true }, (err, addresses) => {
      if (err) return callback(err, options.all ? [] : '')
      const allowed = allowedHosts.has(hostname.toLowerCase())
      const usable = allowed ? addresses : addresses.filter((a) => !isPrivateAddress(a.address))
      if (usable.length === 0) {
        return callback(
          new PrivateAddressError(`${hostname} resolves to a private address (${addresses[0]?.address ?? '?'})`),
          options.all ? [] : '',
        )
      }
      if (options.all) callback(null, usable)
      else callback(null, usable[0]!.address, usable[0]!.family)
    })
  }
}

/** For a URL whose host is an IP literal (no lookup happens): the refusal, or null. */
export function literalAddressRefusal(url: URL, allowedHosts: ReadonlySet<string>): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (isIP(host) === 0 || allowedHosts.has(url.hostname.toLowerCase())) return null
  return isPrivateAddress(host) ? `refused: ${host} is a private address` : null
}
