// "导航": links that open the phone's map app at a station. The station's point is GCJ-02 (as the
// server answers it by default); geo: (Android's map apps, RFC 5870) wants WGS-84, 高德 and 百度
// (with coord_type=gcj02) take GCJ-02 as it is.
import { gcj02ToWgs84, round7, type LatLng } from '@/utils/geo'

export interface NavLink {
  key: 'geo' | 'amap' | 'baidu'
  text: string
  href: string
}

export function navLinks(name: string, gcj: LatLng): NavLink[] {
  const w = gcj02ToWgs84(gcj)
  const q = encodeURIComponent(name)
  const lat = round7(gcj.lat)
  const lng = round7(gcj.lng)
  return [
    { key: 'geo', text: '手机地图', href: `geo:${round7(w.lat)},${round7(w.lng)}?q=${q}` },
    { key: 'amap', text: '高德地图', href: `https://uri.amap.com/marker?position=${lng},${lat}&name=${q}` },
    {
      key: 'baidu', text: '百度地图',
      href: `baidumap://map/marker?location=${lat},${lng}&title=${q}&coord_type=gcj02&src=gonghui`,
    },
  ]
}
