import {
  atom,
  computed,
  createTLCurrentUser,
  createUserId,
  getUserPreferences,
  type Signal,
  setUserPreferences,
  type TLCurrentUser,
  type TLUser,
  type TLUserPreferences,
  UserRecordType,
} from 'tldraw'
import { z } from 'zod'
import { nextPresenceColor, presenceColorAt } from '../../shared/presence/colors'
import { participantColorSchema, participantNameSchema } from '../../shared/protocol/session'
import { randomId, randomInt } from '../random-id'

/** Who this browser is on every board: a stable id, a name and a colour, kept in localStorage. */
export interface LocalUser {
  id: string
  name: string
  color: string
}

const localUserSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  name: participantNameSchema,
  color: participantColorSchema,
})

const STORAGE_KEY = 'lockstep:user'

const ADJECTIVES = [
  'Curious',
  'Brave',
  'Calm',
  'Clever',
  'Gentle',
  'Happy',
  'Keen',
  'Lively',
  'Merry',
  'Nimble',
  'Quiet',
  'Sunny',
  'Swift',
  'Witty',
  'Bright',
  'Kind',
]
const ANIMALS = [
  'Otter',
  'Fox',
  'Heron',
  'Badger',
  'Lynx',
  'Panda',
  'Koala',
  'Falcon',
  'Dolphin',
  'Owl',
  'Hare',
  'Seal',
  'Wren',
  'Bison',
  'Moth',
  'Yak',
]

function friendlyName(): string {
  return `${ADJECTIVES[randomInt(ADJECTIVES.length)] ?? 'Kind'} ${ANIMALS[randomInt(ANIMALS.length)] ?? 'Otter'}`
}

function loadLocalUser(): LocalUser {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY)
    if (raw) {
      const parsed = localUserSchema.safeParse(JSON.parse(raw))
      if (parsed.success) return parsed.data
    }
  } catch {
    // unreadable or disabled storage: start fresh below
  }
  const fresh: LocalUser = { id: randomId(), name: friendlyName(), color: presenceColorAt(randomInt(1000)) }
  saveLocalUser(fresh)
  return fresh
}

function saveLocalUser(user: LocalUser): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(user))
  } catch {
    // the name still works for this visit
  }
}

/** The local user as a signal, readable by React (`useValue`) and by tldraw derivations alike. */
export const $localUser = atom<LocalUser>('lockstep local user', loadLocalUser())

// another tab renamed us: follow it
window.addEventListener('storage', (event) => {
  if (event.key !== STORAGE_KEY || !event.newValue) return
  try {
    const parsed = localUserSchema.safeParse(JSON.parse(event.newValue))
    if (parsed.success) $localUser.set(parsed.data)
  } catch {
    // ignore a half-written value
  }
})

/** Renames or recolours the local user; returns false (and changes nothing) for an invalid name or colour. */
export function updateLocalUser(patch: Partial<Pick<LocalUser, 'name' | 'color'>>): boolean {
  const next = localUserSchema.safeParse({ ...$localUser.get(), ...patch })
  if (!next.success) return false
  const current = $localUser.get()
  if (next.data.name === current.name && next.data.color === current.color) return true
  $localUser.set(next.data)
  saveLocalUser(next.data)
  return true
}

/** Moves the local user to the next palette colour. */
export function cycleLocalUserColor(): void {
  updateLocalUser({ color: nextPresenceColor($localUser.get().color) })
}

/**
 * Id of this tab's cursor. Per tab rather than per browser, so two tabs of one browser see each
 * other's cursors (tldraw hides presence records whose userId equals the editor's own user id).
 */
export const TAB_PRESENCE_ID = `${$localUser.get().id}.${randomId(6)}`

/** This tab as a tldraw user record, for the presence derivation (cursor name and colour). */
export const $presenceUser: Signal<TLUser> = computed('lockstep presence user', () => {
  const { name, color } = $localUser.get()
  return UserRecordType.create({ id: createUserId(TAB_PRESENCE_ID), name, color })
})

/** This browser as a tldraw user record, for shape attribution (one record per person, not per tab). */
export const $attributionUser: Signal<TLUser> = computed('lockstep attribution user', () => {
  const { id, name, color } = $localUser.get()
  return UserRecordType.create({ id: createUserId(id), name, color })
})

/**
 * The user tldraw's editor sees: our id, name and colour; every other preference (dark mode,
 * snapping, …) stays in tldraw's own storage.
 */
export const tldrawCurrentUser: TLCurrentUser = createTLCurrentUser({
  userPreferences: computed<TLUserPreferences>('lockstep user preferences', () => {
    const { name, color } = $localUser.get()
    return { ...getUserPreferences(), id: TAB_PRESENCE_ID, name, color }
  }),
  setUserPreferences: (preferences) => {
    const { id: _ours, name, color, ...rest } = preferences
    setUserPreferences({ ...getUserPreferences(), ...rest })
    // tldraw's own people menu may rename us; keep our store the source of truth
    updateLocalUser({
      ...(typeof name === 'string' ? { name } : {}),
      ...(typeof color === 'string' ? { color } : {}),
    })
  },
})
