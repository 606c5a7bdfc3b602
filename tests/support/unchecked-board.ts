import * as Y from 'yjs'
import { BOARD_DOC } from '../../shared/protocol/yjs-doc'
import type { TestServer } from './test-server'

/**
 * Writes straight into a board's stored Yjs document, past the server's content rules, as boards
 * were written before the server checked changes. The board must not be open (its room unloaded),
 * so the next person to open it loads exactly what storage holds.
 */
export async function writeUnchecked(
  server: TestServer,
  boardId: string,
  change: (records: Y.Map<unknown>, meta: Y.Map<unknown>) => void,
): Promise<void> {
  if (await server.rooms.peek(boardId))
    throw new Error('writeUnchecked: the board is open; write before anyone joins')
  const doc = new Y.Doc()
  const stored = await server.store.loadDocument(boardId)
  if (stored) Y.applyUpdate(doc, stored)
  const before = Y.encodeStateVector(doc)
  doc.transact(() => change(doc.getMap(BOARD_DOC.recordsMap), doc.getMap(BOARD_DOC.metaMap)))
  await server.store.appendUpdate(boardId, Y.encodeStateAsUpdate(doc, before))
  doc.destroy()
}
