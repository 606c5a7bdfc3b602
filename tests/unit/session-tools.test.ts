import { describe, expect, it } from 'vitest'
import { clockOffset, formatCountdown, remainingMs } from '../../client/facilitation/clock'
import { type PlanWorkshop, planSegmentIntents, segmentLabel } from '../../client/facilitation/run-of-show'

describe('clock offset and countdown', () => {
  it('reads the server clock half-way through the round trip', () => {
    expect(clockOffset(1000, 6100, 1200)).toBe(5000)
    expect(clockOffset(1000, 1100, 1200)).toBe(0)
    expect(clockOffset(5000, 1000, 5000)).toBe(-4000)
  })

  it('counts down on the server clock, never below zero', () => {
    // our clock is 5 s behind the server's: 10 s before the end on the server
    expect(remainingMs(20_000, 5_000, 5_000)).toBe(10_000)
    expect(remainingMs(20_000, 30_000, 0)).toBe(0)
  })

  it('formats minutes and seconds, rounding up so 0:00 means time is up', () => {
    expect(formatCountdown(600_000)).toBe('10:00')
    expect(formatCountdown(599_001)).toBe('10:00')
    expect(formatCountdown(598_999)).toBe('9:59')
    expect(formatCountdown(5_000)).toBe('0:05')
    expect(formatCountdown(1)).toBe('0:01')
    expect(formatCountdown(0)).toBe('0:00')
    expect(formatCountdown(-50)).toBe('0:00')
    expect(formatCountdown(3_661_000)).toBe('1:01:01')
  })
})

describe('run-of-show intent planning', () => {
  const workshop: PlanWorkshop = {
    articleId: 'cells',
    scenarioId: 'cell-outage',
    segments: [
      { title: 'Warm up', articleSection: 'mental-model', timerMinutes: 5 },
      {
        title: 'Blast radius',
        scenarioStep: 2,
        checkpoint: { question: 'Who is hit?', options: ['All', '1/N'], answer: 1 },
      },
      { title: 'Outage', scenarioStep: 3, triggerFailure: 'cell-down' },
      { title: 'Wrap up' },
    ],
  }

  it('sends the segment, article section and timer', () => {
    expect(planSegmentIntents(workshop, 0, null)).toEqual([
      { type: 'workshop:segment', segment: 0 },
      { type: 'article:present', articleId: 'cells', sectionId: 'mental-model' },
      { type: 'timer:start', minutes: 5 },
    ])
  })

  it('loads the scenario first, steps to the segment step, then opens the checkpoint', () => {
    expect(planSegmentIntents(workshop, 1, null)).toEqual([
      { type: 'workshop:segment', segment: 1 },
      { type: 'sim:load', scenarioId: 'cell-outage' },
      { type: 'sim:step' },
      { type: 'sim:step' },
      { type: 'checkpoint:open', question: 'Who is hit?', options: ['All', '1/N'], answer: 1 },
    ])
  })

  it('reloads when another scenario is on screen', () => {
    const intents = planSegmentIntents(workshop, 1, { scenarioId: 'other', step: 4 })
    expect(intents.filter((i) => i.type.startsWith('sim:'))).toEqual([
      { type: 'sim:load', scenarioId: 'cell-outage' },
      { type: 'sim:step' },
      { type: 'sim:step' },
    ])
  })

  it('steps forward or back from the step on screen and triggers the failure', () => {
    expect(planSegmentIntents(workshop, 2, { scenarioId: 'cell-outage', step: 2 })).toEqual([
      { type: 'workshop:segment', segment: 2 },
      { type: 'sim:step' },
      { type: 'sim:trigger', failureId: 'cell-down' },
    ])
    expect(planSegmentIntents(workshop, 1, { scenarioId: 'cell-outage', step: 3 })).toEqual([
      { type: 'workshop:segment', segment: 1 },
      { type: 'sim:back' },
      { type: 'checkpoint:open', question: 'Who is hit?', options: ['All', '1/N'], answer: 1 },
    ])
  })

  it('sends only the segment when it sets nothing, and nothing past the end', () => {
    expect(planSegmentIntents(workshop, 3, { scenarioId: 'cell-outage', step: 3 })).toEqual([
      { type: 'workshop:segment', segment: 3 },
    ])
    expect(planSegmentIntents(workshop, 4, null)).toEqual([])
  })

  it('labels a segment for people', () => {
    expect(segmentLabel(1, 6, 'Blast radius')).toBe('Segment 2/6 — Blast radius')
  })
})
