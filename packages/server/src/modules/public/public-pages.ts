import type { Invoice } from '@bizdash/contracts/invoices';
import type { UploadLinkView } from '@bizdash/contracts/public';
import { DEFAULT_TIMEZONE, dateInZone } from '@bizdash/domain/dates';
import { formatMoney, parseMoney } from '@bizdash/domain/money';

/**
 * The small server-rendered pages of the public listener. Plain HTML forms and no JavaScript, so the pages work
 * anywhere and the CSP can forbid scripts outright. Every value written into a page goes through `esc`.
 */

export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * yyyy-mm-dd or an ISO instant -> dd-mm-yyyy; an instant is dated in the business's zone (the caller passes the
 * business calendar's zone; Asia/Kolkata when not given).
 */
function ddmmyyyy(value: string, timeZone: string = DEFAULT_TIMEZONE): string {
  const date = value.length === 10 ? value : dateInZone(new Date(value), timeZone);
  const [y, m, d] = date.split('-');
  return `${d}-${m}-${y}`;
}

export const PUBLIC_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933;background:#f5f7fa}
main{max-width:560px;margin:40px auto;padding:28px;background:#fff;border-radius:10px;box-shadow:0 1px 4px rgba(0,0,0,.08)}
h1{font-size:1.4rem;margin:0 0 .5rem}
p.muted{color:#616e7c;margin-top:0}
label{display:block;font-weight:600;margin:14px 0 4px}
input[type=text],input[type=email],input[type=tel],textarea{width:100%;padding:9px 10px;border:1px solid #cbd2d9;border-radius:6px;font:inherit}
textarea{min-height:120px}
button,.button{display:inline-block;margin-top:16px;padding:9px 18px;border:0;border-radius:6px;background:#1c7ed6;color:#fff;font:inherit;font-weight:600;text-decoration:none;cursor:pointer}
.button.secondary{background:#e7f5ff;color:#1864ab}
.notice{padding:10px 12px;border-radius:6px;background:#ebfbee;color:#2b8a3e;margin-bottom:14px}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
ul.docs{list-style:none;padding:0;margin:0}
ul.docs li{border:1px solid #e4e7eb;border-radius:8px;padding:12px 14px;margin:10px 0}
ul.docs li strong{display:block}
ul.docs form{display:flex;gap:10px;align-items:center;flex-wrap:wrap}
ul.docs button{margin-top:8px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}
dt{color:#616e7c}
dd{margin:0;font-weight:600}
small{color:#616e7c}
table.lines{width:100%;border-collapse:collapse;margin:14px 0}
table.lines th,table.lines td{border-bottom:1px solid #e4e7eb;padding:6px 4px;text-align:left}
table.lines .num{text-align:right}
`;

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(title)}</title>
<link rel="stylesheet" href="/public/assets/public.css">
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
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
