import type { GraphSnapshot } from '../../shared/diagram/graph-snapshot'
import type { Role } from '../../shared/protocol/roles'
import type { IntentAck } from '../../shared/protocol/session'
import type { Scenario } from '../../shared/scenarios/scenario-schema'
import { applyIntent, autoStep, nextAutoStepAt } from '../../shared/session/apply-intent'
import { drawnRunTick } from '../../shared/session/drawn-run'
import { DrawnRunHashes } from '../../shared/session/drawn-run-hashes'
import type { SessionIntent, StateReport } from '../../shared/session/intents'
import { noteAttendee, recordChange } from '../../shared/session/session-history'
import { INITIAL_SESSION, type SessionState, sessionStateSchema } from '../../shared/session/session-state'
import { simulateSession } from '../../shared/session/simulate'
import type { BoardBus, BusMessage, SessionBusMessage } from '../bus/board-bus'
import type { ClockLeases } from '../bus/clock-leases'
import { type Logger, reasonOf } from '../log'
import type { SessionStateStore } from '../storage/board-store'

export interface SessionRoomDeps {
  store: SessionStateStore
  log: Logger
  scenarioOf: (id: string) => Scenario | undefined
  workshopSegments: (workshopId: string) => number | undefined
  /** Sends the state to everyone on the board connected to this instance (each as they may see it). */
  broadcast: (state: SessionState) => void
  /** Told of every state the room holds, loaded, committed here or elsewhere (e.g. to enforce the editing lock). */
  onState?: (state: SessionState) => void
  /** The other instances serving the board (absent: this is the only one). */
  bus?: BoardBus
  /** Told what other instances say about the board's people and links. */
  onBusMessage?: (message: Exclude<SessionBusMessage, { kind: 'session-state' | 'missed' }>) => void
  /** Which instance runs the board's auto-play clock. */
  clock: ClockLeases
  now: () => number
}

/** A change to the session as a pure step over the newest state: a refusal, or the next state. */
type Change = (
  state: SessionState,
) => { ok: false; code: string; message: string } | { ok: true; state: SessionState }

// Each lost compare-and-set means another instance committed, so the session moves on regardless.
const MAX_ATTEMPTS = 100
const STORAGE_FAILED: IntentAck = {
  ok: false,
  code: 'storage_unavailable',
  message: 'The session could not be saved just now. Try again in a moment.',
}
const BOARD_GONE: IntentAck = { ok: false, code: 'board_not_found', message: 'This board was deleted.' }
const CONTENDED: IntentAck = {
  ok: false,
  code: 'session_busy',
  message: 'The session is changing very fast right now. Try again in a moment.',
}

/**
 * One board's live session on this instance. Lifecycle: `load` (subscribe to the other instances,
 * then read storage) → `apply` intents and auto-play ticks → `close`. The stored row is the one
 * authority: a change commits only over the revision it was computed from (compare-and-set); an
 * instance that loses reloads what won and computes the change again, so every change, from any
 * instance, gets one place in one order with `seq + 1`. Committed states are published to the
 * other instances, which adopt any newer revision.
 */
export class SessionRoom {
  private state: SessionState = INITIAL_SESSION
  /** The storage revision `state` was read or committed at. */
  private revision = 0
  /** This instance's changes, one at a time. */
  private changes: Promise<unknown> = Promise.resolve()
  private timer: NodeJS.Timeout | undefined
  /** Bumped at each reschedule, so a tick planned for an older state stands down. */
  private clockGeneration = 0
  private stopListening: () => void = () => {}
  /** Loaded: from now on a newer state is announced (before, the loader sends the state it ends with). */
  private open = false
  private closed = false
  private hashOfSeq: { seq: number; hash: string | null } | undefined
  /** How many clients reported a state that differed from the server's (each one was resynced). */
  hashMismatches = 0
  /** Checks drawn-run reports: the hash of a run at a tick, computed once however many screens report it. */
  private readonly drawnHashes = new DrawnRunHashes()
  /** How many `seq` this instance committed (changes others can see; attendance notes are not counted). */
  commits = 0

  private constructor(
    readonly boardId: string,
    private readonly deps: SessionRoomDeps,
  ) {}

  static async load(boardId: string, deps: SessionRoomDeps): Promise<SessionRoom> {
    const room = new SessionRoom(boardId, deps)
    room.listen() // before reading, so a commit made elsewhere in between is not missed
    try {
      await room.reload()
    } catch (error) {
      room.stopListening()
      throw error
    }
    room.open = true
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
  ): Promise<IntentAck> {
    return this.change((state) => {
      const result = applyIntent(state, intent, {
        role: who.role,
        participant: { id: who.id, name: who.name },
        identityId: who.identityId,
        identityIdOf: who.identityIdOf,
        workshopSegments: this.deps.workshopSegments,
        scenarioOf: this.deps.scenarioOf,
        diagram,
        now: this.deps.now(),
      })
      if (!result.ok || result.state === state) return result // an intent that changed nothing is not news
      const voter = intent.type === 'vote' ? { key: who.identityId, name: who.name } : undefined
      return {
        ok: true,
        state: recordChange(state, result.state, { scenarioOf: this.deps.scenarioOf, voter }),
      }
    })
  }

  /**
   * Notes who attended, for the summary. Private and invisible to everyone on the board, so it is
   * stored but does not bump `seq` (and is not sent to anyone).
   */
  attend(name: string): void {
    void this.change((state) => ({ ok: true, state: noteAttendee(state, name) }))
  }

