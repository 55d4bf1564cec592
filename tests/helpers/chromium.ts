// Debian's Chromium as the tests and the benchmark launch it (DESIGN.md: no sandbox in the container, no GPU, no
// network chatter of its own).
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
