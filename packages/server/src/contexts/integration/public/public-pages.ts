import type { Invoice } from '@bizdash/contracts/invoices';
import type { UploadLinkView } from '@bizdash/contracts/public';
import { DEFAULT_TIMEZONE, dateInZone } from '@bizdash/domain/dates';
import { formatMoney, parseMoney } from '@bizdash/domain/money';
import { esc, page } from '../../../platform/http/public-html';

export { esc, page, PUBLIC_CSS } from '../../../platform/http/public-html';

/**
 * The small server-rendered pages of the public listener. Plain HTML forms and no JavaScript, so the pages work
 * anywhere and the CSP can forbid scripts outright. Every value written into a page goes through `esc`.
 */

/**
 * yyyy-mm-dd or an ISO instant -> dd-mm-yyyy; an instant is dated in the business's zone (the caller passes the
 * business calendar's zone; Asia/Kolkata when not given).
 */
function ddmmyyyy(value: string, timeZone: string = DEFAULT_TIMEZONE): string {
  const date = value.length === 10 ? value : dateInZone(new Date(value), timeZone);
  const [y, m, d] = date.split('-');
  return `${d}-${m}-${y}`;
}

export function contactPage(options: { businessName: string; sent: boolean }): string {
  const notice = options.sent ? '<p class="notice" role="status">Thank you. We will get back to you soon.</p>' : '';
  return page(
    `Contact ${options.businessName}`,
    `<h1>Contact ${esc(options.businessName)}</h1>
<p class="muted">Tell us what you need and how to reach you.</p>
${notice}
<form method="post" action="/public/contact">
<label for="name">Name</label>
<input type="text" id="name" name="name" required maxlength="200" autocomplete="name">
<label for="email">Email</label>
<input type="email" id="email" name="email" maxlength="254" autocomplete="email">
<label for="phone">Phone</label>
<input type="tel" id="phone" name="phone" maxlength="30" autocomplete="tel">
<label for="message">Message</label>
<textarea id="message" name="message" required maxlength="5000"></textarea>
<div class="hp" aria-hidden="true"><label for="website">Website</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">Send</button>
</form>`,
  );
}

export function uploadPage(options: {
  businessName: string;
  token: string;
  view: UploadLinkView;
  uploaded: string | null;
  maxUploadBytes: number;
  /** The business's time zone, in which the link's expiry is dated. */
  timeZone?: string | undefined;
}): string {
  const { view, token } = options;
  const notice = options.uploaded
    ? `<p class="notice" role="status">Thank you: ${esc(options.uploaded)} received.</p>`
    : '';
  const maxMb = Math.floor(options.maxUploadBytes / (1024 * 1024));
  const list =
    view.documents.length === 0
      ? '<p>Nothing is pending: every document asked for has been received. You can close this page.</p>'
      : `<ul class="docs">${view.documents
          .map(
            (d) => `<li><strong>${esc(d.name)}</strong>
<form method="post" action="/public/upload/${esc(token)}/documents/${d.id}" enctype="multipart/form-data">
<input type="file" name="file" required aria-label="File for ${esc(d.name)}" accept=".pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx">
<button type="submit">Upload</button>
</form></li>`,
          )
          .join('\n')}</ul>`;
  return page(
    `Documents for ${options.businessName}`,
    `<h1>Documents for ${esc(options.businessName)}</h1>
<p class="muted">Please upload the documents below. PDF, JPEG, PNG, WEBP, DOCX or XLSX, up to ${maxMb} MB each.
This link works until ${ddmmyyyy(view.expiresAt, options.timeZone)}.</p>
${notice}
${list}`,
  );
}

export function invoicePage(options: {
  token: string;
  invoice: Invoice;
  expiresAt: string;
  /** The business's time zone, in which the link's expiry is dated. */
  timeZone?: string | undefined;
}): string {
  const { invoice, token } = options;
  const title = `${invoice.number ?? 'Invoice'} from ${invoice.business.name}`;
  return page(
    title,
    `<h1>${esc(title)}</h1>
<dl>
<dt>Number</dt><dd>${esc(invoice.number ?? '')}</dd>
<dt>Date</dt><dd>${ddmmyyyy(invoice.date)}</dd>
<dt>Billed to</dt><dd>${esc(invoice.party.name)}</dd>
<dt>Total</dt><dd>${formatMoney(parseMoney(invoice.totals.grandTotal))}</dd>
${invoice.dueDate ? `<dt>Due</dt><dd>${ddmmyyyy(invoice.dueDate)}</dd>` : ''}
</dl>
<p>
<a class="button" href="/public/invoice/${esc(token)}/pdf">View PDF</a>
<a class="button secondary" href="/public/invoice/${esc(token)}/pdf?download=1">Download PDF</a>
</p>
<p><small>This link works until ${ddmmyyyy(options.expiresAt, options.timeZone)}.</small></p>`,
  );
}

export function errorPage(status: number, title: string, detail: string): string {
  return page(title, `<h1>${esc(title)}</h1>\n<p>${esc(detail)}</p>\n<p><small>Error ${status}</small></p>`);
}
