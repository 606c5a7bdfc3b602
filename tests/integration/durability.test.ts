import { afterEach, describe, expect, it } from 'vitest'
import { type ServerProcess, startServerProcess } from '../support/server-process'
import { joinSession } from '../support/session-client'
import { createTestBoard, removeDir, tempDataDir } from '../support/test-server'
import { waitUntil } from '../support/wait'
import { type BoardClient, shapeCount, shapeRecord, syncedBoardClient } from '../support/yjs-client'

// each test starts two server processes; under load a start alone can take most of the default 30 s
describe('durability across server restarts', { timeout: 120_000 }, () => {
  const cleanups: (() => unknown)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  async function serverOn(dataDir: string): Promise<ServerProcess> {
    const server = await startServerProcess(dataDir)
    cleanups.push(() => {
      if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL')
      return server.exited
    })
    return server
  }

  function track(client: BoardClient): BoardClient {
    cleanups.push(() => client.destroy())
    return client
  }

  it('keeps every edit another client had received when the server is killed with SIGKILL', async () => {
    const dataDir = tempDataDir()
    cleanups.push(() => removeDir(dataDir))
    const first = await serverOn(dataDir)
    const board = await createTestBoard(first.url)
    const writer = track(await syncedBoardClient(first.url, board.id, board.tokens.editor))
    const witness = track(await syncedBoardClient(first.url, board.id, board.tokens.viewer))

    const N = 200
    for (let i = 0; i < N; i++) writer.records.set(`shape:${i}`, shapeRecord(`shape:${i}`, i, i))
    await waitUntil(() => shapeCount(witness.records) === N, `the witness to receive all ${N} edits`)

    first.child.kill('SIGKILL')
    expect(await first.exited).toBe('SIGKILL')
    writer.provider.disconnect()
    witness.provider.disconnect()

    const second = await serverOn(dataDir)
    const reader = track(await syncedBoardClient(second.url, board.id, board.tokens.viewer))
    expect(shapeCount(reader.records)).toBe(N)
    expect(reader.records.toJSON()).toEqual(witness.records.toJSON())
  })

  it('resumes the live session at the same step after the server is killed', async () => {
    const dataDir = tempDataDir()
    cleanups.push(() => removeDir(dataDir))
    const first = await serverOn(dataDir)
    const board = await createTestBoard(first.url)
    const ana = await joinSession(first.url, board.id, board.tokens.facilitator, 'Ana')
    cleanups.push(() => ana.close())
    await ana.intent({ type: 'sim:load', scenarioId: 'cells-poison-tenant' })
    await ana.intent({ type: 'sim:step' })
    await ana.intent({ type: 'sim:step' })
    const before = await ana.waitForSeq(3)

    first.child.kill('SIGKILL')
    await first.exited
    const second = await serverOn(dataDir)
    const ben = await joinSession(second.url, board.id, board.tokens.viewer, 'Ben')
    cleanups.push(() => ben.close())
    expect({ ...ben.latest(), yourRole: 'facilitator' }).toEqual(before)
    expect(ben.latest()?.sim?.step).toBe(2)
  })

  it('flushes every board and exits 0 on SIGTERM', async () => {
    const dataDir = tempDataDir()
    cleanups.push(() => removeDir(dataDir))
    const first = await serverOn(dataDir)
    const board = await createTestBoard(first.url)
    const writer = track(await syncedBoardClient(first.url, board.id, board.tokens.facilitator))
    const witness = track(await syncedBoardClient(first.url, board.id, board.tokens.viewer))
    for (let i = 0; i < 50; i++) writer.records.set(`shape:${i}`, shapeRecord(`shape:${i}`))
    await waitUntil(() => shapeCount(witness.records) === 50, 'the witness to receive all edits')
    writer.provider.shouldConnect = false
    witness.provider.shouldConnect = false

    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)

    const second = await serverOn(dataDir)
    const reader = track(await syncedBoardClient(second.url, board.id, board.tokens.viewer))
    expect(reader.records.toJSON()).toEqual(witness.records.toJSON())
  })
})
