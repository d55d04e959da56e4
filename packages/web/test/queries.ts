/** Small DOM helpers for assertions Testing Library leaves to jest-dom (not used here: it needs Node 22). */

/** The text of the elements an input's aria-describedby points at: Mantine puts a field's error message there. */
export function describedText(element: HTMLElement): string {
  const ids = (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => element.ownerDocument.getElementById(id)?.textContent ?? '').join(' ');
}

/** True when the field is marked invalid (Mantine sets aria-invalid with an error). */
export function isInvalid(element: HTMLElement): boolean {
  return element.getAttribute('aria-invalid') === 'true';
}
