import type { CellsState } from '../cells'
import { cellId } from './placement'

/** Ticks a restarted cell shows as recovering before it is healthy again. */
export const RECOVERY_TICKS = 3

/** A failed cell restarts; one that failed on a bad config comes back on the last good one. */
export function restartCell(state: CellsState, index: number): void {
  const cell = state.cells[index]
  if (!cell) return
  const { badVersions, lastGoodVersion } = state.controlPlane
  state.cells[index] = {
    status: 'recovering',
    cause: null,
    configVersion: badVersions.includes(cell.configVersion) ? lastGoodVersion : cell.configVersion,
    configuredAt: state.tick,
    recoveringUntil: state.tick + RECOVERY_TICKS,
  }
}

/**
 * A cell-by-cell rollout in waves: the control plane pushes the desired version to the next serving
 * cell that lacks it, then lets that wave bake for bakeTicks while it watches health. A cell failing
 * on the desired version halts the rollout; a bake shorter than the time a bad config takes to show
 * lets the next wave start first, so the bad config reaches more cells.
 */
export function pushConfig(state: CellsState, log: (line: string) => void): void {
  const { controlPlane } = state
  if (!controlPlane.up || controlPlane.halted) return
  const version = controlPlane.desiredVersion
  const failedOnIt = state.cells.findIndex(
    (cell) => cell.status === 'failed' && cell.cause === 'bad-deploy' && cell.configVersion === version,
  )
  if (failedOnIt >= 0) {
    controlPlane.halted = true
    log(`${cellId(failedOnIt)} failed on config v${version}: rollout halted`)
    return
  }
  if (state.tick < controlPlane.bakingUntil) return
  const target = state.cells.findIndex((cell) => cell.status === 'serving' && cell.configVersion !== version)
  const cell = state.cells[target]
  if (!cell) {
    const everyCellUpdated = state.cells.every((candidate) => candidate.configVersion === version)
    if (everyCellUpdated && !controlPlane.badVersions.includes(version))
      controlPlane.lastGoodVersion = version
    return
  }
  state.cells[target] = { ...cell, configVersion: version, configuredAt: state.tick }
  controlPlane.bakingUntil = state.tick + controlPlane.bakeTicks
  log(`${cellId(target)} now on config v${version}, baking ${controlPlane.bakeTicks} tick(s)`)
}
