// Where the worker is: the phone's position when the browser may give it (WGS-84, turned into
// GCJ-02 for the server's default), else the centre of 乾县 with a note. Asked once per visit.
import { reactive } from 'vue'
import { wgs84ToGcj02, type LatLng } from '@/utils/geo'

export const DEFAULT_POINT: LatLng = { lat: 34.5296, lng: 108.2447 } // 乾县县城, GCJ-02

export const where = reactive({
  point: null as LatLng | null, // GCJ-02
  located: false,
  note: '',
})

let asking: Promise<void> | null = null

export function locate(timeoutMs = 6000): Promise<void> {
  if (where.point) return Promise.resolve()
  asking ??= new Promise<void>((resolve) => {
    const fallback = (why: string) => {
      where.point = { ...DEFAULT_POINT }
      where.located = false
      where.note = `${why}，按乾县县城计算距离`
      resolve()
    }
    if (!('geolocation' in navigator)) return fallback('此浏览器不能定位')
    const timer = setTimeout(() => fallback('定位超时'), timeoutMs + 500)
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        clearTimeout(timer)
        where.point = wgs84ToGcj02({ lat: pos.coords.latitude, lng: pos.coords.longitude })
        where.located = true
        where.note = ''
        resolve()
      },
      (err) => {
        clearTimeout(timer)
        fallback(err.code === err.PERMISSION_DENIED ? '未允许使用位置' : '暂时无法定位')
      },
      { enableHighAccuracy: false, timeout: timeoutMs, maximumAge: 120000 },
    )
  })
  return asking
}

// Ask again (after the worker allowed the position in the browser's settings).
export function relocate(): Promise<void> {
  where.point = null
  asking = null
  return locate()
}
