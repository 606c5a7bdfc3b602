import { formatCount } from '../../format'
import { edgeId, type Health, type SimView } from '../../view'
import { estimateCardinality } from '../hyperloglog/sketch'
import type { LambdaState } from '../lambda'
import { entriesAfterCutoff, mergedSketch } from './layers'

/** What the serving merge answers now: events and HyperLogLog distinct counts per layer and merged. */
export function servingAnswer(state: LambdaState) {
  const { batchView } = state
  const used = entriesAfterCutoff(state.realtime, batchView.cutoffMinute)
  const speedEvents = used.reduce((total, entry) => total + entry.counted, 0)
  const speedSketch = mergedSketch(
    { precision: batchView.sketch.precision, registers: batchView.sketch.registers.map(() => 0) },
    used,
  )
  const batchEstimate = batchView.cutoff.views === 0 ? 0 : estimateCardinality(batchView.sketch).estimate
  const speedEstimate = speedEvents === 0 ? 0 : estimateCardinality(speedSketch).estimate
  const answered = batchView.cutoff.views + speedEvents
  const mergedEstimate =
    answered === 0 ? 0 : estimateCardinality(mergedSketch(batchView.sketch, used)).estimate
  return {
    used,
    speedEvents,
    answered,
    missing: state.ingested.views - answered,
    batchEstimate,
    speedEstimate,
    mergedEstimate,
  }
}

