// The unread count of the signed-in staff member's notices: the header's bell shows it, the
// notices page keeps it right as notices are read. A failed poll keeps the last count.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { unreadNotices } from '@/api/notices'
import { useAuth } from './auth'

export const useNotices = defineStore('notices', () => {
  const auth = useAuth()
  const unread = ref(0)

  async function refresh(): Promise<void> {
    if (!auth.ready || !auth.can('notice.read')) return
    try {
      unread.value = (await unreadNotices()).unread
    } catch {
      // the next poll tries again; a lost session is handled by the API client
    }
  }

  return { unread, refresh }
})
