import type { SessionIntent } from '../../shared/session/intents'

/** The parts of a workshop plan the run-of-show needs to move a segment. */
export interface PlanSegment {
  title: string
  articleSection?: string | undefined
  scenarioStep?: number | undefined
  triggerFailure?: string | undefined
  timerMinutes?: number | undefined
  checkpoint?: { question: string; options: string[]; answer?: number | undefined } | undefined
}
export interface PlanWorkshop {
  articleId: string
  scenarioId?: string | undefined
  segments: readonly PlanSegment[]
}

/** The running simulation, as far as the plan cares. */
export interface SimPosition {
  scenarioId: string
  step: number
}

/**
 * Everything "Next" / "Back" sends, in order, to show segment `index` of `workshop` given the
 * simulation on screen: the segment, its article section, the steps to reach its scenario step
 * (loading the scenario first when another or none is loaded), its failure, its timer and its
 * checkpoint. Pure, so it can be tested without a server.
 */
export function planSegmentIntents(
  workshop: PlanWorkshop,
  index: number,
  sim: SimPosition | null,
): SessionIntent[] {
  const segment = workshop.segments[index]
  if (!segment) return []
  const intents: SessionIntent[] = [{ type: 'workshop:segment', segment: index }]
  if (segment.articleSection) {
    intents.push({
      type: 'article:present',
      articleId: workshop.articleId,
      sectionId: segment.articleSection,
    })
  }
  const scenarioId = workshop.scenarioId
  const needsSim = segment.scenarioStep !== undefined || segment.triggerFailure !== undefined
  if (scenarioId && needsSim) {
    let step = sim?.step ?? 0
    if (!sim || sim.scenarioId !== scenarioId) {
      intents.push({ type: 'sim:load', scenarioId })
      step = 0
    }
    if (segment.scenarioStep !== undefined) {
      for (; step < segment.scenarioStep; step++) intents.push({ type: 'sim:step' })
      for (; step > segment.scenarioStep; step--) intents.push({ type: 'sim:back' })
    }
    if (segment.triggerFailure) intents.push({ type: 'sim:trigger', failureId: segment.triggerFailure })
  }
  if (segment.timerMinutes !== undefined) intents.push({ type: 'timer:start', minutes: segment.timerMinutes })
  if (segment.checkpoint) {
    const { question, options, answer } = segment.checkpoint
    intents.push({
      type: 'checkpoint:open',
      question,
      options,
      ...(answer !== undefined ? { answer } : {}),
    })
  }
  return intents
}

/** "Segment 2/6 — Blast radius". */
export function segmentLabel(index: number, count: number, title: string): string {
  return `Segment ${index + 1}/${count} — ${title}`
}
