// The one way the console talks to the server: JSON over fetch with the session cookie, the
// CSRF header on every state change, and the server's {"error":{…}} turned into an ApiError.
import { friendlyMessage } from '@/utils/errors'

// The CSRF token lives in memory only (from the login answer, or /auth/me after a reload); the
// browser keeps just a hint that a sign-in happened, so a visitor who never signed in is not
// greeted by a 401. Each app has its own hint (the console's staff session and the phone page's
// worker session are different cookies on the same origin).
let signedInHint = 'gh.signed-in'
let csrf = ''

// The phone page (web/src/mobile) calls this once at start with its own key.
export function setSignedInHintKey(key: string): void {
  signedInHint = key
}

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field: string
  readonly extra: Record<string, unknown>
  constructor(status: number, code: string, message: string, field = '', extra: Record<string, unknown> = {}) {
    super(message)
    this.status = status
    this.code = code
    this.field = field
    this.extra = extra
  }
}

// Called when the server says the session is gone (set by the router on start-up).
let onSessionLost: (() => void) | null = null
export function setSessionLostHandler(fn: () => void): void {
  onSessionLost = fn
}

export function setCsrfToken(token: string | null): void {
  csrf = token ?? ''
  if (token) localStorage.setItem(signedInHint, '1')
  else localStorage.removeItem(signedInHint)
}

export function maybeSignedIn(): boolean {
  return localStorage.getItem(signedInHint) === '1'
}

export type Query = Record<string, string | number | boolean | null | undefined>

export function withQuery(path: string, query?: Query): string {
  if (!query) return path
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v))
  }
  const s = p.toString()
  return s ? `${path}?${s}` : path
}

async function toError(res: Response): Promise<ApiError> {
  let body: unknown = null
  try {
    body = await res.json()
  } catch {
    body = null
  }
  const e = (body as { error?: Record<string, unknown> } | null)?.error
  if (e && typeof e.code === 'string') {
    const { code, message, field, ...extra } = e
    const err = new ApiError(res.status, code, String(message ?? ''), String(field ?? ''), extra)
    err.message = friendlyMessage(err)
    return err
  }
  const err = new ApiError(res.status, `http.${res.status}`, '')
  err.message = friendlyMessage(err)
  return err
}

export async function raw(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<Response> {
  const headers: Record<string, string> = { ...extra, Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = csrf
  let res: Response
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    })
  } catch {
    const err = new ApiError(0, 'network', '')
    err.message = friendlyMessage(err)
    throw err
  }
  if (!res.ok) {
    const err = await toError(res)
    if (res.status === 401 && onSessionLost) onSessionLost()
    throw err
  }
  return res
}

export async function request<T>(method: string, path: string, body?: unknown, extra?: Record<string, string>): Promise<T> {
  const res = await raw(method, path, body, extra)
  if (res.status === 204) return undefined as T
  return (await res.json()) as T
}

export const get = <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query))
export const post = <T>(path: string, body: unknown = {}) => request<T>('POST', path, body)
// A POST with more headers (Idempotency-Key: the same key on a retry makes it happen once).
export const postWith = <T>(path: string, body: unknown, headers: Record<string, string>) =>
  request<T>('POST', path, body, headers)
export const put = <T>(path: string, body: unknown = {}) => request<T>('PUT', path, body)

// A file as the raw request body (XMLHttpRequest, for its upload progress; fetch has none).
export function upload<T>(path: string, body: Blob, onProgress: (pct: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', path)
    xhr.withCredentials = true
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.setRequestHeader('Content-Type', body.type || 'application/octet-stream')
    xhr.setRequestHeader('X-CSRF-Token', csrf)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(Math.round((e.loaded / e.total) * 100))
    }
    xhr.onerror = () => {
      const err = new ApiError(0, 'network', '')
      err.message = friendlyMessage(err)
      reject(err)
    }
    xhr.onload = () => {
      let parsed: unknown = null
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null
      } catch {
        parsed = null
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100)
        resolve(parsed as T)
        return
      }
      const e = (parsed as { error?: Record<string, unknown> } | null)?.error
      const err = e && typeof e.code === 'string'
        ? new ApiError(xhr.status, e.code, String(e.message ?? ''), String(e.field ?? ''))
        : new ApiError(xhr.status, `http.${xhr.status}`, '')
      err.message = friendlyMessage(err)
      if (xhr.status === 401 && onSessionLost) onSessionLost()
      reject(err)
    }
    xhr.send(body)
  })
}

export const del = <T>(path: string) => request<T>('DELETE', path)

// A binary answer (an image, a file) as a Blob, with the same errors as JSON calls.
export async function blob(path: string): Promise<Blob> {
  return (await raw('GET', path)).blob()
}
