import { formatCount, formatPercent, round } from '../../format'
import { edgeId, type Health, type SimView } from '../../view'
import type { HllSample, HyperLogLogState } from '../hyperloglog'
import { ITEM_HASH_LABELS } from './item-hash'
import { estimateFromSummary, harmonicSum, standardError, zeroRegisters } from './sketch'

/** Relative error of a sample's estimate (0 while nothing has arrived). */
function relativeError(sample: HllSample): number {
  if (sample.distinct === 0) return 0
  const { estimate } = estimateFromSummary(sample.registers, sample.harmonicSum, sample.zeros)
  return (estimate - sample.distinct) / sample.distinct
}

/** The panel and overlay for a HyperLogLog state. */
export function hyperLogLogView(state: HyperLogLogState): SimView {
  const { registers } = state.sketch
  const m = registers.length
  const sum = harmonicSum(registers)
  const zeros = zeroRegisters(registers)
  const exact = state.stream.distinct
  const { raw, estimate, range } = estimateFromSummary(m, sum, zeros)
  const shownEstimate = exact === 0 ? 0 : estimate
  const error = exact === 0 ? 0 : (estimate - exact) / exact
  const expectedError = standardError(m)
  const maxRank = registers.reduce((max, value) => Math.max(max, value), 0)
  const rankCounts = Array.from(
    { length: maxRank + 1 },
    (_, r) => registers.filter((value) => value === r).length,
  )
  const badHash = state.hash !== 'murmur3'
  const estimatorHealth: Health =
    Math.abs(error) > 0.5 ? 'failed' : Math.abs(error) > 3 * expectedError ? 'degraded' : 'healthy'
  // 5 bits hold any rank of a 32-bit hash
  const sketchBytes = Math.ceil((m * 5) / 8)
  // the exact answer needs every distinct id: 8 bytes each even as 64-bit hashes
  const exactSetBytes = exact * 8

  return {
    clock: { value: state.stream.views, unit: 'view' },
    nodes: {
      visitors: {
        health: 'healthy',
        badges: [`${formatCount(state.stream.views)} views`, `${formatCount(exact)} distinct`],
      },
      'exact-counter': {
        health: 'healthy',
        badges: [`${formatCount(exact)} distinct`, `${formatCount(exactSetBytes)} B`],
      },
      hasher: { health: badHash ? 'degraded' : 'healthy', badges: [ITEM_HASH_LABELS[state.hash]] },
      registers: {
        health: m < 256 ? 'degraded' : 'healthy',
        badges: [
          `m = ${formatCount(m)}`,
          `${formatCount(zeros)} empty`,
          `max rank ${maxRank}`,
          `${formatCount(sketchBytes)} B`,
        ],
      },
      estimator: {
        health: estimatorHealth,
        badges: [
          `≈ ${formatCount(shownEstimate)}`,
          `error ${formatPercent(error)}`,
          `±${formatPercent(expectedError)} expected`,
        ],
      },
    },
    edges: {
      [edgeId('visitors', 'exact-counter')]: {
        rate: state.lastBatch.views,
        label: `${formatCount(state.lastBatch.views)} views`,
      },
      [edgeId('visitors', 'hasher')]: {
        rate: state.lastBatch.views,
        label: `${formatCount(state.lastBatch.views)} views`,
      },
      [edgeId('hasher', 'registers')]: {
        rate: state.lastBatch.registersRaised,
        label: `${formatCount(state.lastBatch.registersRaised)} registers raised`,
      },
      [edgeId('registers', 'estimator')]: {
        rate: m,
        label: range === 'small-range' ? 'linear counting' : 'harmonic mean',
      },
    },
    metrics: [
      {
        id: 'estimate',
        label: 'Estimated distinct visitors',
        value: Math.round(shownEstimate),
        unit: 'visitors',
      },
      { id: 'exact', label: 'Exact distinct visitors', value: exact, unit: 'visitors' },
      { id: 'relative-error', label: 'Relative error', value: round(error * 100), unit: '%' },
      {
        id: 'standard-error',
        label: 'Expected error (1.04/√m)',
        value: round(expectedError * 100),
        unit: '%',
      },
      {
        id: 'raw-estimate',
        label: 'Raw harmonic-mean estimate',
        value: Math.round(exact === 0 ? 0 : raw),
        unit: 'visitors',
      },
      { id: 'registers', label: 'Registers (m)', value: m, unit: 'registers' },
      { id: 'zero-registers', label: 'Empty registers (V)', value: zeros, unit: 'registers' },
      { id: 'sketch-bytes', label: 'Sketch size', value: sketchBytes, unit: 'B' },
      { id: 'exact-set-bytes', label: 'Exact set size (8 B per id)', value: exactSetBytes, unit: 'B' },
    ],
    series: [
      { id: 'estimate', label: 'Estimated distinct visitors', points: state.samples.map(estimateOf) },
      {
        id: 'exact',
        label: 'Exact distinct visitors',
        points: state.samples.map((sample) => sample.distinct),
      },
      {
        id: 'relative-error',
        label: 'Relative error (%)',
        points: state.samples.map((sample) => round(relativeError(sample) * 100)),
      },
      { id: 'register-ranks', label: 'Registers per rank', points: rankCounts },
    ],
    log: state.log,
  }
}

function estimateOf(sample: HllSample): number {
  if (sample.distinct === 0) return 0
  return Math.round(estimateFromSummary(sample.registers, sample.harmonicSum, sample.zeros).estimate)
}
