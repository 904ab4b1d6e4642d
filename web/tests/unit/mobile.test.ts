// The phone page's own logic: how a refusal reads (a 429's wait, field errors only for 422), the
// session's hint key and the CSRF token from /worker/me after a reload, and the notices inbox
// (keyset pages, opening marks read, the badge follows) against a stubbed fetch.
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { ApiError, post } from '@/api/http'
import { errorField, errorText, retryAfter } from '@/mobile/components/errors'
import { ensureSession, forget, session } from '@/mobile/session'
import { useVant } from '@/mobile/vant'
import NoticesPage from '@/mobile/notices/NoticesPage.vue'

type Call = { url: string; method: string; headers: Record<string, string> }
let calls: Call[] = []
let meStatus = 200
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

const notice = (id: number, read: boolean) => ({
  id, kind: 'join.approved', title: `通知 ${id}`, body: `正文 ${id}`, created_at: '2026-12-04T08:00:00Z',
  read_at: read ? '2026-12-04T09:00:00Z' : null,
})

beforeEach(() => {
  calls = []
  meStatus = 200
  localStorage.clear()
  forget()
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
    calls.push({ url, method: String(init.method), headers: init.headers as Record<string, string> })
    if (url === '/api/v1/worker/me' && meStatus === 401) return json(401, { error: { code: 'auth.session_expired', message: '' } })
    if (url === '/api/v1/worker/me') return json(200, { id: 3, phone_masked: '137****0777', has_password: false, csrf_token: 'w-tok' })
    if (url.startsWith('/api/v1/worker/notices?')) {
      return url.includes('cursor=c2')
        ? json(200, { items: [notice(1, true)], next_cursor: null, unread: 2 })
        : json(200, { items: [notice(3, false), notice(2, false)], next_cursor: 'c2', unread: 2 })
    }
    if (/\/api\/v1\/worker\/notices\/\d+\/read$/.test(url)) return json(200, { read: true })
    if (url === '/api/v1/worker/notices/read-all') return json(200, { read: 1 })
    return json(404, { error: { code: 'request.not_found', message: '' } })
  }))
})

describe('phone page messages', () => {
  it('adds the wait of a 429 to the console\'s message', () => {
    const e = new ApiError(429, 'auth.otp_too_soon', '验证码发送过于频繁，请一分钟后再试', 'phone', { retry_after: 42 })
    expect(retryAfter(e)).toBe(42)
    expect(errorText(e)).toBe('验证码发送过于频繁，请一分钟后再试（还需等待 42 秒）')
    expect(errorField(e)).toBe('')
    const long = new ApiError(429, 'auth.otp_daily_limit', '今日验证码次数已用完，请明天再试', '', { retry_after: 7200 })
    expect(errorText(long)).toBe('今日验证码次数已用完，请明天再试（还需等待 2 小时）')
  })
  it('does not repeat seconds the message already names, and puts 422s under their field', () => {
    const e = new ApiError(429, 'lookup.rate_limited', '按身份证号或手机号查询过于频繁，请 30 秒后再试', '', { retry_after: 30 })
    expect(errorText(e)).toBe('按身份证号或手机号查询过于频繁，请 30 秒后再试')
    expect(errorField(new ApiError(422, 'id_number.checksum', '校验位错误', 'id_number'))).toBe('id_number')
  })
})

describe('phone page session', () => {
  it('keeps its own hint, and after a reload takes the CSRF token from /worker/me', async () => {
    expect(await ensureSession()).toBe(false) // no hint: not even asked
    expect(calls).toHaveLength(0)
    localStorage.setItem('gh.worker-signed-in', '1')
    expect(localStorage.getItem('gh.signed-in')).toBeNull()
    expect(await ensureSession()).toBe(true)
    expect(session.worker?.phone_masked).toBe('137****0777')
    await post('/api/v1/worker/notices/read-all')
    expect(calls.at(-1)?.headers['X-CSRF-Token']).toBe('w-tok')
  })
})

describe('phone page router', () => {
  it('with a stale hint, sends to the sign-in and keeps the page asked for', async () => {
    localStorage.setItem('gh.worker-signed-in', '1')
    meStatus = 401
    const { router } = await import('@/mobile/router')
    await router.push('/joining/card')
    expect(router.currentRoute.value.path).toBe('/login')
    expect(router.currentRoute.value.query.redirect).toBe('/joining/card')
    expect(localStorage.getItem('gh.worker-signed-in')).toBeNull()
  })
})

describe('notices inbox', () => {
  it('pages with the cursor, marks an opened notice read and lowers the badge', async () => {
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/notices', component: NoticesPage, meta: { tab: 'notices', title: '通知' } }] })
    await router.push('/notices')
    const w = mount(NoticesPage, { global: { plugins: [router, { install: useVant }] }, attachTo: document.body })
    await vi.waitFor(() => expect(w.findAll('[data-test^=notice-]').filter((n) => /^notice-\d+$/.test(n.attributes('data-test') ?? ''))).toHaveLength(3), { timeout: 5000 })
    expect(calls.some((c) => c.url.includes('cursor=c2'))).toBe(true)
    expect(session.unread).toBe(2)
    expect(w.text()).toContain('2 条未读')
    await w.find('[data-test=notice-3] .van-cell').trigger('click')
    await flushPromises()
    expect(calls.some((c) => c.url === '/api/v1/worker/notices/3/read' && c.method === 'POST')).toBe(true)
    expect(w.find('[data-test=notice-3] [data-test=notice-body]').text()).toBe('正文 3')
    expect(session.unread).toBe(1)
    // Opening a read one asks nothing.
    const before = calls.length
    await w.find('[data-test=notice-1] .van-cell').trigger('click')
    await flushPromises()
    expect(calls.length).toBe(before)
    await w.find('[data-test=read-all]').trigger('click')
    await flushPromises()
    expect(session.unread).toBe(0)
    expect(w.text()).toContain('没有未读通知')
    w.unmount()
  })
})

// Vant's safe-area placeholders measure themselves 100, 200 and 300 ms after mounting; on a busy
// machine the file can end before that and the timers would fire after the DOM is gone (an
// unhandled "window is not defined" that fails the run). Let them run while the DOM is here.
afterAll(async () => {
  await new Promise((resolve) => setTimeout(resolve, 350))
})
