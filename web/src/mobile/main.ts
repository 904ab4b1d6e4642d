// The workers' phone page (/m/): Vue, its own router, Vant components on demand, and the
// console's API client and error messages (@/api/http, @/utils/errors). Never imports the
// console's code or Element Plus.
import { createApp } from 'vue'
import App from './App.vue'
import { router } from './router'
import { useVant } from './vant'
import './theme.css'

const app = createApp(App)
useVant(app)
app.use(router)
app.mount('#app')
