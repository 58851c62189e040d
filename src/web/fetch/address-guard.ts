import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { BlockList, isIP } from 'node:net'
import { buildConnector } from 'undici'

type Range = readonly [network: string, prefix: number, kind: string]

/** The IANA IPv4 Special-Purpose Address Registry, and multicast; the first range holding an address names it. */
const IPV4_RANGES: readonly Range[] = [
  ['0.0.0.0', 8, 'this network'],
  ['10.0.0.0', 8, 'private-use'],
  ['100.64.0.0', 10, 'shared address space'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private-use'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.31.196.0', 24, 'AS112'],
  ['192.52.193.0', 24, 'AMT'],
  ['192.88.99.0', 24, '6to4 relay anycast'],
  ['192.168.0.0', 16, 'private-use'],
  ['192.175.48.0', 24, 'AS112'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['255.255.255.255', 32, 'limited broadcast'],
  ['240.0.0.0', 4, 'reserved'],
]

/**
 * The IANA IPv6 Special-Purpose Address Registry, multicast and deprecated site-local. The
 * IPv4-mapped (::ffff:0:0/96) and NAT64 (64:ff9b::/96) prefixes are absent: those addresses are
 * judged by the IPv4 address they carry.
 */
const IPV6_RANGES: readonly Range[] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['64:ff9b:1::', 48, 'NAT64 local-use'],
  ['100::', 64, 'discard-only'],
  ['100:0:0:1::', 64, 'dummy prefix'],
  ['2001::', 32, 'Teredo'],
  ['2001::', 23, 'IETF protocol assignments'],
  ['2001:db8::', 32, 'documentation'],
  ['2002::', 16, '6to4'],
  ['2620:4f:8000::', 48, 'AS112'],
  ['3fff::', 20, 'documentation'],
  ['5f00::', 16, 'segment routing'],
  ['fc00::', 7, 'unique-local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local'],
  ['ff00::', 8, 'multicast'],
]

const blockLists = (ranges: readonly Range[], family: 'ipv4' | 'ipv6') =>
  ranges.map(([network, prefix, kind]) => {
    const list = new BlockList()
    list.addSubnet(network, prefix, family)
    return { list, kind }
  })

const IPV4 = blockLists(IPV4_RANGES, 'ipv4')
const IPV6 = blockLists(IPV6_RANGES, 'ipv6')
// every IPv6 address the internet routes today lies in 2000::/3; the rest is reserved by IANA
const GLOBAL_UNICAST = blockLists([['2000::', 3, 'global unicast']], 'ipv6')[0]!.list

/**
 * What kind of special-purpose address `address` is ("loopback", "private-use", "IPv4-mapped
 * link-local", …), or null for an ordinary public unicast address (and for anything not an IP address).
 */
export function specialPurpose(address: string): string | null {
  const ip = address.replace(/%.*$/, '') // an IPv6 zone ("fe80::1%eth0") is not part of the address
  const family = isIP(ip)
  if (family === 4) return kindIn(IPV4, ip, 'ipv4')
  if (family !== 6) return null
  const words = ipv6Words(ip)
  const carried = carriedIpv4(words)
  if (carried) {
    const kind = kindIn(IPV4, carried.ipv4, 'ipv4')
    return kind && `${carried.prefix} ${kind}`
  }
  return kindIn(IPV6, ip, 'ipv6') ?? (GLOBAL_UNICAST.check(ip, 'ipv6') ? null : 'reserved')
}

function kindIn(lists: ReturnType<typeof blockLists>, ip: string, family: 'ipv4' | 'ipv6'): string | null {
  return lists.find(({ list }) => list.check(ip, family))?.kind ?? null
}

/** The eight 16-bit words of a valid IPv6 address ("::", a trailing dotted IPv4 and all). */
function ipv6Words(ip: string): number[] {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip)
  const hex = dotted
    ? ip.slice(0, dotted.index) + [0, 2].map((i) => ((Number(dotted[i + 1]) << 8) | Number(dotted[i + 2])).toString(16)).join(':')
    : ip
  const [head = '', tail] = hex.split('::')
  const parse = (part: string) => (part ? part.split(':').map((w) => parseInt(w, 16)) : [])
  const front = parse(head)
  const back = tail === undefined ? [] : parse(tail)
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back]
}

/** The IPv4 address an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) address reaches. */
function carriedIpv4(words: number[]): { prefix: string; ipv4: string } | null {
  const head = words.slice(0, 6).join(':')
  const prefix = head === '0:0:0:0:0:65535' ? 'IPv4-mapped' : head === '100:65435:0:0:0:0' ? 'NAT64' : null
  if (!prefix) return null
  const ipv4 = [words[6]! >> 8, words[6]! & 0xff, words[7]! >> 8, words[7]! & 0xff].join('.')
  return { prefix, ipv4 }
}

