/**
 * Outside programs that lay out our DOCX (LibreOffice) need the fonts it
 * names. They come from npm packages, like everything else: this writes a
 * fontconfig file that adds the installed font packages to the system's
 * fonts, so a machine with no fonts installed lays the document out with the
 * faces the writer measured.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './corpus.js';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Environment for a child process that should see the npm font packages. */
export function npmFontsEnv(): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), 'brief-fontconfig-'));
  const file = join(dir, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${escapeXml(join(repoRoot, 'node_modules/@expo-google-fonts'))}</dir>
  <cachedir>${escapeXml(join(dir, 'cache'))}</cachedir>
</fontconfig>
`,
  );
  return { ...process.env, FONTCONFIG_FILE: file };
}
