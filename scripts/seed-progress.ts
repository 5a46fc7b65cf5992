// The seed's progress at a scale above 1: a bar per step on a terminal; elsewhere (a log, a pipe,
// CI) a plain line at most every few seconds and one as each step ends, never a redrawn bar.
import { SingleBar } from 'cli-progress';

const STEP_NAMES: Record<string, string> = {
  applications: '使用单位、系统与申请 (units, systems, applications)',
  security: '安全协议、等保与检查 (security agreements, MLPS, inspections)',
  supervision: '监管系统副本 (supervision system replica)',
  samples: '监测样本 (monitoring samples)',
  rollups: '监测日汇总 (daily roll-ups of the samples)',
};

export class SeedProgress {
  private bar: SingleBar | null = null;
  private step: string | null = null;
  private lastPrinted = -Infinity;
  private readonly started = performance.now();

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly everyMs = 5_000,
  ) {}

  /** `done` of `total` in `step`. */
  readonly update = (step: string, done: number, total: number): void => {
    const name = STEP_NAMES[step] ?? step;
    const elapsed = ((performance.now() - this.started) / 1000).toFixed(0);
    if (this.stream.isTTY) {
      if (this.step !== step) {
        this.bar?.stop();
        this.bar = new SingleBar({ stream: this.stream, format: `${name} |{bar}| {value}/{total} | {elapsed} s`, hideCursor: true });
        this.bar.start(total, 0, { elapsed });
        this.step = step;
      }
      this.bar!.update(done, { elapsed });
      return;
    }
    const now = performance.now();
    if (this.step !== step || done === total || now - this.lastPrinted >= this.everyMs) {
      this.stream.write(`${name}: ${done}/${total} (${Math.floor((done / Math.max(total, 1)) * 100)}%), ${elapsed} s\n`);
      this.lastPrinted = now;
      this.step = step;
    }
  };

  stop(): void {
    this.bar?.stop();
  }
}
