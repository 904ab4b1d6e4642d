// The browser test's world: a throwaway SQLite database with the demo data and a few accounts
// made through the real CLI, a real `gonghui serve` on a free port serving web/dist, and Debian's
// chromium driven by playwright-core (never a downloaded browser).
import { spawn, spawnSync } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { checkOnScreenshot } from './a11y.mjs'

export const INITIAL = 'Init1al-Passw0rd!'
export const CHANGED = 'Chang3d-Passw0rd!'

const binary = process.env.GONGHUI_BINARY
const webRoot = process.env.GONGHUI_WEB_ROOT
export const outDir = process.env.GONGHUI_WEB_TEST_OUTPUT ?? join(tmpdir(), 'gonghui-web-test-output')
if (!binary || !webRoot) throw new Error('GONGHUI_BINARY and GONGHUI_WEB_ROOT must be set (run through CTest)')

export class World {
  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'gonghui-web-'))
    this.db = `sqlite://${this.dir}/gonghui.db`
    this.keyFile = join(this.dir, 'pii.key')
    this.server = null
    this.contexts = []
    mkdirSync(outDir, { recursive: true })
  }

  cli(args, input = '') {
    const r = spawnSync(binary, [...args, '--db', this.db, '--key-file', this.keyFile], {
      input, encoding: 'utf8', timeout: 120000,
    })
    if (r.status !== 0) throw new Error(`gonghui ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`)
    return r.stdout
  }

  addUser(username, org, roles, displayName) {
    const args = ['user', 'add', '--org', org, '--username', username, '--display-name', displayName, '--password-stdin']
    for (const r of roles) args.push('--role', r)
    this.cli(args, `${INITIAL}\n`)
  }

  // `extra`: more flags for serve (the phone page's test passes --sms-url); `env`: more variables.
  async start(extra = [], env = {}) {
    this.port = await freePort()
    this.base = `http://127.0.0.1:${this.port}`
    this.server = spawn(binary, ['serve', '--db', this.db, '--key-file', this.keyFile,
      '--listen', `127.0.0.1:${this.port}`, '--web-root', webRoot, ...extra],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } })
    this.serverLog = ''
    // Both streams: the development SMS sender logs a worker's one-time code there.
    this.server.stdout.on('data', (d) => { this.serverLog += d })
    this.server.stderr.on('data', (d) => { this.serverLog += d })
    for (let i = 0; i < 400; i++) {
      if (this.server.exitCode !== null) throw new Error(`gonghui serve exited:\n${this.serverLog}`)
      try {
        if ((await fetch(`${this.base}/livez`)).ok) return
      } catch { /* not up yet */ }
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error(`gonghui serve did not start:\n${this.serverLog}`)
  }

  // A fresh browser profile (its own --user-data-dir) per user; `device` overrides the desktop
  // viewport (the phone page's test passes PHONE).
  async browser(name, device = {}) {
    const profile = mkdtempSync(join(this.dir, `profile-${name}-`))
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      locale: 'zh-CN',
      viewport: { width: 1366, height: 860 },
      ...device,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    this.contexts.push(context)
    const page = context.pages()[0] ?? (await context.newPage())
    page.consoleErrors = []
    page.allowHttpErrors = false
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return
      // A refused request logs "Failed to load resource"; only steps that provoke one on purpose
      // (an expired session) allow it.
      if (page.allowHttpErrors && msg.text().startsWith('Failed to load resource')) return
      page.consoleErrors.push(`${name}: ${msg.text()}`)
    })
    page.on('pageerror', (err) => page.consoleErrors.push(`${name}: ${err.message}`))
    checkOnScreenshot(page)
    return { context, page }
  }

  async close() {
    for (const c of this.contexts) await c.close().catch(() => {})
    if (this.server && this.server.exitCode === null) {
      this.server.kill('SIGTERM')
      await new Promise((r) => this.server.once('exit', r))
    }
    rmSync(this.dir, { recursive: true, force: true })
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
}

// A phone as the workers hold it: 375×667 CSS pixels at 2×, touch, a mobile browser's user agent.
export const PHONE = {
  viewport: { width: 375, height: 667 },
  screen: { width: 375, height: 667 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  userAgent: 'Mozilla/5.0 (Linux; Android 13; Gonghui Test Phone) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
}

// The API without a browser: sign in (changing the initial password) and call as that user.
export async function apiSession(base, username) {
  let cookie = ''
  let csrf = ''
  const call = async (method, path, body) => {
    const res = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const setCookie = res.headers.get('set-cookie')
    if (setCookie) cookie = setCookie.split(';')[0]
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : null }
  }
  const login = await call('POST', '/api/v1/auth/login', { username, password: INITIAL })
  if (login.status !== 200) throw new Error(`login ${username}: ${JSON.stringify(login.body)}`)
  csrf = login.body.csrf_token
  const changed = await call('POST', '/api/v1/auth/password', { old_password: INITIAL, new_password: CHANGED })
  if (changed.status !== 200) throw new Error(`password ${username}: ${JSON.stringify(changed.body)}`)
  return call
}

// RFC 6238 with the server's parameters (SHA-1, 6 digits, 30 s).
export function totp(base32, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = ''
  for (const c of base32.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0')
  const bytes = []
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2))
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)))
  const h = createHmac('sha1', Buffer.from(bytes)).update(counter).digest()
  const o = h[h.length - 1] & 0xf
  const n = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3]
  return String(n % 1000000).padStart(6, '0')
}

// A worker on a phone, signed in over the API: a one-time code (read from the development
// sender's log line) and the login. Returns call(method, path, body) with the worker's session
// cookie and CSRF token.
export async function workerSignIn(world, phone) {
  let cookie = ''
  let csrf = ''
  const call = async (method, path, body) => {
    const res = await fetch(world.base + path, {
      method,
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const setCookie = res.headers.get('set-cookie')
    if (setCookie) cookie = setCookie.split(';')[0]
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : null }
  }
  const logFrom = world.serverLog.length
  const sent = await call('POST', '/api/v1/worker/otp', { phone })
  if (sent.status !== 200) throw new Error(`otp: ${JSON.stringify(sent.body)}`)
  const line = new RegExp(`phone=${phone.slice(0, 3)}\\*{4}${phone.slice(7)} code=(\\d{6})`)
  let code = null
  for (let i = 0; i < 100 && !code; i++) {
    code = world.serverLog.slice(logFrom).match(line)?.[1] ?? null
    if (!code) await new Promise((r) => setTimeout(r, 50))
  }
  if (!code) throw new Error('no one-time code in the server log')
  const login = await call('POST', '/api/v1/worker/login', { phone, code })
  if (login.status !== 200) throw new Error(`worker login: ${JSON.stringify(login.body)}`)
  csrf = login.body.csrf_token
  return call
}

// A worker on a phone signs in and applies with the current consent. Returns the application.
export async function workerApplies(world, form) {
  const call = await workerSignIn(world, form.phone)
  const consent = await call('GET', '/api/v1/worker/applications/consent')
  const applied = await call('POST', '/api/v1/worker/applications',
    { ...form, pi_consent: true, consent_version: consent.body.version })
  if (applied.status !== 201) throw new Error(`apply: ${JSON.stringify(applied.body)}`)
  return applied.body
}
