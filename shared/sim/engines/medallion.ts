import { z } from 'zod'
import { type SimEngine, unreachable } from '../engine'
import { onCopy } from '../history'
import { admitRows, advanceClock, buildGoldDay, landBatch, resampleNewest } from './medallion/pipeline'
import { type BronzeBatch, type CleanOrder, DRIFTED_COLUMN, type RawRow } from './medallion/records'
import { clockLabel, dayOf, medallionView } from './medallion/view'

export const medallionParamsSchema = z
  .object({
    /** Rows per landed batch. */
    batchSize: z.number().int().min(1).max(2_000).default(50),
    /** Logical minutes between batches (1440 / batchMinutes batches make a day). */
    batchMinutes: z.number().int().min(1).max(1_440).default(120),
    /** Share of orders that fail validation (no customer, or a negative amount). */
    dirtyShare: z.number().min(0).max(1).default(0.05),
    /** Share of rows that re-send a recent order. */
    duplicateShare: z.number().min(0).max(0.9).default(0.1),
    customers: z.number().int().min(1).max(1_000).default(12),
    /** The gold gate holds back a day whose silver orders are fewer than this share of its bronze rows. */
    minGoldRowShare: z.number().min(0).max(1).default(0.7),
  })
  .strict()
export type MedallionParams = z.infer<typeof medallionParamsSchema>

export const medallionEventSchema = z.discriminatedUnion('type', [
  /** Logical minutes pass with no data. */
  z.object({ type: z.literal('tick'), steps: z.number().int().min(1).max(100_000).default(1) }).strict(),
  /** Upstream lands `batches` batches, one every batchMinutes; silver validates and deduplicates each. */
  z.object({ type: z.literal('ingest'), batches: z.number().int().min(1).max(500).default(1) }).strict(),
  /** A batch of `rows` orders for an earlier day arrives now. */
  z
    .object({
      type: z.literal('late-data'),
      day: z.number().int().min(1),
      rows: z.number().int().min(1).max(2_000),
    })
    .strict(),
  /** The daily gold job: aggregates every finished day it has not built yet. */
  z.object({ type: z.literal('build-gold') }).strict(),
  /** Rebuild gold for one day, or every day with late rows (a backfill). */
  z.object({ type: z.literal('rebuild-gold'), day: z.number().int().min(1).optional() }).strict(),
  /** Upstream renames the amount column: every row fails silver's contract. */
  z.object({ type: z.literal('schema-drift') }).strict(),
  /** Silver learns the new column name. */
  z.object({ type: z.literal('fix-mapping') }).strict(),
  /** Quarantined rows are validated again with today's mapping. */
  z.object({ type: z.literal('reprocess-quarantine') }).strict(),
])
export type MedallionEvent = z.infer<typeof medallionEventSchema>

export interface QuarantinedRow {
  batch: number
  reason: string
  row: RawRow
}

/** Aggregates of one day: orders and amount (cents) per customer. */
export interface GoldDay {
  builtAt: number
  /** The newest event time (logical minute) among the day's orders: what freshness is measured from. */
  newestEvent: number
  customers: Record<string, { orders: number; amount: number }>
}

export interface MedallionState {
  params: MedallionParams
  seed: number
  /** Logical minutes since the start; day 1 is minutes 0–1439. */
  clock: number
  bronze: BronzeBatch[]
  /** Regular and late batches and orders are numbered apart, so late data never shifts the regular feed. */
  feedBatches: number
  lateBatches: number
  nextOrder: number
  nextLateOrder: number
  upstreamDrifted: boolean
  mapping: Record<string, string>
  silver: Record<string, CleanOrder>
  quarantine: QuarantinedRow[]
  gold: Record<string, GoldDay>
  /** The gold job has processed every day up to this one (published, or held back by the gate). */
  goldBuiltThrough: number
  lastGoldBuildAt: number | null
  /** Days the gold gate held back: gold keeps its last good version of them (or none). */
  heldDays: number[]
  /** Silver rows per day that arrived after that day's gold was built. */
  lateRows: Record<string, number>
  duplicatesDropped: number
  lastBatch: { rows: number; toSilver: number; duplicates: number; toQuarantine: number }
  /** Rows the last quarantine replay moved to silver. */
  lastReplay: number
  history: { bronze: number[]; silver: number[]; quarantine: number[]; freshness: number[] }
  log: string[]
}

