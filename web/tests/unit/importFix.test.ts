// Correcting the refused rows of an import: the table's rows from the server's answer, the
// client checks, the CSV sent again, and the second answer folded into the first.
import { describe, expect, it } from 'vitest'
import { reactive } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import type { ImportResult } from '@/api/types'
import RefusedRowsEditor from '@/views/members/RefusedRowsEditor.vue'
import { cellProblem, fixRowsOf, mergeResubmission, ready, rowProblems, toCsv } from '@/views/members/importFix'

const good = '440304199001010011'
const result: ImportResult = {
  imported: 1, duplicates: 0, report_id: '5f0c2a9e7d41b3c8a6e0f19d2b7c4e83',
  rejected: [
    { row: 3, column: '身份证号', field: 'id_number', reason: '身份证号校验位错误' },
    { row: 3, column: '手机号', field: 'phone', reason: '手机号格式不正确' },
    { row: 4, column: '身份证号', field: 'id_number', reason: '科学计数法' },
    { row: 6, column: 'file', field: 'file', reason: '其他原因' },
  ],
  rejected_rows: [
    { row: 3, cells: { 姓名: '错校验', 身份证号: '440304199001010012', 手机号: '12345', 民族: '汉族' } },
    { row: 4, cells: { 姓名: '科学, "计数"', 身份证号: '6.10424E+17', 手机号: '', 职业: '外卖员', 工作单位: '', 入会日期: '2024/3/1' } },
    { row: 6, cells: { 姓名: '张三', 身份证号: good } },
  ],
}

describe('fixRowsOf', () => {
  it('one row per refused row, every editable column, reasons by column', () => {
    const rows = fixRowsOf(result)
    expect(rows.map((r) => r.row)).toEqual([3, 4, 6])
    expect(rows[0].cells).toEqual({ 姓名: '错校验', 身份证号: '440304199001010012', 手机号: '12345', 职业: '', 工作单位: '', 入会日期: '', 民族: '汉族' })
    expect(rows[0].reasons).toEqual({ 身份证号: '身份证号校验位错误', 手机号: '手机号格式不正确' })
    expect(rows[2].other).toBe('其他原因')
    expect(ready(rows[0])).toBe(false) // not edited yet
  })
  it('an answer without rejected_rows gives no table', () => {
    expect(fixRowsOf({ ...result, rejected_rows: undefined })).toEqual([])
  })
})

describe('cellProblem: the server rules', () => {
  it('checks each column', () => {
    expect(cellProblem('姓名', ' ')).toMatch(/不能为空/)
    expect(cellProblem('姓名', '张'.repeat(51))).toMatch(/50 个字/)
    expect(cellProblem('身份证号', '6.10424E+17')).toMatch(/科学计数法/)
    expect(cellProblem('身份证号', good)).toBeNull()
    expect(cellProblem('手机号', '')).toBeNull()
    expect(cellProblem('手机号', '12345')).toMatch(/手机号/)
    expect(cellProblem('职业', '职'.repeat(101))).toMatch(/100 个字/)
    expect(cellProblem('入会日期', '')).toBeNull()
    expect(cellProblem('入会日期', '2024/3/1')).toBeNull()
    expect(cellProblem('入会日期', '2024-03-01')).toBeNull()
    expect(cellProblem('入会日期', '45231')).toBeNull()
    expect(cellProblem('入会日期', '2024-3-1')).toMatch(/格式/)
    expect(cellProblem('入会日期', '2023/2/29')).toMatch(/不是一个真实的日期/)
  })
})

describe('re-submission', () => {
  it('sends only edited, valid rows as a CSV in template order, quoted where needed', () => {
    const rows = fixRowsOf(result)
    rows[0].cells['身份证号'] = good
    expect(ready(rows[0])).toBe(false) // the phone is still wrong
    expect(rowProblems(rows[0])).toEqual({ 手机号: expect.stringMatching(/手机号/) })
    rows[0].cells['手机号'] = '13800138000'
    expect(ready(rows[0])).toBe(true)
    rows[1].cells['身份证号'] = '11010519491231002X'
    expect(toCsv([rows[0], rows[1]])).toBe(
      '姓名,身份证号,手机号,职业,工作单位,入会日期,民族\r\n' +
      `错校验,${good},13800138000,,,,汉族\r\n` +
      '"科学, ""计数""",11010519491231002X,,外卖员,,2024/3/1,\r\n')
  })
  it('folds the second answer in: counts add up, imported rows leave, refused ones keep their number', () => {
    const rows = fixRowsOf(result)
    rows[0].cells['身份证号'] = good
    rows[0].cells['手机号'] = '13800138000'
    rows[1].cells['身份证号'] = '11010519491231002X'
    const sent = [rows[0], rows[1]]
    const again: ImportResult = {
      imported: 1, duplicates: 0, report_id: '9a1e6c3f0b8d27e5c4a9f1b0d3e7c256',
      rejected: [{ row: 3, column: '手机号', field: 'phone', reason: '该手机号已被他人使用' }], // line 3 = rows[1]
      rejected_rows: [{ row: 3, cells: {} }],
    }
    const m = mergeResubmission(result, rows, sent, again)
    expect(m.result.imported).toBe(2)
    expect(m.result.rejected.map((p) => [p.row, p.reason])).toEqual([[4, '该手机号已被他人使用'], [6, '其他原因']])
    expect(m.rows.map((r) => r.row)).toEqual([4, 6])
    expect(m.rows[0].reasons).toEqual({ 手机号: '该手机号已被他人使用' })
    expect(ready(m.rows[0])).toBe(false) // as sent: needs another edit
    expect(m.result.rejected_rows?.map((r) => r.row)).toEqual([4, 6])
    expect(m.result.rejected_count).toBe(2)
    // Rows past the first 1000 were not listed, so not sent: they stay counted.
    const big = mergeResubmission({ ...result, rejected_count: 1500 }, rows, sent, again)
    expect(big.result.rejected_count).toBe(1500 - 3 + 1) // row 3 had two entries
  })
})

describe('RefusedRowsEditor', () => {
  it('shows the server reason, then the live check, and enables re-submission when fixed', async () => {
    const rows = reactive(fixRowsOf(result)) // as import.vue holds them (a ref)
    const w = mount(RefusedRowsEditor, {
      props: { rows, busy: false, truncated: false },
      global: { plugins: [ElementPlus], config: { warnHandler: (msg: string) => { throw new Error(msg) } } },
    })
    await flushPromises()
    expect(w.text()).toContain('身份证号校验位错误')
    const button = w.find('[data-test=import-resubmit]')
    expect(button.attributes('disabled')).toBeDefined()
    const id = w.find('input[data-test="fix-3-身份证号"]')
    expect(id.attributes('aria-label')).toBe('第 3 行 身份证号')
    expect(id.attributes('aria-invalid')).toBe('true')
    await id.setValue('440304199001010013')
    expect(w.text()).toContain('身份证号校验位错误，请核对是否输错') // the client's own check now
    await id.setValue(good)
    await w.find('input[data-test="fix-3-手机号"]').setValue('13800138000')
    expect(w.find('input[data-test="fix-3-身份证号"]').attributes('aria-invalid')).toBe('false')
    expect(button.text()).toContain('重新提交已改正的 1 行')
    expect(button.attributes('disabled')).toBeUndefined()
    await button.trigger('click')
    expect(w.emitted('resubmit')).toHaveLength(1)
  })
})
