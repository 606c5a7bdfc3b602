import { describe, expect, it } from 'vitest'
import { skippedText } from '../../client/board/damaged/SkippedRecordsNotice'
import { problem } from '../../shared/boards/board-limits'

const skipped = (...ids: string[]) => ids.map((id) => ({ id, problem: problem('invalid_record', 'bad', id) }))

describe('what the page says about records it left out', () => {
  it('counts shapes as shapes, and anything else among them as items', () => {
    expect(skippedText(skipped('shape:a'))).toMatch(/^1 shape could not be shown/)
    expect(skippedText(skipped('shape:a', 'shape:b'))).toMatch(/^2 shapes could not be shown/)
    expect(skippedText(skipped('shape:a', 'binding:b'))).toMatch(/^2 items could not be shown/)
  })
})
