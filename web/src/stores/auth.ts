// The signed-in user and what they may do; the menu and every button ask `can`.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as api from '@/api/auth'
import { maybeSignedIn, setCsrfToken } from '@/api/http'
import { getOrg } from '@/api/orgs'
import type { Org, Principal } from '@/api/types'

export const useAuth = defineStore('auth', () => {
  const user = ref<Principal | null>(null)
  const org = ref<Org | null>(null)
  const loaded = ref(false)

  const ready = computed(() => !!user.value && !user.value.must_change_password && !user.value.mfa_pending)

  function can(permission: string): boolean {
    return !!user.value && user.value.permissions.includes(permission)
  }

  async function loadOrg(): Promise<void> {
    org.value = null
    if (user.value && ready.value && can('org.read')) {
      try {
        org.value = await getOrg(user.value.org_id)
      } catch {
        org.value = null
      }
    }
  }

  // Asks the server who is signed in; false when nobody is.
  async function refresh(): Promise<boolean> {
    // Nobody signed in from this browser: no session worth asking about.
    if (!maybeSignedIn()) {
      user.value = null
      loaded.value = true
      return false
    }
    try {
      const me = await api.me()
      setCsrfToken(me.csrf_token ?? null)
      user.value = me
      await loadOrg()
      return true
    } catch {
      user.value = null
      setCsrfToken(null)
      return false
    } finally {
      loaded.value = true
    }
  }

  function signedIn(csrf: string, p: Principal): void {
    setCsrfToken(csrf)
    user.value = p
    loaded.value = true
  }

  function clear(): void {
    user.value = null
    org.value = null
    setCsrfToken(null)
  }

  async function logout(): Promise<void> {
    try {
      await api.logout()
    } finally {
      clear()
    }
  }

  return { user, org, loaded, ready, can, refresh, loadOrg, signedIn, clear, logout }
})
