import { readdirSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Workshop, workshopSchema } from '../../shared/content/workshop-schema'
import { type Scenario, scenarioSchema } from '../../shared/scenarios/scenario-schema'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { walkWorkshop } from '../support/workshop-walk'

const shipped = readdirSync(new URL('../../content/workshops', import.meta.url))
  .filter((name) => name.endsWith('.json'))
  .map((name) => name.replace(/\.json$/, ''))
  .sort()

describe('workshop plans, run through a real session', () => {
  // the walk sends Next, Back and Next again for every beat at once: far faster than any facilitator clicks
  const app = useTestServer({ sessionEvents: { burst: 10_000, perMinute: 100_000 } })
  let workshops: Workshop[] = []
  beforeAll(async () => {
    workshops = workshopSchema.array().parse(await (await fetch(`${app.url}/api/workshops`)).json())
  })
  const scenarioOf = async (id: string | undefined): Promise<Scenario | undefined> =>
    id ? scenarioSchema.parse(await (await fetch(`${app.url}/api/scenarios/${id}`)).json()) : undefined

  it('serves every plan in content/workshops', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(9)
    expect(workshops.map((w) => w.id).sort()).toEqual(shipped)
  })

  it.each(shipped)(
    '%s: Next asks before the board moves, never steps past an open question, Back undoes Next',
    async (id) => {
      const workshop = workshops.find((w) => w.id === id)
      if (!workshop) throw new Error(`${id} is not served`)
      const scenario = await scenarioOf(workshop.scenarioId)
      for (const segment of workshop.segments) {
        if (segment.scenarioStep !== undefined)
          expect(segment.scenarioStep).toBeLessThan(scenario?.steps.length ?? 0)
        if (segment.triggerFailure)
          expect(scenario?.failureModes.map((f) => f.id)).toContain(segment.triggerFailure)
      }
      const board = await createTestBoard(app.url, workshop.title)
      const ana = await app.session(board.id, board.tokens.facilitator, 'Ana')
      let sent = 0
      const targets = await walkWorkshop(workshop, scenario, {
        send: async (intent) => {
          const ack = await ana.intent(intent)
          if (ack.ok) sent++
          return ack
        },
        // plan from the state the server has, as the facilitator's page does
        state: () => ana.waitForSeq(sent),
      })
      expect(ana.latest()?.workshop).toMatchObject({ segment: workshop.segments.length - 1 })
      // every question the plan asks is asked: a segment's own, and a step's that predicts the next step
      for (const segment of workshop.segments) {
        if (segment.checkpoint)
          expect(targets.some((t) => t.question?.question === segment.checkpoint?.question)).toBe(true)
      }
      ana.close()
    },
  )
})
