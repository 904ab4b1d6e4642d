// Names of the orgs in the caller's scope, loaded once (keyset pages of 500) and shared, so
// tables can show "乾县总工会" instead of an id.
import { ref } from 'vue'
import { listOrgs } from '@/api/orgs'
import type { Org } from '@/api/types'

const orgs = ref<Org[]>([])
const byId = ref(new Map<number, Org>())
let loading: Promise<void> | null = null

async function loadAll(): Promise<void> {
  const all: Org[] = []
  let cursor: string | null = null
  for (let i = 0; i < 40; i++) {
    const page = await listOrgs(cursor, 500)
    all.push(...page.items)
    cursor = page.next_cursor
    if (!cursor) break
  }
  orgs.value = all
  byId.value = new Map(all.map((o) => [o.id, o]))
}

export function useOrgNames() {
  if (!loading) {
    loading = loadAll().catch(() => {
      loading = null
    })
  }
  const name = (id: number | null | undefined): string => {
    if (id === null || id === undefined) return ''
    return byId.value.get(id)?.name ?? `#${id}`
  }
  return { orgs, name, ready: () => loading ?? Promise.resolve() }
}

// After a new org is created: load again on next use.
export function forgetOrgNames(): void {
  loading = null
}
