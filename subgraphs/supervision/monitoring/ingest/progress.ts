// The import's progress: a bar on a terminal; elsewhere (a log, a pipe, CI) a plain line now and
// then and one at the end, never a bar redrawn line after line.
import { SingleBar } from 'cli-progress';

export interface ProgressOptions {
  /** Without a terminal: a line at most this often (default 5 s), and the last state at the end. */
  everyMs?: number;
}

const FIELDS = '{mb}/{totalMb} MB | {rows} 行 (rows) | {rate} 行/秒 (rows/s) | {phase}';

export class ImportProgress {
  private readonly bar: SingleBar | null;
  private readonly started = performance.now();
  private lastLine: string | null = null;
  private lastPrinted = -Infinity;
  private pending = false;

  constructor(
    private readonly stream: NodeJS.WritableStream | null,
    private readonly totalBytes: number,
    private readonly options: ProgressOptions = {},
  ) {
    this.bar =
      stream && (stream as NodeJS.WriteStream).isTTY
        ? new SingleBar({ stream, format: `导入 (import) |{bar}| {percentage}% | ${FIELDS}`, hideCursor: true })
        : null;
    this.bar?.start(totalBytes, 0, this.payload(0, 0, '读取 (reading)'));
  }

  private payload(bytes: number, rows: number, phase: string) {
    const seconds = (performance.now() - this.started) / 1000;
    return {
      mb: (bytes / 1048576).toFixed(1),
      totalMb: (this.totalBytes / 1048576).toFixed(1),
      rows: rows.toLocaleString('en-US'),
      rate: seconds > 0 ? Math.round(rows / seconds).toLocaleString('en-US') : '0',
      phase,
    };
  }

  update(bytes: number, rows: number, phase: string): void {
    const shown = Math.min(bytes, this.totalBytes);
    if (this.bar) return this.bar.update(shown, this.payload(bytes, rows, phase));
    if (!this.stream) return;
    const values = this.payload(bytes, rows, phase);
    const percentage = this.totalBytes > 0 ? Math.floor((shown / this.totalBytes) * 100) : 100;
    this.lastLine = `导入 (import) ${percentage}% | ${FIELDS.replace(/\{(\w+)\}/g, (_, key: keyof typeof values) => values[key])}\n`;
    this.pending = true;
    if (performance.now() - this.lastPrinted >= (this.options.everyMs ?? 5_000)) this.print();
  }

  private print(): void {
    if (!this.lastLine || !this.pending) return;
    this.stream!.write(this.lastLine);
    this.lastPrinted = performance.now();
    this.pending = false;
  }

  stop(): void {
    if (this.bar) this.bar.stop();
    else if (this.stream) this.print();
  }
}
