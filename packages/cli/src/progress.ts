/**
 * Per-artifact progress: on a terminal, one status line per artifact updated
 * in place; otherwise plain lines, one per finished artifact.
 */
import type { ProgressEvent } from '@brief/build-orchestrator';

/** How an artifact was made: from the build cache, or rendered in so many milliseconds. */
const howMade = (e: { stored?: boolean; ms: number }) => (e.stored ? 'from the build cache' : `${e.ms} ms`);

export function progressReporter(stream: NodeJS.WriteStream = process.stderr): (e: ProgressEvent) => void {
  const tty = stream.isTTY === true && !process.env.CI;
  if (!tty) {
    return (e) => {
      if (e.kind === 'done') stream.write(`${e.written ? 'wrote' : 'unchanged'} ${e.file} (${e.bytes} bytes, ${howMade(e)})\n`);
      else if (e.kind === 'current') stream.write(`current ${e.file}\n`);
      else if (e.kind === 'failed') stream.write(`failed ${e.file}: ${e.error}\n`);
    };
  }
  const lines: string[] = [];
  const index = new Map<string, number>();
  const draw = (file: string, text: string) => {
    let i = index.get(file);
    if (i === undefined) {
      i = lines.length;
      index.set(file, i);
      lines.push(text);
      stream.write(`${text}\n`);
      return;
    }
    lines[i] = text;
    const up = lines.length - i;
    stream.write(`\x1b[${up}A\r\x1b[2K${text}\x1b[${up}B\r`);
  };
  return (e) => {
    switch (e.kind) {
      case 'start':
        draw(e.file, `  … ${e.file}`);
        break;
      case 'done':
        draw(e.file, `  ✓ ${e.file} ${e.written ? '' : '(unchanged) '}${(e.bytes / 1024).toFixed(0)} KB ${howMade(e)}`);
        break;
      case 'current':
        draw(e.file, `  = ${e.file} (current)`);
        break;
      case 'failed':
        draw(e.file, `  ✗ ${e.file}: ${e.error}`);
        break;
    }
  };
}
