import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Task } from '@bizdash/contracts/tasks';
import { mockApi } from '../../../../test/mock-api';
import { renderWithApp } from '../../../../test/render';
import { TaskList } from './task-list';

function taskFixture(patch: Partial<Task> & Pick<Task, 'id' | 'title'>): Task {
  return Task.parse({
    description: null,
    order: { id: 17, number: 'ORD-0017', title: 'Share transfer' },
    assignee: { id: 1, name: 'Asha Rao' },
    dueDate: '2026-11-20',
    priority: 'high',
    isCompleted: false,
    completedAt: null,
    completedBy: null,
    isOverdue: true,
    isDueToday: false,
    createdBy: null,
    createdAt: '2026-11-01T06:30:00Z',
    updatedAt: '2026-11-01T06:30:00Z',
    ...patch,
  });
}

const tasks = [
  taskFixture({ id: 5, title: 'Call the registrar' }),
  taskFixture({ id: 6, title: 'File the form', order: null, isOverdue: false, isCompleted: true }),
];

/** A 390 px wide screen: the `sm` breakpoint's "not at least" query matches, as on a phone. */
function asPhone() {
  const original = window.matchMedia;
  window.matchMedia = (query: string) => ({ ...original(query), matches: query.startsWith('not all and') });
  return () => {
    window.matchMedia = original;
  };
}

describe('TaskList on a phone', () => {
  let restore: () => void;
  beforeEach(() => {
    restore = asPhone();
  });
  afterEach(() => restore());

  it('shows cards, each with "Mark done" one tap away', async () => {
    const api = mockApi({
      'PATCH /api/v1/tasks/:id': (request) => ({ ...tasks[0], isCompleted: true, id: Number(request.params.id) }),
    });
    const { user } = renderWithApp(<TaskList tasks={tasks} showOrder canWrite />);

    expect(screen.queryByRole('checkbox')).toBeNull();
    const card = screen.getByTestId('task-5');
    expect(card.textContent).toContain('Call the registrar');
    expect(card.textContent).toContain('ORD-0017');
    expect(card.textContent).toContain('20-11-2026');
    expect(card.textContent).toContain('Overdue');
    expect(screen.getByTestId('task-6').textContent).toContain('Standalone');

    await user.click(screen.getByRole('button', { name: 'Complete Call the registrar' }));
    await waitFor(() => expect(api.calls('PATCH /api/v1/tasks/5')).toHaveLength(1));
    expect(api.calls('PATCH /api/v1/tasks/5')[0]?.body).toEqual({ isCompleted: true });
    // The tap was the button's: the card did not open the order.
    expect(screen.getByTestId('location').textContent).toBe('/');
    // A done task offers to reopen it instead.
    expect(screen.getByRole('button', { name: 'Reopen File the form' }).textContent).toContain('Reopen');
  });

  it('opens the task’s order on a tap elsewhere on the card', async () => {
    mockApi({});
    const { user } = renderWithApp(<TaskList tasks={tasks} showOrder canWrite={false} />);
    expect(screen.queryByRole('button', { name: /Complete/ })).toBeNull();
    await user.click(screen.getByText('Asha Rao', { selector: '[data-testid="task-5"] *' }));
    expect(screen.getByTestId('location').textContent).toBe('/orders/17');
  });
});

describe('TaskList on a desktop', () => {
  it('keeps its rows with a checkbox each', () => {
    mockApi({});
    renderWithApp(<TaskList tasks={tasks} showOrder canWrite />);
    expect(screen.getAllByRole('checkbox')).toHaveLength(2);
  });
});
