import type { BoardLimits } from '../../shared/boards/board-limits'
import { BOARD_FILE_FORMAT, boardFileSchema } from '../../shared/protocol/board-file'
import { type Failure, firstProblem } from '../../shared/protocol/errors'
import type { Scenario } from '../../shared/scenarios/scenario-schema'
import { EMPTY_HISTORY } from '../../shared/session/session-history'
import { type SessionState, type SimSession, sessionStateSchema } from '../../shared/session/session-state'
import type { DocumentContent } from './board-content'
import { checkContent } from './board-content'

/** What this server knows, to keep only the references in a board file that still lead somewhere. */
export interface ImportLookup {
  /** What a board may hold here: an imported board follows the same rules as live changes. */
  limits: BoardLimits
  hasTemplate: (templateId: string) => boolean
  scenarioOf: (scenarioId: string) => Scenario | undefined
  articleSections: (articleId: string) => readonly string[] | undefined
  workshopSegments: (workshopId: string) => number | undefined
}

/** A board file checked and ready to become a new board. */
export interface ImportPlan {
  title: string
  templateId: string | null
  document: DocumentContent
  session: SessionState | null
}

type ImportResult = { ok: true; plan: ImportPlan } | { ok: false; failure: Failure }

const refuse = (message: string): ImportResult => ({ ok: false, failure: { code: 'bad_request', message } })

/**
 * Checks an uploaded board file from the outside in: that it is a board file at all, its shape,
 * every record against tldraw's schema, and its session. Nothing is created unless all of it holds.
 */
export function readBoardFile(body: unknown, lookup: ImportLookup): ImportResult {
  if (
    typeof body !== 'object' ||
    body === null ||
    (body as { format?: unknown }).format !== BOARD_FILE_FORMAT
  ) {
    return refuse('This is not a Lockstep board file.')
  }
  const version = (body as { formatVersion?: unknown }).formatVersion
  if (version !== 1)
    return refuse(`This board file has format version ${String(version)}; this server reads version 1.`)
  const file = boardFileSchema.safeParse(body)
  if (!file.success) return refuse(`The board file is damaged (${firstProblem(file.error, 'invalid')}).`)
  const content = checkContent(file.data.content, lookup.limits)
  if (!content.ok) return content
  let session: SessionState | null = null
  if (file.data.session !== null) {
    const parsed = sessionStateSchema.safeParse(file.data.session)
    if (!parsed.success)
      return refuse(`The session in the board file is not valid (${firstProblem(parsed.error, 'invalid')}).`)
    session = freshSession(parsed.data, lookup)
  }
  // A template this server does not have cannot be shown or inserted, so the board forgets it.
  const templateId =
    file.data.templateId && lookup.hasTemplate(file.data.templateId) ? file.data.templateId : null
  return {
    ok: true,
    plan: {
      title: file.data.title,
      templateId,
      // The drawing already holds whatever the template gave it: never insert it a second time.
      document: { content: content.content, startTemplate: templateId },
      session,
    },
  }
}

/**
 * The session as it can resume on a new board. What belonged to the moment or to people of the
 * other server is reset: the running timer (another clock), the open question and its votes,
 * whom everyone followed and who drove (participant ids that do not exist here), granted roles
 * (keyed by participants of the other server) and auto-play (it would jump ahead at once).
 * References to content this server lacks are dropped instead of refusing the file.
 */
function freshSession(state: SessionState, lookup: ImportLookup): SessionState {
  const { presentation, workshop } = state
  const sections = presentation ? lookup.articleSections(presentation.articleId) : undefined
  const segments = workshop ? lookup.workshopSegments(workshop.id) : undefined
  return {
    ...state,
    driver: null,
    sim: state.sim ? resumableSim(state.sim, lookup) : null,
    presentation: presentation && sections?.includes(presentation.sectionId) ? presentation : null,
    timer: null,
    checkpoint: null,
    follow: null,
    workshop: workshop && segments !== undefined && workshop.segment < segments ? workshop : null,
    roleGrants: {},
    spotlight: null,
    history: EMPTY_HISTORY,
  }
}

/** The simulation, paused, if its scenario, step and failures exist here; else none. */
function resumableSim(sim: SimSession, lookup: ImportLookup): SimSession | null {
  const scenario = lookup.scenarioOf(sim.scenarioId)
  if (!scenario || sim.step >= scenario.steps.length) return null
  const known = new Set(scenario.failureModes.map((f) => f.id))
  const failuresHold = sim.failures.every((f) => known.has(f.id) && f.atStep <= sim.step)
  return failuresHold ? { ...sim, playing: false } : null
}
