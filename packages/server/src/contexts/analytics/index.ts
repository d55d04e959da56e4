/** The analytics context's public face: what other contexts may import. */
export { checkSummaries, rebuildSummaries, setSummaryZone } from './metric-summaries/summaries';
