import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react'
import { type Editor, type TLComponents, Tldraw, useValue } from 'tldraw'
import { sessionNoticeText } from '../../shared/protocol/session-notices'
// with the canvas, not the app: pages without tldraw do not load its styles either
import 'tldraw/tldraw.css'
import type { BoardLimits } from '../../shared/boards/board-limits'
import type { ShareLinks } from '../../shared/protocol/links'
import { canEditBoard, mayEditBoard, type Role } from '../../shared/protocol/roles'
import { MAX_IMAGE_BYTES } from '../../shared/protocol/yjs-doc'
import { RightDock } from '../dock/RightDock'
import { useFollow } from '../facilitation/useFollow'
import { retitleRememberedBoard } from '../remembered-boards'
import { RoomBar } from '../room/RoomBar'
import { SpotlightOverlay } from '../room/SpotlightOverlay'
import { useRoomSignals } from '../room/useRoomSignals'
import { LiveSessionContext, type LiveSessionState } from '../session/session-context'
import { useSessionSocket } from '../session/useSessionSocket'
import { FacilitatorShortcuts } from '../shortcuts/FacilitatorShortcuts'
import { useShortcutKeys } from '../shortcuts/shortcuts'
import { SimulationOverlay } from '../simulation/SimulationOverlay'
import { useLiveSimulation } from '../simulation/useLiveSimulation'
import { useStepCamera } from '../simulation/useStepCamera'
import { useRestoreOnArrival } from '../versions/useRestoreOnArrival'
import { assetUrls } from './asset-urls'
import { BoardDialogs } from './BoardDialogs'
import { BoardLayout } from './BoardLayout'
import { BoardNotice } from './BoardNotice'
import { BoardSharePanel } from './BoardSharePanel'
import { BoardStylePanel } from './BoardStylePanel'
import { BoardTopBar } from './BoardTopBar'
import { zoomToContent } from './board-camera'
import { type BoardDialogKind, BoardUiContext, type BoardUiState } from './board-context'
import { ComponentCard } from './ComponentCard'
import { isOnline } from './connection-state'
import { BoardSafeMode } from './damaged/BoardSafeMode'
import { SkippedRecordsNotice } from './damaged/SkippedRecordsNotice'
import { useRefusedChangeNotice } from './damaged/useRefusedChangeNotice'
import { exposeForTests } from './expose-for-tests'
import { JoinNameDialog } from './JoinNameDialog'
import { LinkEnded } from './LinkEnded'
import { linkEnded } from './link-ended'
import { LOAD_MARK, markLoad } from './load-marks'
import { $localUser, $presenceUser, tldrawCurrentUser } from './local-user'
import { nameWasAsked } from './name-prompt'
import { takeNoticeOnArrival } from './notice-on-arrival'
import { ShareDialog } from './ShareDialog'
import { takeShareOnArrival } from './share-on-arrival'
import { useBoardConnection } from './useBoardConnection'
import { useBoardThumbnail } from './useBoardThumbnail'
import { useLinkHandover } from './useLinkHandover'
import { useLinkReplacement } from './useLinkReplacement'
import { usePresence } from './usePresence'
import { useStartTemplate } from './useStartTemplate'
import { useYjsStore } from './useYjsStore'

// the template picker (search, previews) loads when someone opens it
const TemplatePicker = lazy(() => import('./TemplatePicker').then((m) => ({ default: m.TemplatePicker })))

/** The user id this tab's presence records carry: what others pass to tldraw's `startFollowingUser`. */
const PRESENCE_USER_ID = $presenceUser.get().id

/** In front of the canvas: the card of the component in focus, and the facilitator's spotlight. */
function InFrontOfTheCanvas() {
  return (
    <>
      <SpotlightOverlay />
      <ComponentCard />
    </>
  )
}

// tldraw's UI slots; stable so tldraw does not remount them. They read the board from context.
const components: TLComponents = {
  TopPanel: BoardTopBar,
  SharePanel: BoardSharePanel,
  StylePanel: BoardStylePanel,
  InFrontOfTheCanvas,
  OnTheCanvas: SimulationOverlay,
}

