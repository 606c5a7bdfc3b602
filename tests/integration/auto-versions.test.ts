import { describe, expect, it } from 'vitest'
import { contentOfState } from '../../server/boards/board-content'
import { BOARD_DOC } from '../../shared/protocol/yjs-doc'
import { createTestBoard, type TestServer } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { waitUntil } from '../support/wait'
import { shapeRecord } from '../support/yjs-client'
import { eventually, pngBytes } from './saved-boards-kit'

const kinds = async (server: TestServer, boardId: string, kind: string) =>
  (await server.store.listVersions(boardId)).filter((v) => v.kind === kind)

describe('hourly versions while a board changes', () => {
  const EVERY_MS = 300
  const app = useTestServer({ autoVersionEveryMs: EVERY_MS })

  it('keeps at most one version per interval, each showing the board as it was', async () => {
    const board = await createTestBoard(app.url)
    const editor = await app.client(board.id, board.tokens.editor)
    let hourly = await kinds(app.server, board.id, 'hourly')
    let edits = 0
    // Keep editing (about every 10 ms) until three automatic versions exist.
    while (hourly.length < 3) {
      editor.records.set(`shape:e${edits}`, shapeRecord(`shape:e${edits}`, edits))
      edits++
      if (edits > 2000) throw new Error('no automatic versions were kept')
      await new Promise((resolve) => setTimeout(resolve, 10))
      hourly = await kinds(app.server, board.id, 'hourly')
    }
    const times = hourly.map((v) => Date.parse(v.createdAt)).sort((a, b) => a - b)
    for (let i = 1; i < times.length; i++) {
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(EVERY_MS)
    }
    expect(hourly.every((v) => /^Autosave \d\d:\d\d$/.test(v.name))).toBe(true)
    // Each holds the board as it was then: the drawing only grew, so every later one holds more.
    const sizes = []
    for (const v of [...hourly].reverse()) {
      const { records } = contentOfState(await app.server.store.loadVersion(board.id, v.id)).content
      sizes.push(records.filter((record) => record.typeName === 'shape').length)
    }
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b))
    expect(new Set(sizes).size).toBe(sizes.length)
    expect(sizes.at(-1)).toBeLessThanOrEqual(edits)
  })

  it('keeps none for a board nobody changes', async () => {
    const board = await createTestBoard(app.url)
    const viewer = await app.client(board.id, board.tokens.viewer)
    viewer.records.set('shape:dropped', shapeRecord('shape:dropped')) // a viewer's change is dropped
    // A change elsewhere, long enough ago to have kept a version of it, shows the clock ran.
    const other = await createTestBoard(app.url)
    const editor = await app.client(other.id, other.tokens.editor)
    editor.records.set('shape:x', shapeRecord('shape:x'))
    await eventually(
      async () => (await kinds(app.server, other.id, 'hourly')).length > 0,
      'the other board’s version',
    )
    expect(await app.server.store.listVersions(board.id)).toEqual([])
  })
})

describe('how many automatic versions a board keeps', () => {
  const app = useTestServer({ autoVersionEveryMs: 150, autoVersionsKept: 2 })

  it('keeps only the newest ones while a board keeps changing', async () => {
    const board = await createTestBoard(app.url)
    const editor = await app.client(board.id, board.tokens.editor)
    const seen = new Set<string>()
    let most = 0
    // Edit until the server has kept (and so pruned past) more versions than it may hold.
    for (let edit = 0; seen.size < 4; edit++) {
      if (edit > 3000) throw new Error('no automatic versions were kept')
      editor.records.set(`shape:k${edit}`, shapeRecord(`shape:k${edit}`, edit))
      await new Promise((resolve) => setTimeout(resolve, 10))
      const hourly = await kinds(app.server, board.id, 'hourly')
      for (const v of hourly) seen.add(v.id)
      most = Math.max(most, hourly.length)
    }
    expect(most).toBeLessThanOrEqual(2)
  })
})

describe('versions when a session ends', () => {
  const GRACE_MS = 1500
  // hourly versions at the default hour are not in these tests' way; a short grace before "ended"
  const app = useTestServer({ sessionEndGraceMs: GRACE_MS })

  const sessionEnds = (boardId: string) => kinds(app.server, boardId, 'session-end')

  const waitForSessionEnds = (boardId: string, count: number) =>
    eventually(async () => (await sessionEnds(boardId)).length >= count, `${count} session-end versions`)

  it('keeps a version when the last participant leaves a changed board, and none when nothing changed', async () => {
    const board = await createTestBoard(app.url)
    await app.rest.put(`/api/boards/${board.id}/thumbnail`, board.tokens.editor, pngBytes())
    const editor = await app.client(board.id, board.tokens.editor)
    const room = await app.server.rooms.peek(board.id)
    const ana = await app.session(board.id, board.tokens.facilitator, 'Ana')
    const ben = await app.session(board.id, board.tokens.viewer, 'Ben')
    editor.records.set('shape:one', shapeRecord('shape:one'))
    await waitUntil(() => room?.doc.getMap(BOARD_DOC.recordsMap).has('shape:one') === true, 'the edit')

    ana.close() // someone is still here: the session goes on
    ben.close()
    await waitForSessionEnds(board.id, 1)
    const [version] = await sessionEnds(board.id)
    expect(version).toMatchObject({ name: 'End of session', hasThumbnail: true })

    // A session with no change keeps nothing; the next changed one does.
    const quiet = await app.session(board.id, board.tokens.viewer, 'Quiet')
    quiet.close()
    const again = await app.session(board.id, board.tokens.facilitator, 'Ana')
    editor.records.set('shape:two', shapeRecord('shape:two'))
    await waitUntil(() => room?.doc.getMap(BOARD_DOC.recordsMap).has('shape:two') === true, 'the edit')
    again.close()
    // Versions of one board are kept in order, so once the second exists the quiet one was decided.
    await waitForSessionEnds(board.id, 2)
    expect(await sessionEnds(board.id)).toHaveLength(2)
  })

  it('does not end the session when the last person reloads and is back within the grace period', async () => {
    const board = await createTestBoard(app.url)
    const editor = await app.client(board.id, board.tokens.editor)
    const ana = await app.session(board.id, board.tokens.facilitator, 'Ana')
    editor.records.set('shape:r', shapeRecord('shape:r'))
    const room = await app.server.rooms.peek(board.id)
    await waitUntil(() => room?.doc.getMap(BOARD_DOC.recordsMap).has('shape:r') === true, 'the edit')
    ana.close()
    const back = await app.session(board.id, board.tokens.facilitator, 'Ana') // the reload
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS * 2))
    expect(await sessionEnds(board.id)).toEqual([])
    back.close()
    await waitForSessionEnds(board.id, 1)
  })

  it('keeps a version when the facilitator ends the workshop', async () => {
    const board = await createTestBoard(app.url)
    const editor = await app.client(board.id, board.tokens.editor)
    const ana = await app.session(board.id, board.tokens.facilitator, 'Ana')
    expect(await ana.intent({ type: 'workshop:start', workshopId: 'cells-45' })).toEqual({ ok: true })
    editor.records.set('shape:w', shapeRecord('shape:w'))
    const room = await app.server.rooms.peek(board.id)
    await waitUntil(() => room?.doc.getMap(BOARD_DOC.recordsMap).has('shape:w') === true, 'the edit')
    expect(await ana.intent({ type: 'workshop:end' })).toEqual({ ok: true })
    await waitForSessionEnds(board.id, 1)
    expect(ana.socket.connected).toBe(true)
  })
})
