// The keyset pager: forward/back by a stack of cursors, no row shown twice, errors kept.
import { describe, expect, it } from 'vitest'
import { useKeysetPager } from '@/composables/keysetPager'
import { ApiError } from '@/api/http'
import type { Page } from '@/api/types'

type Row = { id: number; name: string }
const rows = (...ids: number[]): Row[] => ids.map((id) => ({ id, name: `#${id}` }))

function server(pages: Record<string, Page<Row>>) {
  const asked: (string | null)[] = []
  const fetchPage = async (cursor: string | null) => {
    asked.push(cursor)
    const p = pages[cursor ?? 'first']
    if (!p) throw new Error('列表已变化，请从第一页重新查询')
    return p
  }
  return { asked, fetchPage }
}

describe('useKeysetPager', () => {
  it('pages forward and back with the cursors the server gave', async () => {
    const s = server({
      first: { items: rows(1, 2), next_cursor: 'c2', total: 5 },
      c2: { items: rows(3, 4), next_cursor: 'c3' },
      c3: { items: rows(5), next_cursor: null },
    })
    const p = useKeysetPager<Row>(s.fetchPage)
    await p.first()
    expect(p.rows.value.map((r) => r.id)).toEqual([1, 2])
    expect(p.total.value).toBe(5)
    await p.forward()
    await p.forward()
    expect(p.pageNo.value).toBe(3)
    expect(p.rows.value.map((r) => r.id)).toEqual([5])
    expect(p.next.value).toBeNull()
    await p.forward() // no next page: nothing asked
    await p.back()
    expect(p.pageNo.value).toBe(2)
    expect(p.rows.value.map((r) => r.id)).toEqual([3, 4])
    expect(p.total.value).toBe(5) // kept from the first page
    expect(s.asked).toEqual([null, 'c2', 'c3', 'c2'])
  })

  it('shows the latest request\'s answer when an older one answers after it', async () => {
    // The first page (slow) and a search typed meanwhile (fast): the search's rows stay.
    let release: (p: Page<Row>) => void = () => {}
    const slow = new Promise<Page<Row>>((resolve) => (release = resolve))
    let calls = 0
    const p = useKeysetPager<Row>(async () => (++calls === 1 ? slow : { items: rows(9), next_cursor: null, total: 1 }))
    const firstLoad = p.first()
    await p.first()
    expect(p.rows.value.map((r) => r.id)).toEqual([9])
    release({ items: rows(1, 2, 3), next_cursor: 'c2', total: 30 })
    await firstLoad
    expect(p.rows.value.map((r) => r.id)).toEqual([9])
    expect(p.total.value).toBe(1)
    expect(p.loading.value).toBe(false)
  })

  it('never shows the same row twice on a page', async () => {
    const s = server({ first: { items: [...rows(1, 2), { id: 2, name: 'again' }, ...rows(3)], next_cursor: null } })
    const p = useKeysetPager<Row>(s.fetchPage)
    await p.first()
    expect(p.rows.value.map((r) => r.id)).toEqual([1, 2, 3])
    expect(p.rows.value[1].name).toBe('#2')
  })

  it('stays on the page when the next one fails, with the error shown', async () => {
    const s = server({ first: { items: rows(1), next_cursor: 'gone' } })
    const p = useKeysetPager<Row>(s.fetchPage)
    await p.first()
    await p.forward()
    expect(p.pageNo.value).toBe(1)
    expect(p.error.value).toMatch(/从第一页重新查询/)
    expect(p.loading.value).toBe(false)
    await p.first()
    expect(p.error.value).toBe('')
  })

  it('starts again from the first page when the server refuses a cursor (filters changed)', async () => {
    let q = 'a'
    const asked: string[] = []
    const p = useKeysetPager<Row>(async (cursor) => {
      asked.push(`${q}:${cursor}`)
      if (cursor === null) return { items: q === 'a' ? rows(1) : rows(7), next_cursor: `${q}-2` }
      if (!cursor.startsWith(`${q}-`)) throw new ApiError(422, 'request.cursor', '分页游标无效，请从第一页重新查询', 'cursor')
      return { items: rows(2), next_cursor: null }
    })
    await p.first()
    q = 'b' // the filter is edited, but "next" is pressed before searching
    await p.forward()
    expect(asked).toEqual(['a:null', 'b:a-2', 'b:null'])
    expect(p.pageNo.value).toBe(1)
    expect(p.rows.value.map((r) => r.id)).toEqual([7])
    expect(p.next.value).toBe('b-2')
    expect(p.error.value).toBe('')
    expect(p.loading.value).toBe(false)
  })
})
