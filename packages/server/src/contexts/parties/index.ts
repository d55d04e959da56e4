/** The parties context's public face: what other contexts may import. */
export { makeMastersService } from './masters/masters.service';
export type { MastersService } from './masters/masters.service';
export { makePartiesService } from './parties/parties.service';
export type { PartiesService } from './parties/parties.service';
export { makeSettingsService } from './settings/settings.service';
export type { SettingsService } from './settings/settings.service';
