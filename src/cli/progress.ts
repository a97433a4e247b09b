// What the build shows while it runs. On a terminal: a progress bar (done/total, departments not
// built so far, time left), with problems printed above it. In a pipe, a file or CI: the plain
// per-department lines, one as each department finishes, as a log reads best.
import cliProgress from 'cli-progress';

export interface Progress {
  /** Whether a bar is shown (the per-department lines of built departments are then left out). */
  readonly bar: boolean;
  /** A line for the screen (above the bar on a terminal). */
  line(text: string): void;
  /** One department finished; `failed` when it was not built. */
  tick(failed: boolean): void;
  /** The run is over: the bar is taken down (the lines stay). */
  stop(): void;
}

/** A progress display for `total` departments on stdout: a bar on a terminal (not in CI), else plain lines. */
export function startProgress(total: number, stream: NodeJS.WriteStream = process.stdout): Progress {
  if (!stream.isTTY || process.env.CI || total < 2) {
    return { bar: false, line: (text) => void stream.write(`${text}\n`), tick: () => undefined, stop: () => undefined };
  }
  const bars = new cliProgress.MultiBar(
    {
      stream,
      format: '生成中 [{bar}] {value}/{total} 个部门 | 未生成 {failed} 个 | 还需约 {eta_formatted}',
      barCompleteChar: '█',
      barIncompleteChar: '░',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
      // the time left is estimated from the departments done, so a second is soon enough
      fps: 2,
    },
    cliProgress.Presets.shades_classic,
  );
  const bar = bars.create(total, 0, { failed: 0 });
  let failed = 0;
  let running = true;
  return {
    bar: true,
    // above the bar while it runs; plain lines once it is down
    line: (text) => (running ? bars.log(`${text}\n`) : void stream.write(`${text}\n`)),
    tick: (notBuilt) => {
      if (notBuilt) failed++;
      bar.increment(1, { failed });
    },
    stop: () => {
      if (running) bars.stop();
      running = false;
    },
  };
}
