import { makeBusinessDetails } from './business-details';
import { makeLogo } from './logo';
import { makeNumberSeries } from './number-series';
import { makeRegistrations } from './registrations';
import { makeSettingsCore, type SettingsServiceDeps } from './settings-core';

export type { SettingsServiceDeps } from './settings-core';

export type SettingsService = ReturnType<typeof makeSettingsService>;

/**
 * The business's settings: its details, logo, further GST registrations and document number series. Each concern
 * lives in its own file; this assembles them.
 */
export function makeSettingsService(deps: SettingsServiceDeps) {
  const core = makeSettingsCore(deps);
  const { getBusiness, updateBusiness } = makeBusinessDetails(core);
  const { setLogo, removeLogo, getLogo } = makeLogo(core);
  const { listRegistrations, addRegistration, archiveRegistration } = makeRegistrations(core);
  const { listSeries, setSeries } = makeNumberSeries(core);

  return {
    getBusiness,
    updateBusiness,
    setLogo,
    removeLogo,
    getLogo,
    listRegistrations,
    addRegistration,
    archiveRegistration,
    listSeries,
    setSeries,
  };
}
