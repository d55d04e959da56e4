import type { FastifyRequest } from 'fastify';

/**
 * The shell of the public listener's small server-rendered pages: plain HTML forms and no JavaScript, so the pages
 * work anywhere and the CSP can forbid scripts outright. Every value written into a page goes through `esc`.
 */

export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
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

/** A browser posting a plain HTML form (it wants a page back), as opposed to a script or API client. */
export function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html');
}
