/** The analytics context's public face: what other contexts may import. */
export { checkSummaries, followBusinessCalendar, rebuildSummaries } from './metric-summaries/summaries';
