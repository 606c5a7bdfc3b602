import { describe, expect, it } from 'vitest'
import { circleLayout, defaultArticleId, shownPlace } from '../../client/article/article-choice'
import { parseLiveQuestion, tallyBars } from '../../client/checkpoint/checkpoint-tally'
import { stepAction } from '../../client/checkpoint/step-checkpoint'
import type { ArticleSummary } from '../../shared/protocol/articles'

const summary = (id: string, templateId: string): ArticleSummary => ({
  id,
  title: id,
  topic: 'kappa',
  templateId,
  scenarioIds: [],
  readingMinutes: 8,
  sections: [],
})

describe('the Article tab', () => {
  const list = [summary('kappa-architecture', 'kappa-pipeline'), summary('lambda-architecture', 'lambda')]

  it('opens on the article written for the board’s template', () => {
    expect(defaultArticleId(list, 'kappa-pipeline')).toBe('kappa-architecture')
  })

  it('opens on no article when none matches the template, so the panel offers the list', () => {
    expect(defaultArticleId(list, 'unknown')).toBeNull()
    expect(defaultArticleId(list, null)).toBeNull()
  })

  it('shows the presented section to a follower and the reader’s own place once detached', () => {
    const own = { articleId: 'lambda-architecture', sectionId: 'tradeoffs' }
    const live = { articleId: 'kappa-architecture', sectionId: 'failure-modes' }
    expect(shownPlace(own, live, true)).toEqual({ ...live, live: true })
    expect(shownPlace(own, live, false)).toEqual({ ...own, live: false })
    expect(shownPlace(own, null, true)).toEqual({ ...own, live: false })
  })

  it('lays concepts out on a circle inside the map', () => {
    const points = circleLayout(10, 320, 56)
    expect(points).toHaveLength(10)
    for (const p of points) {
      expect(Math.hypot(p.x - 160, p.y - 160)).toBeCloseTo(104)
    }
  })
})

describe('checkpoints', () => {
  it('draws no bars while the results are hidden from this viewer', () => {
    expect(tallyBars(['a', 'b'], null, null)).toEqual([])
  })

  it('draws each option’s count and share, marking the expected answer', () => {
    expect(tallyBars(['a', 'b', 'c'], [1, 3, 0], 1)).toEqual([
      { option: 'a', count: 1, share: 0.25, expected: false },
      { option: 'b', count: 3, share: 0.75, expected: true },
      { option: 'c', count: 0, share: 0, expected: false },
    ])
  })

  it('reads a typed question with one option per line and refuses too few or too many', () => {
    expect(parseLiveQuestion(' Where is the lag? ', 'Broker\n\n Consumer \n')).toEqual({
      ok: true,
      question: 'Where is the lag?',
      options: ['Broker', 'Consumer'],
    })
    expect(parseLiveQuestion('', 'a\nb').ok).toBe(false)
    expect(parseLiveQuestion('Q?', 'only one').ok).toBe(false)
    expect(parseLiveQuestion('Q?', 'a\nb\nc\nd\ne\nf\ng').ok).toBe(false)
  })

  it('makes Step ask the next step’s question first, wait for the reveal, then advance', () => {
    const next = { question: 'What breaks first?', options: ['A', 'B'] }
    expect(stepAction(undefined, null, false)).toBe('step')
    expect(stepAction(next, null, false)).toBe('open')
    expect(stepAction(next, { question: next.question, status: 'open' }, true)).toBe('wait-for-reveal')
    expect(stepAction(next, { question: next.question, status: 'revealed' }, true)).toBe('close-and-step')
    expect(stepAction(next, null, true)).toBe('step')
    expect(stepAction(next, { question: 'Another question', status: 'open' }, false)).toBe('open')
  })
})
