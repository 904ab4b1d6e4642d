// Saving files in the browser: a Blob under a name (an <a download> on an object URL), and a
// file the server answers (fetched with the session cookie, so a refused one shows its message).
import { raw, withQuery, type Query } from '@/api/http'

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10000)
}

// The server's file name from Content-Disposition, else `fallback`.
function fileNameOf(res: Response, fallback: string): string {
  const m = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')
  return m ? m[1] : fallback
}

export async function downloadFile(path: string, fallbackName: string, query?: Query): Promise<void> {
  const res = await raw('GET', withQuery(path, query))
  saveBlob(await res.blob(), fileNameOf(res, fallbackName))
}
