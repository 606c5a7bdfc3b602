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
    recoveringUntil: state.tick + RECOVERY_TICKS,
  }
}

/**
 * A cell-by-cell rollout: the control plane pushes the desired version to the next serving cell
 * that lacks it. A bad version fails that cell and halts the wave, so it reaches one cell only.
 */
export function pushConfig(state: CellsState, log: (line: string) => void): void {
  const { controlPlane } = state
  if (!controlPlane.up || controlPlane.halted) return
  const target = state.cells.findIndex(
    (cell) => cell.status === 'serving' && cell.configVersion !== controlPlane.desiredVersion,
  )
  const cell = state.cells[target]
  if (!cell) {
    const everyCellUpdated = state.cells.every(
      (candidate) => candidate.configVersion === controlPlane.desiredVersion,
    )
    if (everyCellUpdated && !controlPlane.badVersions.includes(controlPlane.desiredVersion)) {
      controlPlane.lastGoodVersion = controlPlane.desiredVersion
    }
    return
  }
  const version = controlPlane.desiredVersion
  if (controlPlane.badVersions.includes(version)) {
    state.cells[target] = { ...cell, configVersion: version, status: 'failed', cause: 'bad-deploy' }
    controlPlane.halted = true
    log(`${cellId(target)} fails its health check on config v${version}: rollout halted`)
  } else {
    state.cells[target] = { ...cell, configVersion: version }
    log(`${cellId(target)} now on config v${version}`)
  }
}
