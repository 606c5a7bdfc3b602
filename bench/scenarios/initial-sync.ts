import * as Y from 'yjs'
import { type BenchClient, connectClient, connectSynced, seedRecords, whenSynced } from '../lib/board-client'
import type { BenchServer } from '../lib/server-process'
import { sleep, waitUntil } from '../lib/wait'

export interface InitialSyncOptions {
  records: number
  /** Records per seeding transaction. */
  perTransaction: number
  /** Timed joins per server (after one untimed warm-up join). */
  repeats: number
}

/** A board seeded with many records, with its seeding client still on it, ready to time newcomers. */
export interface SeededBoard {
  /** Size of the board's state as one Yjs update, in bytes. */
  stateBytes: number
  /** A fresh client, from constructing the provider to `synced`, in milliseconds. */
  timeJoin(): Promise<number>
  /** The same after the seeder left and the server unloaded the board; null if it cannot unload. */
  timeColdJoin(): Promise<number | null>
  close(): void
}

/** Seeds a fresh board with `records` shape records through one client and waits until the server has them. */
export async function seedBoard(server: BenchServer, options: InitialSyncOptions): Promise<SeededBoard> {
  const board = await server.createBoard()
  let seeder: BenchClient | undefined = await connectSynced(server.wsBase, board)
  // a new Lockstep board already holds its document and page records; the classic server's none
  const before = await server.recordCount(board.id)
  seedRecords(seeder, 'seed', options.records, options.perTransaction)
  const serverHasIt = async () => (await server.recordCount(board.id)) === before + options.records
  await waitUntil(serverHasIt, `the server to hold ${options.records} records`, 60_000, 20)
  const stateBytes = Y.encodeStateAsUpdate(seeder.doc).byteLength

  const timeJoin = async (): Promise<number> => {
    globalThis.gc?.() // the 3 MB the last newcomer applied should not be collected on our clock
    const started = performance.now()
    const client = connectClient(server.wsBase, board)
    try {
      await whenSynced(client, 30_000)
      const elapsed = performance.now() - started
      if (client.records.size !== before + options.records) {
        throw new Error(`a fresh client synced ${client.records.size} of ${before + options.records} records`)
      }
      return elapsed
    } finally {
      client.destroy()
      await sleep(100)
    }
  }
  const close = () => {
    seeder?.destroy()
    seeder = undefined
  }
  return {
    stateBytes,
    timeJoin,
    async timeColdJoin() {
      close() // nobody on the board: the server may let it go
      await sleep(100)
      if (!(await server.unload(board.id))) return null
      return timeJoin()
    },
    close,
  }
}
