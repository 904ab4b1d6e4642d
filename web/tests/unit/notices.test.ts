// The header bell's count (stores/notices.ts): asked only of a signed-in user with notice.read,
// kept when a poll fails.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { Principal } from '@/api/types'
import { useAuth } from '@/stores/auth'
import { useNotices } from '@/stores/notices'

const user = (permissions: string[]): Principal => ({
  id: 7, username: 'cadre', display_name: '干部', org_id: 1, roles: ['union_cadre'],
  permissions, must_change_password: false, mfa_pending: false,
})

let urls: string[] = []
let answer: () => Response

beforeEach(() => {
  setActivePinia(createPinia())
  urls = []
  answer = () => new Response(JSON.stringify({ unread: 3 }), { status: 200, headers: { 'Content-Type': 'application/json' } })
  vi.stubGlobal('fetch', vi.fn(async (url: string) => {
    urls.push(url)
    return answer()
  }))
})

describe('notices store', () => {
  it('reads the unread count for a user with notice.read', async () => {
    useAuth().signedIn('tok', user(['notice.read']))
    const n = useNotices()
    await n.refresh()
    expect(urls).toEqual(['/api/v1/notices/unread'])
    expect(n.unread).toBe(3)
  })

  it('asks nothing without notice.read or before the password is changed', async () => {
    const auth = useAuth()
    auth.signedIn('tok', user(['member.read']))
    await useNotices().refresh()
    auth.signedIn('tok', { ...user(['notice.read']), must_change_password: true })
    await useNotices().refresh()
    expect(urls).toEqual([])
  })

  it('keeps the last count when a poll fails', async () => {
    useAuth().signedIn('tok', user(['notice.read']))
    const n = useNotices()
    await n.refresh()
    answer = () => new Response('', { status: 503 })
    await n.refresh()
    expect(n.unread).toBe(3)
  })
})
