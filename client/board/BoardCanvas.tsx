import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react'
import { type Editor, type TLComponents, Tldraw, useValue } from 'tldraw'
// with the canvas, not the app: pages without tldraw do not load its styles either
import 'tldraw/tldraw.css'
import type { ShareLinks } from '../../shared/protocol/links'
import { canEditBoard, type Role } from '../../shared/protocol/roles'
import { MAX_IMAGE_BYTES } from '../../shared/protocol/yjs-doc'
import { RightDock } from '../dock/RightDock'
import { useFollow } from '../facilitation/useFollow'
import { retitleRememberedBoard } from '../remembered-boards'
import { LiveSessionContext, type LiveSessionState } from '../session/session-context'
import { useSessionSocket } from '../session/useSessionSocket'
import { SimulationOverlay } from '../simulation/SimulationOverlay'
import { useLiveSimulation } from '../simulation/useLiveSimulation'
import { useRestoreOnArrival } from '../versions/useRestoreOnArrival'
import { assetUrls } from './asset-urls'
import { BoardDialogs } from './BoardDialogs'
import { BoardNotice } from './BoardNotice'
import { BoardSharePanel } from './BoardSharePanel'
import { BoardStylePanel } from './BoardStylePanel'
import { BoardTopBar } from './BoardTopBar'
import { zoomToContent } from './board-camera'
import { type BoardDialogKind, BoardUiContext, type BoardUiState } from './board-context'
import { ComponentCard } from './ComponentCard'
import { isOnline } from './connection-state'
import { exposeForTests } from './expose-for-tests'
import { $localUser, $presenceUser, tldrawCurrentUser } from './local-user'
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

// tldraw's UI slots; stable so tldraw does not remount them. They read the board from context.
const components: TLComponents = {
  TopPanel: BoardTopBar,
  SharePanel: BoardSharePanel,
  StylePanel: BoardStylePanel,
  InFrontOfTheCanvas: ComponentCard,
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
}: BoardCanvasProps) {
  const me = useValue('local user', () => $localUser.get(), [])
  const session = useSessionSocket(boardId, token, me.name, me.color, PRESENCE_USER_ID)
  const connection = useBoardConnection(boardId, token, session.identity)
  const connectionState = connection?.state ?? { kind: 'connecting' }
  // the role now (the facilitator may have promoted or demoted us) and the facilitator's lock
  const effectiveRole = session.session?.yourRole ?? role
  const locked = (session.session?.editingLocked ?? false) && effectiveRole !== 'facilitator'
  const canWrite = canEditBoard(effectiveRole) && !locked && connectionState.kind !== 'refused'
  const store = useYjsStore({
    doc: connection?.doc ?? null,
    ready: connection?.ready ?? false,
    canWrite,
    online: isOnline(connectionState),
  })

  const simulation = useLiveSimulation(session.session, session.report)
  const [editor, setEditor] = useState<Editor | null>(null)
  const follow = useFollow(editor, session)
  const live = useMemo<LiveSessionState>(
    () => ({ connection: session, simulation, follow }),
    [session, simulation, follow],
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
  })

  const [shareOpen, setShareOpen] = useState(() => takeShareOnArrival(boardId))
  const openShare = useCallback(() => setShareOpen(true), [])
  const closeShare = useCallback(() => setShareOpen(false), [])
  const [pickerOpen, setPickerOpen] = useState(false)
  const openTemplatePicker = useCallback(() => setPickerOpen(true), [])
  const closeTemplatePicker = useCallback(() => setPickerOpen(false), [])

  const onMount = useCallback((mounted: Editor) => {
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

  return (
    <BoardUiContext.Provider value={ui}>
      <LiveSessionContext.Provider value={live}>
        <div className="board">
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
            ) : store.status === 'error' ? (
              <div className="page page--centered">
                <div className="card message-card" role="alert">
                  <h1>This board could not be opened</h1>
                  <p>{store.message}</p>
                </div>
              </div>
            ) : (
              <div className="page page--centered loading">Loading the board…</div>
            )}
          </div>
          <RightDock />
        </div>
        {shareOpen && <ShareDialog links={links} onClose={closeShare} replacement={replacement} />}
        {pickerOpen && canWrite && editor && (
          <Suspense fallback={null}>
            <TemplatePicker editor={editor} onClose={closeTemplatePicker} />
          </Suspense>
        )}
        <BoardDialogs dialog={dialog} onClose={closeDialog} />
        <BoardNotice notice={notice} onDone={clearNotice} />
      </LiveSessionContext.Provider>
    </BoardUiContext.Provider>
  )
}
