import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { clientAddress } from '../../server/http/client-address'

const request = (remoteAddress: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage

describe('client address', () => {
  it('is the peer address when the peer is not on this machine, whatever the header says', () => {
    expect(clientAddress(request('203.0.113.5', '198.51.100.1'))).toBe('203.0.113.5')
  })

  it('believes a proxy on this machine about whom it forwards for, one hop at a time', () => {
    expect(clientAddress(request('127.0.0.1', '198.51.100.1'))).toBe('198.51.100.1')
    expect(clientAddress(request('::ffff:127.0.0.1', '10.0.0.9, 127.0.0.1'))).toBe('10.0.0.9')
    expect(clientAddress(request('::1', '6.6.6.6, 198.51.100.1'))).toBe('198.51.100.1') // the far hop is not ours to trust
    expect(clientAddress(request('127.0.0.1'))).toBe('127.0.0.1')
  })
})
