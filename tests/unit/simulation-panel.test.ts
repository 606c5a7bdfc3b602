import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { orderParticipants } from '../../client/dock/participant-order'
import { bindScenarioToShapes, entityLabel, missingEntityText } from '../../client/simulation/canvas-binding'
import { chartPaths } from '../../client/simulation/chart-path'
import { arrowBodyPath, flowPeriodSeconds } from '../../client/simulation/flow-path'
import { formatMetric, formatNumber, unitFor } from '../../client/simulation/metric-format'
import { groupScenarios } from '../../client/simulation/scenario-groups'
import { stepProgress } from '../../client/simulation/step-timing'
import type { ScenarioSummary } from '../../shared/protocol/scenarios'
import type { Participant } from '../../shared/protocol/session'
import { type Scenario, scenarioSchema } from '../../shared/scenarios/scenario-schema'
import { layoutTemplate } from '../../shared/templates/layout'
import { templateSchema } from '../../shared/templates/template-schema'
import { templateToRecords } from '../../shared/templates/to-tldraw'

const contentDir = path.resolve('content')
const readJson = (...parts: string[]) => JSON.parse(fs.readFileSync(path.join(contentDir, ...parts), 'utf8'))
const scenarios: Scenario[] = fs
  .readdirSync(path.join(contentDir, 'scenarios'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => scenarioSchema.parse(readJson('scenarios', f)))
const cells = scenarios.find((s) => s.id === 'cells-poison-tenant') as Scenario

/** The shapes a fresh copy of a template puts on the page, as the board inserts them. */
async function templateShapes(templateId: string, insertionId: string) {
  const template = templateSchema.parse(readJson('templates', `${templateId}.json`))
  const laidOut = await layoutTemplate(template)
  const records = templateToRecords(laidOut, {
    insertionId,
    center: { x: 0, y: 0 },
    pageId: 'page:page' as never,
  })
  return records.shapes.map((shape) => ({ id: shape.id, type: shape.type, meta: shape.meta }))
}

describe('metrics as the panel prints them', () => {
  it('groups thousands, drops float noise and keeps the sign', () => {
    expect(formatNumber(1234567)).toBe('1,234,567')
    expect(formatNumber(0.1 + 0.2)).toBe('0.3')
    expect(formatNumber(2.5, 0)).toBe('3')
    expect(formatNumber(-1500.25, 1)).toBe('−1,500.3')
    expect(formatNumber(Number.NaN)).toBe('–')
  })

  it('writes percentages and ratios tight, counts with their unit, one of a thing in the singular', () => {
    expect(formatMetric({ id: 'a', value: 33.333, unit: '%' })).toEqual({ value: '33.33%', unit: '' })
    expect(formatMetric({ id: 'a', value: 100, unit: '%' })).toEqual({ value: '100%', unit: '' })
    expect(formatMetric({ id: 'b', value: 1.4, unit: '×' })).toEqual({ value: '1.4×', unit: '' })
    expect(formatMetric({ id: 'c', value: 96, unit: 'tenants' })).toEqual({ value: '96', unit: 'tenants' })
    expect(formatMetric({ id: 'c', value: 1, unit: 'cells' })).toEqual({ value: '1', unit: 'cell' })
    expect(formatMetric({ id: 'c', value: 12.345, unit: 'msg/tick' })).toEqual({
      value: '12.3',
      unit: 'msg/tick',
    })
    expect(formatMetric({ id: 'c', value: 4_250_000, unit: 'records' })).toEqual({
      value: '4.25 M',
      unit: 'records',
    })
    expect(unitFor(1, 'ms')).toBe('ms')
  })

  it('shows bytes in kB and MB, and a growing backlog’s drain time as never', () => {
    expect(formatMetric({ id: 'sketch-bytes', value: 640, unit: 'B' })).toEqual({ value: '640', unit: 'B' })
    expect(formatMetric({ id: 'exact-set-bytes', value: 80_000, unit: 'B' })).toEqual({
      value: '80',
      unit: 'kB',
    })
    expect(formatMetric({ id: 'exact-set-bytes', value: 2_400_000, unit: 'B' })).toEqual({
      value: '2.4',
      unit: 'MB',
    })
    expect(formatMetric({ id: 'drain-time', value: -1, unit: 'ticks' })).toEqual({ value: 'never', unit: '' })
  })
})

describe('the series chart', () => {
  const box = { width: 100, height: 50, inset: 5 }

  it('puts the oldest point on the left, the newest on the right, the lowest value at the bottom', () => {
    const paths = chartPaths([0, 10, 5], box)
    expect(paths.line).toBe('M5 45 L50 5 L95 25')
    expect(paths.area).toBe('M5 45 L50 5 L95 25 L95 45 L5 45 Z')
    expect(paths).toMatchObject({ min: 0, max: 10, last: { x: 95, y: 25, value: 5 } })
  })

  it('draws a flat series across the middle and a single point at the right edge', () => {
    expect(chartPaths([7, 7, 7], box).line).toBe('M5 25 L50 25 L95 25')
    expect(chartPaths([3], box)).toMatchObject({ line: 'M95 25', last: { x: 95, y: 25, value: 3 } })
  })

  it('draws nothing for an empty series and ignores points that are not numbers', () => {
    expect(chartPaths([], box)).toEqual({ line: '', area: '', min: 0, max: 0, last: null })
    expect(chartPaths([1, Number.NaN, 3], box).line).toBe('M5 45 L95 5')
  })
})

describe('flow along arrows', () => {
  it('follows straight, arc and elbow arrow bodies', () => {
    const straight = arrowBodyPath({
      type: 'straight',
      start: { point: { x: 0, y: 0 } },
      end: { point: { x: 30, y: 40 } },
    })
    expect(straight).toEqual({ d: 'M0 0 L30 40', length: 50, middle: { x: 15, y: 20 } })
    const arc = arrowBodyPath({
      type: 'arc',
      start: { point: { x: 0, y: 0 } },
      end: { point: { x: 100, y: 0 } },
      middle: { x: 50, y: -20 },
      bodyArc: { radius: 72.5, largeArcFlag: 0, sweepFlag: 1, length: 110 },
    })
    expect(arc).toEqual({ d: 'M0 0 A72.5 72.5 0 0 1 100 0', length: 110, middle: { x: 50, y: -20 } })
    const elbow = arrowBodyPath({
      type: 'elbow',
      start: { point: { x: 0, y: 0 } },
      end: { point: { x: 10, y: 20 } },
      route: {
        points: [
          { x: 0, y: 0 },
          { x: 0, y: 20 },
          { x: 10, y: 20 },
        ],
      },
    })
    expect(elbow).toEqual({ d: 'M0 0 L0 20 L10 20', length: 30, middle: { x: 0, y: 15 } })
  })

  it('skips an arrow too short to carry dashes', () => {
    expect(
      arrowBodyPath({ type: 'straight', start: { point: { x: 1, y: 1 } }, end: { point: { x: 1, y: 1 } } }),
    ).toBeNull()
  })

  it('moves dashes at a speed proportional to the rate, and stops them when nothing flows', () => {
    const busiest = flowPeriodSeconds(960, 960)
    const third = flowPeriodSeconds(320, 960)
    expect(busiest).not.toBeNull()
    expect(third).toBeCloseTo((busiest as number) * 3, 2)
    expect(flowPeriodSeconds(0, 960)).toBeNull()
    expect(flowPeriodSeconds(5, 0)).toBeNull()
    // a trickle still moves, slowly
    expect(flowPeriodSeconds(1, 1e9)).toBeGreaterThan(third as number)
  })
})

describe('binding a scenario to the shapes on the page', () => {
  // one test per scenario: laying out every template in one test outgrew the default timeout
  it.each(scenarios.map((scenario) => [scenario.id, scenario] as const))(
    '%s finds a box for every bound entity and an arrow for every bound edge on a fresh copy of its template',
    async (_id, scenario) => {
      const onCanvas = bindScenarioToShapes(scenario, await templateShapes(scenario.templateId, 'start'))
      expect(onCanvas.templateOnPage, scenario.id).toBe(true)
      expect(onCanvas.missing, scenario.id).toEqual([])
      const boxedNodes = new Set(onCanvas.boxes.map((box) => box.nodeId))
      for (const nodeIds of Object.values(scenario.binding.nodes)) {
        for (const nodeId of nodeIds) expect(boxedNodes.has(nodeId), `${scenario.id}: ${nodeId}`).toBe(true)
      }
      const arrowEdges = new Set(onCanvas.arrows.map((arrow) => arrow.templateEdge))
      for (const edges of Object.values(scenario.binding.edges)) {
        for (const edge of edges) expect(arrowEdges.has(edge), `${scenario.id}: ${edge}`).toBe(true)
      }
    },
  )

  it('decorates every copy of the template, with one set of chips per entity and copy', async () => {
    const shapes = [
      ...(await templateShapes('cell-based', 'start')),
      ...(await templateShapes('cell-based', 'copy2')),
    ]
    const onCanvas = bindScenarioToShapes(cells, shapes)
    const cell2 = onCanvas.boxes.filter((box) => box.entity === 'cell-2')
    expect(cell2).toHaveLength(2 * (cells.binding.nodes['cell-2']?.length ?? 0))
    expect(new Set(cell2.map((box) => box.insertionId))).toEqual(new Set(['start', 'copy2']))
    const withChips = cell2.filter((box) => box.carriesChips)
    expect(withChips.map((box) => [box.insertionId, box.nodeId])).toEqual([
      ['start', 'cell-2-lb'],
      ['copy2', 'cell-2-lb'],
    ])
  })

  it('names the entities whose boxes were deleted instead of failing', async () => {
    const cell2Nodes = new Set(cells.binding.nodes['cell-2'])
    const shapes = (await templateShapes('cell-based', 'start')).filter(
      (shape) =>
        !cell2Nodes.has(String((shape.meta as { nodeId?: string }).nodeId)) &&
        shape.id !== 'shape:start-deployer',
    )
    const onCanvas = bindScenarioToShapes(cells, shapes)
    expect(onCanvas.boxes.some((box) => box.entity === 'cell-2')).toBe(false)
    expect(onCanvas.missing).toEqual([
      { entity: 'control-plane', missingNodeIds: ['deployer'], allMissing: false },
      { entity: 'cell-2', missingNodeIds: [...cell2Nodes], allMissing: true },
    ])
    const [controlPlane, cell2] = onCanvas.missing
    expect(missingEntityText(cell2 as never, 5)).toBe(
      'Cell 2 (cell-2) has no box on the canvas — the simulation keeps running; insert the template again to see it.',
    )
    expect(missingEntityText(controlPlane as never, 2)).toBe(
      'Control plane (control-plane) lost 1 of its 2 boxes (deployer); the others still show it.',
    )
  })

  it('says the template is not on the page when only other templates and free shapes are', async () => {
    const shapes = [
      ...(await templateShapes('kappa-pipeline', 'k1')),
      { id: 'shape:free', type: 'geo', meta: {} },
    ]
    const onCanvas = bindScenarioToShapes(cells, shapes)
    expect(onCanvas).toMatchObject({ templateOnPage: false, boxes: [], arrows: [] })
    expect(entityLabel('control-plane')).toBe('Control plane')
  })
})

describe('the rest of the panel', () => {
  it('lists the scenarios for the board’s template first', () => {
    const summary = (id: string, templateId: string, title: string): ScenarioSummary => ({
      id,
      templateId,
      title,
      engine: 'x',
      summary: 'A scenario summary.',
      stepCount: 4,
    })
    const all = [summary('b', 'kappa', 'B'), summary('c', 'cells', 'Zed'), summary('a', 'cells', 'Alpha')]
    const grouped = groupScenarios(all, 'cells')
    expect(grouped.forBoard.map((s) => s.id)).toEqual(['a', 'c'])
    expect(grouped.others.map((s) => s.id)).toEqual(['b'])
    expect(groupScenarios(all, null).forBoard).toEqual([])
  })

  it('fills the step’s progress bar on the server’s clock, scaled by speed', () => {
    const sim = { stepStartedAt: 10_000, speed: 2 }
    expect(stepProgress(sim, 8000, 10_000)).toBe(0)
    expect(stepProgress(sim, 8000, 12_000)).toBe(0.5)
    expect(stepProgress(sim, 8000, 20_000)).toBe(1)
    expect(stepProgress(sim, 8000, 9_000)).toBe(0)
  })

  it('lists this tab first, then facilitators, editors and viewers', () => {
    const person = (id: string, name: string, role: Participant['role']): Participant => ({
      id,
      name,
      role,
      color: '#3b82f6',
    })
    const people = [
      person('1', 'Zoe', 'viewer'),
      person('2', 'Ben', 'editor'),
      person('3', 'Ana', 'facilitator'),
    ]
    expect(orderParticipants(people, '1').map((p) => p.name)).toEqual(['Zoe', 'Ana', 'Ben'])
  })
})
