// A table as an .xlsx file, written in the browser (write-excel-file, bundled; no server trip).
import writeXlsxFile from 'write-excel-file/browser'
import { saveBlob } from './download'

export interface Table {
  headers: string[]
  rows: (string | number | null)[][]
}

export async function saveXlsx(table: Table, fileName: string, sheet = '数据'): Promise<void> {
  const header = table.headers.map((h) => ({ value: h, fontWeight: 'bold' as const }))
  const body = table.rows.map((r) => r.map((v) => (v === null ? null : { value: v })))
  const blob = await writeXlsxFile([header, ...body], {
    sheet,
    columns: table.headers.map((h) => ({ width: Math.max(10, [...h].length * 2 + 2) })),
  }).toBlob()
  saveBlob(blob, fileName)
}
