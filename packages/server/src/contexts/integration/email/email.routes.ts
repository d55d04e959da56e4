import { IdParams } from '@bizdash/contracts/common';
import {
  EmailLogPage,
  EmailLogQuery,
  EmailPreview,
  EmailQueued,
  EmailSettings,
  EmailTemplate,
  EmailTemplateList,
  EmailTemplateParams,
  PreviewEmailTemplateInput,
  SendInvoiceEmailInput,
  SendTestEmailInput,
  UpdateEmailSettingsInput,
  UpdateEmailTemplateInput,
} from '@bizdash/contracts/email';
import type { Api } from '../../../platform/http/route-config';
import type { EmailService } from './email.service';

/** SMTP settings, templates, the send log, and emailing an invoice. Sending itself happens in the `email.send` job. */
export function registerEmailRoutes(app: Api, { email }: { email: EmailService }) {
  app.get(
    '/api/v1/settings/email',
    {
      config: { access: 'settings.read' },
      schema: {
        tags: ['email'],
        summary: 'SMTP settings; the password is never returned (hasPassword says whether one is stored)',
        response: { 200: EmailSettings },
      },
    },
    async () => email.getSettings(),
  );

  app.put(
    '/api/v1/settings/email',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags: ['email'],
        summary: 'Save SMTP settings; leave password out to keep the stored one, send null to clear it',
        body: UpdateEmailSettingsInput,
        response: { 200: EmailSettings },
      },
    },
    async (request) => email.updateSettings(request.ctx, request.body),
  );

  app.post(
    '/api/v1/settings/email/test',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags: ['email'],
        summary: 'Queue a test message with the saved settings (202); follow it in the email log',
        body: SendTestEmailInput,
        response: { 202: EmailQueued },
      },
    },
    async (request, reply) => reply.code(202).send(await email.sendTest(request.ctx, request.body.to)),
  );

  app.get(
    '/api/v1/settings/email/templates',
    {
      config: { access: 'settings.read' },
      schema: {
        tags: ['email'],
        summary: 'The editable templates with their placeholders',
        response: { 200: EmailTemplateList },
      },
    },
    async () => email.listTemplates(),
  );

  app.put(
    '/api/v1/settings/email/templates/:key',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags: ['email'],
        summary: 'Save a template (unknown {{placeholders}} are refused)',
        params: EmailTemplateParams,
        body: UpdateEmailTemplateInput,
        response: { 200: EmailTemplate },
      },
    },
    async (request) => email.updateTemplate(request.ctx, request.params.key, request.body),
  );

  app.delete(
    '/api/v1/settings/email/templates/:key',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags: ['email'],
        summary: 'Go back to the built-in template',
        params: EmailTemplateParams,
        response: { 200: EmailTemplate },
      },
    },
    async (request) => email.resetTemplate(request.ctx, request.params.key),
  );

  app.post(
    '/api/v1/settings/email/templates/:key/preview',
    {
      config: { access: 'settings.read' },
      schema: {
        tags: ['email'],
        summary: 'Render a template (saved or not) with sample values',
        params: EmailTemplateParams,
        body: PreviewEmailTemplateInput,
        response: { 200: EmailPreview },
      },
    },
    async (request) => email.previewTemplate(request.params.key, request.body),
  );

  app.get(
    '/api/v1/email/log',
    {
      config: { access: 'settings.read' },
      schema: {
        tags: ['email'],
        summary: 'Sent, queued and failed messages, newest first',
        querystring: EmailLogQuery,
        response: { 200: EmailLogPage },
      },
    },
    async (request) => email.listLog(request.query),
  );

  app.post(
    '/api/v1/invoices/:id/email',
    {
      config: { access: 'invoices.issue' },
      schema: {
        tags: ['invoices', 'email'],
        summary:
          "Email an issued invoice's PDF to the client (202: queued; default recipient: the party's first email)",
        params: IdParams,
        body: SendInvoiceEmailInput,
        response: { 202: EmailQueued },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await email.sendInvoice(request.ctx, request.params.id, request.body ?? {})),
  );
}
