import { IdParams } from '@bizdash/contracts/common';
import {
  BusinessRegistration,
  BusinessRegistrationList,
  BusinessSettings,
  CreateBusinessRegistrationInput,
  NumberSeries,
  NumberSeriesList,
  NumberSeriesQuery,
  SetNumberSeriesInput,
  UpdateBusinessSettingsInput,
} from '@bizdash/contracts/settings';
import type { Api } from '../../http/route-config';
import type { Services } from '../../services';

/** The business's own details, its GST registrations and its document number series. */
export function registerSettingsRoutes(app: Api, { settings }: Services) {
  app.get(
    '/api/v1/settings/business',
    {
      config: { access: 'settings.read' },
      schema: { tags: ['settings'], summary: 'The business details', response: { 200: BusinessSettings } },
    },
    async () => settings.getBusiness(),
  );

  app.patch(
    '/api/v1/settings/business',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags: ['settings'],
        summary: 'Change the business details',
        body: UpdateBusinessSettingsInput,
        response: { 200: BusinessSettings },
      },
    },
    async (request) => settings.updateBusiness(request.ctx, request.body),
  );

  app.get(
    '/api/v1/settings/business/registrations',
    {
      config: { access: 'settings.read' },
      schema: {
        tags: ['settings'],
        summary: 'Further GST registrations (other states)',
        response: { 200: BusinessRegistrationList },
      },
    },
    async () => settings.listRegistrations(),
  );

  app.post(
    '/api/v1/settings/business/registrations',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags: ['settings'],
        summary: 'Add a GST registration in another state',
        body: CreateBusinessRegistrationInput,
        response: { 201: BusinessRegistration },
      },
    },
    async (request, reply) => reply.code(201).send(await settings.addRegistration(request.ctx, request.body)),
  );

  app.delete(
    '/api/v1/settings/business/registrations/:id',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags: ['settings'],
        summary: 'Archive a further GST registration',
        params: IdParams,
        response: { 200: BusinessRegistration },
      },
    },
    async (request) => settings.archiveRegistration(request.ctx, request.params.id),
  );

  app.get(
    '/api/v1/settings/number-series',
    {
      config: { access: 'settings.read' },
      schema: {
        tags: ['settings'],
        summary: 'Document number series',
        querystring: NumberSeriesQuery,
        response: { 200: NumberSeriesList },
      },
    },
    async (request) => settings.listSeries(request.query),
  );

  app.put(
    '/api/v1/settings/number-series',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags: ['settings'],
        summary: 'Set the series of a document type for a financial year (400 SERIES_INVALID over 16 characters)',
        body: SetNumberSeriesInput,
        response: { 200: NumberSeries },
      },
    },
    async (request) => settings.setSeries(request.ctx, request.body),
  );
}
