// Correcting the rows an import refused, in the browser: the refused rows with their cells as
// typed and the reason per column (POST /members/import answers both), the server's rules
// checked on each edit, and the corrected rows as a CSV in the template's column order for the
// same import API. Row numbers stay those of the cadre's file.
import type { ImportResult } from '@/api/types'
import { idNumberProblem, phoneProblem } from '@/utils/rules'

// The template's columns, in order (src/domains/members/roster.cpp roster_columns).
export const TEMPLATE_COLUMNS = ['姓名', '身份证号', '手机号', '职业', '工作单位', '入会日期',
  '民族', '学历', '政治面貌', '农民工', '劳模', '困难职工'] as const
// The ones the correction table lets the cadre edit; the others are sent as they were.
export const EDITABLE_COLUMNS = ['姓名', '身份证号', '手机号', '职业', '工作单位', '入会日期'] as const

export interface FixRow {
  row: number // in the cadre's file
  cells: Record<string, string>
  original: Record<string, string>
  reasons: Record<string, string> // column → the server's reason
  other: string // reasons not tied to a template column
}

export function fixRowsOf(result: ImportResult): FixRow[] {
  const out: FixRow[] = []
  for (const r of result.rejected_rows ?? []) {
    const reasons: Record<string, string> = {}
    let other = ''
    for (const p of result.rejected.filter((x) => x.row === r.row)) {
      if ((TEMPLATE_COLUMNS as readonly string[]).includes(p.column)) {
        reasons[p.column] = reasons[p.column] ? `${reasons[p.column]}；${p.reason}` : p.reason
      } else {
        other = other ? `${other}；${p.reason}` : p.reason
      }
    }
    const cells: Record<string, string> = {}
    for (const c of EDITABLE_COLUMNS) cells[c] = r.cells[c] ?? ''
    for (const [k, v] of Object.entries(r.cells)) if (!(k in cells)) cells[k] = v
    out.push({ row: r.row, cells, original: { ...cells }, reasons, other })
  }
  return out
}

const chars = (s: string) => [...s.trim()].length
const isDigits = (s: string) => /^\d+$/.test(s)

// 入会日期 as the server reads it: blank (today), 2026-11-01, 2026/11/1, or an Excel day number.
function joinedProblem(v: string): string | null {
  const s = v.trim()
  if (!s) return null
  if (isDigits(s) && s.length <= 6) return Number(s) >= 1 ? null : '入会日期格式应为 2026-11-01 或 2026/11/1'
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(s)
  const dashed = /^\d{4}-\d{2}-\d{2}$/.test(s)
  if (!m || (s.includes('-') && !dashed)) return '入会日期格式应为 2026-11-01 或 2026/11/1'
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    return `${s} 不是一个真实的日期`
  }
  return null
}

// The server's verdict on one cell (src/domains/members/roster.cpp and service.cpp), or null.
export function cellProblem(column: string, value: string): string | null {
  switch (column) {
    case '姓名':
      return !value.trim() || chars(value) > 50 ? '姓名不能为空且不超过 50 个字' : null
    case '身份证号':
      return idNumberProblem(value)
    case '手机号':
      return value.trim() ? phoneProblem(value) : null
    case '职业':
      return chars(value) > 100 ? '职业不超过 100 个字' : null
    case '工作单位':
      return chars(value) > 200 ? '工作单位名称不超过 200 个字' : null
    case '入会日期':
      return joinedProblem(value)
    default:
      return null
  }
}

export function rowProblems(r: FixRow): Record<string, string> {
  const out: Record<string, string> = {}
  for (const c of EDITABLE_COLUMNS) {
    const p = cellProblem(c, r.cells[c] ?? '')
    if (p) out[c] = p
  }
  return out
}

export const edited = (r: FixRow) => Object.keys(r.cells).some((k) => r.cells[k] !== r.original[k])

// Ready to send again: changed by the cadre and passing every client-side check.
export const ready = (r: FixRow) => edited(r) && Object.keys(rowProblems(r)).length === 0

function csvField(v: string): string {
  return /[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
}

// The rows as a UTF-8 CSV: the header in template order (the columns any row has), one line per
// row; row i of `rows` is line i + 2 of the file.
export function toCsv(rows: FixRow[]): string {
  const columns = TEMPLATE_COLUMNS.filter((c) => rows.some((r) => c in r.cells))
  const lines = [columns.join(',')]
  for (const r of rows) lines.push(columns.map((c) => csvField((r.cells[c] ?? '').trim())).join(','))
  return lines.join('\r\n') + '\r\n'
}

// Folds the answer to a re-submission into the first result: counts added, the sent rows that
// went in dropped, those refused again kept with the new reasons under their original numbers.
export function mergeResubmission(first: ImportResult, rows: FixRow[], sent: FixRow[], again: ImportResult):
  { result: ImportResult; rows: FixRow[] } {
  const origin = (line: number) => sent[line - 2]?.row ?? line
  const stillRefused = new Set(again.rejected.map((p) => origin(p.row)))
  const sentRows = new Set(sent.map((r) => r.row))
  const rejected = [
    ...first.rejected.filter((p) => !sentRows.has(p.row)),
    ...again.rejected.map((p) => ({ ...p, row: origin(p.row) })),
  ].sort((a, b) => a.row - b.row)
  const remaining = rows
    .filter((r) => !sentRows.has(r.row) || stillRefused.has(r.row))
    .map((r) => {
      if (!sentRows.has(r.row)) return r
      const reasons: Record<string, string> = {}
      let other = ''
      for (const p of again.rejected.filter((x) => origin(x.row) === r.row)) {
        if ((TEMPLATE_COLUMNS as readonly string[]).includes(p.column)) reasons[p.column] = p.reason
        else other = p.reason
      }
      return { ...r, original: { ...r.cells }, reasons, other }
    })
  return {
    result: {
      ...first,
      imported: first.imported + again.imported,
      duplicates: first.duplicates + again.duplicates,
      rejected,
      // The refused rows not listed (beyond the first 1000) were not sent, so they stay counted.
      rejected_count: (first.rejected_count ?? first.rejected.length) -
        first.rejected.filter((p) => sentRows.has(p.row)).length +
        again.rejected.length,
      rejected_rows: (first.rejected_rows ?? []).filter((x) => remaining.some((r) => r.row === x.row)),
    },
    rows: remaining,
  }
}
