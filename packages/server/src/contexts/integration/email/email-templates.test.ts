import { describe, expect, it } from 'vitest';
import { TEMPLATE_DEFINITIONS, displayDate, renderTemplate, sampleValues } from './email-templates';

describe('email templates', () => {
  it('replaces known placeholders, tolerating spaces and case, and reports unknown ones as empty', () => {
    const result = renderTemplate('Dear {{ party_name }}, {{Amount}} {{nope}}!', {
      party_name: 'Acme',
      amount: '₹1.00',
    });
    expect(result.text).toBe('Dear Acme, ₹1.00 !');
    expect(result.unknown).toEqual(['nope']);
  });

  it('does not treat values as templates (no double expansion)', () => {
    expect(renderTemplate('{{a}}', { a: '{{b}}', b: 'x' }).text).toBe('{{b}}');
  });

  it('every built-in template uses only its own placeholders', () => {
    for (const key of ['invoice', 'overdue_reminder', 'task_due'] as const) {
      const def = TEMPLATE_DEFINITIONS[key];
      const values = sampleValues(key);
      expect(renderTemplate(def.subject, values).unknown).toEqual([]);
      expect(renderTemplate(def.body, values).unknown).toEqual([]);
    }
  });

  it('shows dates as dd-mm-yyyy', () => {
    expect(displayDate('2026-11-05')).toBe('05-11-2026');
    expect(displayDate(null)).toBe('');
  });
});
