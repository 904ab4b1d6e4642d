// Role names → titles from GET /api/v1/roles, loaded once and shared by the account pages.
import { ref } from 'vue'
import { listRoles } from '@/api/accounts'
import type { RoleInfo } from '@/api/types'

const roles = ref<RoleInfo[]>([])
let loading: Promise<void> | null = null

// 三员分立: no account may hold two of these.
export const adminRoles = ['admin', 'security_admin', 'audit_admin']

export function useRoles() {
  if (!loading) {
    loading = listRoles()
      .then((r) => {
        roles.value = r.items
      })
      .catch(() => {
        loading = null
      })
  }
  const title = (name: string): string => roles.value.find((r) => r.name === name)?.title ?? name
  return { roles, title, ready: () => loading ?? Promise.resolve() }
}
