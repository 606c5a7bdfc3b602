import { type BenchClient, type BoardRef, connectSynced, seedRecords } from '../lib/board-client'
import type { BenchServer } from '../lib/server-process'
import { sleep, waitUntil } from '../lib/wait'

export interface BoardMemoryOptions {
  boards: number
  recordsPerBoard: number
}

export interface BoardMemoryResult {
  boards: number
  recordsPerBoard: number
  rssBefore: number
  rssAfter: number
  heapBefore: number
  heapAfter: number
  /** (RSS after − RSS before) / boards, in bytes. */
  rssPerBoard: number
  /** The same for the V8 heap: steadier than RSS, but blind to SQLite and socket buffers. */
  heapPerBoard: number
}

/**
 * Server memory per loaded board: each board gets one client that writes `recordsPerBoard` shape
 * records and stays connected. One untimed board is loaded first so one-time costs (JIT, prepared
 * statements, the first socket) are in the "before" figure.
 */
export async function measureBoardMemory(
  server: BenchServer,
  options: BoardMemoryOptions,
): Promise<BoardMemoryResult> {
  const clients: BenchClient[] = []
  const load = async (board: BoardRef) => {
    const client = await connectSynced(server.wsBase, board)
    clients.push(client)
    // a new Lockstep board already holds its document and page records; the classic server's none
    const before = await server.recordCount(board.id)
    seedRecords(client, 'mem', options.recordsPerBoard, options.recordsPerBoard)
    const serverHasIt = async () => (await server.recordCount(board.id)) === before + options.recordsPerBoard
    await waitUntil(serverHasIt, 'the server to hold a board', 30_000, 20)
  }
  try {
    const boards: BoardRef[] = []
    for (let i = 0; i <= options.boards; i++) boards.push(await server.createBoard())
    const [warmup, ...measured] = boards
    if (warmup) await load(warmup)
    await sleep(300)
    const before = await server.memory()
    for (const board of measured) await load(board)
    await sleep(500) // let sockets and write buffers settle
    const after = await server.memory()
    return {
      boards: measured.length,
      recordsPerBoard: options.recordsPerBoard,
      rssBefore: before.rss,
      rssAfter: after.rss,
      heapBefore: before.heapUsed,
      heapAfter: after.heapUsed,
      rssPerBoard: (after.rss - before.rss) / measured.length,
      heapPerBoard: (after.heapUsed - before.heapUsed) / measured.length,
    }
  } finally {
    for (const client of clients) client.destroy()
  }
}
