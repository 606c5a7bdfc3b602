import { z } from 'zod'
import { type ComponentPropsPatch, callModeSchema, componentPropsPatchSchema } from '../../diagram/components'
import { boxIdSchema, graphSnapshotSchema } from '../../diagram/graph-snapshot'
import { type SimEngine, tickEventSchema, unreachable } from '../engine'
import { appendLog, type LogLine } from '../history'
import { randomStream } from '../random'
import { applyChaos, type ChaosEvent, chaosEventSchemas } from './drawn-system/chaos'
import { copyState } from './drawn-system/copy-state'
import { type DrawnSystemState, emptyCounts, resolve, TICK_US, topologyOf } from './drawn-system/model'
import { emptyHistory } from './drawn-system/run-history'
import { advanceOneTick, rescheduleSources } from './drawn-system/tick'
import { drawnSystemView } from './drawn-system/view'

/** The engine's params are the graph snapshot a Run froze into the session. */
export const drawnSystemParamsSchema = graphSnapshotSchema
export type DrawnSystemParams = z.infer<typeof drawnSystemParamsSchema>

export const drawnSystemEventSchema = z.discriminatedUnion('type', [
  tickEventSchema,
  ...chaosEventSchemas,
  /** Change some of a box's properties while the run goes on. */
  z.object({ type: z.literal('set-props'), box: boxIdSchema, props: componentPropsPatchSchema }).strict(),
  /** Change a call's mode or share. */
  z
    .object({
      type: z.literal('set-call'),
      call: boxIdSchema,
      mode: callModeSchema.optional(),
      share: z.number().min(0).max(1).nullable().optional(),
    })
    .strict(),
])
export type DrawnSystemEvent = z.infer<typeof drawnSystemEventSchema>

export const drawnSystemEngine: SimEngine<DrawnSystemParams, DrawnSystemState, DrawnSystemEvent> = {
  id: 'drawn-system',
  params: drawnSystemParamsSchema,
  events: drawnSystemEventSchema,

  init(params, seed) {
    const drawnProps = topologyOf(params).drawnProps
    const boxes = drawnProps.map((props) => ({
      free: new Array<number>(props.replicas).fill(0),
      pending: [],
    }))
    const zeros = () => new Array<number>(params.boxes.length).fill(0)
    const state: DrawnSystemState = {
      params,
      seed,
      tick: 0,
      boxes,
      changes: {},
      chaos: {},
      callChanges: {},
      sourceTokens: {},
      frames: [],
      events: [],
      nextFrameId: 1,
      nextSeq: 1,
      spike: null,
      partition: null,
      last: emptyCounts(params.boxes.length, params.calls.length),
      totals: {
        arrivals: zeros(),
        accepted: zeros(),
        waitUs: zeros(),
        sojournUs: zeros(),
        errors: zeros(),
        calls: new Array<number>(params.calls.length).fill(0),
        ok: 0,
        failed: 0,
      },
      latencyWindow: [],
      history: emptyHistory(),
      coarse: emptyHistory(),
      log: [],
    }
    rescheduleSources(state, topologyOf(params).sources, randomStream(seed, 'start'))
    return state
  },

  apply(state, event) {
    const next = copyState(state)
    const log: LogLine = (line) => {
      next.log = appendLog(next.log, `t=${next.tick}`, line)
    }
    switch (event.type) {
      case 'tick':
        for (let step = 0; step < event.steps; step++) advanceOneTick(next, log)
        return next
      case 'kill-box':
      case 'slow-box':
      case 'traffic-spike':
      case 'cache-flush':
      case 'partition':
      case 'fail-dependency':
      case 'undo-chaos':
        applyChaos(next, event satisfies ChaosEvent, log)
        return next
      case 'set-props':
        setProps(next, event.box, event.props, log)
        return next
      case 'set-call': {
        const index = topologyOf(next.params).callIndex.get(event.call)
        const call = index === undefined ? undefined : resolve(next).calls[index]
        if (index === undefined || !call) {
          log(`ignored: no call ${event.call}`)
          return next
        }
        const setting = {
          mode: event.mode ?? call.mode,
          share: event.share === undefined ? call.share : event.share,
        }
        next.callChanges[event.call] = setting
        log(`${callName(next, index)} now ${setting.mode}, share ${setting.share ?? 'even'}`)
        return next
      }
      default:
        return unreachable(event)
    }
  },

  view: drawnSystemView,
}

/** A box's new properties; replicas added start free, removed ones drop their work (in place). */
function setProps(
  state: DrawnSystemState,
  boxId: string,
  patch: z.infer<typeof componentPropsPatchSchema>,
  log: LogLine,
): void {
  const topology = topologyOf(state.params)
  const index = topology.index.get(boxId)
  const box = index === undefined ? undefined : state.boxes[index]
  if (index === undefined || !box) {
    log(`ignored: no box ${boxId}`)
    return
  }
  const changed: Record<string, unknown> = { ...state.changes[boxId] }
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) changed[key] = value
  state.changes[boxId] = changed as ComponentPropsPatch
  const replicas = resolve(state).props[index]?.replicas ?? box.free.length
  const nowUs = state.tick * TICK_US
  box.free =
    box.free.length < replicas
      ? [...box.free, ...new Array<number>(replicas - box.free.length).fill(nowUs)]
      : box.free.slice(0, replicas)
  if (patch.ratePerSecond !== undefined && topology.kinds[index] === 'client') {
    rescheduleSources(state, [index], randomStream(state.seed, 'set-props', state.tick, state.nextSeq))
  }
  log(`${state.params.boxes[index]?.label || boxId}: ${Object.keys(patch).join(', ')} changed`)
}

function callName(state: DrawnSystemState, index: number): string {
  const call = state.params.calls[index]
  if (!call) return 'a call'
  const label = (id: string) => state.params.boxes.find((box) => box.id === id)?.label || id
  return `${label(call.from)} → ${label(call.to)}`
}