export const medallionEngine: SimEngine<MedallionParams, MedallionState, MedallionEvent> = {
  id: 'medallion',
  params: medallionParamsSchema,
  events: medallionEventSchema,

  init(params, seed) {
    return {
      params,
      seed,
      clock: 0,
      bronze: [],
      feedBatches: 0,
      lateBatches: 0,
      nextOrder: 1,
      nextLateOrder: 1,
      upstreamDrifted: false,
      mapping: {},
      silver: {},
      quarantine: [],
      gold: {},
      goldBuiltThrough: 0,
      lastGoldBuildAt: null,
      heldDays: [],
      lateRows: {},
      duplicatesDropped: 0,
      lastBatch: { rows: 0, toSilver: 0, duplicates: 0, toQuarantine: 0 },
      lastReplay: 0,
      history: { bronze: [], silver: [], quarantine: [], freshness: [] },
      log: [],
    }
  },

  apply(state, event) {
    return onCopy(
      state,
      (s) => clockLabel(s.clock),
      (next, log) => {
        switch (event.type) {
          case 'tick':
            advanceClock(next, event.steps)
            break
          case 'ingest':
            for (let i = 0; i < event.batches; i++) {
              landBatch(next, dayOf(next.clock), next.params.batchSize, false, log)
              advanceClock(next, next.params.batchMinutes)
            }
            break
          case 'late-data':
            if (event.day > dayOf(next.clock)) log(`ignored: day ${event.day} has not started`)
            else landBatch(next, event.day, event.rows, true, log)
            break
          case 'build-gold': {
            const lastFinishedDay = dayOf(next.clock) - 1
            for (let day = next.goldBuiltThrough + 1; day <= lastFinishedDay; day++)
              buildGoldDay(next, day, log)
            next.goldBuiltThrough = Math.max(next.goldBuiltThrough, lastFinishedDay)
            next.lastGoldBuildAt = next.clock
            break
          }
          case 'rebuild-gold': {
            const days =
              event.day !== undefined
                ? [event.day].filter((day) => day <= next.goldBuiltThrough)
                : [...new Set([...Object.keys(next.lateRows).map(Number), ...next.heldDays])].sort(
                    (a, b) => a - b,
                  )
            if (days.length === 0) log('rebuild: nothing to rebuild')
            for (const day of days) buildGoldDay(next, day, log)
            next.lastGoldBuildAt = next.clock
            break
          }
          case 'schema-drift':
            next.upstreamDrifted = true
            log(`upstream renamed "${DRIFTED_COLUMN.from}" to "${DRIFTED_COLUMN.to}"`)
            break
          case 'fix-mapping':
            next.mapping = { ...next.mapping, [DRIFTED_COLUMN.to]: DRIFTED_COLUMN.from }
            log(`silver maps "${DRIFTED_COLUMN.to}" to "${DRIFTED_COLUMN.from}"`)
            break
          case 'reprocess-quarantine': {
            const waiting = next.quarantine
            next.quarantine = []
            const { toSilver, duplicates } = admitRows(next, waiting)
            next.lastReplay = toSilver
            log(
              `reprocessed ${waiting.length} quarantined rows: ${toSilver} to silver, ${duplicates} duplicates, ${next.quarantine.length} still invalid`,
            )
            break
          }
          default:
            return unreachable(event)
        }
        // the chart's newest point is now: a change between two samples updates it, as it does the cards
        if (event.type !== 'tick' && event.type !== 'ingest') resampleNewest(next)
        return next
      },
    )
  },

  view: medallionView,
}