/** The panel and overlay for a Lambda state. */
export function lambdaView(state: LambdaState): SimView {
  const { params, batchView, running } = state
  const answer = servingAnswer(state)
  const batchAge = state.minute - batchView.cutoffMinute
  const healthyAge = params.cadenceMinutes + state.runMinutes
  const held = state.realtime.length
  const dropped = answer.used.reduce((total, entry) => total + entry.skipped, 0)
  const batchHealth: Health = state.runs.failed > 0 && batchAge > healthyAge ? 'failed' : 'healthy'
  const mergeHealth: Health = answer.missing > 0 ? 'degraded' : 'healthy'
  const perMinute = params.eventsPerMinute

  return {
    clock: { value: state.minute, unit: 'minute' },
    nodes: {
      sources: { health: 'healthy', badges: [`${formatCount(perMinute)} events/min`] },
      ingest: { health: 'healthy', badges: [`${formatCount(state.ingested.views)} events`] },
      'master-dataset': {
        health: 'healthy',
        badges: [
          `${formatCount(state.ingested.views)} events, append-only`,
          `${formatCount(state.ingested.distinct)} distinct visitors`,
        ],
      },
      'batch-scheduler': {
        health: state.runs.skipped > 0 ? 'hot' : 'healthy',
        badges: [
          `every ${params.cadenceMinutes} min`,
          running ? `running since ${running.startedAt} min` : 'idle',
          ...(state.runs.skipped > 0 ? [`${state.runs.skipped} runs skipped`] : []),
        ],
      },
      'batch-jobs': {
        health: running ? 'hot' : batchHealth,
        badges: [
          `${state.runMinutes} min per run`,
          `${state.runs.succeeded} ok · ${state.runs.failed} failed`,
        ],
      },
      'batch-views': {
        health: batchHealth,
        badges: [
          `exact up to ${batchView.cutoffMinute} min`,
          `age ${batchAge} min (max ${state.maxBatchAge})`,
          `≈ ${formatCount(answer.batchEstimate)} visitors`,
        ],
      },
      'stream-processor': {
        health: state.skipPercent > 0 ? 'degraded' : 'healthy',
        badges: [state.skipPercent > 0 ? `skips ${state.skipPercent}% of visitors` : 'same logic as batch'],
      },
      'realtime-views': {
        health: answer.missing > dropped ? 'failed' : held > answer.used.length + 1 ? 'hot' : 'healthy',
        badges: [
          `${held} entries held, ${answer.used.length} after cutoff`,
          state.expiry === 'cutoff' ? 'expire at cutoff' : `expire after ${state.ttlMinutes} min`,
          `≈ ${formatCount(answer.speedEstimate)} visitors`,
        ],
      },
      'serving-merge': {
        health: mergeHealth,
        badges: [
          `cutoff ${batchView.cutoffMinute} min`,
          `≈ ${formatCount(answer.mergedEstimate)} visitors (union)`,
          ...(answer.missing > 0 ? [`${formatCount(answer.missing)} events missing`] : []),
        ],
      },
      queries: {
        health: mergeHealth,
        badges: [`${formatCount(answer.answered)} of ${formatCount(state.ingested.views)} events`],
      },
    },
    edges: {
      [edgeId('sources', 'ingest')]: { rate: perMinute, label: `${perMinute}/min` },
      [edgeId('ingest', 'master-dataset')]: { rate: perMinute, label: 'append' },
      [edgeId('ingest', 'stream-processor')]: { rate: perMinute, label: `${perMinute}/min` },
      [edgeId('batch-scheduler', 'batch-jobs')]: {
        rate: running ? 1 : 0,
        label: `every ${params.cadenceMinutes} min`,
      },
      [edgeId('master-dataset', 'batch-jobs')]: {
        rate: running ? 1 : 0,
        label: running ? `up to ${running.cutoffMinute} min` : 'idle',
      },
      [edgeId('batch-jobs', 'batch-views')]: { rate: 0, label: 'replace view' },
      [edgeId('batch-jobs', 'realtime-views')]: {
        rate: 0,
        label: state.expiry === 'cutoff' ? 'expire before cutoff' : 'timer expiry',
      },
      [edgeId('stream-processor', 'realtime-views')]: { rate: perMinute, label: 'incremental' },
      [edgeId('batch-views', 'serving-merge')]: {
        rate: 1,
        label: `up to ${batchView.cutoffMinute} min`,
      },
      [edgeId('realtime-views', 'serving-merge')]: {
        rate: answer.used.length,
        label: `after ${batchView.cutoffMinute} min`,
      },
      [edgeId('batch-scheduler', 'serving-merge')]: {
        rate: 1,
        label: `cutoff ${batchView.cutoffMinute} min`,
      },
      [edgeId('serving-merge', 'queries')]: { rate: 1, label: 'merged answer' },
    },
    metrics: [
      { id: 'batch-age', label: 'Batch view age', value: batchAge, unit: 'min' },
      { id: 'max-batch-age', label: 'Oldest batch view seen', value: state.maxBatchAge, unit: 'min' },
      { id: 'batch-cutoff', label: 'Batch cutoff', value: batchView.cutoffMinute, unit: 'min' },
      { id: 'realtime-entries', label: 'Realtime entries held', value: held, unit: 'entries' },
      { id: 'speed-events', label: 'Events in the speed layer', value: answer.speedEvents, unit: 'events' },
      { id: 'events', label: 'Events received', value: state.ingested.views, unit: 'events' },
      { id: 'answered-events', label: 'Events in the merged answer', value: answer.answered, unit: 'events' },
      { id: 'missing-events', label: 'Events missing from answers', value: answer.missing, unit: 'events' },
      {
        id: 'distinct-batch',
        label: 'Distinct visitors, batch view (HLL)',
        value: Math.round(answer.batchEstimate),
        unit: 'visitors',
      },
      {
        id: 'distinct-speed',
        label: 'Distinct visitors, speed layer (HLL)',
        value: Math.round(answer.speedEstimate),
        unit: 'visitors',
      },
      {
        id: 'distinct-merged',
        label: 'Distinct visitors, merged (HLL union)',
        value: Math.round(answer.mergedEstimate),
        unit: 'visitors',
      },
      {
        id: 'distinct-sum',
        label: 'Batch + speed estimates added (wrong)',
        value: Math.round(answer.batchEstimate) + Math.round(answer.speedEstimate),
        unit: 'visitors',
      },
      {
        id: 'distinct-exact',
        label: 'Distinct visitors, exact (master dataset)',
        value: state.ingested.distinct,
        unit: 'visitors',
      },
      { id: 'failed-runs', label: 'Failed batch runs', value: state.runs.failed, unit: 'runs' },
    ],
    series: [
      { id: 'batch-age', label: 'Batch view age (min)', points: state.history.batchAge },
      { id: 'speed-events', label: 'Events in the speed layer', points: state.history.realtimeEvents },
      { id: 'missing-events', label: 'Events missing from answers', points: state.history.missing },
    ],
    log: state.log,
  }
}
