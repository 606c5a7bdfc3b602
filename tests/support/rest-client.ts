import { expect } from 'vitest'
import { apiErrorSchema } from '../../shared/protocol/errors'

/** A REST caller for one server: JSON in, Response out; the token goes in the Authorization header. */
export function restClient(baseUrl: string) {
  const send = (method: string, path: string, token?: string, body?: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
  return {
    get: (path: string, token?: string) => send('GET', path, token),
    post: (path: string, token?: string, body?: unknown) => send('POST', path, token, body ?? {}),
    patch: (path: string, token?: string, body?: unknown) => send('PATCH', path, token, body),
    del: (path: string, token?: string) => send('DELETE', path, token),
    put: (path: string, token: string | undefined, bytes: Uint8Array, contentType = 'image/png') =>
      fetch(`${baseUrl}${path}`, {
        method: 'PUT',
        headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: Buffer.from(bytes),
      }),
  }
}

export type RestClient = ReturnType<typeof restClient>

/** Expects the JSON error contract with this status and code, and a message for people. */
export async function expectError(res: Response, status: number, code: string): Promise<void> {
  expect(res.status).toBe(status)
  const body = apiErrorSchema.parse(await res.json())
  expect(body.error.code).toBe(code)
  expect(body.error.message.length).toBeGreaterThan(0)
}
