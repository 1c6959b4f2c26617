/**
 * A quotation's attribution: its last paragraph, when it begins with a dash
 * (`> — Kathleen Scanlon, evidence to the Committee, 2024`, typed `---` or
 * `--`), names the source of the words above it. Every edition sets it apart:
 * flush right and not hyphenated, after the template's dash
 * (`strings.attributionDash`: `— `, ja `――`) whatever dash was typed.
 */
import { walkBlocks, type Block } from '@brief/document-model';

const dash = /^[—―–]/u;

export function markAttributions(body: readonly Block[], attributionDash?: string): void {
  walkBlocks(body, (block) => {
    if (block.kind !== 'blockquote' || block.children.length < 2) return;
    const last = block.children[block.children.length - 1]!;
    const first = last.kind === 'paragraph' ? last.children[0] : undefined;
    if (last.kind !== 'paragraph' || first?.kind !== 'text' || !dash.test(first.value)) return;
    last.attribution = true;
    if (attributionDash !== undefined) first.value = first.value.replace(/^[—―–]+[\s\u3000]*/u, attributionDash);
  });
}
