import { describe, expect, it } from 'vitest'
import { GroupCommit, type QueuedAppend } from '../../server/storage/group-commit'

class Away extends Error {}
class BadRow extends Error {}

/** A write function that records each batch and fails as told; a write resolves when released. */
function writer(fail: (batch: readonly QueuedAppend[], n: number) => Error | null = () => null) {
  const batches: string[][] = []
  const pending: Array<() => void> = []
  const writeAll = (batch: readonly QueuedAppend[]) => {
    batches.push(batch.map((a) => a.boardId))
    const error = fail(batch, batches.length)
    return new Promise<void>((resolve, reject) => {
      pending.push(() => (error ? reject(error) : resolve()))
    })
  }
  /** Lets every write started so far finish, and the ones they start, until none is left. */
  const settle = async () => {
    while (pending.length > 0) {
      pending.shift()?.()
      await new Promise((resolve) => setImmediate(resolve))
    }
  }
  return { batches, writeAll, settle }
}

const bytes = (n: number) => new Uint8Array(n)
const verdicts = (appends: Promise<void>[]) =>
  Promise.all(
    appends.map((p) =>
      p.then(
        () => 'stored',
        (e: Error) => e.constructor.name,
      ),
    ),
  )

describe('group commit of the update log', () => {
  it('writes what arrives while a write is in flight together in the next one', async () => {
    const w = writer()
    const commit = new GroupCommit(w.writeAll, (e) => e instanceof Away)
    const appends = [commit.append('a', bytes(1)), commit.append('b', bytes(1)), commit.append('c', bytes(1))]
    const result = verdicts(appends) // handled before any rejection
    await w.settle()
    expect(await result).toEqual(['stored', 'stored', 'stored'])
    expect(w.batches).toEqual([['a'], ['b', 'c']])
  })

  it('keeps a write under its byte budget, one larger update going alone', async () => {
    const w = writer()
    const commit = new GroupCommit(w.writeAll, (e) => e instanceof Away, 256, 10)
    const appends = [
      commit.append('first', bytes(1)),
      commit.append('a', bytes(6)),
      commit.append('b', bytes(6)),
      commit.append('big', bytes(20)),
      commit.append('c', bytes(2)),
    ]
    const result = verdicts(appends) // handled before any rejection
    await w.settle()
    expect(await result).toEqual(['stored', 'stored', 'stored', 'stored', 'stored'])
    expect(w.batches).toEqual([['first'], ['a'], ['b'], ['big'], ['c']])
  })

  it('tries a failed batch row by row, so one bad row fails alone', async () => {
    const w = writer((batch) => (batch.some((a) => a.boardId === 'deleted') ? new BadRow() : null))
    const commit = new GroupCommit(w.writeAll, (e) => e instanceof Away)
    const appends = [
      commit.append('first', bytes(1)),
      commit.append('a', bytes(1)),
      commit.append('deleted', bytes(1)),
      commit.append('b', bytes(1)),
    ]
    const result = verdicts(appends) // handled before any rejection
    await w.settle()
    expect(await result).toEqual(['stored', 'stored', 'BadRow', 'stored'])
  })

  it('fails the rest at once when the database goes away while rows are tried one by one', async () => {
    // the batch fails on a bad row; trying rows alone, the second finds the database gone
    const w = writer((_batch, n) => (n === 2 ? new BadRow() : n >= 4 ? new Away() : null))
    const commit = new GroupCommit(w.writeAll, (e) => e instanceof Away)
    const appends = [
      commit.append('first', bytes(1)),
      ...['a', 'b', 'c', 'd'].map((id) => commit.append(id, bytes(1))),
    ]
    const result = verdicts(appends) // handled before any rejection
    await w.settle()
    expect(await result).toEqual(['stored', 'stored', 'Away', 'Away', 'Away'])
    // first; the batch a–d; a alone; b alone (away): c and d are not tried
    expect(w.batches).toEqual([['first'], ['a', 'b', 'c', 'd'], ['a'], ['b']])
  })
})
