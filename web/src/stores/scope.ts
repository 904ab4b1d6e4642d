// The org the console works on (the header's switcher): the user's own org or one below it. Pages
// (dashboard, members, org tree, join applications) start from it. Kept per user in localStorage;
// a stored org that is no longer in scope falls back to the user's own.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { getOrg } from '@/api/orgs'
import { useAuth } from './auth'

const key = (userId: number) => `gh.scope.${userId}`

export const useScope = defineStore('scope', () => {
  const auth = useAuth()
  const chosen = ref<{ id: number; name: string } | null>(null)

  const orgId = computed(() => chosen.value?.id ?? auth.user?.org_id ?? 0)
  const orgName = computed(() => chosen.value?.name ?? auth.org?.name ?? `组织 #${auth.user?.org_id ?? ''}`)

  function set(id: number, name: string): void {
    if (!auth.user) return
    if (id === auth.user.org_id) {
      chosen.value = null
      localStorage.removeItem(key(auth.user.id))
    } else {
      chosen.value = { id, name }
      localStorage.setItem(key(auth.user.id), String(id))
    }
  }

  // After sign-in: the stored choice, if the server still shows it to this user.
  async function restore(): Promise<void> {
    chosen.value = null
    if (!auth.user || !auth.can('org.read')) return
    const stored = Number(localStorage.getItem(key(auth.user.id)) ?? '')
    if (!stored || stored === auth.user.org_id) return
    try {
      const o = await getOrg(stored)
      chosen.value = { id: o.id, name: o.name }
    } catch {
      localStorage.removeItem(key(auth.user.id))
    }
  }

  return { orgId, orgName, set, restore }
})
