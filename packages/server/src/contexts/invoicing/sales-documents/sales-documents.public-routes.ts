import { TokenParams } from '@bizdash/contracts/public';
import { PublicQuotationResponse, type SalesDocument } from '@bizdash/contracts/sales-documents';
import { formatMoney, parseMoney } from '@bizdash/domain/money';
import { z } from 'zod';
import type { Api } from '../../../platform/http/route-config';
import type { Database } from '../../../platform/db/database';
import { esc, page, wantsHtml } from '../../../platform/http/public-html';
import { makeSalesDocumentPdf } from './sales-documents-pdf';
import type { SalesDocumentsService } from './sales-documents.service';

const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

const TITLES = { quotation: 'Quotation', proforma: 'Proforma invoice', delivery_challan: 'Delivery challan' };

const STATUS_NOTICE: Partial<Record<SalesDocument['status'], string>> = {
  accepted: 'You accepted this quotation. Thank you: we will be in touch.',
  declined: 'You declined this quotation.',
  expired: 'This quotation has expired. Ask us for a fresh one.',
  converted: 'This quotation has been taken forward.',
  cancelled: 'This quotation was withdrawn.',
};

/** The client's page: the figures, the PDF, and (for a sent quotation) Accept and Decline as plain forms. */
export function quotationPage(options: { token: string; document: SalesDocument; expiresAt: string }): string {
  const { document: doc, token } = options;
  const title = `${TITLES[doc.kind]} ${doc.number} from ${doc.business.name}`;
  const lines = doc.lines
    .map(
      (l) =>
        `<tr><td>${esc(l.description)}</td><td class="num">${esc(l.quantity)} ${esc(l.unit)}</td><td class="num">${formatMoney(parseMoney(l.total))}</td></tr>`,
    )
    .join('\n');
  const notice = STATUS_NOTICE[doc.status];
  const answer =
    doc.kind === 'quotation' && doc.status === 'sent'
      ? `<form method="post" action="/public/quotation/${esc(token)}/respond">
<label for="note">Note (optional)</label>
<textarea id="note" name="note" maxlength="500"></textarea>
<button type="submit" name="response" value="accept">Accept quotation</button>
<button type="submit" name="response" value="decline" class="button secondary">Decline</button>
</form>`
      : '';
  return page(
    title,
    `<h1>${esc(title)}</h1>
${notice ? `<p class="notice" role="status">${esc(notice)}</p>` : ''}
<dl>
<dt>Number</dt><dd>${esc(doc.number)}</dd>
<dt>Date</dt><dd>${ddmmyyyy(doc.date)}</dd>
<dt>For</dt><dd>${esc(doc.party.name)}</dd>
${doc.validUntil ? `<dt>Valid until</dt><dd>${ddmmyyyy(doc.validUntil)}</dd>` : ''}
<dt>Taxable value</dt><dd>${formatMoney(parseMoney(doc.totals.taxableValue))}</dd>
<dt>GST</dt><dd>${formatMoney(parseMoney(doc.totals.totalTax))}</dd>
<dt>Total</dt><dd>${formatMoney(parseMoney(doc.totals.grandTotal))}</dd>
</dl>
<table class="lines"><thead><tr><th>Item</th><th class="num">Qty</th><th class="num">Amount</th></tr></thead>
<tbody>${lines}</tbody></table>
${doc.terms ? `<p><small>${esc(doc.terms)}</small></p>` : ''}
<p><a class="button secondary" href="/public/quotation/${esc(token)}/pdf">View PDF</a></p>
${answer}
<p><small>This link works until ${ddmmyyyy(options.expiresAt.slice(0, 10))}.</small></p>`,
  );
}

/** Public listener routes of quotation and proforma view links (registered on the public app only). */
export function registerSalesDocumentPublicRoutes(
  app: Api,
  services: { salesDocuments: SalesDocumentsService; database: Database },
) {
  const { salesDocuments } = services;
  const hide = { hide: true };
  const pdf = makeSalesDocumentPdf({ database: services.database, salesDocuments });

  app.get(
    '/public/quotation/:token',
    { config: { access: 'public' }, schema: { ...hide, params: TokenParams } },
    async (request, reply) => {
      const { document, expiresAt } = await salesDocuments.publicView(request.params.token);
      return reply
        .type('text/html; charset=utf-8')
        .send(quotationPage({ token: request.params.token, document, expiresAt }));
    },
  );

  app.post(
    '/public/quotation/:token/respond',
    { config: { access: 'public' }, schema: { ...hide, params: TokenParams, body: PublicQuotationResponse } },
    async (request, reply) => {
      const document = await salesDocuments.publicRespond(request.ctx, request.params.token, request.body);
      if (wantsHtml(request)) return reply.redirect(`/public/quotation/${request.params.token}`, 303);
      return reply.send({ status: document.status });
    },
  );

  app.get(
    '/public/quotation/:token/pdf',
    { config: { access: 'public' }, schema: { ...hide, params: TokenParams, querystring: z.object({}) } },
    async (request, reply) => {
      const { document } = await salesDocuments.publicView(request.params.token);
      const { bytes } = await pdf(document.id, ['original']);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${document.number.replace(/[^A-Za-z0-9-]+/g, '-')}.pdf"`)
        .send(bytes);
    },
  );
}
