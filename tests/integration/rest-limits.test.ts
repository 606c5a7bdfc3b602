import { describe, expect, it } from 'vitest'
import type { CreateBoardResponse } from '../../shared/protocol/rest'
import { expectError } from '../support/rest-client'
import { useTestServer } from '../support/use-test-server'

describe('per-address limits on making boards', () => {
  const app = useTestServer({ boardCreateLimit: 5, boardImportLimit: 2, restLimitWindowMs: 60_000 })
  /** A POST as a proxy on this machine forwards it for `address` (the app trusts loopback proxies). */
  const postFrom = (address: string, path: string, body: unknown, token?: string) =>
    fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': address,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    })

  it('answers 429 with Retry-After once an address has made its boards for the window; forks count too', async () => {
    const first = await postFrom('192.0.2.1', '/api/boards', { title: 'First' })
    expect(first.status).toBe(201)
    const board = (await first.json()) as CreateBoardResponse
    for (let i = 0; i < 3; i++)
      expect((await postFrom('192.0.2.1', '/api/boards', { title: `B${i}` })).status).toBe(201)
    expect(
      (await postFrom('192.0.2.1', `/api/boards/${board.id}/fork`, {}, board.tokens.viewer)).status,
    ).toBe(201)

    const refused = await postFrom('192.0.2.1', '/api/boards', { title: 'One too many' })
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    await expectError(refused, 429, 'rate_limited')
    const fork = await postFrom('192.0.2.1', `/api/boards/${board.id}/fork`, {}, board.tokens.viewer)
    await expectError(fork, 429, 'rate_limited')

    // another address has its own allowance
    expect((await postFrom('192.0.2.2', '/api/boards', { title: 'From elsewhere' })).status).toBe(201)
  })

  it('limits imports per address on their own, and refuses before reading the file', async () => {
    const made = (await (
      await postFrom('192.0.2.3', '/api/boards', { title: 'To export' })
    ).json()) as CreateBoardResponse
    const file: unknown = await (
      await app.rest.get(`/api/boards/${made.id}/export`, made.tokens.viewer)
    ).json()
    expect((await postFrom('192.0.2.4', '/api/boards/import', file)).status).toBe(201)
    expect((await postFrom('192.0.2.4', '/api/boards/import', file)).status).toBe(201)
    const refused = await postFrom('192.0.2.4', '/api/boards/import', file)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    await expectError(refused, 429, 'rate_limited')
    await expectError(
      await postFrom('192.0.2.4', '/api/boards/import', 'not even a board file'),
      429,
      'rate_limited',
    )
  })
})
