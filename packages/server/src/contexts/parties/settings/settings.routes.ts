import { z } from 'zod';
import { AppError } from '@bizdash/domain/errors';
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
import type { Api } from '../../../platform/http/route-config';
import type { SettingsService } from './settings.service';

/** The business's own details, its GST registrations and its document number series. */
export function registerSettingsRoutes(app: Api, { settings }: { settings: SettingsService }) {
  // The logo is sent as the raw picture; the bytes decide its type, the header only routes it here.
  app.addContentTypeParser(
    ['image/png', 'image/jpeg'],
    { parseAs: 'buffer', bodyLimit: 2 * 1024 * 1024 },
    (_r, body, done) => done(null, body),
  );

  app.put(
    '/api/v1/settings/business/logo',
    {
      bodyLimit: 2 * 1024 * 1024,
      config: { access: 'settings.manage' },
      schema: {
        tags: ['settings'],
        summary: 'Upload the logo printed on documents (PNG or JPEG, at most 1 MB, as the raw body)',
        consumes: ['image/png', 'image/jpeg'],
        response: { 200: BusinessSettings },
      },
    },
    async (request) => {
      if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
        throw new AppError('VALIDATION_FAILED', 'logo: send the picture as the request body', { field: 'logo' });
      }
      return settings.setLogo(request.ctx, request.body);
    },
  );

  app.delete(
    '/api/v1/settings/business/logo',
    {
      config: { access: 'settings.manage' },
      schema: { tags: ['settings'], summary: 'Remove the logo', response: { 200: BusinessSettings } },
    },
    async (request) => settings.removeLogo(request.ctx),
  );

  app.get(
    '/api/v1/settings/business/logo',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['settings'],
        summary: 'The logo picture',
        querystring: z.object({ v: z.string().max(64).optional() }),
      },
    },
    async (_request, reply) => {
      const logo = await settings.getLogo();
      return reply.type(logo.mime).header('cache-control', 'private, max-age=86400').send(logo.bytes);
    },
  );

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
