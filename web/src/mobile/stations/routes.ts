import type { RouteRecordRaw } from 'vue-router'

declare module 'vue-router' {
  interface RouteMeta {
    // a public page below the home page: with MPage's back button all the same (the sign-in has none)
    back?: boolean
  }
}

// 工会驿站: finding a station (public: no account needed), its page with 导航 and redeeming,
// checking in at the door's QR (signs in first), my visits, my points and pickup codes, my wishes.
export const stationsRoutes: RouteRecordRaw[] = [
  {
    path: '/stations',
    component: () => import('./NearbyPage.vue'),
    meta: { title: '附近的驿站', public: true, back: true, tile: { text: '驿站', icon: 'location-o', order: 40 } },
  },
  { path: '/stations/map', component: () => import('./MapPage.vue'), meta: { title: '驿站地图', public: true, back: true } },
  { path: '/stations/s/:code', component: () => import('./StationPage.vue'), meta: { title: '驿站', public: true, back: true } },
  // The door's QR code opens this (<public>/m/stations/checkin?t=<token>).
  { path: '/stations/checkin', component: () => import('./CheckinPage.vue'), meta: { title: '驿站签到' } },
  { path: '/stations/visits', component: () => import('./VisitsPage.vue'), meta: { title: '我的到访' } },
  {
    path: '/stations/points',
    component: () => import('./PointsPage.vue'),
    meta: { title: '我的积分', tile: { text: '驿站积分与兑换', icon: 'gift-o', order: 41 } },
  },
  { path: '/stations/wishes', component: () => import('./WishesPage.vue'), meta: { title: '我的心愿' } },
]
