import { z } from 'zod'

/** Messages the bench sends to a server child over its IPC channel. */
export const controlRequestSchema = z.discriminatedUnion('type', [
  /** Garbage-collects, then reports the process's memory. */
  z.object({ id: z.number(), type: z.literal('memory') }),
  /** CPU time the process has used so far (user + system), without a GC. */
  z.object({ id: z.number(), type: z.literal('cpu') }),
  /** How many records the server's copy of a board holds (0 when it is not in memory). */
  z.object({ id: z.number(), type: z.literal('record-count'), docName: z.string() }),
  /** Frees a board from memory, if the server can (ours flushes it to SQLite; the reference cannot). */
  z.object({ id: z.number(), type: z.literal('unload'), docName: z.string() }),
])
export type ControlRequest = z.infer<typeof controlRequestSchema>

/** Messages a server child sends back: `ready` once listening, then one reply per request id. */
export const controlReplySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), port: z.number().int() }),
  z.object({ id: z.number(), type: z.literal('memory'), rss: z.number(), heapUsed: z.number() }),
  z.object({ id: z.number(), type: z.literal('cpu'), micros: z.number() }),
  z.object({ id: z.number(), type: z.literal('record-count'), count: z.number().int() }),
  z.object({ id: z.number(), type: z.literal('unload'), supported: z.boolean() }),
  z.object({ id: z.number(), type: z.literal('error'), message: z.string() }),
])
export type ControlReply = z.infer<typeof controlReplySchema>

/** The requests about the child process itself, answered the same way by every server. */
export type ProcessRequest = Extract<ControlRequest, { type: 'memory' | 'cpu' }>

/** Answers a `memory` or `cpu` request from this process's own figures. */
export function answerProcessRequest(request: ProcessRequest): ControlReply {
  switch (request.type) {
    case 'memory': {
      globalThis.gc?.()
      globalThis.gc?.()
      const { rss, heapUsed } = process.memoryUsage()
      return { id: request.id, type: 'memory', rss, heapUsed }
    }
    case 'cpu': {
      const { user, system } = process.cpuUsage()
      return { id: request.id, type: 'cpu', micros: user + system }
    }
  }
}

/** The Y.Map both servers are asked to count: where Lockstep keeps tldraw records. */
export const RECORDS_MAP = 'tldraw'

/** The one event the bare socket.io reference (socketio-server.ts) handles: ack, then send to the room. */
export const REBROADCAST_EVENT = 'bench:rebroadcast'

/** Hocuspocus's table (hocuspocus-server.ts), made by the bench before any instance starts, so they do not race. */
export const HOCUSPOCUS_TABLE = 'hocuspocus_documents'

/** Hocuspocus's update log when it stores every update before relaying it (`HOCUSPOCUS_STORE=every-update`). */
export const HOCUSPOCUS_UPDATES_TABLE = 'hocuspocus_updates'
