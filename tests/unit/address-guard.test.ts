import { describe, expect, it } from 'vitest'
import { privateAccessRule, specialPurpose } from '../../src/web/fetch/address-guard.js'

describe('special-purpose addresses (IANA IPv4 and IPv6 registries, multicast)', () => {
  it.each([
    ['0.0.0.0', 'this network'],
    ['0.1.2.3', 'this network'],
    ['10.1.2.3', 'private-use'],
    ['100.64.0.1', 'shared address space'],
    ['100.127.255.254', 'shared address space'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['172.16.0.1', 'private-use'],
    ['172.31.255.255', 'private-use'],
    ['192.0.0.8', 'IETF protocol assignments'],
    ['192.0.0.170', 'IETF protocol assignments'],
    ['192.0.2.1', 'documentation'],
    ['192.31.196.1', 'AS112'],
    ['192.52.193.1', 'AMT'],
    ['192.88.99.1', '6to4 relay anycast'],
    ['192.168.1.1', 'private-use'],
    ['192.175.48.1', 'AS112'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.7', 'documentation'],
    ['224.0.0.251', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.254', 'reserved'],
    ['255.255.255.255', 'limited broadcast'],
  ])('IPv4 %s is %s', (address, kind) => expect(specialPurpose(address)).toBe(kind))

  it.each([
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::7f00:1', 'reserved'], // IPv4-compatible, deprecated
    ['64:ff9b:1::a', 'NAT64 local-use'],
    ['100::1', 'discard-only'],
    ['100:0:0:1::1', 'dummy prefix'],
    ['2001:0:4136:e378::1', 'Teredo'],
    ['2001:2::1', 'IETF protocol assignments'],
    ['2001:db8::1', 'documentation'],
    ['2002:7f00:1::1', '6to4'],
    ['2002:808:808::1', '6to4'],
    ['2620:4f:8000::1', 'AS112'],
    ['3fff::1', 'documentation'],
    ['5f00::1', 'segment routing'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['fec0::1', 'site-local'],
    ['ff02::1', 'multicast'],
    ['4000::1', 'reserved'],
  ])('IPv6 %s is %s', (address, kind) => expect(specialPurpose(address)).toBe(kind))

  it.each([
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback'],
    ['::FFFF:10.0.0.1', 'IPv4-mapped private-use'],
    ['::ffff:a9fe:a9fe', 'IPv4-mapped link-local'],
    ['64:ff9b::127.0.0.1', 'NAT64 loopback'],
    ['64:ff9b::a00:1', 'NAT64 private-use'],
    ['64:ff9b::c0a8:101', 'NAT64 private-use'],
  ])('%s is judged by the IPv4 address it carries: %s', (address, kind) => expect(specialPurpose(address)).toBe(kind))

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '100.128.0.1',
    '192.0.3.1',
    '198.20.0.1',
    '223.255.255.255',
    '2606:4700::1111',
    '2a00:1450:4001:82b::200e',
    '::ffff:8.8.8.8',
    '::ffff:808:808',
    '64:ff9b::808:808',
  ])('%s is public', (address) => expect(specialPurpose(address)).toBeNull())
})

describe('who may reach them', () => {
  it('reads an origin as exactly its scheme, host and port (the default port spelled out)', () => {
    expect(privateAccessRule('http://127.0.0.1:42100')).toEqual({ protocol: 'http:', hostname: '127.0.0.1', port: 42100 })
    expect(privateAccessRule('https://Intranet.Example')).toEqual({ protocol: 'https:', hostname: 'intranet.example', port: 443 })
    expect(privateAccessRule('http://[::1]:8080')).toEqual({ protocol: 'http:', hostname: '::1', port: 8080 })
  })

  it('reads host:port as that port with either scheme, and a bare host as any port', () => {
    expect(privateAccessRule('127.0.0.1:42101')).toEqual({ protocol: null, hostname: '127.0.0.1', port: 42101 })
    expect(privateAccessRule('localhost')).toEqual({ protocol: null, hostname: 'localhost', port: null })
    expect(privateAccessRule('[::1]:9000')).toEqual({ protocol: null, hostname: '::1', port: 9000 })
    expect(privateAccessRule('[fd00::1]')).toEqual({ protocol: null, hostname: 'fd00::1', port: null })
  })

  it.each(['ftp://127.0.0.1', 'host/path', 'a:b:c', 'user@host', 'host:99999', 'host:0', ''])('refuses %j with a reason', (entry) =>
    expect(typeof privateAccessRule(entry)).toBe('string'),
  )
})
