import type { EmailTemplateKey } from './email.tables';

/**
 * Built-in email texts and the placeholder renderer. Templates are plain text with {{placeholder}} names; a value is
 * inserted as-is (the message is text/plain, so nothing needs escaping) and an unknown name renders empty.
 */
export interface TemplateDefinition {
  label: string;
  subject: string;
  body: string;
  placeholders: { name: string; description: string; sample: string }[];
}

const BUSINESS = { name: 'business_name', description: 'Your business name', sample: 'Rao Traders' };

export const TEMPLATE_DEFINITIONS: Record<EmailTemplateKey, TemplateDefinition> = {
  invoice: {
    label: 'Invoice',
    subject: 'Invoice {{invoice_number}} from {{business_name}}',
    body: [
      'Dear {{party_name}},',
      '',
      'Please find attached invoice {{invoice_number}} dated {{invoice_date}} for {{amount}}.',
      'Balance due: {{balance_due}}, payable by {{due_date}}.',
      '',
      'Regards,',
      '{{business_name}}',
    ].join('\n'),
    placeholders: [
      BUSINESS,
      { name: 'party_name', description: 'The client', sample: 'Acme Pune' },
      { name: 'invoice_number', description: 'Invoice number', sample: 'INV/2026-27/0001' },
      { name: 'invoice_date', description: 'Invoice date (dd-mm-yyyy)', sample: '10-11-2026' },
      { name: 'due_date', description: 'Due date (dd-mm-yyyy)', sample: '25-11-2026' },
      { name: 'amount', description: 'Invoice total', sample: '₹14,750.00' },
      { name: 'balance_due', description: 'Amount still due', sample: '₹14,750.00' },
    ],
  },
  overdue_reminder: {
    label: 'Overdue payment reminder',
    subject: 'Payment reminder: {{total_overdue}} overdue',
    body: [
      'Dear {{party_name}},',
      '',
      'Our records show {{invoice_count}} invoice(s) past their due date, {{total_overdue}} in all:',
      '',
      '{{invoice_list}}',
      '',
      'Please arrange payment at the earliest. Ignore this message if you have already paid.',
      '',
      'Regards,',
      '{{business_name}}',
    ].join('\n'),
    placeholders: [
      BUSINESS,
      { name: 'party_name', description: 'The client', sample: 'Acme Pune' },
      { name: 'total_overdue', description: 'Sum of overdue balances', sample: '₹29,500.00' },
      { name: 'invoice_count', description: 'Number of overdue invoices', sample: '2' },
      {
        name: 'invoice_list',
        description: 'One line per overdue invoice: number, due date, balance',
        sample: 'INV/2026-27/0001  due 25-10-2026  ₹14,750.00\nINV/2026-27/0004  due 01-11-2026  ₹14,750.00',
      },
      { name: 'oldest_due_date', description: 'Earliest due date (dd-mm-yyyy)', sample: '25-10-2026' },
    ],
  },
  task_due: {
    label: 'Task due reminder',
    subject: 'Task due {{due_date}}: {{task_title}}',
    body: [
      'Hello {{assignee_name}},',
      '',
      'The task "{{task_title}}" is due on {{due_date}}.',
      '{{order_line}}',
      '',
      '{{business_name}}',
    ].join('\n'),
    placeholders: [
      BUSINESS,
      { name: 'assignee_name', description: 'The person the task is assigned to', sample: 'Ravi' },
      { name: 'task_title', description: 'Task title', sample: 'Collect signed forms' },
      { name: 'due_date', description: 'Due date (dd-mm-yyyy)', sample: '23-11-2026' },
      {
        name: 'order_line',
        description: '"Order <number>: <title>" when the task belongs to an order',
        sample: 'Order SO-2026-27-0007: Share transfer',
      },
    ],
  },
  statement: {
    label: 'Statement of account',
    subject: 'Statement of account {{from_date}} to {{to_date}} from {{business_name}}',
    body: [
      'Dear {{party_name}},',
      '',
      'Please find attached your statement of account for {{from_date}} to {{to_date}}.',
      'Closing balance: {{closing_balance}}.',
      '',
      'Please let us know of any difference within 15 days.',
      '',
      'Regards,',
      '{{business_name}}',
    ].join('\n'),
    placeholders: [
      BUSINESS,
      { name: 'party_name', description: 'The party', sample: 'Acme Pune' },
      { name: 'from_date', description: 'First day of the statement (dd-mm-yyyy)', sample: '01-04-2026' },
      { name: 'to_date', description: 'Last day of the statement (dd-mm-yyyy)', sample: '23-11-2026' },
      {
        name: 'closing_balance',
        description: 'Balance at the end, Dr when the party owes, Cr when it is owed',
        sample: '₹11,800.00 Dr',
      },
    ],
  },
};

const PLACEHOLDER = /\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/gi;

/** Replaces {{name}} with values[name]; reports names the values do not have (they render empty). */
export function renderTemplate(text: string, values: Record<string, string>): { text: string; unknown: string[] } {
  const unknown = new Set<string>();
  const out = text.replace(PLACEHOLDER, (_match, name: string) => {
    const key = name.toLowerCase();
    if (Object.hasOwn(values, key)) return values[key] ?? '';
    unknown.add(key);
    return '';
  });
  return { text: out, unknown: [...unknown] };
}

export function sampleValues(key: EmailTemplateKey): Record<string, string> {
  return Object.fromEntries(TEMPLATE_DEFINITIONS[key].placeholders.map((p) => [p.name, p.sample]));
}

/** yyyy-mm-dd -> dd-mm-yyyy, the date form people read in India. */
export function displayDate(iso: string | null | undefined): string {
  if (!iso) return '';
  return `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
}
