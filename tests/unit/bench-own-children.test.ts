import { describe, expect, it } from 'vitest'
import { parseProcStat } from '../../bench/lib/own-children'

describe('reading /proc/<pid>/stat', () => {
  it('finds the pid, the command name and the parent', () => {
    expect(parseProcStat('4242 (haproxy) S 4100 4242 4100 0 -1 4194560 1 0')).toEqual({
      pid: 4242,
      comm: 'haproxy',
      ppid: 4100,
    })
  })

  it('keeps a command name with spaces and parentheses whole', () => {
    expect(parseProcStat('77 (my (odd) name) R 12 77 12 0')).toEqual({
      pid: 77,
      comm: 'my (odd) name',
      ppid: 12,
    })
  })

  it('answers null for a line that is not a stat line', () => {
    expect(parseProcStat('no parentheses here')).toBeNull()
  })
})
