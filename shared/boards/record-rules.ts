import { createTLSchema } from '@tldraw/tlschema'
import { documentRecordSchema } from '../protocol/board-file'
import { templateIdSchema } from '../protocol/rest'
import { BOARD_DOC } from '../protocol/yjs-doc'
import { type BoardLimits, type ContentProblem, MAX_RECORD_BYTES, problem } from './board-limits'
import { sameJson } from './restore-plan'

// tldraw's own record schema (the version the client runs); built once, its validators are reused.
let tldrawSchema: ReturnType<typeof createTLSchema> | undefined
/** tldraw's record schema, as the editor in the browser uses it. */
export function boardSchema(): ReturnType<typeof createTLSchema> {
  tldrawSchema ??= createTLSchema()
  return tldrawSchema
}

let serialized: unknown
/** The serialized schema every board's meta map must hold (what this build's editor writes). */
export function boardSchemaSerialized(): unknown {
  serialized ??= boardSchema().serialize()
  return serialized
}

/**
 * Checks one record on its own: a document record keyed by its id, valid for tldraw, small enough
 * to draw, and loading nothing from outside this server. Returns null when it may be stored.
 */
export function checkRecord(id: string, value: unknown, limits: BoardLimits): ContentProblem | null {
  const envelope = documentRecordSchema.safeParse(value)
  if (!envelope.success || envelope.data.id !== id) {
    return problem('invalid_record', 'Part of the change is not something a board can hold.', id)
  }
  const record = envelope.data
  const type = boardSchema().types[record.typeName]
  try {
    if (!type) throw new Error(`unknown record type ${record.typeName}`)
    type.validate(record)
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : ''
    return problem('invalid_record', `A record is not valid (${reason.slice(0, 80)}).`, id)
  }
  const props = isObject(record.props) ? record.props : {}
  if (textLength(props) > limits.maxTextChars) {
    return problem('text_too_long', `Text is too long (at most ${limits.maxTextChars} characters).`, id)
  }
  if (recordBytes(record, props) > MAX_RECORD_BYTES) {
    return problem('record_too_large', 'One item is too large to draw.', id)
  }
  if (record.typeName === 'shape' && record.type === 'embed' && !embedAllowed(props.url, limits)) {
    return problem('embed_not_allowed', 'Embedded pages from other sites are turned off here.', id)
  }
  if (record.typeName === 'asset' && !assetStaysHome(props)) {
    return problem('outside_address', 'Pictures and links must not load anything from other sites.', id)
  }
  return null
}

/**
 * Checks one value written to the board's meta map: the schema must be exactly this server's (a
 * different one would make every fresh page refuse the board), the start template an id.
 */
export function checkMetaEntry(key: string, value: unknown): ContentProblem | null {
  if (key === BOARD_DOC.schemaKey) {
    return sameJson(value, boardSchemaSerialized())
      ? null
      : problem('schema_mismatch', 'The change was made by another version of the editor. Reload the page.')
  }
  if (key === BOARD_DOC.startTemplateKey && templateIdSchema.safeParse(value).success) return null
  return problem('bad_board_metadata', 'The change touched board settings that cannot be changed this way.')
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// Text a shape draws: rich text (labels, notes, text blocks) and plain names (frames, images' alt text).
const TEXT_PROPS = ['richText', 'text', 'name', 'altText'] as const

/** Characters of text a record's props hold, counted the way they are drawn. */
export function textLength(props: Record<string, unknown>): number {
  let total = 0
  for (const key of TEXT_PROPS) total += textIn(props[key])
  return total
}

function textIn(node: unknown): number {
  if (typeof node === 'string') return node.length
  if (!isObject(node)) return 0
  let total = typeof node.text === 'string' ? node.text.length : 0
  if (Array.isArray(node.content)) for (const child of node.content) total += textIn(child)
  return total
}

function recordBytes(record: Record<string, unknown>, props: Record<string, unknown>): number {
  // an image or video keeps its picture inline (a data: address), as large as tldraw allows
  const inline = typeof props.src === 'string' && props.src.startsWith('data:') ? props.src.length : 0
  return JSON.stringify(record).length - inline
}

/** `example.com` (or `example.com:8443`) matches that host; `*.example.com` matches its subdomains. */
function hostMatches(pattern: string, url: URL): boolean {
  if (pattern.startsWith('*.')) return url.hostname.endsWith(pattern.slice(1))
  return pattern === url.host || pattern === url.hostname
}

function embedAllowed(url: unknown, limits: BoardLimits): boolean {
  if (typeof url !== 'string') return false
  try {
    const parsed = new URL(url)
    // https only: the page's Content-Security-Policy frames nothing else
    if (parsed.protocol !== 'https:') return false
    return limits.embedHosts.some((allowed) => hostMatches(allowed.toLowerCase(), parsed))
  } catch {
    return false
  }
}

// Asset props that a browser loads: an image or video's picture, a bookmark's preview and icon.
const LOADED_PROPS = ['src', 'image', 'favicon'] as const

/** Whether every address an asset makes browsers load is inline or on this server (closed networks). */
function assetStaysHome(props: Record<string, unknown>): boolean {
  return LOADED_PROPS.every((key) => {
    const address = props[key]
    if (address === undefined || address === null || address === '') return true
    if (typeof address !== 'string') return false
    // a path on this server; '//host' and a backslash after '/' lead to other hosts to a browser
    return address.startsWith('data:') || /^\/(?![/\\])/.test(address)
  })
}
