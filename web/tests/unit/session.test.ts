// The API client and the router together: a 401 on any call sends the user to the login page with
// the page they were on as ?redirect, and signing in again brings them back there.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { ApiError, get, post, setCsrfToken } from '@/api/http'
import { router } from '@/router'
import { useAuth } from '@/stores/auth'
import { returnPath } from '@/utils/returnPath'

const user = {
  id: 7, username: 'cadre', display_name: '干部', org_id: 1, roles: ['union_cadre'],
  permissions: ['member.read'], must_change_password: false, mfa_pending: false, csrf_token: 'tok-1',
}

type Call = { url: string; method: string; headers: Record<string, string> }
let calls: Call[] = []
let sessionAlive = true

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

beforeEach(() => {
  setActivePinia(createPinia())
  calls = []
  sessionAlive = true
  localStorage.clear()
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
    calls.push({ url, method: String(init.method), headers: init.headers as Record<string, string> })
    if (!sessionAlive) return json(401, { error: { code: 'auth.session_expired', message: 'session expired' } })
    if (url === '/api/v1/auth/me') return json(200, user)
    if (url.startsWith('/api/v1/members')) return json(200, { items: [], next_cursor: null, total: 0 })
    return json(404, { error: { code: 'request.not_found', message: '' } })
  }))
})

describe('API client', () => {
  it('sends the CSRF token on state changes only', async () => {
    setCsrfToken('tok-9')
    await get('/api/v1/members')
    await post('/api/v1/members', {}).catch(() => undefined)
    expect(calls[0].headers['X-CSRF-Token']).toBeUndefined()
    expect(calls[1].headers['X-CSRF-Token']).toBe('tok-9')
  })
  it('turns the server error into an ApiError with the Chinese message', async () => {
    sessionAlive = false
    const e = await get('/api/v1/members').catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect((e as ApiError).status).toBe(401)
    expect((e as ApiError).code).toBe('auth.session_expired')
    expect((e as ApiError).message).toBe('登录已失效，请重新登录')
  })
  it('a network failure is an ApiError too', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch') }))
    const e = await get('/api/v1/members').catch((x: unknown) => x)
    expect((e as ApiError).code).toBe('network')
  })
})

describe('session expiry', () => {
  it('401 → login page with the return path → back after signing in', async () => {
    setCsrfToken('tok-1') // a sign-in happened in this browser
    await router.push('/members?q=zs')
    expect(router.currentRoute.value.fullPath).toBe('/members?q=zs')
    expect(useAuth().user?.username).toBe('cadre')

    sessionAlive = false
    await get('/api/v1/members', { q: 'zs' }).catch(() => undefined)
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'))
    const q = router.currentRoute.value.query
    expect(q.redirect).toBe('/members?q=zs')
    expect(q.expired).toBe('1')
    expect(useAuth().user).toBeNull()

    sessionAlive = true
    useAuth().signedIn('tok-2', user)
    await router.replace(returnPath(q.redirect))
    expect(router.currentRoute.value.fullPath).toBe('/members?q=zs')
  })

  it('a visitor who never signed in goes to login with the page asked for, without asking the server', async () => {
    await router.push('/transfers')
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/transfers')
    expect(calls).toEqual([])
  })
})
