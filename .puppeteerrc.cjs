/**
 * Puppeteer (used by DAISY Ace in tests/interop/ace.test.ts) downloads no
 * browser on install: the tests run it with the system's Chromium
 * (PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium).
 */
module.exports = { skipDownload: true };
