// The signed-in worker and the unread count of the tab bar's badge. The CSRF token is in memory
// only (@/api/http); after a reload GET /worker/me gives it again. A hint in localStorage (its own
// key, not the console's) says whether asking is worth it.
import { reactive } from 'vue'
import { maybeSignedIn, setCsrfToken, setSignedInHintKey } from '@/api/http'
import { workerLogout, workerMe, type WorkerLogin, type WorkerMe } from './api/identity'
import { unreadNotices } from './api/notices'

setSignedInHintKey('gh.worker-signed-in')

export const session = reactive({
  worker: null as WorkerMe | null,
  unread: 0,
})

let unreadAt = 0

export async function ensureSession(): Promise<boolean> {
  if (session.worker) return true
  if (!maybeSignedIn()) return false
  try {
    const me = await workerMe()
    setCsrfToken(me.csrf_token ?? null)
    session.worker = me
    return true
  } catch {
    setCsrfToken(null)
    return false
  }
}

export function signedIn(res: WorkerLogin): void {
  setCsrfToken(res.csrf_token)
  session.worker = res.worker
  unreadAt = 0
}

// Forgets the session here (after a 401, or after signing out).
export function forget(): void {
  setCsrfToken(null)
  session.worker = null
  session.unread = 0
}

export async function signOut(): Promise<void> {
  try {
    await workerLogout()
  } finally {
    forget()
  }
}

// The badge: asked at most every 30 s while moving between pages, or at once with force.
export async function refreshUnread(force = false): Promise<void> {
  if (!session.worker || (!force && Date.now() - unreadAt < 30000)) return
  unreadAt = Date.now()
  try {
    session.unread = (await unreadNotices()).unread
  } catch {
    // a badge is not worth an error message; the inbox itself shows one
  }
}