export interface BoardCanvasProps {
  boardId: string
  token: string
  role: Role
  title: string
  shareLinks: Partial<ShareLinks>
  /** The template the board was started from, if any. */
  templateId: string | null
  /** The server already has a picture of the board. */
  hasThumbnail: boolean
  licenseKey: string | null
  /** What the board may hold (from the server): past it, records are skipped or the board is damaged. */
  boardLimits: BoardLimits
}

/** The full-bleed canvas of one board, synced through Yjs, with Lockstep's bar in tldraw's top row. */
export function BoardCanvas({
  boardId,
  token,
  role,
  title,
  shareLinks,
  templateId,
  hasThumbnail,
  licenseKey,
  boardLimits,
}: BoardCanvasProps) {
  const me = useValue('local user', () => $localUser.get(), [])
  const session = useSessionSocket(boardId, token, me.name, me.color, PRESENCE_USER_ID)
  const connection = useBoardConnection(boardId, token, session.identity)
  const connectionState = connection?.state ?? { kind: 'connecting' }
  // the role now (the facilitator may have promoted or demoted us) and the facilitator's lock
  const effectiveRole = session.session?.yourRole ?? role
  const canWrite =
    mayEditBoard(effectiveRole, session.session?.editingLocked ?? false) && connectionState.kind !== 'refused'
  const store = useYjsStore({
    doc: connection?.doc ?? null,
    ready: connection?.ready ?? false,
    canWrite,
    online: isOnline(connectionState),
    limits: boardLimits,
  })

  const simulation = useLiveSimulation(session.session, session.report)
  const [editor, setEditor] = useState<Editor | null>(null)
  const follow = useFollow(editor, session)
  const signals = useRoomSignals(session.socket)
  const shortcuts = useShortcutKeys(editor)
  const leaderId = session.session?.follow?.leaderId ?? null
  useStepCamera(editor, simulation, {
    leads: leaderId ? leaderId === session.selfId : (session.session?.yourRole ?? role) === 'facilitator',
    sessionKnown: session.session !== null,
  })
  const live = useMemo<LiveSessionState>(
    () => ({ connection: session, simulation, follow, signals, shortcuts }),
    [session, simulation, follow, signals, shortcuts],
  )

  usePresence(editor, connection?.awareness ?? null)

  const doc = connection?.doc ?? null
  useEffect(() => {
    if (editor && doc) return exposeForTests(editor, doc)
  }, [editor, doc])

  useStartTemplate({ editor, doc, templateId, canWrite, synced: connection?.syncedWithServer ?? false })

  // the title as renamed here or, live, by another facilitator
  const [currentTitle, setCurrentTitle] = useState(title)
  useEffect(() => {
    if (session.renamedTitle !== null) setCurrentTitle(session.renamedTitle)
  }, [session.renamedTitle])
  useEffect(() => {
    if (currentTitle !== title) retitleRememberedBoard(boardId, currentTitle)
  }, [boardId, currentTitle, title])
  useEffect(() => {
    document.title = `${currentTitle} · Lockstep`
    return () => {
      document.title = 'Lockstep'
    }
  }, [currentTitle])

  const [notice, setNotice] = useState<{ text: string; n: number } | null>(() => {
    const left = takeNoticeOnArrival(boardId)
    return left ? { text: left, n: 1 } : null
  })
  const notify = useCallback((text: string) => setNotice((last) => ({ text, n: (last?.n ?? 0) + 1 })), [])
  const clearNotice = useCallback(() => setNotice(null), [])
  useRefusedChangeNotice(connection?.refusedChange ?? null, notify)
  const [dialog, setDialog] = useState<BoardDialogKind | null>(null)
  const closeDialog = useCallback(() => setDialog(null), [])

  const { links, replacement } = useLinkReplacement(
    boardId,
    token,
    role,
    currentTitle,
    shareLinks,
    session.linkReplaced,
  )
  useLinkHandover(boardId, token, role, currentTitle, session.handover)
  useEffect(() => {
    const replaced = session.linkReplaced
    if (!replaced) return
    notify(
      `${replaced.demotedName} can no longer use the ${replaced.role} link. Everyone here has the new one; share it from Share with anyone who has not joined yet.`,
    )
  }, [session.linkReplaced, notify])

  const synced = connection?.syncedWithServer ?? false
  // The picture is replaced over REST with this link's token, which the server checks: a viewer
  // promoted in the session edits through the session, but their link still cannot replace it.
  const canReplacePicture = canWrite && canEditBoard(role)
  useBoardThumbnail({ editor, boardId, token, canWrite: canReplacePicture, missing: !hasThumbnail, synced })
  useRestoreOnArrival({
    editor,
    boardId,
    token,
    canRestore: role === 'facilitator' && canWrite,
    synced,
    notify,
    announce: session.announce,
  })
  // who restored a version, brought everyone here or changed our role: said in words
  useEffect(() => {
    if (session.notice) notify(sessionNoticeText(session.notice.notice))
  }, [session.notice, notify])

  // the name comes first: a share dialog on arrival waits until it is answered or skipped
  const [askingName, setAskingName] = useState(() => !nameWasAsked())
  const nameAnswered = useCallback(() => setAskingName(false), [])
  const [shareOpen, setShareOpen] = useState(() => takeShareOnArrival(boardId))
  const openShare = useCallback(() => setShareOpen(true), [])
  const closeShare = useCallback(() => setShareOpen(false), [])
  const [pickerOpen, setPickerOpen] = useState(false)
  const openTemplatePicker = useCallback(() => setPickerOpen(true), [])
  const closeTemplatePicker = useCallback(() => setPickerOpen(false), [])

  const onMount = useCallback((mounted: Editor) => {
    markLoad(LOAD_MARK.editorMounted)
    // the camera is this tab's own: open on the whole board rather than on the page origin
    if (mounted.getCurrentPageShapeIds().size > 0) zoomToContent(mounted)
    setEditor(mounted)
    return () => setEditor(null)
  }, [])

  const ui = useMemo<BoardUiState>(
    () => ({
      boardId,
      token,
      title: currentTitle,
      role: effectiveRole,
      linkRole: role,
      canWrite,
      connection: connectionState,
      participants: session.participants,
      selfId: session.selfId,
      shareLinks: links,
      openShare,
      openTemplatePicker,
      templateId,
      editor,
      openDialog: setDialog,
      notify,
      retitle: setCurrentTitle,
    }),
    [
      boardId,
      token,
      currentTitle,
      effectiveRole,
      role,
      canWrite,
      connectionState,
      session.participants,
      session.selfId,
      links,
      openShare,
      openTemplatePicker,
      templateId,
      editor,
      notify,
    ],
  )

  if (linkEnded(connectionState)) return <LinkEnded title={currentTitle} />

  return (
    <BoardUiContext.Provider value={ui}>
      <LiveSessionContext.Provider value={live}>
        <BoardLayout>
          <div className="board__canvas">
            {store.status === 'ready' ? (
              <Tldraw
                store={store.store}
                user={tldrawCurrentUser}
                licenseKey={licenseKey ?? undefined}
                assetUrls={assetUrls}
                maxAssetSize={MAX_IMAGE_BYTES}
                components={components}
                onMount={onMount}
              />
            ) : store.status === 'damaged' ? (
              <BoardSafeMode damage={store.damage} />
            ) : (
              <div className="page page--centered loading">Loading the board…</div>
            )}
            {store.status === 'ready' && <RoomBar />}
          </div>
          <RightDock />
        </BoardLayout>
        {askingName && <JoinNameDialog onDone={nameAnswered} />}
        {shareOpen && !askingName && (
          <ShareDialog links={links} onClose={closeShare} replacement={replacement} />
        )}
        {pickerOpen && canWrite && editor && (
          <Suspense fallback={null}>
            <TemplatePicker editor={editor} onClose={closeTemplatePicker} />
          </Suspense>
        )}
        <BoardDialogs dialog={dialog} onClose={closeDialog} />
        <BoardNotice notice={notice} onDone={clearNotice} />
        <FacilitatorShortcuts />
        {store.status === 'ready' && <SkippedRecordsNotice skipped={store.skipped} />}
      </LiveSessionContext.Provider>
    </BoardUiContext.Provider>
  )
}
