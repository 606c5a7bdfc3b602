import { beforeAll, describe, expect, it } from 'vitest'
import { planSegmentIntents } from '../../client/facilitation/run-of-show'
import { type Workshop, workshopSchema } from '../../shared/content/workshop-schema'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'

describe('workshop plans, run through a real session', () => {
  const app = useTestServer()
  let workshops: Workshop[] = []
  beforeAll(async () => {
    workshops = workshopSchema.array().parse(await (await fetch(`${app.url}/api/workshops`)).json())
  })

  it('ships the cells, medallion, Kappa, microservices, serverless and generic study-session plans', () => {
    expect(workshops.map((w) => w.id).sort()).toEqual([
      'canary-45',
      'cells-45',
      'hyperloglog-45',
      'kappa-45',
      'lambda-45',
      'medallion-45',
      'microservices-45',
      'serverless-45',
      'study-session-45',
    ])
  })

  it('accepts every intent that "Next" sends, segment by segment, for every plan', async () => {
    for (const workshop of workshops) {
      const board = await createTestBoard(app.url, workshop.title)
      const ana = await app.session(board.id, board.tokens.facilitator, 'Ana')
      expect(await ana.intent({ type: 'workshop:start', workshopId: workshop.id })).toEqual({ ok: true })
      let accepted = 1 // each accepted intent is one more seq
      for (let index = 0; index < workshop.segments.length; index++) {
        await ana.waitForSeq(accepted) // plan from the state the server has, as the facilitator's page does
        const sim = ana.latest()?.sim ?? null
        const position = sim ? { scenarioId: sim.scenarioId, step: sim.step } : null
        for (const intent of planSegmentIntents(workshop, index, position)) {
          const ack = await ana.intent(intent)
          expect(ack, `${workshop.id} segment ${index + 1}: ${intent.type}`).toEqual({ ok: true })
          accepted++
        }
      }
      await ana.waitForSeq(accepted)
      expect(ana.latest()?.workshop).toEqual({ id: workshop.id, segment: workshop.segments.length - 1 })
      ana.close()
    }
  })
})
