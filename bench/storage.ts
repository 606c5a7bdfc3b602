/**
 * `npm run bench:storage`: what compaction buys. A board receives N small edits, one Yjs update each,
 * appended to the SQLite store as the server does. We time `loadDocument` over the raw log (the
 * reference: what every load would cost without compaction) and after `compact` (what Lockstep
 * loads), for growing N. Compacted load time should stay flat while the log's grows with history.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import { hashToken, randomId } from '../server/auth/capabilities'
import { SqliteBoardStore } from '../server/storage/sqlite-store'
import { describeMachine, type MachineMeta, machineMeta, progress, runBench } from './lib/bench-main'
import { median, ratio } from './lib/stats'
import { fmt, renderTable } from './lib/table'

const SETTINGS = { edits: [1_000, 5_000, 20_000], repeats: 5, budgetMs: 3 * 60_000 }

interface HistoryRow {
  edits: number
  logRows: number
  logBytes: number
  snapshotBytes: number
  logLoadMs: number
  compactedLoadMs: number
}

interface StorageReport {
  meta: MachineMeta & { settings: typeof SETTINGS }
  rows: HistoryRow[]
}

/** `n` edits as a person makes them: moving and relabelling a handful of shapes, one update each. */
function editUpdates(n: number): Uint8Array[] {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  const records = doc.getMap<unknown>('tldraw')
  for (let i = 0; i < n; i++) {
    const id = `shape:${i % 50}`
    records.set(id, {
      id,
      typeName: 'shape',
      type: 'geo',
      x: i % 997,
      y: (i * 7) % 613,
      props: { text: `box ${i}` },
    })
  }
  return updates
}

async function timeLoad(store: SqliteBoardStore, boardId: string): Promise<number> {
  const times: number[] = []
  for (let r = 0; r < SETTINGS.repeats; r++) {
    const started = performance.now()
    // what a board room does on load: read the stored document, then apply it to a fresh Y.Doc
    const doc = new Y.Doc({ gc: true })
    Y.applyUpdate(doc, (await store.loadDocument(boardId)) ?? new Uint8Array())
    times.push(performance.now() - started)
    doc.destroy()
  }
  return median(times)
}

async function measure(edits: number, dir: string): Promise<HistoryRow> {
  const store = await SqliteBoardStore.open(path.join(dir, `bench-${edits}.db`))
  try {
    const id = randomId()
    await store.createBoard({
      id,
      title: 'bench',
      templateId: null,
      createdAt: new Date().toISOString(),
      tokenHashes: { facilitator: hashToken('f'), editor: hashToken('e'), viewer: hashToken('v') },
      sealedLinks: { facilitator: '', editor: '' },
      originBoardId: null,
    })
    const updates = editUpdates(edits)
    for (const update of updates) await store.appendUpdate(id, update)
    const logBytes = updates.reduce((sum, u) => sum + u.byteLength, 0)
    const logLoadMs = await timeLoad(store, id)
    // compact as a board room does: the live document (garbage-collected) encoded as one update
    const doc = new Y.Doc({ gc: true })
    Y.applyUpdate(doc, (await store.loadDocument(id)) ?? new Uint8Array())
    await store.compact(id, Y.encodeStateAsUpdate(doc))
    doc.destroy()
    const snapshotBytes = (await store.loadDocument(id))?.byteLength ?? 0
    const compactedLoadMs = await timeLoad(store, id)
    return { edits, logRows: updates.length, logBytes, snapshotBytes, logLoadMs, compactedLoadMs }
  } finally {
    await store.close()
  }
}

/** Ratios here span orders of magnitude: two significant digits. */
const smallRatio = (value: number) => (Number.isFinite(value) ? `${value.toPrecision(2)}×` : 'n/a')

function render(report: StorageReport): string {
  const rows = report.rows.flatMap((r) => [
    [
      `${r.edits} edits: load (ms)`,
      fmt(r.compactedLoadMs, 2),
      fmt(r.logLoadMs, 2),
      smallRatio(ratio(r.compactedLoadMs, r.logLoadMs)),
    ],
    [
      `${r.edits} edits: stored (KB)`,
      fmt(r.snapshotBytes / 1024),
      fmt(r.logBytes / 1024),
      smallRatio(ratio(r.snapshotBytes, r.logBytes)),
    ],
  ])
  return [
    describeMachine('Lockstep storage benchmark', report.meta),
    '',
    renderTable(['figure', 'compacted', 'raw log (reference)', 'ratio'], rows),
    '',
    `Median of ${SETTINGS.repeats} loads each. "raw log" is the board as ${SETTINGS.edits.join(' / ')} appended`,
    'updates (what a load would read without compaction); "compacted" is the one snapshot Lockstep keeps.',
  ].join('\n')
}

await runBench({
  name: 'storage',
  budgetMs: SETTINGS.budgetMs,
  render,
  run: async (): Promise<StorageReport> => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-bench-storage-'))
    try {
      const rows: HistoryRow[] = []
      for (const edits of SETTINGS.edits) {
        progress(`${edits} edits`)
        rows.push(await measure(edits, dir))
      }
      return { meta: { ...machineMeta(), settings: SETTINGS }, rows }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  },
})
