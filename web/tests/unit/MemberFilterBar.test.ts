// The member filter bar and the query it builds for GET /members.
import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import MemberFilterBar from '@/views/members/MemberFilterBar.vue'
import { clearedFilters, filtersToQuery, type FilterState } from '@/views/members/filters'

const empty: FilterState = { q: '', org: undefined, occupation: '', status: '', flags: [], joined: null, employer: '' }

describe('filtersToQuery', () => {
  it('leaves blank filters out', () => {
    expect(JSON.parse(JSON.stringify(filtersToQuery(empty)))).toEqual({})
    expect(JSON.parse(JSON.stringify(filtersToQuery({ ...empty, q: '   ', employer: ' ' })))).toEqual({})
  })
  it('trims text, joins crowd flags and splits the date range', () => {
    expect(filtersToQuery({
      q: ' 张三 ', org: 12, occupation: 'courier', status: 'active', flags: ['migrant_worker', 'hardship'],
      joined: ['2026-01-01', '2026-06-30'], employer: ' 顺丰 ',
    })).toEqual({
      q: '张三', org: 12, occupation: 'courier', status: 'active', flags: 'migrant_worker,hardship',
      joined_from: '2026-01-01', joined_to: '2026-06-30', employer: '顺丰',
    })
  })
  it('clearing keeps the search box and the org', () => {
    const f: FilterState = { q: 'zs', org: 3, occupation: 'x', status: 'left', flags: ['a'], joined: ['2026-01-01', '2026-01-02'], employer: 'y' }
    expect(clearedFilters(f)).toEqual({ ...empty, q: 'zs', org: 3 })
  })
})

describe('MemberFilterBar', () => {
  function mountBar(model: FilterState) {
    const updates: FilterState[] = []
    const w = mount(MemberFilterBar, {
      props: { modelValue: model, 'onUpdate:modelValue': (v: FilterState) => updates.push(v) },
      // A Vue warning (a wrong prop type, say) fails the test.
      global: { plugins: [ElementPlus], config: { warnHandler: (msg: string) => { throw new Error(msg) } } },
    })
    return { w, updates }
  }
  it('labels every control for screen readers', async () => {
    const { w } = mountBar({ ...empty })
    await flushPromises() // Element Plus gives its inputs their ids once mounted
    for (const id of ['filter-occupation', 'filter-status', 'filter-flags', 'filter-employer', 'filter-joined-from', 'filter-joined-to']) {
      expect(w.find(`label[for="${id}"]`).exists(), id).toBe(true)
      expect(w.find(`#${id}`).exists(), id).toBe(true)
    }
  })
  it('submitting the form applies the filters', async () => {
    const { w } = mountBar({ ...empty })
    await w.find('form').trigger('submit')
    expect(w.emitted('apply')).toHaveLength(1)
  })
  it('清空 resets the extra filters and applies', async () => {
    const { w, updates } = mountBar({ ...empty, q: 'zs', status: 'left', employer: '顺丰', flags: ['hardship'] })
    const clear = w.findAll('button').find((b) => b.text() === '清空')
    expect(clear).toBeDefined()
    await clear!.trigger('click')
    expect(updates.at(-1)).toEqual({ ...empty, q: 'zs' })
    expect(w.emitted('apply')).toHaveLength(1)
  })
})
