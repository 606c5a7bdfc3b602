import { io, type Socket } from 'socket.io-client'
import { afterAll, describe, expect, it } from 'vitest'
import type { Participant } from '../../shared/protocol/session'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { waitUntil } from '../support/wait'

describe('socket.io session channel', () => {
  const app = useTestServer()
  const sockets: Socket[] = []
  afterAll(() => {
    for (const s of sockets) s.disconnect()
  })

  const connect = (auth: unknown) => {
    const socket = io(app.url, {
      auth: auth as Record<string, unknown>,
      transports: ['websocket'],
      reconnection: false,
    })
    sockets.push(socket)
    return socket
  }
  const refusal = (socket: Socket) =>
    new Promise<string>((resolve) =>
      socket.on('connect_error', (e) => resolve((e as { data?: { code: string } }).data?.code ?? e.message)),
    )

  it('refuses a handshake without a valid board token', async () => {
    const board = await createTestBoard(app.url)
    expect(await refusal(connect({}))).toBe('bad_handshake')
    expect(await refusal(connect({ boardId: board.id, token: 'AAAAAAAAAAAAAAAAAAAAAA' }))).toBe(
      'unauthorized',
    )
    expect(await refusal(connect({ boardId: 'BBBBBBBBBBBBBBBBBBBBBB', token: board.tokens.editor }))).toBe(
      'board_not_found',
    )
  })

  it('welcomes each participant with their role and shows everyone who is here', async () => {
    const board = await createTestBoard(app.url)
    const ana = connect({ boardId: board.id, token: board.tokens.facilitator })
    const welcome = await new Promise<{ role: string }>((resolve) => ana.on('session:welcome', resolve))
    expect(welcome.role).toBe('facilitator')
    let anaSees: Participant[] = []
    ana.on('session:participants', (list: Participant[]) => {
      anaSees = list
    })
    expect(await ana.emitWithAck('presence:hello', { name: 'Ana', color: '#d94f4f' })).toEqual({ ok: true })

    const ben = connect({ boardId: board.id, token: board.tokens.viewer })
    expect(await ben.emitWithAck('presence:hello', { name: 'Ben', color: '#3b82f6' })).toEqual({ ok: true })
    await waitUntil(() => anaSees.length === 2, 'Ana to see two participants')
    expect(anaSees.map((p) => [p.name, p.role]).sort()).toEqual([
      ['Ana', 'facilitator'],
      ['Ben', 'viewer'],
    ])

    ben.disconnect()
    await waitUntil(() => anaSees.length === 1, 'Ben to leave the list')
  })

  it('answers a malformed hello with an error, never silence', async () => {
    const board = await createTestBoard(app.url)
    const socket = connect({ boardId: board.id, token: board.tokens.editor })
    const ack = await socket.emitWithAck('presence:hello', { name: '', color: 'red', extra: 1 })
    expect(ack).toMatchObject({ ok: false, code: 'bad_payload' })
  })
})
