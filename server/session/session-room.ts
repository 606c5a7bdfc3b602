import type { GraphSnapshot } from '../../shared/diagram/graph-snapshot'
import type { Role } from '../../shared/protocol/roles'
import type { IntentAck } from '../../shared/protocol/session'
import type { Scenario } from '../../shared/scenarios/scenario-schema'
import { applyIntent, autoStep, nextAutoStepAt } from '../../shared/session/apply-intent'
import type { SessionIntent, StateReport } from '../../shared/session/intents'
import { noteAttendee, recordChange } from '../../shared/session/session-history'
import { INITIAL_SESSION, type SessionState, sessionStateSchema } from '../../shared/session/session-state'
import { simulateSession } from '../../shared/session/simulate'
import type { Logger } from '../log'
import type { SessionStateStore } from '../storage/board-store'

export interface SessionRoomDeps {
  store: SessionStateStore
  log: Logger
  scenarioOf: (id: string) => Scenario | undefined
  workshopSegments: (workshopId: string) => number | undefined
  /** Sends the state to everyone on the board (each as they may see it). */
  broadcast: (state: SessionState) => void
  /** Told of every state the room holds, loaded or committed (e.g. to enforce the editing lock). */
  onState?: (state: SessionState) => void
  now: () => number
}

/**
 * The authoritative live session of one board. Lifecycle: `load` (from storage, so a restart
 * resumes) → `apply` intents and auto-play ticks, each persisted before it is broadcast → `close`.
 */
export class SessionRoom {
  private state: SessionState = INITIAL_SESSION
  private persistence: Promise<void> = Promise.resolve()
  private timer: NodeJS.Timeout | undefined
  private hashOfSeq: { seq: number; hash: string | null } | undefined
  /** How many clients reported a state that differed from the server's (each one was resynced). */
  hashMismatches = 0

  private constructor(
    readonly boardId: string,
    private readonly deps: SessionRoomDeps,
  ) {}

  static async load(boardId: string, deps: SessionRoomDeps): Promise<SessionRoom> {
    const room = new SessionRoom(boardId, deps)
    const stored = sessionStateSchema.safeParse(await deps.store.loadSessionState(boardId))
    if (stored.success) room.state = stored.data
    deps.onState?.(room.state)
    room.schedule()
    return room
  }

  get current(): SessionState {
    return this.state
  }

  /** Checks and applies one client intent; the ack says why when it is refused. */
  apply(
    intent: SessionIntent,
    who: {
      role: Role
      id: string
      name: string
      identityId: string
      identityIdOf: (participantId: string) => string | undefined
    },
    /** The board's diagram read when the intent arrived (for `drawn:run`). */
    diagram?: GraphSnapshot | null,
  ): IntentAck {
    const result = applyIntent(this.state, intent, {
      role: who.role,
      participant: { id: who.id, name: who.name },
      identityId: who.identityId,
      identityIdOf: who.identityIdOf,
      workshopSegments: this.deps.workshopSegments,
      scenarioOf: this.deps.scenarioOf,
      diagram,
      now: this.deps.now(),
    })
    if (!result.ok) return result
    if (result.state === this.state) return { ok: true } // an intent that changed nothing is not news
    const voter = intent.type === 'vote' ? { key: who.identityId, name: who.name } : undefined
    this.commit(recordChange(this.state, result.state, { scenarioOf: this.deps.scenarioOf, voter }))
    return { ok: true }
  }

  /**
   * Notes who attended, for the summary. Private and invisible to everyone on the board, so it is
   * stored but not broadcast and does not bump `seq`.
   */
  attend(name: string): void {
    const next = noteAttendee(this.state, name)
    if (next === this.state) return
    this.state = next
    this.persist(next, () => {})
  }

  /** Compares a client's state hash with ours; true when they match (or the report is stale). */
  verify(report: StateReport): boolean {
    if (report.seq !== this.state.seq) return true
    const hash = this.serverHash()
    if (hash === null || hash === report.hash) return true
    this.hashMismatches++
    this.deps.log.warn('a client computed a different simulation state; resyncing it', {
      board: this.boardId,
      seq: report.seq,
    })
    return false
  }

  private serverHash(): string | null {
    if (this.hashOfSeq?.seq === this.state.seq) return this.hashOfSeq.hash
    const sim = this.state.sim
    const scenario = sim ? this.deps.scenarioOf(sim.scenarioId) : undefined
    const result = sim && scenario ? simulateSession(sim, scenario) : undefined
    const hash = result?.ok ? result.hash : null
    this.hashOfSeq = { seq: this.state.seq, hash }
    return hash
  }

  private commit(state: SessionState): void {
    this.state = state
    this.deps.onState?.(state)
    this.schedule()
    this.persist(state, () => this.deps.broadcast(state))
  }

  private persist(state: SessionState, then: () => void): void {
    this.persistence = this.persistence
      .then(() => this.deps.store.saveSessionState(this.boardId, state))
      .then(then, (error: unknown) =>
        this.deps.log.error('could not save the session', {
          board: this.boardId,
          reason: error instanceof Error ? error.message : String(error),
        }),
      )
  }

  // Auto-play runs on the server clock, so every screen advances together.
  private schedule(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    const sim = this.state.sim
    const scenario = sim ? this.deps.scenarioOf(sim.scenarioId) : undefined
    const at = nextAutoStepAt(sim, scenario)
    if (at === null || !scenario) return
    this.timer = setTimeout(
      () => this.commit(recordChange(this.state, autoStep(this.state, scenario, this.deps.now()), this.deps)),
      Math.max(0, at - this.deps.now()),
    )
    this.timer.unref()
  }

  /** Stops the clock and waits until the last state is stored. */
  async close(): Promise<void> {
    clearTimeout(this.timer)
    this.timer = undefined
    await this.persistence
  }
}