  /** Compares a client's state hash with ours; true when they match (or the report is stale). */
  verify(report: StateReport): boolean {
    if (report.seq !== this.state.seq) return true
    const hash = report.tick === undefined ? this.serverHash() : this.drawnHash(report.tick)
    if (hash === null || hash === report.hash) return true
    this.hashMismatches++
    this.deps.log.warn('a client computed a different simulation state; resyncing it', {
      board: this.boardId,
      seq: report.seq,
    })
    return false
  }

  /** A drawn run's hash at a tick it has reached on the server clock (a later tick is not checked). */
  private drawnHash(tick: number): string | null {
    const run = this.state.drawnRun
    if (!run || tick > drawnRunTick(run, this.deps.now())) return null
    return this.drawnHashes.hashAt(run, tick)
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

  /** Computes `change` over the newest state and commits it with compare-and-set, retrying after a lost race. */
  private change(change: Change): Promise<IntentAck> {
    const run = this.changes.then(async (): Promise<IntentAck> => {
      try {
        for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
          const { state, revision } = this
          const result = change(state)
          if (!result.ok) return result
          if (result.state === state) return { ok: true }
          if (await this.deps.store.replaceSessionState(this.boardId, result.state, revision)) {
            if (result.state.seq !== state.seq) this.commits++
            this.adopt(result.state, revision + 1)
            this.deps.bus?.publish(this.boardId, {
              kind: 'session-state',
              revision: revision + 1,
              state: result.state,
            })
            return { ok: true }
          }
          // another instance committed first: build on what it stored (nothing: the board was deleted)
          if (!(await this.reload())) return BOARD_GONE
        }
        return CONTENDED
      } catch (error) {
        this.deps.log.error('could not save the session', {
          board: this.boardId,
          reason: reasonOf(error),
        })
        return STORAGE_FAILED
      }
    })
    this.changes = run
    return run
  }

  /** Takes a state at a storage revision if it is newer than ours; tells everyone here when `seq` moved. */
  private adopt(state: SessionState, revision: number): void {
    if (revision <= this.revision) return
    const before = this.state
    this.state = state
    this.revision = revision
    if (!this.open || this.closed) return
    this.deps.onState?.(state)
    this.schedule()
    if (state.seq !== before.seq) this.deps.broadcast(state)
  }

  /** Reads the stored session (what another instance committed, or what we had missed); false when it is gone. */
  private async reload(): Promise<boolean> {
    const stored = await this.deps.store.loadSessionRecord(this.boardId)
    if (!stored) return this.revision === 0
    const parsed = sessionStateSchema.safeParse(stored.state)
    this.adopt(parsed.success ? parsed.data : INITIAL_SESSION, stored.revision)
    return true
  }

  private listen(): void {
    const bus = this.deps.bus
    if (!bus) return
    const unsubscribe = bus.subscribe(this.boardId, (message) => this.hear(message))
    // after a drop: read what others committed, and tell them ours (they may have missed it too)
    const stopGaps = bus.onGap(() => {
      void this.reload()
        .then(() =>
          bus.publish(this.boardId, { kind: 'session-state', revision: this.revision, state: this.state }),
        )
        .catch(() => {})
    })
    this.stopListening = () => {
      unsubscribe()
      stopGaps()
    }
  }

  private hear(message: BusMessage): void {
    switch (message.kind) {
      case 'session-state':
        this.adopt(message.state, message.revision)
        return
      case 'participants':
      case 'close-links':
      case 'hand-over':
        this.deps.onBusMessage?.(message)
        return
      case 'missed': // the sender may have committed without telling anyone: storage knows
        void this.reload().catch(() => {})
        return
      case 'doc-update':
      case 'awareness':
        return // the board's Yjs room hears those
      default: {
        const unexpected: never = message
        throw new Error(`unhandled bus message ${JSON.stringify(unexpected)}`)
      }
    }
  }

  // Auto-play runs on the server clock, so every screen advances together; one instance (the
  // lease holder) ticks, and a tick is a change like any other: it commits only if still due.
  private schedule(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    const generation = ++this.clockGeneration
    const at = this.nextTickAt(this.state)
    if (at === null || this.closed) {
      void this.deps.clock.release(this.boardId)
      return
    }
    void this.deps.clock.claim(this.boardId) // the instance that started play takes the clock first
    const tick = async () => {
      const held = await this.deps.clock.claim(this.boardId)
      if (generation !== this.clockGeneration) return
      if (!held) {
        this.timer = setTimeout(() => void tick(), this.deps.clock.retryMs)
        this.timer.unref()
        return
      }
      const answer = await this.change((state) => {
        const due = this.nextTickAt(state)
        const scenario = state.sim ? this.deps.scenarioOf(state.sim.scenarioId) : undefined
        const now = this.deps.now()
        if (due === null || due > now || !scenario) return { ok: true, state } // already taken, or not yet
        return { ok: true, state: recordChange(state, autoStep(state, scenario, now), this.deps) }
      })
      if (generation !== this.clockGeneration) return // committed or adopted: planned anew
      if (answer.ok) return this.schedule() // a timer that fired a moment early: plan the tick again
      this.timer = setTimeout(() => void tick(), this.deps.clock.retryMs) // storage trouble: try again soon
      this.timer.unref()
    }
    this.timer = setTimeout(() => void tick(), Math.max(0, at - this.deps.now()))
    this.timer.unref()
  }

  private nextTickAt(state: SessionState): number | null {
    const sim = state.sim
    return nextAutoStepAt(sim, sim ? this.deps.scenarioOf(sim.scenarioId) : undefined)
  }

  /** Stops the clock (handing it to another instance) and waits until the last change is stored. */
  async close(): Promise<void> {
    this.closed = true
    clearTimeout(this.timer)
    this.timer = undefined
    this.clockGeneration++
    this.stopListening()
    await this.changes
    await this.deps.clock.release(this.boardId)
  }
}
