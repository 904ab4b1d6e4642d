// Keyset paging for the server's {items, next_cursor} lists: a stack of cursors gives "previous"
// without offsets, and a row already shown on the page is never shown twice. A cursor is opaque
// and valid only with the filters it was answered for: when the server refuses one (422
// request.cursor, e.g. the filters were edited since), the pager starts again from the first page.
import { computed, ref, type Ref } from 'vue'
import { ApiError } from '@/api/http'
import type { Page } from '@/api/types'

export function useKeysetPager<T extends { id: number }>(fetchPage: (cursor: string | null) => Promise<Page<T>>) {
  const rows: Ref<T[]> = ref([])
  const total = ref<number | null>(null)
  const loading = ref(false)
  const error = ref('')
  const cursors = ref<(string | null)[]>([null]) // cursor that produced page i
  const next = ref<string | null>(null)
  const pageNo = computed(() => cursors.value.length)

  // Only the latest request's answer is shown: a page load still in flight when the filters
  // change (a search typed while the first page loads) must not overwrite the newer answer.
  let latest = 0

  async function load(cursor: string | null): Promise<boolean> {
    const mine = ++latest
    loading.value = true
    error.value = ''
    try {
      const page = await fetchPage(cursor)
      if (mine !== latest) return false
      const seen = new Set<number>()
      rows.value = page.items.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)))
      next.value = page.next_cursor
      if (page.total !== undefined) total.value = page.total
      return true
    } catch (e) {
      if (mine !== latest) return false
      if (cursor !== null && e instanceof ApiError && e.code === 'request.cursor') {
        cursors.value = [null]
        loading.value = false
        await load(null)
        return false
      }
      error.value = e instanceof Error ? e.message : String(e)
      return false
    } finally {
      if (mine === latest) loading.value = false
    }
  }

  async function first(): Promise<void> {
    cursors.value = [null]
    await load(null)
  }
  async function forward(): Promise<void> {
    if (!next.value) return
    const c = next.value
    if (await load(c)) cursors.value = [...cursors.value, c]
  }
  async function back(): Promise<void> {
    if (cursors.value.length < 2) return
    const prev = cursors.value.slice(0, -1)
    if (await load(prev[prev.length - 1])) cursors.value = prev
  }
  async function reload(): Promise<void> {
    await load(cursors.value[cursors.value.length - 1])
  }

  return { rows, total, loading, error, next, pageNo, first, forward, back, reload }
}
