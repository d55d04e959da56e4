/**
 * Setup for the `web` vitest project (component tests in happy-dom): the browser APIs Mantine expects that a DOM
 * implementation lacks (https://mantine.dev/guides/vitest/), and a clean page and fetch stub after every test.
 */
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// Mantine reads colour-scheme and breakpoint media queries; nothing matches, so the desktop layout renders.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  configurable: true,
  value: (query: string): MediaQueryList =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList,
});

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
Object.defineProperty(window, 'ResizeObserver', { writable: true, configurable: true, value: ResizeObserverStub });
Object.defineProperty(globalThis, 'ResizeObserver', { writable: true, configurable: true, value: ResizeObserverStub });

// Combobox options and ScrollArea scroll into view; a DOM without layout has nothing to scroll.
window.HTMLElement.prototype.scrollIntoView = function scrollIntoView() {};
window.HTMLElement.prototype.scrollTo = function scrollTo() {};

// Textarea autosize listens for web fonts loading; happy-dom has no FontFaceSet.
if (!('fonts' in document) || !document.fonts) {
  Object.defineProperty(document, 'fonts', {
    configurable: true,
    value: { addEventListener: () => {}, removeEventListener: () => {}, ready: Promise.resolve() },
  });
}

// Mantine's getComputedStyle wrapper trips over a second pseudo-element argument in some DOMs.
const { getComputedStyle } = window;
window.getComputedStyle = (element: Element) => getComputedStyle(element);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});
