import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { hashToken, randomId } from '../../../server/auth/capabilities'
import type { BoardStore, NewBoard } from '../../../server/storage/board-store'

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])

/** The behaviour every BoardStore must have; each implementation runs this same suite. */
export function describeBoardStoreContract(
  name: string,
  open: () => Promise<{ store: BoardStore; dispose(): void | Promise<void> }>,
) {
  describe(`BoardStore contract: ${name}`, () => {
    let store: BoardStore
    let dispose: () => void | Promise<void>
    beforeEach(async () => {
      ;({ store, dispose } = await open())
    })
    afterEach(async () => {
      await store.close()
      await dispose()
    })

    const newBoard = (title = 'Board'): NewBoard => ({
      id: randomId(),
      title,
      templateId: null,
      createdAt: new Date().toISOString(),
      tokenHashes: { facilitator: hashToken('f'), editor: hashToken('e'), viewer: hashToken('v') },
      sealedLinks: { facilitator: 'sealed-f', editor: 'sealed-e' },
      originBoardId: null,
    })

    /** n updates, each adding one record, as a client would send them. */
    function edits(n: number): { updates: Uint8Array[]; doc: Y.Doc } {
      const doc = new Y.Doc()
      const updates: Uint8Array[] = []
      doc.on('update', (u: Uint8Array) => updates.push(u))
      for (let i = 0; i < n; i++) doc.getMap('tldraw').set(`shape:${i}`, { x: i })
      return { updates, doc }
    }

    const recordsOf = (state: Uint8Array | null) => {
      const doc = new Y.Doc()
      if (state) Y.applyUpdate(doc, state)
      return doc.getMap('tldraw').toJSON()
    }

    it('creates, finds, lists and deletes boards', async () => {
      const a = await store.createBoard(newBoard('A'))
      await store.createBoard(newBoard('B'))
      expect(await store.getBoard(a.id)).toMatchObject({ id: a.id, title: 'A', tokenHashes: a.tokenHashes })
      expect((await store.listBoards()).map((b) => b.title).sort()).toEqual(['A', 'B'])
      await store.deleteBoard(a.id)
      expect(await store.getBoard(a.id)).toBeNull()
      expect(await store.getBoard('missing')).toBeNull()
    })

    it('returns null for a board that was never written', async () => {
      const board = await store.createBoard(newBoard())
      expect(await store.loadDocument(board.id)).toBeNull()
    })

    it('appends updates and loads them back as one merged document', async () => {
      const board = await store.createBoard(newBoard())
      const { updates, doc } = edits(25)
      for (const u of updates) await store.appendUpdate(board.id, u)
      expect(await store.countUpdates(board.id)).toBe(25)
      expect(recordsOf(await store.loadDocument(board.id))).toEqual(doc.getMap('tldraw').toJSON())
    })

    it('compacts the log into one snapshot that loads the same', async () => {
      const board = await store.createBoard(newBoard())
      const { updates, doc } = edits(100)
      for (const u of updates) await store.appendUpdate(board.id, u)
      await store.compact(board.id)
      expect(await store.countUpdates(board.id)).toBe(0)
      expect(recordsOf(await store.loadDocument(board.id))).toEqual(doc.getMap('tldraw').toJSON())
      // Appends after a compaction build on the snapshot.
      doc.getMap('tldraw').set('shape:late', { x: -1 })
      await store.appendUpdate(board.id, Y.encodeStateAsUpdate(doc))
      expect(recordsOf(await store.loadDocument(board.id))).toHaveProperty('shape:late')
    })

    it('compacts to a given state', async () => {
      const board = await store.createBoard(newBoard())
      const { updates, doc } = edits(10)
      for (const u of updates) await store.appendUpdate(board.id, u)
      await store.compact(board.id, Y.encodeStateAsUpdate(doc))
      expect(recordsOf(await store.loadDocument(board.id))).toEqual(doc.getMap('tldraw').toJSON())
    })

    it('keeps an update appended during compaction: only what the snapshot covers is replaced', async () => {
      const board = await store.createBoard(newBoard())
      const { updates, doc } = edits(10)
      for (const u of updates) await store.appendUpdate(board.id, u)
      const stale = Y.encodeStateAsUpdate(doc) // what this instance holds
      // another instance's writer appends meanwhile, from a document this one has not seen
      const elsewhere = new Y.Doc()
      const late: Uint8Array[] = []
      elsewhere.on('update', (u: Uint8Array) => late.push(u))
      for (let i = 0; i < 20; i++) elsewhere.getMap('tldraw').set(`shape:elsewhere-${i}`, { i })
      await Promise.all([
        store.compact(board.id, stale),
        ...late.map((u) => store.appendUpdate(board.id, u)),
        store.compact(board.id),
      ])
      const records = recordsOf(await store.loadDocument(board.id))
      expect(Object.keys(records)).toHaveLength(30)
      expect(records).toHaveProperty('shape:elsewhere-19')
    })

    it('keeps every update of boards appending at once, each board in its order', async () => {
      const boards = await Promise.all([1, 2, 3, 4].map(() => store.createBoard(newBoard())))
      const written = boards.map(() => edits(12))
      // each board's appends follow one another (as a room sends them); the boards' overlap
      await Promise.all(
        boards.map(async (board, i) => {
          for (const u of written[i]?.updates ?? []) await store.appendUpdate(board.id, u)
        }),
      )
      for (const [i, board] of boards.entries()) {
        expect(await store.countUpdates(board.id)).toBe(12)
        expect(recordsOf(await store.loadDocument(board.id))).toEqual(
          written[i]?.doc.getMap('tldraw').toJSON(),
        )
      }
    })

    it('keeps boards apart', async () => {
      const a = await store.createBoard(newBoard())
      const b = await store.createBoard(newBoard())
      for (const u of edits(3).updates) await store.appendUpdate(a.id, u)
      expect(await store.loadDocument(b.id)).toBeNull()
    })

    it('saves, lists and loads named versions', async () => {
      const board = await store.createBoard(newBoard())
      const { doc } = edits(5)
      const saved = await store.saveVersion(board.id, {
        id: randomId(),
        name: 'Before the break',
        kind: 'manual',
        state: Y.encodeStateAsUpdate(doc),
        thumbnail: PNG,
      })
      const later = await store.saveVersion(board.id, {
        id: randomId(),
        name: 'Autosave',
        kind: 'hourly',
        state: Y.encodeStateAsUpdate(doc),
      })
      expect(saved).toMatchObject({ boardId: board.id, name: 'Before the break', hasThumbnail: true })
      expect((await store.listVersions(board.id)).map((v) => [v.name, v.kind, v.hasThumbnail])).toEqual([
        ['Autosave', 'hourly', false],
        ['Before the break', 'manual', true],
      ])
      expect(await store.getVersion(board.id, later.id)).toEqual(later)
      expect(recordsOf(await store.loadVersion(board.id, saved.id))).toEqual(doc.getMap('tldraw').toJSON())
      expect(await store.loadVersionThumbnail(board.id, saved.id)).toEqual(PNG)
      expect(await store.loadVersionThumbnail(board.id, later.id)).toBeNull()
      expect(await store.loadVersion(board.id, 'nope')).toBeNull()
      expect(await store.getVersion(board.id, 'nope')).toBeNull()
    })

    it('keeps a version to its own board', async () => {
      const a = await store.createBoard(newBoard())
      const b = await store.createBoard(newBoard())
      const v = await store.saveVersion(a.id, {
        id: randomId(),
        name: 'v',
        kind: 'manual',
        state: new Uint8Array([0, 0]),
      })
      expect(await store.loadVersion(b.id, v.id)).toBeNull()
      expect(await store.getVersion(b.id, v.id)).toBeNull()
    })

    it('renames a board and replaces its tokens', async () => {
      const board = await store.createBoard(newBoard('Old'))
      await store.renameBoard(board.id, 'New')
      const hashes = { facilitator: hashToken('f2'), editor: hashToken('e2'), viewer: hashToken('v2') }
      await store.replaceTokens(board.id, hashes, { facilitator: 'sf2', editor: 'se2' })
      expect(await store.getBoard(board.id)).toMatchObject({
        title: 'New',
        tokenHashes: hashes,
        sealedLinks: { facilitator: 'sf2', editor: 'se2' },
      })
    })

    it('keeps one thumbnail per board, the newest', async () => {
      const board = await store.createBoard(newBoard())
      expect(await store.loadThumbnail(board.id)).toBeNull()
      expect((await store.getBoard(board.id))?.thumbnailAt).toBeNull()
      await store.saveThumbnail(board.id, new Uint8Array([1]))
      await store.saveThumbnail(board.id, PNG)
      expect(await store.loadThumbnail(board.id)).toEqual(PNG)
      expect((await store.getBoard(board.id))?.thumbnailAt).toEqual(expect.any(String))
    })

    it('remembers where a fork came from', async () => {
      const origin = await store.createBoard(newBoard())
      const fork = await store.createBoard({ ...newBoard(), originBoardId: origin.id, originVersionId: 'v1' })
      expect(await store.getBoard(fork.id)).toMatchObject({ originBoardId: origin.id, originVersionId: 'v1' })
    })

    it('prunes automatic versions beyond the newest few, never saved or published ones', async () => {
      const board = await store.createBoard(newBoard())
      const save = (name: string, kind: 'manual' | 'hourly' | 'session-end') =>
        store.saveVersion(board.id, { id: randomId(), name, kind, state: new Uint8Array([0, 0]) })
      await save('saved', 'manual')
      const published = await save('auto 1', 'hourly')
      await save('auto 2', 'session-end')
      await save('auto 3', 'hourly')
      await save('auto 4', 'hourly')
      await save('auto 5', 'session-end')
      await store.createPublication({
        id: randomId(),
        boardId: board.id,
        versionId: published.id,
        tokenHash: 'h',
        boardTitle: 'B',
      })
      const other = await store.createBoard(newBoard())
      await store.saveVersion(other.id, {
        id: randomId(),
        name: 'elsewhere',
        kind: 'hourly',
        state: new Uint8Array([0, 0]),
      })

      expect(await store.pruneAutomaticVersions(board.id, 2)).toBe(2)
      expect((await store.listVersions(board.id)).map((v) => v.name)).toEqual([
        'auto 5',
        'auto 4',
        'auto 1',
        'saved',
      ])
      expect(await store.listVersions(other.id)).toHaveLength(1)
      expect(await store.pruneAutomaticVersions(board.id, 2)).toBe(0)
      // saving can prune in the same step
      await store.saveVersion(board.id, {
        id: randomId(),
        name: 'auto 6',
        kind: 'hourly',
        state: new Uint8Array([0, 0]),
        keepAutomatic: 2,
      })
      expect((await store.listVersions(board.id)).map((v) => v.name)).toEqual([
        'auto 6',
        'auto 5',
        'auto 1',
        'saved',
      ])
    })

    it('stores publications of a version', async () => {
      const board = await store.createBoard(newBoard())
      const v = await store.saveVersion(board.id, {
        id: randomId(),
        name: 'v',
        kind: 'manual',
        state: new Uint8Array([0, 0]),
      })
      const id = randomId()
      await store.createPublication({
        id,
        boardId: board.id,
        versionId: v.id,
        tokenHash: hashToken('p'),
        boardTitle: 'As published',
      })
      expect(await store.getPublication(id)).toMatchObject({
        boardId: board.id,
        versionId: v.id,
        tokenHash: hashToken('p'),
        boardTitle: 'As published',
      })
      expect(await store.getPublication('missing')).toBeNull()
    })

    it('stores session state as JSON', async () => {
      const board = await store.createBoard(newBoard())
      expect(await store.loadSessionState(board.id)).toBeNull()
      await store.saveSessionState(board.id, { seq: 3, step: 2 })
      await store.saveSessionState(board.id, { seq: 4, step: 3 })
      expect(await store.loadSessionState(board.id)).toEqual({ seq: 4, step: 3 })
    })

    it('commits a session change only over the revision it was read at', async () => {
      const board = await store.createBoard(newBoard())
      expect(await store.loadSessionRecord(board.id)).toBeNull()
      // two writers find nothing stored: the first insert wins, the second finds the row taken
      expect(await store.replaceSessionState(board.id, { seq: 1, by: 'a' }, 0)).toBe(true)
      expect(await store.replaceSessionState(board.id, { seq: 1, by: 'b' }, 0)).toBe(false)
      expect(await store.loadSessionRecord(board.id)).toEqual({ state: { seq: 1, by: 'a' }, revision: 1 })
      expect(await store.replaceSessionState(board.id, { seq: 2, by: 'b' }, 1)).toBe(true)
      expect(await store.replaceSessionState(board.id, { seq: 2, by: 'a' }, 1)).toBe(false)
      // an unconditional write (an import) advances the revision too, so a stale writer still loses
      await store.saveSessionState(board.id, { seq: 9 })
      expect(await store.replaceSessionState(board.id, { seq: 3 }, 2)).toBe(false)
      expect(await store.loadSessionRecord(board.id)).toEqual({ state: { seq: 9 }, revision: 3 })
    })

    it('lets exactly one of many concurrent writers commit over one revision', async () => {
      const board = await store.createBoard(newBoard())
      await store.saveSessionState(board.id, { seq: 0 })
      const wins = await Promise.all(
        Array.from({ length: 8 }, (_, i) => store.replaceSessionState(board.id, { seq: 1, by: i }, 1)),
      )
      expect(wins.filter(Boolean)).toHaveLength(1)
      expect((await store.loadSessionRecord(board.id))?.revision).toBe(2)
    })

    it('keeps a server secret: the first value stored is the one every later caller gets', async () => {
      const first = await store.serverSecret('identity', () => 'first-value')
      expect(first).toBe('first-value')
      expect(await store.serverSecret('identity', () => 'second-value')).toBe('first-value')
      expect(await store.serverSecret('other', () => 'other-value')).toBe('other-value')
    })

    it('deletes a board with its log, versions and session', async () => {
      const board = await store.createBoard(newBoard())
      for (const u of edits(3).updates) await store.appendUpdate(board.id, u)
      const v = await store.saveVersion(board.id, {
        id: randomId(),
        name: 'v',
        kind: 'manual',
        state: new Uint8Array([0, 0]),
      })
      const publication = randomId()
      await store.createPublication({
        id: publication,
        boardId: board.id,
        versionId: v.id,
        tokenHash: 'h',
        boardTitle: 'B',
      })
      await store.saveThumbnail(board.id, PNG)
      await store.saveSessionState(board.id, { seq: 1 })
      await store.deleteBoard(board.id)
      expect(await store.getPublication(publication)).toBeNull()
      expect(await store.loadThumbnail(board.id)).toBeNull()
      expect(await store.loadDocument(board.id)).toBeNull()
      expect(await store.listVersions(board.id)).toEqual([])
      expect(await store.loadSessionState(board.id)).toBeNull()
    })
  })
}
