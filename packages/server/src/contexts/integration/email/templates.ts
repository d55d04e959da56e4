import type { EmailPreview, EmailTemplate, UpdateEmailTemplateInput } from '@bizdash/contracts/email';
import { AppError } from '@bizdash/domain/errors';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { Clock } from '../../../platform/clock';
import type { Database, Executor } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import { TEMPLATE_DEFINITIONS, renderTemplate, sampleValues } from './email-templates';
import { deleteTemplate, findTemplateText, listTemplateRows, saveTemplate } from './email.repo';
import type { EmailTemplateKey } from './email.tables';

/** The templates Settings → Email lists and edits; the statement's text is built in for now. */
const TEMPLATE_KEYS: Exclude<EmailTemplateKey, 'statement'>[] = ['invoice', 'overdue_reminder', 'task_due'];

/** The text a template renders from: the edited one, or the built-in default. */
export async function templateText(
  executor: Executor,
  key: EmailTemplateKey,
): Promise<{ subject: string; body: string }> {
  const row = await findTemplateText(executor, key);
  return row ?? { subject: TEMPLATE_DEFINITIONS[key].subject, body: TEMPLATE_DEFINITIONS[key].body };
}

/** Editable email templates: list, edit (placeholders checked), reset to the built-in text, preview. */
export function makeEmailTemplates({
  database,
  audit,
  clock,
}: {
  database: Database;
  audit: AuditService;
  clock: Clock;
}) {
  async function listTemplates(): Promise<{ items: EmailTemplate[] }> {
    const rows = await listTemplateRows(database.db);
    return {
      items: TEMPLATE_KEYS.map((key) => {
        const def = TEMPLATE_DEFINITIONS[key];
        const row = rows.find((r) => r.key === key);
        return {
          key,
          label: def.label,
          subject: row?.subject ?? def.subject,
          body: row?.body ?? def.body,
          isDefault: !row,
          placeholders: def.placeholders.map(({ name, description }) => ({ name, description })),
          updatedAt: row?.updated_at ?? null,
        };
      }),
    };
  }

  async function updateTemplate(
    ctx: RequestContext,
    key: EmailTemplateKey,
    input: UpdateEmailTemplateInput,
  ): Promise<EmailTemplate> {
    const unknown = [
      ...renderTemplate(input.subject, sampleValues(key)).unknown,
      ...renderTemplate(input.body, sampleValues(key)).unknown,
    ];
    if (unknown.length > 0) {
      throw new AppError('VALIDATION_FAILED', `Unknown placeholder {{${unknown[0]}}} for this template`, {
        field: renderTemplate(input.subject, sampleValues(key)).unknown.length > 0 ? 'subject' : 'body',
      });
    }
    const now = clock.now().toISOString();
    await database.transaction(async (tx) => {
      const before = await templateText(tx, key);
      await saveTemplate(tx, key, { subject: input.subject, body: input.body, updated_at: now });
      await audit.record(tx, ctx, {
        action: 'email.template_updated',
        entity: 'email_template',
        entityId: key,
        changes: {
          subject: { before: before.subject, after: input.subject },
          body: { before: before.body, after: input.body },
        },
      });
    });
    const list = await listTemplates();
    const found = list.items.find((t) => t.key === key);
    if (!found) throw new AppError('NOT_FOUND', 'No such template');
    return found;
  }

  /** Back to the built-in text. */
  async function resetTemplate(ctx: RequestContext, key: EmailTemplateKey): Promise<EmailTemplate> {
    await database.transaction(async (tx) => {
      if ((await deleteTemplate(tx, key)) > 0) {
        await audit.record(tx, ctx, { action: 'email.template_reset', entity: 'email_template', entityId: key });
      }
    });
    const found = (await listTemplates()).items.find((t) => t.key === key);
    if (!found) throw new AppError('NOT_FOUND', 'No such template');
    return found;
  }

  function previewTemplate(key: EmailTemplateKey, input: UpdateEmailTemplateInput): EmailPreview {
    const values = sampleValues(key);
    const subject = renderTemplate(input.subject, values);
    const body = renderTemplate(input.body, values);
    return {
      subject: subject.text,
      body: body.text,
      unknownPlaceholders: [...new Set([...subject.unknown, ...body.unknown])],
    };
  }

  return { listTemplates, updateTemplate, resetTemplate, previewTemplate };
}