/**
 * Who may reach addresses that are not public: an exact origin (scheme, host and port), or a host
 * on one port (either scheme) or on any port (protocol and port null).
 */
export interface PrivateAccessRule {
  protocol: string | null
  hostname: string
  port: number | null
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 }
const HOST_AND_PORT = /^(\[[^\]]+\]|[^\s:/?#@[\]]+)(?::(\d{1,5}))?$/

/** A host name as URLs give it, IPv6 brackets off: the form undici connects to. */
const bareHost = (hostname: string) => hostname.replace(/^\[|\]$/g, '').toLowerCase()

/**
 * A rule from "http://host:port" (that origin only), "host:port" or "host" (IPv6 in brackets):
 * the rule, or why the entry is not one.
 */
export function privateAccessRule(entry: string): PrivateAccessRule | string {
  const text = entry.trim()
  if (text.includes('://')) {
    const url = URL.canParse(text) ? new URL(text) : null
    if (!url || !(url.protocol in DEFAULT_PORTS)) return `${entry} is not an http(s) origin`
    return { protocol: url.protocol, hostname: bareHost(url.hostname), port: Number(url.port) || DEFAULT_PORTS[url.protocol]! }
  }
  const match = HOST_AND_PORT.exec(text)
  if (!match || !URL.canParse(`http://${match[1]}`)) return `${entry} is not a host or host:port`
  const port = match[2] === undefined ? null : Number(match[2])
  if (port !== null && (port < 1 || port > 65535)) return `${entry}: the port must be 1 to 65535`
  return { protocol: null, hostname: bareHost(new URL(`http://${match[1]}`).hostname), port }
}

interface Origin {
  protocol: string
  hostname: string
  port: number
}

const permits = (rule: PrivateAccessRule, origin: Origin) =>
  rule.hostname === origin.hostname && (rule.port ?? origin.port) === origin.port && (rule.protocol ?? origin.protocol) === origin.protocol

const originText = ({ protocol, hostname, port }: Origin) =>
  `${protocol}//${isIP(hostname) === 6 ? `[${hostname}]` : hostname}${port === DEFAULT_PORTS[protocol] ? '' : `:${port}`}`

export class PrivateAddressError extends Error {
  readonly code = 'ERR_PRIVATE_ADDRESS'
}

/**
 * An undici connector that lets only the origins `rules` permit reach addresses that are not
 * public. For any other origin (a feed's link, a redirect), an IP literal of that kind is refused
 * before connecting, and a host name's lookup keeps only its public addresses, so a name resolving
 * to this machine or its network is refused too (and the address connected to is the one checked).
 */
export function guardedConnector(rules: readonly PrivateAccessRule[], options: buildConnector.BuildOptions): buildConnector.connector {
  const open = buildConnector(options)
  const guarded = buildConnector({ ...options, lookup: publicLookup })
  return (target, callback) => {
    const origin = {
      protocol: target.protocol,
      hostname: bareHost(target.hostname),
      port: Number(target.port) || DEFAULT_PORTS[target.protocol]!,
    }
    if (rules.some((rule) => permits(rule, origin))) return open(target, callback)
    const refusal = (fact: string) => new PrivateAddressError(`${fact}, and ${originText(origin)} is not an allowed origin`)
    const kind = specialPurpose(origin.hostname)
    if (kind) return callback(refusal(`${origin.hostname} is not a public address (${kind})`), null)
    guarded(target, (...result) =>
      result[0] instanceof PrivateAddressError ? callback(refusal(result[0].message), null) : callback(...result),
    )
  }
}

/** dns.lookup for sockets, keeping only public addresses; none left is a PrivateAddressError. */
function publicLookup(
  hostname: string,
  options: { all?: boolean },
  callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
) {
  dnsLookup(hostname, { ...options, all: true } as { all: true }, (err, addresses) => {
    if (err) return callback(err, options.all ? [] : '')
    const usable = addresses.filter((a) => !specialPurpose(a.address))
    if (usable.length === 0) {
      const first = addresses[0]?.address ?? '?'
      return callback(
        new PrivateAddressError(`${hostname} resolves to an address that is not public (${first}, ${specialPurpose(first)})`),
        options.all ? [] : '',
      )
    }
    if (options.all) callback(null, usable)
    else callback(null, usable[0]!.address, usable[0]!.family)
  })
}
