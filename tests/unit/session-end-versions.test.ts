import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AutoVersions } from '../../server/boards/auto-versions'
import type { BoardVersions } from '../../server/boards/board-versions'
import { createLogger } from '../../server/log'

const GRACE_MS = 1_000

describe('the session-end version when everyone has left this instance', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  function autoVersions(anyoneThere: () => Promise<boolean>) {
    const saved: string[] = []
    // the board always changed since its newest version, so every decision to keep one shows
    const versions = {
      changedSinceNewest: async () => true,
      save: async (_boardId: string, version: { kind: string }) => {
        saved.push(version.kind)
        return {}
      },
    } as unknown as BoardVersions
    const auto = new AutoVersions({
      versions,
      log: createLogger('silent'),
      everyMs: 3_600_000,
      sessionEndGraceMs: GRACE_MS,
      kept: 10,
      anyoneThere,
    })
    return { auto, saved }
  }

  it('keeps one when nobody is on the board anywhere once the grace ends', async () => {
    const { auto, saved } = autoVersions(async () => false)
    auto.everyoneLeft('b1')
    await vi.advanceTimersByTimeAsync(GRACE_MS)
    await auto.idle()
    expect(saved).toEqual(['session-end'])
  })

  it('keeps none when someone came back through another instance meanwhile', async () => {
    const anyoneThere = vi.fn(async () => true)
    const { auto, saved } = autoVersions(anyoneThere)
    auto.everyoneLeft('b1')
    await vi.advanceTimersByTimeAsync(GRACE_MS)
    await auto.idle()
    expect(anyoneThere).toHaveBeenCalledWith('b1')
    expect(saved).toEqual([])
  })

  it('keeps one when it cannot tell (the instances cannot be asked)', async () => {
    const { auto, saved } = autoVersions(() => Promise.reject(new Error('redis is away')))
    auto.everyoneLeft('b1')
    await vi.advanceTimersByTimeAsync(GRACE_MS)
    await auto.idle()
    expect(saved).toEqual(['session-end'])
  })
})
