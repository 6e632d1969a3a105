// Public surface of the demo site.
export { seedDemoSite } from './demo.service.js';
export type { SeedReport } from './demo.service.js';
export { demoSite } from './demo-content.js';
