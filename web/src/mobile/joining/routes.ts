import type { RouteRecordRaw } from 'vue-router'

export const joiningRoutes: RouteRecordRaw[] = [
  // The short links notices carry (the joining domain's approval and rejection).
  { path: '/card', redirect: '/joining/card' },
  { path: '/join', redirect: '/joining/applications' },
  {
    path: '/joining/apply',
    component: () => import('./ApplyPage.vue'),
    meta: { title: '申请入会', tile: { text: '申请入会', icon: 'add-o', order: 10 } },
  },
  {
    path: '/joining/applications',
    component: () => import('./ApplicationsPage.vue'),
    meta: { title: '我的入会申请', tile: { text: '我的申请', icon: 'orders-o', order: 20 } },
  },
  {
    path: '/joining/card',
    component: () => import('./CardPage.vue'),
    meta: { title: '我的会员证', tile: { text: '会员证', icon: 'idcard', order: 30 } },
  },
]
