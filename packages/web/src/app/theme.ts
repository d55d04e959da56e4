import { createTheme, localStorageColorSchemeManager } from '@mantine/core';

/** System fonts only: the app is self-hosted, often on a closed network, and fetches no web fonts. */
const SYSTEM_FONTS =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif, ' +
  '"Apple Color Emoji", "Segoe UI Emoji"';

export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 6, dark: 5 },
  fontFamily: SYSTEM_FONTS,
  fontFamilyMonospace:
    'ui-monospace, "SFMono-Regular", "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace',
  headings: { fontFamily: SYSTEM_FONTS, fontWeight: '650' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  components: {
    // The required marker is drawn in CSS (global.css), not as text inside <label>: label text then stays exactly
    // "Email", which is what people and label-based tests look for.
    InputWrapper: {
      defaultProps: { withAsterisk: false },
    },
    // Closed dropdowns leave the page: a hidden listbox named after the field would make its label ambiguous.
    Select: {
      defaultProps: { comboboxProps: { keepMounted: false } },
    },
    Autocomplete: {
      defaultProps: { comboboxProps: { keepMounted: false } },
    },
    Table: {
      defaultProps: { verticalSpacing: 'sm', horizontalSpacing: 'md' },
    },
    Badge: {
      // Sentence case reads calmer than Mantine's default capitals in dense tables.
      defaultProps: { radius: 'sm', tt: 'none', fw: 600 },
      // A status is short and must be read whole: a table column may not squeeze it to "Co…" (issue 18). The badge
      // keeps its text's width and never shrinks below it.
      styles: { root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible', textOverflow: 'clip' } },
    },
    Modal: {
      defaultProps: { centered: true, radius: 'md', overlayProps: { backgroundOpacity: 0.45, blur: 2 } },
      styles: { title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } },
    },
    Drawer: {
      styles: { title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } },
    },
    Tooltip: {
      defaultProps: { withArrow: true, openDelay: 300 },
    },
    Paper: {
      defaultProps: { radius: 'md' },
    },
  },
});

/** The chosen light/dark scheme is remembered in localStorage; no inline script (the CSP forbids one). */
export const colorSchemeManager = localStorageColorSchemeManager({ key: 'bizdash-color-scheme' });
